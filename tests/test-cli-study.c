/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli-fixture.h"
#include "phrase-text.h"

/* marginalia-cli merge and agreement: a study group's files. */

static void
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autofree char *path = fixture_path (f, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* An annotation of @file (a member's sidecar of speech.txt). */
#define MEMBER_ADD(f, file, author, ...) \
  g_free (add_ok ((f), "--annotations", (file), "--author", (author), __VA_ARGS__, NULL))

static JsonObject *
find_by (JsonArray  *array,
         const char *quote,
         const char *tag,
         guint       start)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      JsonArray *tags = json_object_get_array_member (o, "tags");
      gboolean has = FALSE;

      for (guint t = 0; t < json_array_get_length (tags); t++)
        has = has || g_strcmp0 (json_array_get_string_element (tags, t), tag) == 0;
      if (has && g_strcmp0 (json_object_get_string_member (o, "quote"), quote) == 0 &&
          (start == G_MAXUINT || json_object_get_int_member (o, "start") == start))
        {
          g_assert_null (found);
          found = o;
        }
    }
  return found;
}

/* The "annotations" of a sidecar as written. */
static JsonArray *
sidecar_annotations (Fixture    *f,
                     const char *name,
                     JsonNode  **out_root)
{
  g_autofree char *path = fixture_path (f, name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  *out_root = parse_json (contents);
  return json_object_get_array_member (json_node_get_object (*out_root), "annotations");
}

static JsonObject *
find_author (JsonArray  *array,
             const char *quote,
             const char *author)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "quote"), quote) == 0 &&
          g_strcmp0 (json_object_get_string_member (o, "author"), author) == 0)
        return o;
    }
  return NULL;
}

static char *
contributors (JsonObject *o)
{
  g_autoptr(GString) s = g_string_new (NULL);
  JsonArray *names;

  if (!json_object_has_member (o, "contributors"))
    return g_strdup ("");
  names = json_object_get_array_member (o, "contributors");
  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, json_array_get_string_element (names, i));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
make_group (Fixture *f)
{
  /* Mine. */
  MEMBER_ADD (f, SIDECAR, "Me", "--quote", "高质量发展", "--tag", "slogan", "--note", "mine");
  /* Alice: one the same as mine with another note, two new. */
  MEMBER_ADD (f, "alice.json", "Alice", "--quote", "高质量发展", "--tag", "slogan", "--note", "hers");
  MEMBER_ADD (f, "alice.json", "Alice", "--quote", "项目为王", "--tag", "slogan");
  MEMBER_ADD (f, "alice.json", "Alice", "--quote", "233 个", "--tag", "figure", "--star");
  /* Bob: the same as mine without a note, the same as Alice's, two new. */
  MEMBER_ADD (f, "bob.json", "Bob", "--quote", "高质量发展", "--tag", "slogan");
  MEMBER_ADD (f, "bob.json", "Bob", "--quote", "项目为王", "--tag", "slogan", "--note", "motto");
  MEMBER_ADD (f, "bob.json", "Bob", "--quote", "1200 亿元", "--tag", "figure");
  MEMBER_ADD (f, "bob.json", "Bob", "--quote", "6.5%", "--tag", "policy-goal");
  /* Carol: the same passage as mine under another tag (a conflict: both
   * kept), the second "项目为王", and Alice's figure. */
  MEMBER_ADD (f, "carol.json", "Carol", "--quote", "高质量发展", "--tag", "figure");
  MEMBER_ADD (f, "carol.json", "Carol", "--quote", "项目为王", "--occurrence", "2", "--tag", "slogan");
  MEMBER_ADD (f, "carol.json", "Carol", "--quote", "233 个", "--tag", "figure");
}

