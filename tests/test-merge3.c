/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "mg-merge3.h"
#include "mg-sidecar.h"

/* The three-way merge of sidecars, case by case of the table in cli.md
 * (`merge3`). Inputs are written here as JSON; the output is read back
 * with json-glib. */

static const char * const names[3] = { "BASE", "OURS", "THEIRS" };

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

#define TAGS_DEFAULT \
  "{ \"id\": \"policy-goal\", \"name\": \"Policy goal\", \"color\": \"#3584e4\", \"description\": \"\" }," \
  "{ \"id\": \"figure\", \"name\": \"Figure\", \"color\": \"#2ec27e\", \"description\": \"\" }," \
  "{ \"id\": \"slogan\", \"name\": \"Slogan\", \"color\": \"#e66100\", \"description\": \"\" }"

/* An annotation object: id, range, tags (a JSON array's inside), note,
 * starred, author, modified. */
static char *
ann (const char *id,
     guint       start,
     const char *tags,
     const char *note,
     gboolean    starred,
     const char *author,
     const char *modified)
{
  return g_strdup_printf ("{ \"id\": \"%s\", \"start\": %u, \"end\": %u, \"quote\": \"q%u\", "
                          "\"prefix\": \"\", \"suffix\": \"\", \"tags\": [%s], \"note\": \"%s\", "
                          "\"starred\": %s, \"author\": \"%s\", \"created\": \"2026-12-01T10:00:00Z\", "
                          "\"modified\": \"%s\" }",
                          id, start, start + 2, start, tags, note, starred ? "true" : "false",
                          author, modified);
}

/* A sidecar of @sha, @tags (inside of the array), @annotations (a
 * NULL-terminated list, freed) and @tail (more top-level members, "" for
 * none, else starting with a comma). */
static GBytes *
sidecar (const char *sha,
         const char *tags,
         const char *tail,
         ...)
{
  GString *out = g_string_new (NULL);
  va_list ap;
  char *a;
  gboolean first = TRUE;

  g_string_append_printf (out,
                          "{ \"format\": \"marginalia-annotations\", \"version\": 1, "
                          "\"document\": { \"name\": \"s.txt\", \"sha256\": \"%s\", \"length\": 100, "
                          "\"encoding\": \"UTF-8\" }, \"tags\": [%s], \"annotations\": [",
                          sha, tags);
  va_start (ap, tail);
  while ((a = va_arg (ap, char *)) != NULL)
    {
      if (!first)
        g_string_append (out, ", ");
      g_string_append (out, a);
      g_free (a);
      first = FALSE;
    }
  va_end (ap);
  g_string_append_printf (out, "]%s }\n", tail);
  return g_string_free_to_bytes (out);
}

typedef struct
{
  JsonParser *parser;
  JsonObject *root;
  GBytes     *bytes;
} Merged;

static void
merged_clear (Merged *m)
{
  g_clear_object (&m->parser);
  g_clear_pointer (&m->bytes, g_bytes_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Merged, merged_clear)

/* Merges, checks the output is a valid sidecar (strictly, as validate
 * reads it) and that merging again gives the same bytes. */
static void
merge_ok (GBytes *base,
          GBytes *ours,
          GBytes *theirs,
          Merged *m)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  m->bytes = mg_merge3 (base, ours, theirs, names, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m->bytes);

  again = mg_merge3 (base, ours, theirs, names, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (again, m->bytes));

  file = g_file_new_tmp ("merge3-XXXXXX.marginalia.json", &io, &error);
  g_assert_no_error (error);
  g_file_replace_contents (file, g_bytes_get_data (m->bytes, NULL), g_bytes_get_size (m->bytes),
                           NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  problems = mg_sidecar_validate_file (file, NULL, NULL);
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpint (((MgSidecarProblem *) g_ptr_array_index (problems, i))->kind, !=, MG_SIDECAR_PROBLEM_ERROR);
  g_file_delete (file, NULL, NULL);

  m->parser = json_parser_new ();
  json_parser_load_from_data (m->parser, g_bytes_get_data (m->bytes, NULL), g_bytes_get_size (m->bytes), &error);
  g_assert_no_error (error);
  m->root = json_node_get_object (json_parser_get_root (m->parser));
}

static JsonObject *
find (Merged     *m,
      const char *id)
{
  JsonArray *annotations = json_object_get_array_member (m->root, "annotations");

  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *a = json_array_get_object_element (annotations, i);

      if (g_str_equal (json_object_get_string_member (a, "id"), id))
        return a;
    }
  return NULL;
}

