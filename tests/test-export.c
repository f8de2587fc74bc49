/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "export-fixture.h"
#include "mg-export.h"
#include "mg-statistics.h"
#include "mg-summary.h"

/* ---- helpers ---- */

static GBytes *
export_bytes (MgAnnotationStore     *store,
              const MgSummaryFilter *filter,
              MgExportFormat         format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, filter, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = mg_export_to_bytes (summary, format, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static char *
export_string (MgAnnotationStore     *store,
               const MgSummaryFilter *filter,
               MgExportFormat         format)
{
  g_autoptr(GBytes) bytes = export_bytes (store, filter, format);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_true (g_utf8_validate (data, size, NULL));
  return g_strndup (data, size);
}

/* ---- golden files ---- */

typedef struct
{
  const char     *fixture;
  MgExportFormat  format;
  const char     *golden;
} GoldenCase;

static void
test_golden (gconstpointer data)
{
  const GoldenCase *c = data;
  g_autoptr(MgAnnotationStore) store = g_str_equal (c->fixture, "zh") ? fixture_store_zh ()
                                                                      : fixture_store_en ();
  g_autoptr(GBytes) bytes = export_bytes (store, NULL, c->format);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export", c->golden, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gsize expected_len;
  gsize size;
  const char *got = g_bytes_get_data (bytes, &size);

  /* MG_UPDATE_GOLDEN=1 rewrites the golden files after a deliberate
   * change of a format. */
  if (g_getenv ("MG_UPDATE_GOLDEN") != NULL)
    {
      g_file_set_contents (path, got, size, &error);
      g_assert_no_error (error);
    }

  g_file_get_contents (path, &expected, &expected_len, &error);
  g_assert_no_error (error);
  if (expected_len != size || memcmp (expected, got, size) != 0)
    {
      g_autofree char *got_str = g_strndup (got, size);

      g_test_message ("Export differs from %s:\n%s", path, got_str);
    }
  g_assert_cmpmem (got, size, expected, expected_len);
}

/* ---- HTML ---- */

static const char * const html_tags[] = {
  "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "time",
  "table", "tr", "th", "td", "span", "section", "article", "blockquote",
  "figure", "figcaption", "svg", "rect", NULL
};

/* A strict scan: every '<' opens one of the tags we write, or closes one,
 * and every '&' starts one of the five references we write. Anything else
 * means user text got through unescaped. */
static void
html_check_markup (const char *html)
{
  const char *p = html;

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  p += strlen ("<!DOCTYPE html>\n");
  for (; *p != '\0'; p++)
    {
      if (*p == '<')
        {
          const char *name = p + 1;
          gsize len;
          g_autofree char *tag = NULL;

          if (*name == '/')
            name++;
          len = strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789");
          tag = g_strndup (name, len);
          if (!g_strv_contains (html_tags, tag))
            g_error ("Unexpected markup at: %.40s", p);
          g_assert_true (name[len] == '>' || name[len] == ' ');
        }
      else if (*p == '&')
        {
          if (!g_str_has_prefix (p, "&amp;") && !g_str_has_prefix (p, "&lt;")
              && !g_str_has_prefix (p, "&gt;") && !g_str_has_prefix (p, "&quot;")
              && !g_str_has_prefix (p, "&#39;"))
            g_error ("Unescaped ampersand at: %.40s", p);
        }
    }
}

/* Text content of the elements of @html with class @klass, unescaped. */
static GPtrArray *
html_texts_of_class (const char *html,
                     const char *element,
                     const char *klass)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *open = klass != NULL ? g_strdup_printf ("<%s class=\"%s\">", element, klass)
                                        : g_strdup_printf ("<%s>", element);
  g_autofree char *close = g_strdup_printf ("</%s>", element);
  const char *p = html;

  while ((p = strstr (p, open)) != NULL)
    {
      const char *start = p + strlen (open);
      const char *end = strstr (start, close);
      GString *text = g_string_new (NULL);

      g_assert_nonnull (end);
      for (const char *q = start; q < end; q++)
        {
          static const struct { const char *ref; char c; } refs[] = {
            { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
          };
          gboolean replaced = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
            if (strncmp (q, refs[i].ref, strlen (refs[i].ref)) == 0)
              {
                g_string_append_c (text, refs[i].c);
                q += strlen (refs[i].ref) - 1;
                replaced = TRUE;
                break;
              }
          if (!replaced)
            g_string_append_c (text, *q);
        }
      g_ptr_array_add (texts, g_string_free (text, FALSE));
      p = end;
    }
  return texts;
}

static void
test_html_escaping (void)
{
  g_autoptr(MgDocument) document = mg_document_new_for_text (
    "<script>alert('x')</script> & \"quoted\" <b>bold</b>\n\nSecond paragraph.\n", -1,
    "<evil>&.txt");
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, NULL);
  g_autoptr(MgTag) tag = mg_tag_new ("evil", "<script>Tag</script>", "#123456", "");
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  const char *note = "Note <script>alert(\"n\")</script> & 'single' \"double\"";
  const char *quote = "<script>alert('x')</script> & \"quoted\" <b>bold</b>";

  g_assert_true (mg_annotation_store_add_tag (store, tag, &error));
  g_assert_no_error (error);
  fixture_add (store, "11111111-2222-4333-8444-555555555555", quote, "evil,figure", note, TRUE,
               "<img src=x onerror=alert(1)>");

  html = export_string (store, NULL, MG_EXPORT_FORMAT_HTML);
  html_check_markup (html);
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;"));
  g_assert_nonnull (strstr (html, "<html lang=\"en\">"));
  g_assert_nonnull (strstr (html, "@media print"));
  g_assert_null (strstr (html, "http://"));
  g_assert_null (strstr (html, "https://"));
  g_assert_null (strstr (html, "url("));

  quotes = html_texts_of_class (html, "blockquote", NULL);
  g_assert_cmpuint (quotes->len, >=, 2);   /* key quotes and the tag groups */
  for (guint i = 0; i < quotes->len; i++)
    g_assert_cmpstr (g_ptr_array_index (quotes, i), ==, quote);
  notes = html_texts_of_class (html, "p", "note");
  g_assert_cmpuint (notes->len, ==, 3);    /* key quotes, and each of its two tag groups */
  for (guint i = 0; i < notes->len; i++)
    g_assert_cmpstr (g_ptr_array_index (notes, i), ==, note);
}

/* The statistics figure: bars as long as the counts, the member's bar in
 * the colours of the tags they used, the strip's marks where the
 * annotations are; nothing of it for an empty summary. */
static void
test_html_statistics (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autofree char *html = export_string (store, NULL, MG_EXPORT_FORMAT_HTML);
  MgAnnotation *figure = mg_annotation_store_lookup (store, "0b6a1c1e-1a51-4c55-9d0e-000000000001");
  guint length = mg_document_get_length (mg_annotation_store_get_document (store));
  g_autofree char *mark = g_strdup_printf ("<rect x=\"%u\" ", mg_annotation_get_start (figure) * 500 / length);
  const char *statistics;
  const char *strip;

  html_check_markup (html);
  statistics = strstr (html, "<h2>Statistics</h2>");
  g_assert_nonnull (statistics);
  /* After the counts, before the quotes. */
  g_assert_true (statistics > strstr (html, "<h2>Counts</h2>"));
  g_assert_true (statistics < strstr (html, "<h2>Key quotes</h2>"));
  /* Figure 3 (the most), policy goal and slogan 2 each. */
  g_assert_nonnull (strstr (statistics, "<rect x=\"0\" width=\"1000\" height=\"10\" fill=\"#2ec27e\"/>"));
  g_assert_nonnull (strstr (statistics, "<rect x=\"0\" width=\"666\" height=\"10\" fill=\"#3584e4\"/>"));
  /* 李伟: two policy goals, three figures, one untagged highlight. */
  g_assert_nonnull (strstr (statistics, "aria-label=\"李伟: 5\""));
  g_assert_nonnull (strstr (statistics, "fill=\"#2ec27e\"><title>Figure: 3</title>"));
  g_assert_nonnull (strstr (statistics, "<title>Untagged highlights: 1</title>"));
  strip = strstr (statistics, "Where in the speech");
  g_assert_nonnull (strip);
  g_assert_nonnull (strstr (strip, "</figure>"));
  {
    g_autofree char *figure_html = g_strndup (strip, strstr (strip, "</figure>") - strip);

    g_assert_nonnull (strstr (figure_html, mark));
    /* Orphans have no place along the speech. */
    g_assert_null (strstr (figure_html, "#c01c28"));
    g_assert_null (strstr (figure_html, "Orphaned"));
  }
  g_assert_null (strstr (html, "<script"));

  {
    g_autoptr(MgDocument) document = fixture_load_document ("speech-zh.txt");
    g_autoptr(MgAnnotationStore) empty = mg_annotation_store_new (document, NULL);
    g_autofree char *none = export_string (empty, NULL, MG_EXPORT_FORMAT_HTML);

    g_assert_null (strstr (none, "Statistics"));
    g_assert_null (strstr (none, "<svg"));
  }
}

static void
test_html_lang (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autofree char *html = export_string (store, NULL, MG_EXPORT_FORMAT_HTML);

  html_check_markup (html);
  g_assert_nonnull (strstr (html, "<html lang=\"zh-CN\">"));
  g_assert_nonnull (strstr (html, "--tag: #2ec27e"));
}

/* ---- CSV ---- */

/* A strict RFC 4180 reader: rows end with CRLF; a field is either
 * unquoted (no comma, quote, CR or LF) or quoted with doubled quotes. */
static GPtrArray *
csv_parse (const char *data,
           gsize       size)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  const char *p = data;
  const char *end = data + size;

  while (p < end)
    {
      GString *field = g_string_new (NULL);

      if (*p == '"')
        {
          p++;
          for (;;)
            {
              g_assert_true (p < end);
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              g_string_append_c (field, *p++);
            }
        }
      else
        {
          while (p < end && *p != ',' && *p != '\r')
            {
              g_assert_true (*p != '"' && *p != '\n');
              g_string_append_c (field, *p++);
            }
        }
      g_ptr_array_add (row, g_string_free (field, FALSE));

      g_assert_true (p < end);
      if (*p == ',')
        {
          p++;
          continue;
        }
      g_assert_true (p + 1 < end && p[0] == '\r' && p[1] == '\n');
      p += 2;
      g_ptr_array_add (rows, row);
      row = g_ptr_array_new_with_free_func (g_free);
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  return rows;
}

static const char *
csv_expected (const char *value,
              char      **owned)
{
  if (value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL)
    return *owned = g_strconcat ("'", value, NULL);
  return value;
}

static void
test_csv_round_trip (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_en ();
  g_autoptr(MgDocument) document = mg_document_new_for_text (
    "=HYPERLINK(\"http://x\",\"click\"), then +1 and -2, @cmd, \"quoted, with comma\"\n"
    "\n"
    "Second\tline with a tab. 中文，“引号”。\n", -1, "csv.txt");
  g_autoptr(MgAnnotationStore) store2 = mg_annotation_store_new (document, NULL);
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  MgAnnotationStore *stores[] = { store, store2 };

  fixture_add (store2, "a0000000-0000-4000-8000-000000000001",
               "=HYPERLINK(\"http://x\",\"click\")", "figure", "+1 line\r\nnext, \"q\"", TRUE, "@bob");
  fixture_add (store2, "a0000000-0000-4000-8000-000000000002", "-2", "slogan,policy-goal",
               "\tindented", FALSE, "-minus");
  fixture_add (store2, "a0000000-0000-4000-8000-000000000003", "中文，“引号”。", NULL,
               "", FALSE, "李伟");

  for (guint s = 0; s < G_N_ELEMENTS (stores); s++)
    {
      gsize size;
      const char *data;

      g_clear_object (&summary);
      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_pointer (&rows, g_ptr_array_unref);

      summary = mg_summary_new (stores[s], NULL, &error);
      g_assert_no_error (error);
      bytes = mg_export_to_bytes (summary, MG_EXPORT_FORMAT_CSV, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, &size);

      g_assert_cmpuint (size, >, 3);
      g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);
      rows = csv_parse (data + 3, size - 3);
      g_assert_cmpuint (rows->len, ==, mg_summary_get_n_items (summary) + 1);

      {
        GPtrArray *header = g_ptr_array_index (rows, 0);
        const char *columns[] = { "id", "start", "end", "paragraph", "tags", "starred",
                                  "author", "quote", "note", "context" };

        g_assert_cmpuint (header->len, ==, G_N_ELEMENTS (columns));
        for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
          g_assert_cmpstr (g_ptr_array_index (header, c), ==, columns[c]);
      }

      for (guint i = 0; i < mg_summary_get_n_items (summary); i++)
        {
          const MgSummaryItem *item = mg_summary_get_item (summary, i);
          GPtrArray *row = g_ptr_array_index (rows, i + 1);
          g_autofree char *start = g_strdup_printf ("%u", item->start);
          g_autofree char *end = g_strdup_printf ("%u", item->end);
          g_autofree char *paragraph = item->paragraph > 0 ? g_strdup_printf ("%u", item->paragraph)
                                                           : g_strdup ("");
          g_autofree char *tags = g_strjoinv (",", item->tags);
          g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL;

          g_assert_cmpuint (row->len, ==, 10);
          g_assert_cmpstr (g_ptr_array_index (row, 0), ==, item->id);
          g_assert_cmpstr (g_ptr_array_index (row, 1), ==, start);
          g_assert_cmpstr (g_ptr_array_index (row, 2), ==, end);
          g_assert_cmpstr (g_ptr_array_index (row, 3), ==, paragraph);
          g_assert_cmpstr (g_ptr_array_index (row, 4), ==, tags);
          g_assert_cmpstr (g_ptr_array_index (row, 5), ==, item->starred ? "true" : "false");
          g_assert_cmpstr (g_ptr_array_index (row, 6), ==, csv_expected (item->author, &o1));
          g_assert_cmpstr (g_ptr_array_index (row, 7), ==, csv_expected (item->quote, &o2));
          g_assert_cmpstr (g_ptr_array_index (row, 8), ==, csv_expected (item->note, &o3));
          g_assert_cmpstr (g_ptr_array_index (row, 9), ==, csv_expected (item->context, &o4));

          /* No cell may start a formula. */
          for (guint c = 0; c < row->len; c++)
            {
              const char *cell = g_ptr_array_index (row, c);

              g_assert_false (cell[0] != '\0' && strchr ("=+-@\t\r", cell[0]) != NULL);
            }
        }
    }

  /* The injection cells of the second store, as a spreadsheet sees them. */
  {
    GPtrArray *row = g_ptr_array_index (rows, 1);

    g_assert_cmpstr (g_ptr_array_index (row, 7), ==, "'=HYPERLINK(\"http://x\",\"click\")");
    g_assert_cmpstr (g_ptr_array_index (row, 6), ==, "'@bob");
    g_assert_cmpstr (g_ptr_array_index (row, 8), ==, "'+1 line\r\nnext, \"q\"");
  }
}