static void
test_merge_three (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) alice_before = NULL;
  g_autoptr(GBytes) merged_once = NULL;
  g_autofree char *names = NULL;
  JsonArray *list;
  JsonObject *o;

  make_group (f);
  alice_before = snapshot (f, "alice.json");

  RUN (f, &r, "merge", SPEECH, "alice.json", "bob.json", "carol.json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "alice.json (Alice): 2 added, 1 merged, 0 skipped"));
  g_assert_nonnull (strstr (r.err, "bob.json (Bob): 2 added, 2 merged, 0 skipped"));
  g_assert_nonnull (strstr (r.err, "carol.json (Carol): 2 added, 1 merged, 0 skipped"));
  g_assert_nonnull (strstr (r.err, "In all: 6 added, 4 merged, 0 skipped"));
  /* The members' files are only read. */
  assert_unchanged (f, "alice.json", alice_before);

  list = sidecar_annotations (f, SIDECAR, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 7);

  /* Mine, with Alice's and Bob's folded in: notes joined, both credited. */
  o = find_by (list, "高质量发展", "slogan", G_MAXUINT);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "author"), ==, "Me");
  g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "Me: mine\nAlice: hers");
  names = contributors (o);
  g_assert_cmpstr (names, ==, "Alice,Bob");
  g_clear_pointer (&names, g_free);

  /* Carol's conflicting tag on the same passage: kept apart. */
  o = find_by (list, "高质量发展", "figure", G_MAXUINT);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "author"), ==, "Carol");

  /* Alice's, with Bob's note. */
  o = find_author (list, "项目为王", "Alice");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "Bob: motto");
  names = contributors (o);
  g_assert_cmpstr (names, ==, "Bob");
  g_clear_pointer (&names, g_free);

  g_assert_null (find_author (list, "项目为王", "Bob"));
  g_assert_nonnull (find_author (list, "项目为王", "Carol"));

  /* Alice's figure, starred, with Carol credited. */
  o = find_by (list, "233 个", "figure", G_MAXUINT);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "author"), ==, "Alice");
  g_assert_true (json_object_get_boolean_member (o, "starred"));
  names = contributors (o);
  g_assert_cmpstr (names, ==, "Carol");

  g_assert_nonnull (find_by (list, "1200 亿元", "figure", G_MAXUINT));
  g_assert_nonnull (find_by (list, "6.5%", "policy-goal", G_MAXUINT));

  /* Merging the same files again changes nothing. */
  merged_once = snapshot (f, SIDECAR);
  RUN (f, &r, "merge", SPEECH, "alice.json", "bob.json", "carol.json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "In all: 0 added, 0 merged, 10 skipped"));
  assert_unchanged (f, SIDECAR, merged_once);
}

static void
test_merge_second_occurrence (Fixture       *f,
                              gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  guint n = 0;

  make_group (f);
  RUN (f, &r, "merge", SPEECH, "alice.json", "bob.json", "carol.json");
  g_assert_cmpint (r.status, ==, 0);
  list = list_json (f, SPEECH, &root);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (o, "quote"), "项目为王") == 0)
        n++;
    }
  /* Alice's (with Bob's folded in) and Carol's, at the other place. */
  g_assert_cmpuint (n, ==, 2);
}

static void
test_merge_output (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GBytes) mine = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out_path = NULL;
  JsonArray *list;

  make_group (f);
  mine = snapshot (f, SIDECAR);
  RUN (f, &r, "merge", SPEECH, "alice.json", "bob.json", "-o", "group.json");
  g_assert_cmpint (r.status, ==, 0);
  assert_unchanged (f, SIDECAR, mine);

  RUN (f, &r, "list", SPEECH, "--annotations", "group.json", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  list = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (list), ==, 5);

  /* Without a sidecar of its own, DOC contributes nothing. */
  out_path = fixture_path (f, SIDECAR);
  g_assert_cmpint (g_remove (out_path), ==, 0);
  RUN (f, &r, "merge", SPEECH, "carol.json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "In all: 3 added, 0 merged, 0 skipped"));
}

static void
test_merge_reanchors (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;
  JsonArray *list;
  JsonObject *o;

  /* Dan annotated the transcript with a line added at the top. */
  RUN (f, &r, "add", "speech-v2.txt", "--annotations", "dan.json", "--quote", "1200 亿元",
       "--tag", "figure", "--author", "Dan");
  g_assert_cmpint (r.status, ==, 0);
  id = add_ok (f, "--quote", "1200 亿元", "--tag", "figure", "--author", "Me", NULL);

  RUN (f, &r, "merge", SPEECH, "dan.json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "In all: 0 added, 1 merged, 0 skipped"));

  list = sidecar_annotations (f, SIDECAR, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  o = find_annotation (list, id);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "author"), ==, "Me");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "contributors")), ==, 1);
}