static guint
n_annotations (Merged *m)
{
  return json_array_get_length (json_object_get_array_member (m->root, "annotations"));
}

static char *
tags_of (JsonObject *a)
{
  JsonArray *tags = json_object_get_array_member (a, "tags");
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, json_array_get_string_element (tags, i));
    }
  return g_string_free (s, FALSE);
}

#define T0 "2026-12-01T10:00:00Z"
#define T1 "2026-12-02T10:00:00Z"
#define T2 "2026-12-03T10:00:00Z"

static void
test_added (void)
{
  g_autoptr(GBytes) base = sidecar (SHA_A, TAGS_DEFAULT, "", ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0), NULL);
  g_autoptr(GBytes) ours = sidecar (SHA_A, TAGS_DEFAULT, "",
                                    ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0),
                                    ann ("o", 20, "\"slogan\"", "", FALSE, "Li", T1), NULL);
  g_autoptr(GBytes) theirs = sidecar (SHA_A, TAGS_DEFAULT, "",
                                      ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0),
                                      ann ("t", 10, "", "", FALSE, "Wang", T1), NULL);
  g_auto(Merged) m = { 0 };

  merge_ok (base, ours, theirs, &m);
  g_assert_cmpuint (n_annotations (&m), ==, 3);
  g_assert_nonnull (find (&m, "a"));
  g_assert_nonnull (find (&m, "o"));
  g_assert_nonnull (find (&m, "t"));
  /* Written in the sidecar's order: by start. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (m.root, "annotations"), 1), "id"), ==, "t");
}

static void
test_deleted (void)
{
  g_autoptr(GBytes) base = sidecar (SHA_A, TAGS_DEFAULT, "",
                                    ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0),
                                    ann ("b", 5, "\"figure\"", "", FALSE, "Li", T0),
                                    ann ("c", 9, "\"figure\"", "", FALSE, "Li", T0),
                                    ann ("d", 13, "\"figure\"", "", FALSE, "Li", T0), NULL);
  /* OURS deletes a (unchanged on THEIRS) and c (changed on THEIRS);
   * THEIRS deletes b (unchanged on OURS) and d (changed on OURS). */
  g_autoptr(GBytes) ours = sidecar (SHA_A, TAGS_DEFAULT, "",
                                    ann ("b", 5, "\"figure\"", "", FALSE, "Li", T0),
                                    ann ("d", 13, "\"figure\"", "kept by ours", FALSE, "Li", T1), NULL);
  g_autoptr(GBytes) theirs = sidecar (SHA_A, TAGS_DEFAULT, "",
                                      ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0),
                                      ann ("c", 9, "\"figure\",\"slogan\"", "", TRUE, "Li", T1), NULL);
  g_auto(Merged) m = { 0 };
  g_autofree char *tags = NULL;

  merge_ok (base, ours, theirs, &m);
  g_assert_cmpuint (n_annotations (&m), ==, 2);
  g_assert_null (find (&m, "a"));
  g_assert_null (find (&m, "b"));
  g_assert_nonnull (find (&m, "c"));
  tags = tags_of (find (&m, "c"));
  g_assert_cmpstr (tags, ==, "figure,slogan");
  g_assert_true (json_object_get_boolean_member (find (&m, "c"), "starred"));
  g_assert_cmpstr (json_object_get_string_member (find (&m, "d"), "note"), ==, "kept by ours");
}

