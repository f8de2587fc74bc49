/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

/* Times the summary, every export format and the W3C import on a large
 * document: export-bench [--annotations N] [--format NAME]... [-o DIR]
 * [SPEECH.txt]. Without a speech, about 1 MB of Chinese text is made up
 * from a few paragraphs. With --format, only those formats (the import
 * runs when w3c is one of them). */

#include <locale.h>
#include <time.h>
#include <string.h>

#include "mg-annotation-store.h"
#include "mg-document.h"
#include "mg-export.h"
#include "mg-import-w3c.h"
#include "mg-summary.h"

static const char *paragraphs[] = {
  "过去一年，全市地区生产总值达到 1850 亿元，同比增长 7.2%；进出口总额 3200 亿元，与 233 个国家和地区有贸易往来。",
  "我们始终坚持“ 项目为王 ”，新开工重大项目 126 个，完成固定资产投资 980 亿元。",
  "今年的主要目标是：地区生产总值增长 7% 左右，城镇新增就业 3.5 万人，居民人均可支配收入增长与经济增长基本同步。",
  "要大力弘扬“马上就办、办就办好”的作风。各级领导干部要敢于担当，善于作为。",
  "Exports reached 41 billion dollars last year, shipped to 120 countries; we will keep \"growth for everyone\" at the heart of every decision.",
};

static const char *authors[] = {
  "Li Wei", "王芳", "Zhang Min", "陈晓东", "Anna Schmidt", "刘洋", "Chen Jing", "赵磊", "Maria Rossi", "孙悦",
};

static const char *notes[] = {
  "", "", "与去年报告对比", "", "可作为开场引用", "Quote in the summary.", "", "需要补充背景材料, \"核实\"",
};

static char *
make_text (gsize target)
{
  GString *text = g_string_new ("全市高质量发展推进大会上的讲话\n\n");

  for (guint i = 0; text->len < target; i++)
    {
      g_string_append (text, paragraphs[i % G_N_ELEMENTS (paragraphs)]);
      g_string_append (text, i % 7 == 3 ? "\n" : "\n\n");
    }
  return g_string_free (text, FALSE);
}

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  return mg_annotation_compare (*(MgAnnotation **) a, *(MgAnnotation **) b);
}

