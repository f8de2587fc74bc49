/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-compare.h"

/* The tags of both sidecars (the old one's order, then the new one's
 * additions) with each document's count. */
typedef struct
{
  GPtrArray *ids;
  GArray    *old_counts;
  GArray    *new_counts;
} TagCounts;

static void
tag_counts_init (TagCounts  *counts,
                 MgCliFiles *old_files,
                 MgCliFiles *new_files)
{
  MgCliFiles *both[2] = { old_files, new_files };

  counts->ids = g_ptr_array_new ();
  counts->old_counts = g_array_new (FALSE, FALSE, sizeof (guint));
  counts->new_counts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint d = 0; d < 2; d++)
    {
      MgTagSet *set = mg_annotation_store_get_tag_set (both[d]->store);

      for (guint i = 0; i < mg_tag_set_get_n_tags (set); i++)
        {
          const char *id = mg_tag_get_id (mg_tag_set_get_tag (set, i));

          if (!g_ptr_array_find_with_equal_func (counts->ids, id, g_str_equal, NULL))
            g_ptr_array_add (counts->ids, (gpointer) id);
        }
    }
  for (guint i = 0; i < counts->ids->len; i++)
    {
      guint o = mg_annotation_store_count_tag (old_files->store, counts->ids->pdata[i]);
      guint n = mg_annotation_store_count_tag (new_files->store, counts->ids->pdata[i]);

      g_array_append_val (counts->old_counts, o);
      g_array_append_val (counts->new_counts, n);
    }
}

static void
tag_counts_clear (TagCounts *counts)
{
  g_ptr_array_unref (counts->ids);
  g_array_unref (counts->old_counts);
  g_array_unref (counts->new_counts);
}

/* JSON */

static void
add_side (JsonBuilder *builder,
          const char  *name,
          MgCliFiles  *files,
          TagCounts   *counts,
          GArray      *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document");
  json_builder_add_string_value (builder, files->document_path);
  json_builder_set_member_name (builder, "sidecar");
  json_builder_add_string_value (builder, files->sidecar_path);
  json_builder_set_member_name (builder, "by_tag");
  json_builder_begin_object (builder);
  for (guint i = 0; i < counts->ids->len; i++)
    {
      json_builder_set_member_name (builder, counts->ids->pdata[i]);
      json_builder_add_int_value (builder, g_array_index (values, guint, i));
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

static void
write_json (MgCliFiles *old_files,
            MgCliFiles *new_files,
            TagCounts  *counts,
            GPtrArray  *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_side (builder, "old", old_files, counts, counts->old_counts);
  add_side (builder, "new", new_files, counts, counts->new_counts);
  json_builder_set_member_name (builder, "slogans");
  json_builder_begin_object (builder);
  add_changes (builder, changes, MG_SUGGESTION_SLOGAN, MG_CHANGE_NEW);
  add_changes (builder, changes, MG_SUGGESTION_SLOGAN, MG_CHANGE_DROPPED);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  add_changes (builder, changes, MG_SUGGESTION_FIGURE, MG_CHANGE_CHANGED);
  add_changes (builder, changes, MG_SUGGESTION_FIGURE, MG_CHANGE_NEW);
  add_changes (builder, changes, MG_SUGGESTION_FIGURE, MG_CHANGE_DROPPED);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mg_cli_json_write (root);
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
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append (report->out, escaped);
      return;
    }
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '|' || *p == '\\' || *p == '*' || *p == '_' || *p == '`' || *p == '[' ||
          *p == ']' || *p == '<' || *p == '>')
        g_string_append_c (report->out, '\\');
      if (*p == '\n')
        g_string_append_c (report->out, ' ');
      else
        g_string_append_c (report->out, *p);
    }
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
  if (which == MG_CHANGE_CHANGED)
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

