/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-document.h"
#include "mg-text-source.h"

/* Any bytes as a speech: decoded or refused with an error, never a crash;
 * what is decoded is UTF-8 with no CR, and makes a document. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgTextSource) source = mg_text_source_new_for_bytes (bytes, "fuzz.txt", &error);
  const char *text;
  gsize length;

  if (source == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);
  text = mg_text_source_get_text (source);
  length = mg_text_source_get_size (source);
  g_assert_true (g_utf8_validate_len (text, length, NULL));
  g_assert_null (memchr (text, '\r', length));
  {
    g_autoptr(MgDocument) document = mg_document_new_for_text (text, length, "fuzz.txt");

    g_assert_nonnull (document);
  }
  return 0;
}