/* Writes @text as @name and, as @member_name, a member's sidecar of it by
 * @author with an annotation on characters 4 to 7 of each phrase at
 * @starts, its note the phrase's number. */
static void
write_phrase_member (Fixture    *f,
                     const char *name,
                     const char *text,
                     GArray     *starts,
                     const char *member_name,
                     const char *author)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *json = NULL;
  glong length = g_utf8_strlen (text, -1);

  write_file (f, name, text);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "marginalia-annotations");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "document");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha256);
  json_builder_set_member_name (b, "length");
  json_builder_add_int_value (b, length);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "figure");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "数据");
  json_builder_set_member_name (b, "color");
  json_builder_add_string_value (b, "#2ec27e");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "annotations");
  json_builder_begin_array (b);
  for (guint i = 0; i < starts->len; i++)
    {
      glong start = g_array_index (starts, guint, i) + 4;
      const char *q0 = g_utf8_offset_to_pointer (text, start);
      const char *q1 = g_utf8_offset_to_pointer (q0, 3);
      const char *p0 = g_utf8_offset_to_pointer (text, MAX (0, start - 32));
      const char *s1 = g_utf8_offset_to_pointer (q1, MIN (32, length - start - 3));
      g_autofree char *id = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
      g_autofree char *quote = g_strndup (q0, q1 - q0);
      g_autofree char *prefix = g_strndup (p0, q0 - p0);
      g_autofree char *suffix = g_strndup (q1, s1 - q1);
      g_autofree char *note = g_strdup_printf ("%u", i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, start);
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, start + 3);
      json_builder_set_member_name (b, "quote");
      json_builder_add_string_value (b, quote);
      json_builder_set_member_name (b, "prefix");
      json_builder_add_string_value (b, prefix);
      json_builder_set_member_name (b, "suffix");
      json_builder_add_string_value (b, suffix);
      json_builder_set_member_name (b, "tags");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, "figure");
      json_builder_end_array (b);
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, note);
      json_builder_set_member_name (b, "author");
      json_builder_add_string_value (b, author);
      json_builder_set_member_name (b, "created");
      json_builder_add_string_value (b, "2026-03-01T09:00:00Z");
      json_builder_set_member_name (b, "modified");
      json_builder_add_string_value (b, "2026-03-01T09:00:00Z");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);
  write_file (f, member_name, json);
}

