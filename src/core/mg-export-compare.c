/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "mg-export-compare.h"
#include "mg-export-markdown.h"
#include "mg-json-writer.h"
#include "mg-sidecar.h"

struct _MgComparison
{
  char      *labels[2];
  char      *sidecars[2];
  GPtrArray *changes;     /* MgChange * */
  GPtrArray *tag_ids;     /* char * */
  GArray    *counts[2];   /* guint, one per tag */
};

MgComparison *
mg_comparison_new (MgAnnotationStore *old_store,
                   const char        *old_label,
                   const char        *old_sidecar,
                   MgAnnotationStore *new_store,
                   const char        *new_label,
                   const char        *new_sidecar)
{
  MgComparison *self = g_new0 (MgComparison, 1);
  MgAnnotationStore *stores[2] = { old_store, new_store };

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (old_store) && MG_IS_ANNOTATION_STORE (new_store), NULL);

  self->labels[0] = g_strdup (old_label != NULL ? old_label : "");
  self->labels[1] = g_strdup (new_label != NULL ? new_label : "");
  self->sidecars[0] = g_strdup (old_sidecar != NULL ? old_sidecar : "");
  self->sidecars[1] = g_strdup (new_sidecar != NULL ? new_sidecar : "");
  self->changes = mg_change_compare_documents (mg_annotation_store_get_document (old_store),
                                        mg_annotation_store_get_document (new_store));
  self->tag_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint d = 0; d < 2; d++)
    {
      MgTagSet *set = mg_annotation_store_get_tag_set (stores[d]);

      self->counts[d] = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < mg_tag_set_get_n_tags (set); i++)
        {
          const char *id = mg_tag_get_id (mg_tag_set_get_tag (set, i));

          if (!g_ptr_array_find_with_equal_func (self->tag_ids, id, g_str_equal, NULL))
            g_ptr_array_add (self->tag_ids, g_strdup (id));
        }
    }
  for (guint i = 0; i < self->tag_ids->len; i++)
    for (guint d = 0; d < 2; d++)
      {
        guint n = mg_annotation_store_count_tag (stores[d], g_ptr_array_index (self->tag_ids, i));

        g_array_append_val (self->counts[d], n);
      }
  return self;
}

MgAnnotationStore *
mg_comparison_open_speech (GFile         *document_file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(GFile) sidecar_file = NULL;
  g_autoptr(MgSidecar) sidecar = NULL;

  g_return_val_if_fail (G_IS_FILE (document_file), NULL);

  document = mg_document_load (document_file, cancellable, error);
  if (document == NULL)
    return NULL;
  sidecar_file = mg_sidecar_default_file (document_file);
  sidecar = mg_sidecar_new (sidecar_file, document);
  if (!mg_sidecar_load (sidecar, cancellable, error))
    return NULL;
  return g_object_ref (mg_sidecar_get_store (sidecar));
}

void
mg_comparison_free (MgComparison *self)
{
  if (self == NULL)
    return;
  for (guint d = 0; d < 2; d++)
    {
      g_free (self->labels[d]);
      g_free (self->sidecars[d]);
      g_array_unref (self->counts[d]);
    }
  g_ptr_array_unref (self->changes);
  g_ptr_array_unref (self->tag_ids);
  g_free (self);
}

GPtrArray *
mg_comparison_get_changes (MgComparison *self)
{
  return self->changes;
}

guint
mg_comparison_get_n_tags (MgComparison *self)
{
  return self->tag_ids->len;
}

const char *
mg_comparison_get_tag (MgComparison *self,
                       guint         i,
                       guint        *out_old_count,
                       guint        *out_new_count)
{
  g_return_val_if_fail (i < self->tag_ids->len, NULL);

  if (out_old_count != NULL)
    *out_old_count = g_array_index (self->counts[0], guint, i);
  if (out_new_count != NULL)
    *out_new_count = g_array_index (self->counts[1], guint, i);
  return g_ptr_array_index (self->tag_ids, i);
}

/* JSON */