static void
write_report (gboolean    html,
              MgCliFiles *old_files,
              MgCliFiles *new_files,
              TagCounts  *counts,
              GPtrArray  *changes)
{
  g_autoptr(GString) out = g_string_new (NULL);
  Report report = { out, html, FALSE };
  g_autofree char *title = g_strdup_printf (_("Comparison of %s and %s"),
                                            old_files->document_path, new_files->document_path);

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
    const char *cells[] = { _("Tag"), old_files->document_path, new_files->document_path };

    table_row (&report, cells, 3, TRUE);
  }
  for (guint i = 0; i < counts->ids->len; i++)
    {
      g_autofree char *o = g_strdup_printf ("%u", g_array_index (counts->old_counts, guint, i));
      g_autofree char *n = g_strdup_printf ("%u", g_array_index (counts->new_counts, guint, i));
      const char *cells[] = { counts->ids->pdata[i], o, n };

      table_row (&report, cells, 3, FALSE);
    }
  table_end (&report);
  report.numeric = FALSE;

  heading (&report, 2, _("Slogans and formulas"));
  write_section (&report, changes, MG_SUGGESTION_SLOGAN, MG_CHANGE_NEW, _("New"));
  write_section (&report, changes, MG_SUGGESTION_SLOGAN, MG_CHANGE_DROPPED, _("Dropped"));
  heading (&report, 2, _("Figures"));
  write_section (&report, changes, MG_SUGGESTION_FIGURE, MG_CHANGE_CHANGED, _("Changed"));
  write_section (&report, changes, MG_SUGGESTION_FIGURE, MG_CHANGE_NEW, _("New"));
  write_section (&report, changes, MG_SUGGESTION_FIGURE, MG_CHANGE_DROPPED, _("Dropped"));

  if (html)
    g_string_append (out, "</body>\n</html>\n");
  else
    {
      /* One newline at the end, not two. */
      while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
        g_string_truncate (out, out->len - 1);
    }
  mg_cli_write (out->str, (gssize) out->len);
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) old_files = NULL;
  g_autoptr(MgCliFiles) new_files = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *format = NULL;
  gboolean json = FALSE;
  TagCounts counts;
  int status;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Write the comparison as JSON"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format,
      N_("Report format: md (default) or html"), N_("md|html") },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, FALSE, 2, 2, argc, argv, &status))
    return status;
  if (format != NULL && g_strcmp0 (format, "md") != 0 && g_strcmp0 (format, "html") != 0)
    return mg_cli_usage_error (command, _("unknown format “%s” (use md or html)"), format);
  if (format != NULL && json)
    return mg_cli_usage_error (command, _("give --json or --format, not both"));

  old_files = mg_cli_files_open (args.args[0], NULL, FALSE, &status);
  if (old_files == NULL)
    return status;
  new_files = mg_cli_files_open (args.args[1], NULL, FALSE, &status);
  if (new_files == NULL)
    return status;

  changes = mg_compare_documents (old_files->document, new_files->document);
  tag_counts_init (&counts, old_files, new_files);
  if (json)
    write_json (old_files, new_files, &counts, changes);
  else
    write_report (g_strcmp0 (format, "html") == 0, old_files, new_files, &counts, changes);
  tag_counts_clear (&counts);
  return MG_CLI_EXIT_OK;
}

const MgCliCommand mg_cli_command_compare = {
  "compare",
  "OLD_DOC NEW_DOC",
  "OLD_DOC NEW_DOC [--json] [--format md|html]",
  N_("Compare the slogans and figures of two speeches"),
  N_("Lists the slogans and formulas new in NEW_DOC or dropped from OLD_DOC, "
     "and the figures new, dropped or changed — a figure is changed when the "
     "words before it and its unit are the same and the number differs — "
     "with the counts per tag of each speech's annotations (0 when it has "
     "none). As Markdown (default) or HTML; with --json: {\"old\": {\"document\", "
     "\"sidecar\", \"by_tag\"}, \"new\": {…}, \"slogans\": {\"new\": […], "
     "\"dropped\": […]}, \"figures\": {\"changed\": […], \"new\": […], "
     "\"dropped\": […]}}, each entry with context, old, old_paragraph, new, "
     "new_paragraph as they apply."),
  run,
};