static void
test_merge_refuses_similar (Fixture       *f,
                            gconstpointer  data)
{
  /* Hana annotated another speech made of the same phrases in another
   * order: every quote occurs in this one, nowhere in its context. */
  g_auto(Result) r = { 0 };
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *first = phrase_text (1, 600, "", 0, 0, starts);
  g_autofree char *second = phrase_text (2, 600, "", 0, 0, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  write_phrase_member (f, "first.txt", first, starts, "hana.json", "Hana");
  write_file (f, "second.txt", second);
  before = listing (f);

  RUN (f, &r, "merge", "second.txt", "hana.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "“hana.json” annotates a different document (“first.txt”)"));
  g_assert_nonnull (strstr (r.err, "of 200 of its annotations sampled could be placed on this speech"));
  after = listing (f);
  g_assert_cmpstr (before, ==, after);

  RUN (f, &r, "agreement", "second.txt", "hana.json", "hana.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "annotations sampled could be placed"));

  /* On the speech it was made on, the same file merges whole. */
  RUN (f, &r, "merge", "first.txt", "hana.json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "In all: 600 added"));
}

static void
test_merge_large_edited (Fixture       *f,
                         gconstpointer  data)
{
  /* The speech was revised after Hana annotated it: a note at the top,
   * 20 phrases cut. Her 600 annotations are re-anchored on it. */
  g_auto(Result) r = { 0 };
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) new_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *first = phrase_text (1, 600, "", 0, 0, starts);
  g_autofree char *edited = phrase_text (1, 600, "（根据录音整理）\n", 100, 120, new_starts);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  guint placed = 0;

  write_phrase_member (f, "first.txt", first, starts, "hana.json", "Hana");
  write_file (f, "edited.txt", edited);

  RUN (f, &r, "merge", "edited.txt", "hana.json", "-o", "group.json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "hana.json (Hana)"));

  list = sidecar_annotations (f, "group.json", &root);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      guint phrase = (guint) g_ascii_strtoull (json_object_get_string_member (o, "note"), NULL, 10);
      guint start;

      g_assert_cmpuint (phrase, <, new_starts->len);
      start = g_array_index (new_starts, guint, phrase);
      if (start == G_MAXUINT)
        continue;
      g_assert_cmpint (json_object_get_int_member (o, "start"), ==, start + 4);
      g_assert_cmpint (json_object_get_int_member (o, "end"), ==, start + 7);
      placed++;
    }
  g_assert_cmpuint (placed, ==, 580);
}

static void
test_merge_refuses (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GBytes) mine = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  write_file (f, "other.txt",
              "The harbour will open in spring, and the new bridge carries the tram "
              "across the river by autumn; the market moves to the old station, "
              "and the ferry runs every hour. Work on the school starts in May. "
              "We thank the builders and the city council for their patience.\n");
  RUN (f, &r, "add", "other.txt", "--annotations", "other.json", "--quote", "harbour will open",
       "--tag", "policy-goal", "--author", "Eve");
  g_assert_cmpint (r.status, ==, 0);
  RUN (f, &r, "add", "other.txt", "--annotations", "other.json", "--quote", "ferry runs",
       "--author", "Eve");
  g_assert_cmpint (r.status, ==, 0);

  make_group (f);
  mine = snapshot (f, SIDECAR);
  before = listing (f);

  /* Another document altogether: nothing written, even the good files. */
  RUN (f, &r, "merge", SPEECH, "alice.json", "other.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "other.json"));
  g_assert_nonnull (strstr (r.err, "different document"));
  assert_unchanged (f, SIDECAR, mine);

  RUN (f, &r, "merge", SPEECH, "alice.json", "other.json", "-o", "group.json");
  g_assert_cmpint (r.status, ==, 2);
  after = listing (f);
  g_assert_cmpstr (before, ==, after);

  /* An invalid or missing member file. */
  RUN (f, &r, "merge", SPEECH, "invalid.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "invalid.json"));
  RUN (f, &r, "merge", SPEECH, "nobody.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "nobody.json"));
  assert_unchanged (f, SIDECAR, mine);

  /* Usage. */
  RUN (f, &r, "merge", SPEECH);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Usage:"));
}

/* Agreement on a text of four units, "abcd". */

static JsonObject *
agreement_json (Fixture    *f,
                JsonNode  **out_root,
                const char *first,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(Result) r = { 0 };
  va_list args;

  g_ptr_array_add (argv, (gpointer) "agreement");
  g_ptr_array_add (argv, (gpointer) "four.txt");
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--json");
  g_ptr_array_add (argv, NULL);

  run_full (f, NULL, NULL, (const char * const *) argv->pdata, &r);
  g_assert_cmpint (r.status, ==, 0);
  *out_root = parse_json (r.out);
  return json_node_get_object (*out_root);
}

static void
mark (Fixture    *f,
      const char *file,
      const char *author,
      const char *range,
      const char *tag)
{
  g_auto(Result) r = { 0 };

  RUN (f, &r, "add", "four.txt", "--annotations", file, "--range", range,
       "--tag", tag, "--author", author);
  g_assert_cmpint (r.status, ==, 0);
}

static void
check_tag (JsonObject *root,
           const char *tag,
           const char *method,
           double      kappa,
           double      overlap)
{
  JsonObject *tags = json_object_get_object_member (root, "tags");
  JsonObject *t = json_object_get_object_member (tags, tag);

  g_assert_nonnull (t);
  g_assert_cmpstr (json_object_get_string_member (t, "method"), ==, method);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (t, "kappa"), kappa, 1e-6);
  if (isnan (overlap))
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (t, "overlap")));
  else
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (t, "overlap"), overlap, 1e-6);
}

static void
test_agreement_two (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonArray *authors;

  write_file (f, "four.txt", "abcd");
  /* slogan: the same for both → perfect. */
  mark (f, "a.json", "Alice", "0:2", "slogan");
  mark (f, "b.json", "Bob", "0:2", "slogan");
  /* figure: disjoint halves → p_o = 0, p_e = ½·½ + ½·½ = ½, kappa = −1. */
  mark (f, "a.json", "Alice", "0:2", "figure");
  mark (f, "b.json", "Bob", "2:4", "figure");
  /* policy-goal: A {0,1}, B {0,2} → both 1, one each, neither 1:
   * p_o = ½ = p_e → chance level, kappa 0; overlap 1/3. */
  mark (f, "a.json", "Alice", "0:2", "policy-goal");
  mark (f, "b.json", "Bob", "0:1", "policy-goal");
  mark (f, "b.json", "Bob", "2:3", "policy-goal");

  o = agreement_json (f, &root, "a.json", "b.json", NULL);
  authors = json_object_get_array_member (o, "authors");
  g_assert_cmpuint (json_array_get_length (authors), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (authors, 0), ==, "Alice");
  g_assert_cmpstr (json_array_get_string_element (authors, 1), ==, "Bob");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (o, "tags")), ==, 3);
  check_tag (o, "slogan", "cohen", 1.0, 1.0);
  check_tag (o, "figure", "cohen", -1.0, 0.0);
  check_tag (o, "policy-goal", "cohen", 0.0, 1.0 / 3.0);

  RUN (f, &r, "agreement", "four.txt", "a.json", "b.json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Members: Alice, Bob"));
  g_assert_nonnull (strstr (r.out, "slogan"));
  g_assert_nonnull (strstr (r.out, "kappa 1.000"));
  g_assert_nonnull (strstr (r.out, "kappa -1.000"));
  g_assert_nonnull (strstr (r.out, "33.3% overlap"));
}