static void
add_side (JsonBuilder  *builder,
          MgComparison *self,
          guint         d)
{
  json_builder_set_member_name (builder, d == 0 ? "old" : "new");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document");
  json_builder_add_string_value (builder, self->labels[d]);
  json_builder_set_member_name (builder, "sidecar");
  json_builder_add_string_value (builder, self->sidecars[d]);
  json_builder_set_member_name (builder, "by_tag");
  json_builder_begin_object (builder);
  for (guint i = 0; i < self->tag_ids->len; i++)
    {
      json_builder_set_member_name (builder, g_ptr_array_index (self->tag_ids, i));
      json_builder_add_int_value (builder, g_array_index (self->counts[d], guint, i));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_changes (JsonBuilder      *builder,
             GPtrArray        *changes,
             MgSuggestionKind  kind,
             MgChangeKind      which)
{
  json_builder_set_member_name (builder, mg_change_kind_to_string (which));
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      MgChange *c = changes->pdata[i];

      if (c->kind != kind || c->change != which)
        continue;
      json_builder_begin_object (builder);
      if (kind == MG_SUGGESTION_FIGURE)
        {
          json_builder_set_member_name (builder, "context");
          json_builder_add_string_value (builder, c->context);
        }
      if (c->old_quote != NULL)
        {
          json_builder_set_member_name (builder, "old");
          json_builder_add_string_value (builder, c->old_quote);
          json_builder_set_member_name (builder, "old_paragraph");
          json_builder_add_int_value (builder, c->old_paragraph);
        }
      if (c->new_quote != NULL)
        {
          json_builder_set_member_name (builder, "new");
          json_builder_add_string_value (builder, c->new_quote);
          json_builder_set_member_name (builder, "new_paragraph");
          json_builder_add_int_value (builder, c->new_paragraph);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
write_json (MgComparison           *self,
            MgComparisonWriteFlags  flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *out = g_string_new (NULL);

  json_builder_begin_object (builder);
  add_side (builder, self, 0);
  add_side (builder, self, 1);
  json_builder_set_member_name (builder, "slogans");
  json_builder_begin_object (builder);
  add_changes (builder, self->changes, MG_SUGGESTION_SLOGAN, MG_CHANGE_NEW);
  add_changes (builder, self->changes, MG_SUGGESTION_SLOGAN, MG_CHANGE_DROPPED);
  if (flags & MG_COMPARISON_WRITE_KEPT)
    add_changes (builder, self->changes, MG_SUGGESTION_SLOGAN, MG_CHANGE_KEPT);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  add_changes (builder, self->changes, MG_SUGGESTION_FIGURE, MG_CHANGE_CHANGED);
  add_changes (builder, self->changes, MG_SUGGESTION_FIGURE, MG_CHANGE_NEW);
  add_changes (builder, self->changes, MG_SUGGESTION_FIGURE, MG_CHANGE_DROPPED);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  /* The sidecar's style: "key": value, raw UTF-8. */
  mg_json_append_node (out, root, 0, TRUE);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* Markdown and HTML, written through one small set of helpers. */

typedef struct
{
  GString  *out;
  gboolean  html;
  gboolean  numeric;  /* Markdown tables: right-align the columns after the first */
} Report;

static void
append_escaped (Report     *report,
                const char *text)
{
  if (report->html)
    _mg_export_append_html (report->out, text);
  else
    mg_export_markdown_append_text (report->out, text, TRUE);
}

static void
heading (Report     *report,
         guint       level,
         const char *text)
{
  if (report->html)
    {
      g_string_append_printf (report->out, "<h%u>", level);
      append_escaped (report, text);
      g_string_append_printf (report->out, "</h%u>\n", level);
    }
  else
    {
      for (guint i = 0; i < level; i++)
        g_string_append_c (report->out, '#');
      g_string_append_c (report->out, ' ');
      append_escaped (report, text);
      g_string_append (report->out, "\n\n");
    }
}

static void
table_row (Report             *report,
           const char * const *cells,
           guint               n,
           gboolean            head)
{
  if (report->html)
    {
      g_string_append (report->out, "<tr>");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (report->out, head ? "<th>" : "<td>");
          append_escaped (report, cells[i]);
          g_string_append (report->out, head ? "</th>" : "</td>");
        }
      g_string_append (report->out, "</tr>\n");
      return;
    }
  g_string_append (report->out, "|");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (report->out, ' ');
      append_escaped (report, cells[i]);
      g_string_append (report->out, " |");
    }
  g_string_append_c (report->out, '\n');
  if (head)
    {
      g_string_append (report->out, "|");
      for (guint i = 0; i < n; i++)
        g_string_append (report->out, i > 0 && report->numeric ? " ---: |" : " --- |");
      g_string_append_c (report->out, '\n');
    }
}

static void
table_begin (Report *report)
{
  if (report->html)
    g_string_append (report->out, "<table>\n");
}

static void
table_end (Report *report)
{
  g_string_append (report->out, report->html ? "</table>\n" : "\n");
}

static char *
with_paragraph (const char *quote,
                guint       paragraph)
{
  /* TRANSLATORS: a quote and its paragraph number. */
  return g_strdup_printf (_("%s (¶%u)"), quote, paragraph);
}

static void
write_section (Report           *report,
               GPtrArray        *changes,
               MgSuggestionKind  kind,
               MgChangeKind      which,
               const char       *title)
{
  g_autofree char *head = NULL;
  guint n = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      MgChange *c = changes->pdata[i];

      n += c->kind == kind && c->change == which;
    }
  head = g_strdup_printf ("%s (%u)", title, n);
  heading (report, 3, head);
  if (n == 0)
    {
      g_string_append (report->out, report->html ? "<p>" : "");
      append_escaped (report, _("None."));
      g_string_append (report->out, report->html ? "</p>\n" : "\n\n");
      return;
    }

  table_begin (report);
  if (which == MG_CHANGE_KEPT)
    {
      const char *cells[] = { _("Slogan or formula"), _("Old"), _("New") };

      table_row (report, cells, 3, TRUE);
    }
  else if (which == MG_CHANGE_CHANGED)
    {
      const char *cells[] = { _("Context"), _("Old"), _("New") };

      table_row (report, cells, 3, TRUE);
    }
  else if (kind == MG_SUGGESTION_FIGURE)
    {
      const char *cells[] = { _("Context"), _("Figure") };

      table_row (report, cells, 2, TRUE);
    }
  else
    {
      const char *cells[] = { _("Slogan or formula") };

      table_row (report, cells, 1, TRUE);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      MgChange *c = changes->pdata[i];
      g_autofree char *old_cell = NULL;
      g_autofree char *new_cell = NULL;

      if (c->kind != kind || c->change != which)
        continue;
      if (which == MG_CHANGE_KEPT)
        {
          /* One text: the paragraph of each speech. */
          g_autofree char *old_place = mg_location_format (c->old_paragraph, 0);
          g_autofree char *new_place = mg_location_format (c->new_paragraph, 0);
          const char *cells[] = { c->new_quote, old_place, new_place };

          table_row (report, cells, 3, FALSE);
          continue;
        }
      if (c->old_quote != NULL)
        old_cell = with_paragraph (c->old_quote, c->old_paragraph);
      if (c->new_quote != NULL)
        new_cell = with_paragraph (c->new_quote, c->new_paragraph);
      if (which == MG_CHANGE_CHANGED)
        {
          const char *cells[] = { c->context, old_cell, new_cell };

          table_row (report, cells, 3, FALSE);
        }
      else
        {
          const char *cell = old_cell != NULL ? old_cell : new_cell;
          const char *cells[] = { c->context, cell };

          if (kind == MG_SUGGESTION_FIGURE)
            table_row (report, cells, 2, FALSE);
          else
            table_row (report, cells + 1, 1, FALSE);
        }
    }
  table_end (report);
}

static char *
write_report (MgComparison           *self,
              gboolean                html,
              MgComparisonWriteFlags  flags)
{
  GString *out = g_string_new (NULL);
  Report report = { out, html, FALSE };
  g_autofree char *title = g_strdup_printf (_("Comparison of %s and %s"),
                                            self->labels[0], self->labels[1]);

  if (html)
    {
      g_string_append (out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
      append_escaped (&report, title);
      g_string_append (out, "</title>\n</head>\n<body>\n");
    }
  heading (&report, 1, title);

  heading (&report, 2, _("Annotations by tag"));
  report.numeric = TRUE;
  table_begin (&report);
  {
    const char *cells[] = { _("Tag"), self->labels[0], self->labels[1] };

    table_row (&report, cells, 3, TRUE);
  }
  for (guint i = 0; i < self->tag_ids->len; i++)
    {
      g_autofree char *o = g_strdup_printf ("%u", g_array_index (self->counts[0], guint, i));
      g_autofree char *n = g_strdup_printf ("%u", g_array_index (self->counts[1], guint, i));
      const char *cells[] = { g_ptr_array_index (self->tag_ids, i), o, n };

      table_row (&report, cells, 3, FALSE);
    }
  table_end (&report);
  report.numeric = FALSE;

  heading (&report, 2, _("Slogans and formulas"));
  write_section (&report, self->changes, MG_SUGGESTION_SLOGAN, MG_CHANGE_NEW, _("New"));
  write_section (&report, self->changes, MG_SUGGESTION_SLOGAN, MG_CHANGE_DROPPED, _("Dropped"));
  if (flags & MG_COMPARISON_WRITE_KEPT)
    write_section (&report, self->changes, MG_SUGGESTION_SLOGAN, MG_CHANGE_KEPT, _("Kept"));
  heading (&report, 2, _("Figures"));
  write_section (&report, self->changes, MG_SUGGESTION_FIGURE, MG_CHANGE_CHANGED, _("Changed"));
  write_section (&report, self->changes, MG_SUGGESTION_FIGURE, MG_CHANGE_NEW, _("New"));
  write_section (&report, self->changes, MG_SUGGESTION_FIGURE, MG_CHANGE_DROPPED, _("Dropped"));

  if (html)
    g_string_append (out, "</body>\n</html>\n");
  else
    {
      /* One newline at the end, not two. */
      while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
        g_string_truncate (out, out->len - 1);
    }
  return g_string_free (out, FALSE);
}

char *
mg_comparison_write_full (MgComparison           *self,
                          MgComparisonFormat      format,
                          MgComparisonWriteFlags  flags)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (format == MG_COMPARISON_JSON)
    return write_json (self, flags);
  return write_report (self, format == MG_COMPARISON_HTML, flags);
}

char *
mg_comparison_write (MgComparison       *self,
                     MgComparisonFormat  format)
{
  return mg_comparison_write_full (self, format, MG_COMPARISON_WRITE_DEFAULT);
}