/* ---- summary and filters ---- */

static void
test_summary_groups (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  const MgSummaryGroup *group;
  GPtrArray *counts;

  g_assert_no_error (error);
  g_assert_cmpstr (mg_summary_get_title (summary), ==, "在全市高质量发展推进大会上的讲话");
  g_assert_cmpstr (mg_summary_get_source (summary), ==, "speech-zh.txt");
  g_assert_cmpstr (mg_summary_get_date (summary), ==, "2025-11-28T09:32:44Z");
  g_assert_cmpstr (mg_summary_get_language (summary), ==, "zh");
  g_assert_cmpuint (mg_summary_get_n_items (summary), ==, 8);

  /* policy-goal, figure, slogan, untagged, orphaned */
  g_assert_cmpuint (mg_summary_get_n_groups (summary), ==, 5);
  group = mg_summary_get_group (summary, 0);
  g_assert_cmpint (group->kind, ==, MG_SUMMARY_GROUP_TAG);
  g_assert_cmpstr (group->tag_id, ==, "policy-goal");
  g_assert_cmpuint (group->items->len, ==, 2);   /* the orphan is in its own group */
  group = mg_summary_get_group (summary, 1);
  g_assert_cmpstr (group->tag_id, ==, "figure");
  g_assert_cmpuint (group->items->len, ==, 3);   /* 1850, 233, and the goal with two tags */
  g_assert_cmpstr (((MgSummaryItem *) g_ptr_array_index (group->items, 0))->quote, ==, "1850 亿元");
  g_assert_cmpstr (((MgSummaryItem *) g_ptr_array_index (group->items, 2))->quote, ==,
                   "地区生产总值增长 7% 左右");
  g_assert_cmpuint (((MgSummaryItem *) g_ptr_array_index (group->items, 0))->paragraph, ==, 4);
  g_assert_cmpstr (((MgSummaryItem *) g_ptr_array_index (group->items, 0))->context, ==,
                   "过去一年，全市地区生产总值达到 1850 亿元，同比增长 7.2%；");
  group = mg_summary_get_group (summary, 3);
  g_assert_cmpint (group->kind, ==, MG_SUMMARY_GROUP_UNTAGGED);
  g_assert_cmpuint (group->items->len, ==, 1);
  group = mg_summary_get_group (summary, 4);
  g_assert_cmpint (group->kind, ==, MG_SUMMARY_GROUP_ORPHANED);
  g_assert_cmpuint (group->items->len, ==, 1);
  g_assert_cmpuint (((MgSummaryItem *) g_ptr_array_index (group->items, 0))->paragraph, ==, 0);

  counts = mg_summary_get_tag_counts (summary);
  g_assert_cmpuint (counts->len, ==, 3);
  g_assert_cmpuint (((MgSummaryCount *) g_ptr_array_index (counts, 0))->count, ==, 2);
  g_assert_cmpuint (((MgSummaryCount *) g_ptr_array_index (counts, 1))->count, ==, 3);
  g_assert_cmpuint (((MgSummaryCount *) g_ptr_array_index (counts, 2))->count, ==, 2);
  counts = mg_summary_get_author_counts (summary);
  g_assert_cmpuint (counts->len, ==, 2);
  g_assert_cmpstr (((MgSummaryCount *) g_ptr_array_index (counts, 0))->name, ==, "李伟");
  g_assert_cmpuint (((MgSummaryCount *) g_ptr_array_index (counts, 0))->count, ==, 5);
  g_assert_cmpuint (mg_summary_get_starred (summary)->len, ==, 3);
}

