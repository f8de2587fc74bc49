/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* Texts for the tests of members' files made on another speech. */

/* A text of @n phrases drawn (from @seed) from a pool of 60, each of 8
 * Han characters of its own, with punctuation and line breaks between
 * them: texts from different seeds share every phrase and differ in
 * their order. Phrases [@skip_from, @skip_to) are left out; @head goes
 * first. The start of each phrase goes into @starts (nullable; G_MAXUINT
 * when left out). */
G_GNUC_UNUSED static char *
phrase_text (guint32     seed,
             guint       n,
             const char *head,
             guint       skip_from,
             guint       skip_to,
             GArray     *starts)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *out = g_string_new (head);
  guint length = g_utf8_strlen (out->str, -1);

  for (guint i = 0; i < n; i++)
    {
      guint kind = g_rand_int_range (rand, 0, 60);
      guint start = G_MAXUINT;

      if (i < skip_from || i >= skip_to)
        {
          start = length;
          for (guint j = 0; j < 8; j++)
            g_string_append_unichar (out, 0x4E00 + 8 * kind + j);
          g_string_append (out, i % 40 == 39 ? "。\n" : i % 5 == 4 ? "。" : "，");
          length += 9 + (i % 40 == 39);
        }
      if (starts != NULL)
        g_array_append_val (starts, start);
    }
  return g_string_free (out, FALSE);
}
