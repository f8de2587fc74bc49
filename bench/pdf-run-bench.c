/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

/* The PDF summary on the Pango path (taken when any text runs right to
 * left: here one Hebrew note) with a quote that is one long run with no
 * break opportunity, of N and 2N characters: pdf-run-bench [N]. Prints
 * the times and their ratio, and fails (exit 1) when doubling the run more
 * than triples the time: wrapping must stay linear in the run's length. */

#include <locale.h>

#include "mg-annotation-store.h"
#include "mg-document.h"
#include "mg-export.h"
#include "mg-summary.h"
#include "mg-tag-set.h"

static double
export_seconds (guint n)
{
  g_autofree char *run = g_strnfill (n, 'a');
  g_autofree char *text = g_strconcat ("Title\n\n", run, "\n", NULL);
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "run.txt");
  g_autoptr(MgTagSet) tags = mg_tag_set_new_default ();
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, tags);
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  const char *slogan[] = { "slogan", NULL };
  gint64 start;

  mg_annotation_store_create (store, 7, 7 + n, slogan, "הערה קצרה", FALSE, "Bench", &error);
  g_assert_no_error (error);
  summary = mg_summary_new (store, NULL, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  pdf = mg_export_to_bytes (summary, MG_EXPORT_FORMAT_PDF, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 50000;
  double small, large;

  setlocale (LC_ALL, "");
  export_seconds (1000);   /* fonts and caches */
  small = export_seconds (n);
  large = export_seconds (2 * n);
  g_print ("run of %u characters: %.3f s\nrun of %u characters: %.3f s\nratio: %.2f\n",
           n, small, 2 * n, large, large / MAX (small, 1e-6));
  return large / MAX (small, 1e-6) > 3.0 ? 1 : 0;
}