/* docs/sidecar-format.md, "Built-in tags": a file made in a Chinese window
 * exports under the reader's (here English) built-in names; a name the
 * group chose is exported as written. */
static void
test_builtin_tag_names (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *html = NULL;
  g_autoptr(MgSummary) summary = NULL;
  GPtrArray *counts;

  g_assert_true (mg_annotation_store_rename_tag (store, "policy-goal", "政策目标", &error));
  g_assert_true (mg_annotation_store_rename_tag (store, "figure", "数据", &error));
  g_assert_true (mg_annotation_store_rename_tag (store, "slogan", "提法", &error));
  g_assert_no_error (error);

  summary = mg_summary_new (store, NULL, &error);
  g_assert_no_error (error);
  counts = mg_summary_get_tag_counts (summary);
  g_assert_cmpstr (((MgSummaryCount *) g_ptr_array_index (counts, 0))->name, ==, "Policy goal");
  g_assert_cmpstr (((MgSummaryCount *) g_ptr_array_index (counts, 1))->name, ==, "Figure");
  g_assert_cmpstr (((MgSummaryCount *) g_ptr_array_index (counts, 2))->name, ==, "提法");
  g_assert_cmpstr (mg_summary_get_group (summary, 0)->name, ==, "Policy goal");

  markdown = export_string (store, NULL, MG_EXPORT_FORMAT_MARKDOWN);
  html = export_string (store, NULL, MG_EXPORT_FORMAT_HTML);
  g_assert_nonnull (strstr (markdown, "Policy goal"));
  g_assert_nonnull (strstr (markdown, "提法"));
  g_assert_null (strstr (markdown, "政策目标"));
  g_assert_null (strstr (markdown, "数据"));
  g_assert_nonnull (strstr (html, "Figure"));
  g_assert_null (strstr (html, "政策目标"));
}