static void
test_changed_one_side (void)
{
  g_autoptr(GBytes) base = sidecar (SHA_A, TAGS_DEFAULT, "",
                                    ann ("a", 1, "\"figure\"", "old", FALSE, "Li", T0),
                                    ann ("b", 5, "\"figure\"", "", FALSE, "Li", T0), NULL);
  g_autoptr(GBytes) ours = sidecar (SHA_A, TAGS_DEFAULT, "",
                                    ann ("a", 1, "\"figure\"", "old", FALSE, "Li", T0),
                                    ann ("b", 5, "\"slogan\"", "", FALSE, "Li", T1), NULL);
  g_autoptr(GBytes) theirs = sidecar (SHA_A, TAGS_DEFAULT, "",
                                      ann ("a", 1, "\"figure\"", "new", TRUE, "Li", T1),
                                      ann ("b", 5, "\"figure\"", "", FALSE, "Li", T0), NULL);
  g_auto(Merged) m = { 0 };
  g_autofree char *tags = NULL;

  merge_ok (base, ours, theirs, &m);
  g_assert_cmpstr (json_object_get_string_member (find (&m, "a"), "note"), ==, "new");
  g_assert_true (json_object_get_boolean_member (find (&m, "a"), "starred"));
  tags = tags_of (find (&m, "b"));
  g_assert_cmpstr (tags, ==, "slogan");
}

static void
test_changed_both (void)
{
  g_autoptr(GBytes) base = sidecar (SHA_A, TAGS_DEFAULT, "",
                                    ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0),
                                    ann ("b", 5, "\"figure\"", "base", FALSE, "Li", T0), NULL);
  /* a: OURS adds slogan and a note, THEIRS adds policy-goal and a star.
   * b: both change the note. */
  g_autoptr(GBytes) ours = sidecar (SHA_A, TAGS_DEFAULT, "",
                                    ann ("a", 1, "\"figure\",\"slogan\"", "ours", FALSE, "Li", T1),
                                    ann ("b", 5, "\"figure\"", "from ours", FALSE, "Li", T2), NULL);
  g_autoptr(GBytes) theirs = sidecar (SHA_A, TAGS_DEFAULT, "",
                                      ann ("a", 1, "\"policy-goal\",\"figure\"", "", TRUE, "Li", T2),
                                      ann ("b", 5, "\"figure\"", "from theirs", FALSE, "Wang", T1), NULL);
  g_auto(Merged) m = { 0 };
  g_autofree char *tags = NULL;
  JsonObject *a;
  JsonObject *b;

  merge_ok (base, ours, theirs, &m);
  a = find (&m, "a");
  tags = tags_of (a);
  /* Tags united, written in the tag set's order. */
  g_assert_nonnull (strstr (tags, "figure"));
  g_assert_nonnull (strstr (tags, "slogan"));
  g_assert_nonnull (strstr (tags, "policy-goal"));
  g_assert_cmpstr (json_object_get_string_member (a, "note"), ==, "ours");
  g_assert_true (json_object_get_boolean_member (a, "starred"));
  g_assert_cmpstr (json_object_get_string_member (a, "modified"), ==, T2);

  b = find (&m, "b");
  /* Both notes, each prefixed with its author; THEIRS changed the author. */
  g_assert_cmpstr (json_object_get_string_member (b, "note"), ==, "Li: from ours\nWang: from theirs");
  g_assert_cmpstr (json_object_get_string_member (b, "author"), ==, "Wang");
  g_assert_cmpstr (json_object_get_string_member (b, "modified"), ==, T2);
}

#define TAG(id, name, color) "{ \"id\": \"" id "\", \"name\": \"" name "\", \"color\": \"" color "\", \"description\": \"\" }"