static MgAnnotationStore *
make_store (MgDocument *document,
            guint       n)
{
  MgAnnotationStore *store = mg_annotation_store_new (document, NULL);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  guint length = mg_document_get_length (document);
  GRand *rand = g_rand_new_with_seed (1);

  for (guint i = 0; i < n; i++)
    {
      guint span = 4 + g_rand_int_range (rand, 0, 40);
      guint start = g_rand_int_range (rand, 0, length - span);
      g_autofree char *id = g_strdup_printf ("%08x-0000-4000-8000-%012x", i, i);
      MgAnnotation *annotation = mg_annotation_new (id, start, start + span);
      const char *tags[3] = { NULL, NULL, NULL };
      guint kind = g_rand_int_range (rand, 0, 5);

      tags[0] = kind == 0 ? "policy-goal" : kind == 1 ? "figure" : kind == 2 ? "slogan" : NULL;
      if (kind == 3)
        {
          tags[0] = "figure";
          tags[1] = "slogan";
        }
      mg_annotation_set_tags (annotation, tags);
      mg_annotation_set_note (annotation, notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (notes))]);
      mg_annotation_set_author (annotation, authors[g_rand_int_range (rand, 0, G_N_ELEMENTS (authors))]);
      mg_annotation_set_starred (annotation, g_rand_int_range (rand, 0, 10) == 0);
      mg_annotation_set_created (annotation, "2026-11-01T10:00:00Z");
      mg_annotation_set_modified (annotation, "2026-11-01T10:00:00Z");
      mg_annotation_fill_context (annotation, document);
      g_ptr_array_add (annotations, annotation);
    }
  g_ptr_array_sort (annotations, compare_annotations);
  mg_annotation_store_load (store, annotations);
  g_rand_free (rand);
  return store;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[SPEECH.txt]");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(MgAnnotationStore) store = NULL;
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(GBytes) w3c = NULL;
  int n_annotations = 20000;
  g_autofree char *output_dir = NULL;
  g_auto(GStrv) only = NULL;
  gboolean selected[MG_EXPORT_N_FORMATS];
  GOptionEntry entries[] = {
    { "annotations", 'n', 0, G_OPTION_ARG_INT, &n_annotations, "Number of annotations", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &only, "Only this format (repeatable)", "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, "Also write the exports into DIR", "DIR" },
    { NULL }
  };
  gint64 t0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint f = 0; f < MG_EXPORT_N_FORMATS; f++)
    selected[f] = only == NULL;
  for (guint i = 0; only != NULL && only[i] != NULL; i++)
    {
      MgExportFormat format;

      if (!mg_export_format_from_string (only[i], &format, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      selected[format] = TRUE;
    }

  if (argc > 1)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);

      document = mg_document_load (file, NULL, &error);
      if (document == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
    }
  else
    {
      g_autofree char *text = make_text (1024 * 1024);

      document = mg_document_new_for_text (text, -1, "bench.txt");
    }

  t0 = g_get_monotonic_time ();
  store = make_store (document, n_annotations);
  g_print ("document: %u code points, %" G_GSIZE_FORMAT " bytes; %u annotations (built in %.3f s)\n",
           mg_document_get_length (document), mg_document_get_size (document),
           mg_annotation_store_get_n_annotations (store),
           (g_get_monotonic_time () - t0) / 1e6);

  {
    clock_t c0 = clock ();

    t0 = g_get_monotonic_time ();
    summary = mg_summary_new (store, NULL, &error);
    g_assert_no_error (error);
    g_print ("%-8s %7.3fs %7.3fs\n", "summary", (g_get_monotonic_time () - t0) / 1e6,
             (double) (clock () - c0) / CLOCKS_PER_SEC);
  }

  g_print ("%-8s %8s %8s %11s\n", "", "wall", "cpu", "size");
  for (guint f = 0; f < MG_EXPORT_N_FORMATS; f++)
    {
      g_autoptr(GBytes) bytes = NULL;
      clock_t c0;

      if (!selected[f])
        continue;
      c0 = clock ();
      t0 = g_get_monotonic_time ();
      bytes = mg_export_to_bytes (summary, f, NULL, NULL, NULL, &error);
      if (bytes == NULL)
        {
          g_printerr ("%s: %s\n", mg_export_format_to_string (f), error->message);
          return 3;
        }
      g_print ("%-8s %7.3fs %7.3fs %7.1f KiB\n", mg_export_format_to_string (f),
               (g_get_monotonic_time () - t0) / 1e6, (double) (clock () - c0) / CLOCKS_PER_SEC,
               g_bytes_get_size (bytes) / 1024.0);
      if (f == MG_EXPORT_FORMAT_W3C)
        w3c = g_bytes_ref (bytes);
      if (output_dir != NULL)
        {
          g_autofree char *name = g_strdup_printf ("export.%s", mg_export_format_get_extension (f));
          g_autofree char *path = g_build_filename (output_dir, name, NULL);

          if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
            {
              g_printerr ("%s\n", error->message);
              return 3;
            }
        }
    }

  if (w3c == NULL)
    return 0;

  {
    g_autoptr(MgAnnotationStore) target = mg_annotation_store_new (document, NULL);
    MgImportReport report;

    clock_t c0 = clock ();

    t0 = g_get_monotonic_time ();
    if (!mg_import_w3c_bytes (target, w3c, "bench.jsonld", &report, &error))
      {
        g_printerr ("import: %s\n", error->message);
        return 3;
      }
    g_print ("%-8s %7.3fs %7.3fs (added %u, fuzzy %u, orphaned %u, skipped %u)\n", "import",
             (g_get_monotonic_time () - t0) / 1e6, (double) (clock () - c0) / CLOCKS_PER_SEC,
             report.added, report.fuzzy, report.orphaned, report.skipped);
  }
  return 0;
}