static void
test_summary_filters (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(GError) error = NULL;
  const char *slogan[] = { "slogan", NULL };
  const char *unknown[] = { "no-such-tag", NULL };
  MgSummaryFilter filter = { 0 };
  g_autoptr(MgSummary) summary = NULL;

  filter.tags = slogan;
  summary = mg_summary_new (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_summary_get_n_items (summary), ==, 2);
  g_assert_cmpuint (mg_summary_get_n_groups (summary), ==, 1);
  g_assert_cmpuint (mg_summary_get_tag_counts (summary)->len, ==, 1);
  g_clear_object (&summary);

  filter.tags = NULL;
  filter.starred_only = TRUE;
  summary = mg_summary_new (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_summary_get_n_items (summary), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (mg_summary_get_item (summary, i)->starred);
  g_clear_object (&summary);

  filter.starred_only = FALSE;
  filter.author = "Wang Fang";
  summary = mg_summary_new (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_summary_get_n_items (summary), ==, 3);
  g_assert_cmpuint (mg_summary_get_n_orphaned (summary), ==, 1);
  g_clear_object (&summary);

  filter.author = "Nobody";
  summary = mg_summary_new (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_summary_get_n_items (summary), ==, 0);
  g_assert_cmpuint (mg_summary_get_n_groups (summary), ==, 0);
  g_clear_object (&summary);

  filter.author = NULL;
  filter.tags = unknown;
  summary = mg_summary_new (store, &filter, &error);
  g_assert_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_UNKNOWN);
  g_assert_null (summary);
}