static void
test_tag_set (void)
{
  g_autoptr(GBytes) base = sidecar (SHA_A, TAG ("figure", "Figure", "#2ec27e") "," TAG ("quote", "Quote", "#9141ac")
                                    "," TAG ("old", "Old", "#865e3c"), "",
                                    ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0), NULL);
  /* OURS renames figure and deletes "old"; THEIRS adds "new", deletes
   * "quote" — which OURS's new annotation uses, so it stays. */
  g_autoptr(GBytes) ours = sidecar (SHA_A, TAG ("figure", "Figures", "#2ec27e") "," TAG ("quote", "Quote", "#9141ac"), "",
                                    ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0),
                                    ann ("q", 30, "\"quote\"", "", FALSE, "Li", T1), NULL);
  g_autoptr(GBytes) theirs = sidecar (SHA_A, TAG ("figure", "Figure", "#2ec27e") "," TAG ("old", "Old", "#865e3c")
                                      "," TAG ("new", "New", "#1c71d8"), "",
                                      ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0), NULL);
  g_auto(Merged) m = { 0 };
  JsonArray *tags;
  GString *ids = g_string_new (NULL);

  merge_ok (base, ours, theirs, &m);
  tags = json_object_get_array_member (m.root, "tags");
  for (guint i = 0; i < json_array_get_length (tags); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? "," : "",
                            json_object_get_string_member (json_array_get_object_element (tags, i), "id"));
  g_assert_cmpstr (ids->str, ==, "figure,quote,new");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tags, 0), "name"), ==, "Figures");
  g_string_free (ids, TRUE);
}

static void
test_lexicon (void)
{
  g_autoptr(GBytes) base = sidecar (SHA_A, "{ \"id\": \"slogan\", \"name\": \"Slogan\", \"color\": \"#e66100\", "
                                    "\"description\": \"\", \"lexicon\": [\"a\"] }", "", NULL);
  g_autoptr(GBytes) ours = sidecar (SHA_A, "{ \"id\": \"slogan\", \"name\": \"Slogan\", \"color\": \"#e66100\", "
                                    "\"description\": \"\", \"lexicon\": [\"a\", \"c\"] }", "", NULL);
  g_autoptr(GBytes) theirs = sidecar (SHA_A, "{ \"id\": \"slogan\", \"name\": \"Slogan\", \"color\": \"#e66100\", "
                                      "\"description\": \"mottos\", \"lexicon\": [\"a\", \"b\"] }", "", NULL);
  g_auto(Merged) m = { 0 };
  JsonObject *tag;
  JsonArray *lexicon;

  merge_ok (base, ours, theirs, &m);
  tag = json_array_get_object_element (json_object_get_array_member (m.root, "tags"), 0);
  g_assert_cmpstr (json_object_get_string_member (tag, "description"), ==, "mottos");
  lexicon = json_object_get_array_member (tag, "lexicon");
  g_assert_cmpuint (json_array_get_length (lexicon), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (lexicon, 1), ==, "b");
}

#define DISMISS(kind, start, quote) \
  "{ \"kind\": \"" kind "\", \"start\": " #start ", \"end\": " #start "0, \"quote\": \"" quote "\" }"

static void
test_dismissed (void)
{
  g_autoptr(GBytes) base = sidecar (SHA_A, TAGS_DEFAULT,
                                    ", \"dismissed\": [" DISMISS ("figure", 1, "x") "," DISMISS ("slogan", 2, "y") "]", NULL);
  /* OURS adds one; THEIRS removes "y" and adds another. */
  g_autoptr(GBytes) ours = sidecar (SHA_A, TAGS_DEFAULT,
                                    ", \"dismissed\": [" DISMISS ("figure", 1, "x") "," DISMISS ("slogan", 2, "y") ","
                                    DISMISS ("figure", 5, "z") "]", NULL);
  g_autoptr(GBytes) theirs = sidecar (SHA_A, TAGS_DEFAULT,
                                      ", \"dismissed\": [" DISMISS ("figure", 1, "x") "," DISMISS ("policy-goal", 3, "w") "]", NULL);
  g_auto(Merged) m = { 0 };
  JsonArray *dismissed;

  merge_ok (base, ours, theirs, &m);
  dismissed = json_object_get_array_member (m.root, "dismissed");
  g_assert_cmpuint (json_array_get_length (dismissed), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dismissed, 0), "quote"), ==, "x");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dismissed, 1), "quote"), ==, "w");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dismissed, 2), "quote"), ==, "z");
}