static void
test_agreement_three (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  write_file (f, "four.txt", "abcd");
  /* slogan: units in for 3, 2, 0, 1 of 3 members (docs/agreement.md):
   * P̄ = 2/3, p = ½, P̄_e = ½, kappa = 1/3; overlap 1/3. */
  mark (f, "a.json", "Alice", "0:2", "slogan");
  mark (f, "b.json", "Bob", "0:2", "slogan");
  mark (f, "c.json", "Carol", "0:1", "slogan");
  mark (f, "c.json", "Carol", "3:4", "slogan");
  /* figure: one unit for one member: P_i = 1 (three units), 1/3 (one):
   * P̄ = 10/12, p = 1/12, P̄_e = 122/144, kappa = −1/11; overlap 0. */
  mark (f, "a.json", "Alice", "2:3", "figure");

  o = agreement_json (f, &root, "a.json", "b.json", "c.json", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "authors")), ==, 3);
  check_tag (o, "slogan", "fleiss", 1.0 / 3.0, 1.0 / 3.0);
  check_tag (o, "figure", "fleiss", -1.0 / 11.0, 0.0);
}

static void
test_agreement_usage (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  write_file (f, "four.txt", "abcd");
  mark (f, "a.json", "Alice", "0:2", "slogan");
  RUN (f, &r, "agreement", "four.txt", "a.json");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "two members"));
  RUN (f, &r, "agreement", "four.txt");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "agreement", "four.txt", "a.json", "invalid.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "invalid.json"));
  RUN (f, &r, "agreement", "missing.txt", "a.json", "a.json");
  g_assert_cmpint (r.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/merge/three-members", test_merge_three);
  ADD ("/cli/merge/second-occurrence", test_merge_second_occurrence);
  ADD ("/cli/merge/output", test_merge_output);
  ADD ("/cli/merge/reanchors", test_merge_reanchors);
  ADD ("/cli/merge/refuses", test_merge_refuses);
  ADD ("/cli/merge/refuses-similar", test_merge_refuses_similar);
  ADD ("/cli/merge/large-edited", test_merge_large_edited);
  ADD ("/cli/agreement/two-members", test_agreement_two);
  ADD ("/cli/agreement/three-members", test_agreement_three);
  ADD ("/cli/agreement/usage", test_agreement_usage);
#undef ADD

  return g_test_run ();
}