/* ---- formats, progress, cancellation, files ---- */

static void
test_format_names (void)
{
  const char *names[] = { "md", "html", "csv", "txt", "json", "w3c", "pdf", "qdc", "qdpx" };
  g_autoptr(GError) error = NULL;
  MgExportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (mg_export_format_from_string (names[i], &format, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (mg_export_format_to_string (format), ==, names[i]);
      g_assert_nonnull (mg_export_format_get_label (format));
      g_assert_nonnull (mg_export_format_get_mime_type (format));
    }
  g_assert_false (mg_export_format_is_text (MG_EXPORT_FORMAT_PDF));
  g_assert_false (mg_export_format_is_text (MG_EXPORT_FORMAT_QDPX));
  g_assert_true (mg_export_format_is_text (MG_EXPORT_FORMAT_W3C));

  g_assert_false (mg_export_format_from_string ("docx", &format, &error));
  g_assert_error (error, MG_EXPORT_ERROR, MG_EXPORT_ERROR_UNKNOWN_FORMAT);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_en ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) bytes = NULL;

  for (guint f = 0; f < MG_EXPORT_N_FORMATS; f++)
    {
      g_array_set_size (fractions, 0);
      bytes = mg_export_to_bytes (summary, f, record_progress, fractions, cancellable, &error);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      g_clear_pointer (&bytes, g_bytes_unref);
      g_assert_cmpuint (fractions->len, >=, 2);
      g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
      for (guint i = 1; i < fractions->len; i++)
        g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                           g_array_index (fractions, double, i - 1));
    }

  g_cancellable_cancel (cancellable);
  bytes = mg_export_to_bytes (summary, MG_EXPORT_FORMAT_MARKDOWN, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
}

/* Every format, exported by two separate processes on one day and by a
 * third on a later day: byte for byte the same on the same day (nothing
 * depends on addresses, hash order or the time of the run), and on another
 * day different only in the export date, which the text formats carry as
 * written. The binary formats (PDF, zip) must then differ: they carry the
 * date too. */
#define DAY_1 "1764322364"   /* 2025-11-28T09:32:44Z */
#define DAY_2 "1796895164"   /* 2026-12-10T09:32:44Z */

static void
export_all_to (const char *dir)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();

  for (guint f = 0; f < MG_EXPORT_N_FORMATS; f++)
    {
      g_autoptr(GBytes) bytes = export_bytes (store, NULL, f);
      g_autofree char *path = g_build_filename (dir, mg_export_format_get_extension (f), NULL);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }
}