static void
test_document_changed (void)
{
  g_autoptr(GBytes) base = sidecar (SHA_A, TAGS_DEFAULT, ", \"x-other\": 1",
                                    ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0), NULL);
  g_autoptr(GBytes) ours = sidecar (SHA_A, TAGS_DEFAULT, ", \"x-other\": 1, \"x-ours\": true",
                                    ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0),
                                    ann ("o", 40, "", "", FALSE, "Li", T1), NULL);
  /* THEIRS edited the speech: its document, and its re-anchored place. */
  g_autoptr(GBytes) theirs = sidecar (SHA_B, TAGS_DEFAULT, ", \"x-other\": 2",
                                      ann ("a", 3, "\"figure\"", "", FALSE, "Li", T0), NULL);
  g_auto(Merged) m = { 0 };

  merge_ok (base, ours, theirs, &m);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (m.root, "document"), "sha256"),
                   ==, SHA_B);
  g_assert_cmpint (json_object_get_int_member (find (&m, "a"), "start"), ==, 3);
  /* OURS's annotation keeps its quote: the next load re-anchors it. */
  g_assert_cmpstr (json_object_get_string_member (find (&m, "o"), "quote"), ==, "q40");
  /* Unknown members: each side's change. */
  g_assert_cmpint (json_object_get_int_member (m.root, "x-other"), ==, 2);
  g_assert_true (json_object_get_boolean_member (m.root, "x-ours"));
}

static void
test_no_base (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) ours = sidecar (SHA_A, TAGS_DEFAULT, "",
                                    ann ("same", 1, "\"figure\"", "", FALSE, "Li", T0),
                                    ann ("o", 20, "", "", FALSE, "Li", T1), NULL);
  g_autoptr(GBytes) theirs = sidecar (SHA_A, TAGS_DEFAULT, "",
                                      ann ("same", 1, "\"figure\"", "", FALSE, "Li", T0),
                                      ann ("t", 10, "", "", FALSE, "Wang", T1), NULL);
  g_auto(Merged) m = { 0 };

  merge_ok (empty, ours, theirs, &m);
  g_assert_cmpuint (n_annotations (&m), ==, 3);
}

static void
test_invalid (void)
{
  g_autoptr(GBytes) good = sidecar (SHA_A, TAGS_DEFAULT, "", ann ("a", 1, "\"figure\"", "", FALSE, "Li", T0), NULL);
  g_autoptr(GBytes) not_json = g_bytes_new_static ("{ not json", 10);
  g_autoptr(GBytes) unknown_tag = sidecar (SHA_A, TAGS_DEFAULT, "", ann ("a", 1, "\"nope\"", "", FALSE, "Li", T0), NULL);
  g_autoptr(GBytes) newer = g_bytes_new_static ("{ \"format\": \"marginalia-annotations\", \"version\": 9 }", 52);
  GBytes *bad[] = { not_json, unknown_tag, newer };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    for (guint side = 0; side < 3; side++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) out = mg_merge3 (side == 0 ? bad[i] : good, side == 1 ? bad[i] : good,
                                           side == 2 ? bad[i] : good, names, &error);

        g_assert_null (out);
        g_assert_error (error, MG_SIDECAR_ERROR, error->code);
        g_assert_nonnull (strstr (error->message, names[side]));
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/merge3/added", test_added);
  g_test_add_func ("/merge3/deleted", test_deleted);
  g_test_add_func ("/merge3/changed-one-side", test_changed_one_side);
  g_test_add_func ("/merge3/changed-both", test_changed_both);
  g_test_add_func ("/merge3/tag-set", test_tag_set);
  g_test_add_func ("/merge3/lexicon", test_lexicon);
  g_test_add_func ("/merge3/dismissed", test_dismissed);
  g_test_add_func ("/merge3/document-changed", test_document_changed);
  g_test_add_func ("/merge3/no-base", test_no_base);
  g_test_add_func ("/merge3/invalid", test_invalid);

  return g_test_run ();
}
