/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mg-sidecar.h"

/* Any bytes as a sidecar of a fixed speech: loaded or refused with an
 * error, never a crash. What loads is saved and read again, and saving
 * that gives the same bytes: a file we write, we read back unchanged. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char speech[] =
  "在全市高质量发展推进大会上的讲话\n\n"
  "同志们：全市地区生产总值增长 6.5%，达到 1200 亿元。我们坚持“项目为王”，\n"
  "全年新开工项目 233 个。\n\n今年要实现“高质量发展”和“共同富裕”。\n";

static MgDocument *document;
static GFile *file;

static void
dump (const char *what,
      GBytes     *bytes)
{
  gsize n;
  const char *p = g_bytes_get_data (bytes, &n);

  fprintf (stderr, "---- %s (%zu bytes)\n%.*s\n", what, n, (int) MIN (n, 4096), p);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(MgSidecar) first = NULL;
  g_autoptr(MgSidecar) second = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;

  if (document == NULL)
    {
      document = mg_document_new_for_text (speech, -1, "speech.txt");
      file = g_file_new_for_path ("/nonexistent/speech.txt.marginalia.json");
    }

  first = mg_sidecar_new (file, document);
  if (!mg_sidecar_load_bytes (first, bytes, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  if (mg_sidecar_get_read_only (first))
    return 0;

  written = mg_sidecar_serialize (first);
  second = mg_sidecar_new (file, document);
  if (!mg_sidecar_load_bytes (second, written, &error))
    {
      dump ("input", bytes);
      dump ("written", written);
      g_error ("what was written does not read back: %s", error->message);
    }
  again = mg_sidecar_serialize (second);
  if (!g_bytes_equal (written, again))
    {
      dump ("input", bytes);
      dump ("written", written);
      dump ("written again", again);
      g_error ("saving what was read back changed it");
    }
  return 0;
}