static char *
export_in_process (const char *tmp,
                   const char *epoch,
                   guint       run)
{
  g_autofree char *name = g_strdup_printf ("%s-%u", epoch, run);
  char *dir = g_build_filename (tmp, name, NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_setenv ("SOURCE_DATE_EPOCH", epoch, TRUE);
  g_setenv ("MG_TEST_EXPORT_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return dir;
}

static char *
read_export (const char     *dir,
             MgExportFormat  format,
             gsize          *size)
{
  g_autofree char *path = g_build_filename (dir, mg_export_format_get_extension (format), NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, size, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
epoch_to_date (const char *epoch)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10));

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* Replaces the first @n "urn:uuid:…" of @s by "urn:uuid:-". */
static void
blank_uuids (GString *s,
             guint    n)
{
  gsize from = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *found = strstr (s->str + from, "urn:uuid:");

      g_assert_nonnull (found);
      from = (gsize) (found - s->str) + strlen ("urn:uuid:");
      g_assert_cmpuint (s->len - from, >=, 36);
      g_string_erase (s, (gssize) from, 36);
      g_string_insert_c (s, (gssize) from, '-');
    }
}

static void
test_deterministic (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("SOURCE_DATE_EPOCH"));
  g_autofree char *date_1 = epoch_to_date (DAY_1);
  g_autofree char *date_2 = epoch_to_date (DAY_2);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *later = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      export_all_to (g_getenv ("MG_TEST_EXPORT_DIR"));
      return;
    }

  tmp = g_dir_make_tmp ("mg-export-XXXXXX", &error);
  g_assert_no_error (error);
  first = export_in_process (tmp, DAY_1, 1);
  second = export_in_process (tmp, DAY_1, 2);
  later = export_in_process (tmp, DAY_2, 1);
  if (saved != NULL)
    g_setenv ("SOURCE_DATE_EPOCH", saved, TRUE);
  else
    g_unsetenv ("SOURCE_DATE_EPOCH");
  g_unsetenv ("MG_TEST_EXPORT_DIR");

  for (guint f = 0; f < MG_EXPORT_N_FORMATS; f++)
    {
      gsize size_1, size_2, size_later;
      g_autofree char *a = read_export (first, f, &size_1);
      g_autofree char *b = read_export (second, f, &size_2);
      g_autofree char *c = read_export (later, f, &size_later);

      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", mg_export_format_get_extension (f), size_1);
      g_assert_cmpmem (a, size_1, b, size_2);
      if (f == MG_EXPORT_FORMAT_PDF || f == MG_EXPORT_FORMAT_QDPX)
        {
          g_assert_false (size_1 == size_later && memcmp (a, c, size_1) == 0);
        }
      else
        {
          g_autoptr(GString) moved = g_string_new_len (a, size_1);
          g_autoptr(GString) other = g_string_new_len (c, size_later);

          g_string_replace (moved, date_1, date_2, 0);
          if (f == MG_EXPORT_FORMAT_W3C)
            {
              /* The collection and its page are named after the source
               * and the date of the export. */
              blank_uuids (moved, 2);
              blank_uuids (other, 2);
            }
          g_assert_cmpstr (moved->str, ==, other->str);
        }
    }

  for (guint f = 0; f < MG_EXPORT_N_FORMATS; f++)
    for (const char *const *dir = (const char *const[]) { first, second, later, NULL }; *dir != NULL; dir++)
      {
        g_autofree char *path = g_build_filename (*dir, mg_export_format_get_extension (f), NULL);

        g_assert_cmpint (g_remove (path), ==, 0);
      }
  g_assert_cmpint (g_rmdir (first), ==, 0);
  g_assert_cmpint (g_rmdir (second), ==, 0);
  g_assert_cmpint (g_rmdir (later), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

typedef struct
{
  GArray   *fractions;
  guint     n_at_result;
  gboolean  destroyed;
  gboolean  timed_out;
  GBytes   *result;
  GError   *error;
} AsyncRun;

static void
async_progress (double   fraction,
                gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_false (run->destroyed);
  g_array_append_val (run->fractions, fraction);
}

static void
async_destroyed (gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_false (run->destroyed);
  run->destroyed = TRUE;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncRun *run = user_data;

  g_assert_null (run->result);
  g_assert_null (run->error);
  run->n_at_result = run->fractions->len;
  run->result = mg_export_to_bytes_finish (result, &run->error);
  g_assert_true (run->result != NULL || run->error != NULL);
}

static gboolean
async_timeout (gpointer user_data)
{
  AsyncRun *run = user_data;

  run->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs an export in its worker thread until its result has come back and
 * its progress data has been let go; then lets anything still queued run,
 * so that a report arriving after the result would be seen. */
static void
async_run (MgSummary      *summary,
           MgExportFormat  format,
           GCancellable   *cancellable,
           AsyncRun       *run)
{
  guint timeout;

  run->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  timeout = g_timeout_add_seconds (60, async_timeout, run);
  mg_export_to_bytes_async (summary, format, async_progress, run, async_destroyed,
                            cancellable, async_done, run);
  while ((run->result == NULL && run->error == NULL) || !run->destroyed)
    {
      g_assert_false (run->timed_out);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (run->fractions->len, ==, run->n_at_result);
}

static void
async_run_clear (AsyncRun *run)
{
  g_clear_pointer (&run->fractions, g_array_unref);
  g_clear_pointer (&run->result, g_bytes_unref);
  g_clear_error (&run->error);
}

/* Progress reaches the caller's thread rising from 0 to exactly 1, all of
 * it before the result; the task then ends, letting its progress data go,
 * and the bytes are those of the synchronous export. Cancelled, it ends
 * with G_IO_ERROR_CANCELLED and never reports 1. */
static void
test_async (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_no_error (error);
  for (MgExportFormat f = 0; f < MG_EXPORT_N_FORMATS; f++)
    {
      g_autoptr(GBytes) sync = export_bytes (store, NULL, f);
      AsyncRun run = { 0 };
      double last = 0.0;

      async_run (summary, f, NULL, &run);
      g_assert_no_error (run.error);
      g_assert_true (g_bytes_equal (run.result, sync));
      g_assert_cmpuint (run.fractions->len, >=, 2);
      for (guint i = 0; i < run.fractions->len; i++)
        {
          double fraction = g_array_index (run.fractions, double, i);

          g_assert_cmpfloat (fraction, >=, last);
          g_assert_cmpfloat (fraction, <=, 1.0);
          last = fraction;
        }
      g_assert_cmpfloat (g_array_index (run.fractions, double, 0), <, 1.0);
      g_assert_cmpfloat (last, ==, 1.0);
      async_run_clear (&run);
    }

  {
    AsyncRun run = { 0 };

    g_cancellable_cancel (cancellable);
    async_run (summary, MG_EXPORT_FORMAT_PDF, cancellable, &run);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (run.result);
    for (guint i = 0; i < run.fractions->len; i++)
      g_assert_cmpfloat (g_array_index (run.fractions, double, i), <, 1.0);
    async_run_clear (&run);
  }
}

/* Only @path is in @dir, the file written: no temporary left beside it.
 * Removes both. */
static void
assert_only_file (const char *dir,
                  const char *path)
{
  GDir *listing = g_dir_open (dir, 0, NULL);
  guint n_entries = 0;

  while (g_dir_read_name (listing) != NULL)
    n_entries++;
  g_dir_close (listing);
  g_assert_cmpuint (n_entries, ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_file_atomic (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_en ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("mg-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "out.md", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "out.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (mg_export_to_file (summary, MG_EXPORT_FORMAT_MARKDOWN, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# Remarks at the Harbour City Growth Conference\n"));

  g_assert_false (mg_export_to_file (summary, MG_EXPORT_FORMAT_MARKDOWN, bad, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  assert_only_file (dir, path);
}

/* The codebook is well-formed XML with one Code per tag. */
static void
qdc_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  GPtrArray *codes = user_data;

  if (g_str_equal (element, "Code"))
    {
      const char *guid = NULL, *name = NULL, *codable = NULL;

      for (guint i = 0; names[i] != NULL; i++)
        {
          if (g_str_equal (names[i], "guid"))
            guid = values[i];
          else if (g_str_equal (names[i], "name"))
            name = values[i];
          else if (g_str_equal (names[i], "isCodable"))
            codable = values[i];
        }
      g_assert_true (guid != NULL && g_uuid_string_is_valid (guid));
      g_assert_cmpstr (codable, ==, "true");
      g_ptr_array_add (codes, g_strdup (name));
    }
}

static void
test_qdc (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_en ();
  g_autoptr(MgTag) tag = mg_tag_new ("quotes", "\"Quotes\" & <more>", "#123456", "Lines <to> cite");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  GMarkupParser parser = { qdc_start_element, NULL, NULL, NULL, NULL };
  GMarkupParseContext *context;

  g_assert_true (mg_annotation_store_add_tag (store, tag, &error));
  g_assert_no_error (error);
  bytes = export_bytes (store, NULL, MG_EXPORT_FORMAT_QDC);
  context = g_markup_parse_context_new (&parser, 0, codes, NULL);
  g_assert_true (g_markup_parse_context_parse (context, g_bytes_get_data (bytes, NULL),
                                               g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  g_assert_cmpuint (codes->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (codes, 3), ==, "\"Quotes\" & <more>");
}

/* W3C ids: a UUID (either case) as urn:uuid:, anything else escaped
 * under urn:x-marginalia:. */
static void
test_w3c_ids (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_en ();
  const char *ids[] = {
    "5E0F2D3A-7B1C-4E8F-A2B4-0000000000AA",
    "5e0f2d3a-7b1c-4e8f-a2b4-0000000000bb0",
    "5e0f2d3a+7b1c-4e8f-a2b4-0000000000cc",
    "note 1/2",
  };
  const char *expected[] = {
    "\"urn:uuid:5E0F2D3A-7B1C-4E8F-A2B4-0000000000AA\"",
    "\"urn:x-marginalia:5e0f2d3a-7b1c-4e8f-a2b4-0000000000bb0\"",
    "\"urn:x-marginalia:5e0f2d3a%2B7b1c-4e8f-a2b4-0000000000cc\"",
    "\"urn:x-marginalia:note%201%2F2\"",
  };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(MgAnnotation) annotation = mg_annotation_new (ids[i], 3, 9);

      mg_annotation_set_created (annotation, FIXTURE_TIME);
      mg_annotation_set_modified (annotation, FIXTURE_TIME);
      g_assert_true (mg_annotation_store_add (store, annotation, &error));
      g_assert_no_error (error);
    }
  bytes = export_bytes (store, NULL, MG_EXPORT_FORMAT_W3C);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (text, expected[i]));
}

/* A text export to a file is written out in pieces as it is made: the
 * same bytes as in memory, and a cancellation halfway (after pieces were
 * written) leaves the file as it was, with no temporary file beside it. */
typedef struct
{
  GCancellable *cancellable;
  const char   *dir;
  goffset       written;   /* the size of the temporary file when cancelled */
} Halfway;

static void
cancel_halfway (double   fraction,
                gpointer user_data)
{
  Halfway *halfway = user_data;
  GDir *listing;
  const char *name;

  if (fraction < 0.5 || g_cancellable_is_cancelled (halfway->cancellable))
    return;
  listing = g_dir_open (halfway->dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, ".out.saving-"))
      {
        g_autofree char *tmp = g_build_filename (halfway->dir, name, NULL);
        GStatBuf st;

        g_assert_cmpint (g_stat (tmp, &st), ==, 0);
        halfway->written = st.st_size;
      }
  g_dir_close (listing);
  g_cancellable_cancel (halfway->cancellable);
}

static void
test_file_in_pieces (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_en ();
  MgDocument *document = mg_annotation_store_get_document (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mg-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) note = g_string_new (NULL);
  const MgExportFormat streamed[] = {
    MG_EXPORT_FORMAT_MARKDOWN, MG_EXPORT_FORMAT_HTML, MG_EXPORT_FORMAT_CSV,
    MG_EXPORT_FORMAT_TEXT, MG_EXPORT_FORMAT_JSON, MG_EXPORT_FORMAT_W3C,
  };
  guint length = mg_document_get_length (document);

  g_assert_no_error (error);
  /* About 2 MB of output: several pieces of 256 KiB in every format. */
  for (guint i = 0; i < 20; i++)
    g_string_append (note, "A note long enough to make the export large. ");
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = g_strdup_printf ("5e0f2d3a-7b1c-4e8f-a2b4-1%011u", i);
      g_autoptr(MgAnnotation) annotation = mg_annotation_new (id, i % (length - 20), i % (length - 20) + 12);

      mg_annotation_set_tags (annotation, (const char * const []) { "figure", NULL });
      mg_annotation_set_note (annotation, note->str);
      mg_annotation_set_author (annotation, "Ann Lee");
      mg_annotation_set_created (annotation, FIXTURE_TIME);
      mg_annotation_set_modified (annotation, FIXTURE_TIME);
      g_assert_true (mg_annotation_store_add (store, annotation, &error));
      g_assert_no_error (error);
    }
  summary = mg_summary_new (store, NULL, &error);
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (streamed); f++)
    {
      g_autoptr(GBytes) bytes = mg_export_to_bytes (summary, streamed[f], NULL, NULL, NULL, &error);
      g_autoptr(GBytes) written = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Halfway halfway = { cancellable, dir, 0 };
      g_autofree char *contents = NULL;
      gsize size;

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 1024 * 1024);
      g_assert_true (mg_export_to_file (summary, streamed[f], file, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
      written = g_bytes_new_take (g_steal_pointer (&contents), size);
      g_assert_true (g_bytes_equal (bytes, written));

      g_assert_true (g_file_set_contents (path, "old", -1, NULL));
      g_assert_false (mg_export_to_file (summary, streamed[f], file, cancel_halfway, &halfway,
                                         cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      /* Half of it was on its way to the disk, not all in memory. */
      g_assert_cmpint (halfway.written, >=, 256 * 1024);
      g_assert_cmpint (halfway.written, <, (goffset) g_bytes_get_size (bytes));
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old");
    }

  assert_only_file (dir, path);
}

/* No annotations, and a store without its speech: every format still
 * gives a well-formed file. */
static void
test_empty (void)
{
  g_autoptr(MgDocument) document = mg_document_new_for_text ("", 0, "empty.txt");
  g_autoptr(MgAnnotationStore) empty = mg_annotation_store_new (document, NULL);
  g_autoptr(MgAnnotationStore) orphan_only = mg_annotation_store_new (NULL, NULL);
  g_autoptr(MgAnnotation) annotation = mg_annotation_new ("c0000000-0000-4000-8000-000000000001", 5, 9);
  g_autoptr(GError) error = NULL;
  MgAnnotationStore *stores[] = { empty, orphan_only };

  mg_annotation_set_quote (annotation, "lost");
  mg_annotation_set_anchor_state (annotation, MG_ANCHOR_STATE_ORPHANED);
  g_assert_true (mg_annotation_store_add (orphan_only, annotation, &error));
  g_assert_no_error (error);

  for (guint s = 0; s < G_N_ELEMENTS (stores); s++)
    for (guint f = 0; f < MG_EXPORT_N_FORMATS; f++)
      {
        g_autoptr(GBytes) bytes = export_bytes (stores[s], NULL, f);

        g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
        if (f == MG_EXPORT_FORMAT_JSON || f == MG_EXPORT_FORMAT_W3C)
          {
            g_autoptr(JsonParser) parser = json_parser_new ();

            g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                                       g_bytes_get_size (bytes), &error));
            g_assert_no_error (error);
          }
        else if (f == MG_EXPORT_FORMAT_HTML)
          {
            g_autofree char *html = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

            html_check_markup (html);
          }
      }

  {
    g_autoptr(MgSummary) summary = mg_summary_new (orphan_only, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (mg_summary_get_title (summary), ==, "Annotations");
    g_assert_cmpuint (mg_summary_get_n_orphaned (summary), ==, 1);
    g_assert_cmpuint (mg_summary_get_n_groups (summary), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  static const char *fixtures[] = { "zh", "en" };
  static const struct { MgExportFormat format; const char *ext; } formats[] = {
    { MG_EXPORT_FORMAT_MARKDOWN, "md" },
    { MG_EXPORT_FORMAT_HTML, "html" },
    { MG_EXPORT_FORMAT_CSV, "csv" },
    { MG_EXPORT_FORMAT_TEXT, "txt" },
    { MG_EXPORT_FORMAT_JSON, "json" },
    { MG_EXPORT_FORMAT_W3C, "w3c.jsonld" },
    { MG_EXPORT_FORMAT_QDC, "qdc" },
  };
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        GoldenCase *c = g_new0 (GoldenCase, 1);
        char *golden = g_strdup_printf ("%s.%s", fixtures[i], formats[f].ext);
        char *test_path = g_strdup_printf ("/export/golden/%s", golden);

        c->fixture = fixtures[i];
        c->format = formats[f].format;
        c->golden = golden;
        g_ptr_array_add (cases, c);
        g_ptr_array_add (strings, golden);
        g_ptr_array_add (strings, test_path);
        g_test_add_data_func (test_path, c, test_golden);
      }

  g_test_add_func ("/export/html/escaping", test_html_escaping);
  g_test_add_func ("/export/html/lang", test_html_lang);
  g_test_add_func ("/export/html/statistics", test_html_statistics);
  g_test_add_func ("/export/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/export/summary/groups", test_summary_groups);
  g_test_add_func ("/export/summary/builtin-tag-names", test_builtin_tag_names);
  g_test_add_func ("/export/summary/filters", test_summary_filters);
  g_test_add_func ("/export/formats", test_format_names);
  g_test_add_func ("/export/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/export/deterministic", test_deterministic);
  g_test_add_func ("/export/async", test_async);
  g_test_add_func ("/export/file-atomic", test_file_atomic);
  g_test_add_func ("/export/file-in-pieces", test_file_in_pieces);
  g_test_add_func ("/export/w3c/ids", test_w3c_ids);
  g_test_add_func ("/export/empty", test_empty);
  g_test_add_func ("/export/qdc", test_qdc);

  return g_test_run ();
}
