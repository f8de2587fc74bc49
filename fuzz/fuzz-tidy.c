/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-text-source.h"
#include "mg-tidy.h"

/* Any bytes, decoded as a speech, tidied: the changes are sorted, never
 * overlap, lie within the text and say what they replace; applying them
 * gives UTF-8 text, and offsets map forward in order. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(MgTextSource) source = mg_text_source_new_for_bytes (bytes, "fuzz.txt", NULL);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *tidied = NULL;
  const char *text;
  glong length;
  guint previous_end = 0, previous_map = 0;

  if (source == NULL)
    return 0;
  text = mg_text_source_get_text (source);
  length = g_utf8_strlen (text, -1);
  changes = mg_tidy_compute (text, -1, MG_TIDY_ALL);

  for (guint i = 0; i < changes->len; i++)
    {
      MgTidyChange *c = g_ptr_array_index (changes, i);
      const char *from, *to;

      g_assert_cmpuint (c->start, <=, c->end);
      g_assert_cmpuint (c->start, >=, previous_end);
      g_assert_cmpuint (c->end, <=, (guint) length);
      g_assert_true (g_utf8_validate (c->after, -1, NULL));
      from = g_utf8_offset_to_pointer (text, c->start);
      to = g_utf8_offset_to_pointer (text, c->end);
      g_assert_cmpuint (strlen (c->before), ==, (gsize) (to - from));
      g_assert_true (strncmp (c->before, from, to - from) == 0);
      previous_end = c->end;
    }

  tidied = mg_tidy_apply_text (text, changes);
  g_assert_true (g_utf8_validate (tidied, -1, NULL));
  for (glong offset = 0; offset <= length; offset += 1 + length / 64)
    {
      guint mapped = mg_tidy_map_offset (changes, (guint) offset, FALSE);

      g_assert_cmpuint (mapped, >=, previous_map);
      g_assert_cmpuint (mapped, <=, (guint) g_utf8_strlen (tidied, -1));
      previous_map = mapped;
    }
  return 0;
}
