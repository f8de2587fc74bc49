/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-document.h"
#include "mg-search.h"

static void
test_search_nth (void)
{
  /* Han characters, an emoji outside the BMP and a combining mark before
   * the matches, so byte and code point offsets differ. */
  const char *text = "高质量😀e\xcc\x81 发展，高质量发展；高质量发展。";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "t.txt");
  guint start = 0, end = 0;

  g_assert_cmpuint (mg_search_count (document, "高质量"), ==, 3);
  g_assert_cmpuint (mg_search_count (document, "高质量发展"), ==, 2);
  g_assert_cmpuint (mg_search_count (document, "低"), ==, 0);
  g_assert_cmpuint (mg_search_count (document, ""), ==, 0);

  g_assert_true (mg_search_find_nth (document, "高质量", 1, &start, &end));
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 3);

  g_assert_true (mg_search_find_nth (document, "高质量发展", 1, &start, &end));
  g_assert_cmpuint (start, ==, 10);
  g_assert_cmpuint (end, ==, 15);
  g_assert_true (mg_search_find_nth (document, "高质量发展", 2, &start, &end));
  g_assert_cmpuint (start, ==, 16);
  g_assert_cmpuint (end, ==, 21);

  g_assert_false (mg_search_find_nth (document, "高质量发展", 3, &start, &end));
  g_assert_false (mg_search_find_nth (document, "高质量发展", 0, &start, &end));
  g_assert_false (mg_search_find_nth (document, "", 1, &start, &end));
  g_assert_false (mg_search_find_nth (document, "\xff", 1, &start, &end));
}

static void
test_search_no_overlap (void)
{
  g_autoptr(MgDocument) document = mg_document_new_for_text ("aaaa", -1, NULL);
  guint start = 0, end = 0;

  g_assert_cmpuint (mg_search_count (document, "aa"), ==, 2);
  g_assert_true (mg_search_find_nth (document, "aa", 2, &start, &end));
  g_assert_cmpuint (start, ==, 2);
  g_assert_cmpuint (end, ==, 4);
  g_assert_false (mg_search_find_nth (document, "aa", 3, NULL, NULL));
  g_assert_false (mg_search_find_nth (document, "aaaaa", 1, NULL, NULL));
}

static void
test_search_combining (void)
{
  /* "é" as e + U+0301 is two code points: the text is not normalised. */
  g_autoptr(MgDocument) document = mg_document_new_for_text ("x e\xcc\x81 y", -1, NULL);
  guint start = 0, end = 0;

  g_assert_true (mg_search_find_nth (document, "e\xcc\x81", 1, &start, &end));
  g_assert_cmpuint (start, ==, 2);
  g_assert_cmpuint (end, ==, 4);
  g_assert_true (mg_search_find_nth (document, " y", 1, &start, &end));
  g_assert_cmpuint (start, ==, 4);
  g_assert_cmpuint (end, ==, 6);
}

static void
test_search_folded (void)
{
  /* Spaced quotes, a phrase broken across lines, full-width digits. */
  const char *text = "要谋划好“ 十五五 ”发展。推动高质\n量发展，增长２０２１年的“十五五”。";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, NULL);
  g_autofree char *slice = NULL;
  guint start = 0, end = 0;

  g_assert_cmpuint (mg_search_count (document, "“十五五”"), ==, 1);
  g_assert_cmpuint (mg_search_count_folded (document, "“十五五”"), ==, 2);
  g_assert_cmpuint (mg_search_count_folded (document, "\"十五五\""), ==, 2);

  g_assert_true (mg_search_find_nth_folded (document, "“十五五”", 1, &start, &end));
  slice = mg_document_dup_slice (document, start, end);
  g_assert_cmpstr (slice, ==, "“ 十五五 ”");
  g_clear_pointer (&slice, g_free);

  g_assert_true (mg_search_find_nth_folded (document, "“十五五”", 2, &start, &end));
  slice = mg_document_dup_slice (document, start, end);
  g_assert_cmpstr (slice, ==, "“十五五”");
  g_clear_pointer (&slice, g_free);

  g_assert_true (mg_search_find_nth_folded (document, "高质量发展", 1, &start, &end));
  slice = mg_document_dup_slice (document, start, end);
  g_assert_cmpstr (slice, ==, "高质\n量发展");
  g_clear_pointer (&slice, g_free);

  g_assert_true (mg_search_find_nth_folded (document, "2021年", 1, &start, &end));
  slice = mg_document_dup_slice (document, start, end);
  g_assert_cmpstr (slice, ==, "２０２１年");

  g_assert_false (mg_search_find_nth_folded (document, "“十五五”", 3, NULL, NULL));
  g_assert_false (mg_search_find_nth_folded (document, "十六五", 1, NULL, NULL));
  g_assert_false (mg_search_find_nth_folded (document, " \n ", 1, NULL, NULL));
  g_assert_cmpuint (mg_search_count_folded (document, " "), ==, 0);

  /* Non-overlapping, as the literal search. */
  {
    g_autoptr(MgDocument) aaaa = mg_document_new_for_text ("a a\naa", -1, NULL);

    g_assert_cmpuint (mg_search_count_folded (aaaa, "aa"), ==, 2);
    g_assert_true (mg_search_find_nth_folded (aaaa, "aa", 2, &start, &end));
    g_assert_cmpuint (start, ==, 4);
    g_assert_cmpuint (end, ==, 6);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/nth", test_search_nth);
  g_test_add_func ("/search/no-overlap", test_search_no_overlap);
  g_test_add_func ("/search/combining", test_search_combining);
  g_test_add_func ("/search/folded", test_search_folded);

  return g_test_run ();
}
