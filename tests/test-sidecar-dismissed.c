/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-merge.h"
#include "mg-sidecar.h"
#include "sidecar-test-util.h"

/* The sidecar's "dismissed" suggestions and the tags' "lexicon": read,
 * validated, written in the contract's order, undone, re-anchored on a
 * changed text and merged. */

#define HEAD "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1,\n  \"document\": {},\n"

static MgSidecar *
load_fixture (MgDocument *document)
{
  g_autofree char *path = fixture_path ("dismissed.marginalia.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(GError) error = NULL;

  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&sidecar);
}

static MgDismissal *
dismissal_at (MgAnnotationStore *store,
              guint              position)
{
  GListModel *model = mg_annotation_store_get_dismissed (store);
  g_autoptr(MgDismissal) d = g_list_model_get_item (model, position);

  g_assert_nonnull (d);
  return d;   /* the store holds a reference */
}

static char *
bytes_text (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) original = fixture_bytes ("dismissed.marginalia.json");
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) with_text = load_fixture (document);
  g_autoptr(MgSidecar) without = load_fixture (NULL);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) out_without = NULL;
  MgAnnotationStore *store = mg_sidecar_get_store (with_text);
  MgTag *slogan = mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), "slogan");
  const char * const *lexicon = mg_tag_get_lexicon (slogan);
  MgDismissal *d;

  g_assert_cmpuint (mg_sidecar_get_problems (with_text)->len, ==, 0);
  g_assert_false (mg_sidecar_get_reanchored (with_text));

  g_assert_cmpuint (g_strv_length ((char **) lexicon), ==, 3);
  g_assert_cmpstr (lexicon[0], ==, "你赚大头、我赚小头");
  g_assert_cmpstr (lexicon[1], ==, "出六进四");
  g_assert_cmpstr (lexicon[2], ==, "十四五");
  g_assert_false (mg_tag_has_lexicon (mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), "figure")));
  g_assert_cmpstrv (mg_tag_get_lexicon (mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), "figure")),
                    ((const char * const []) { NULL }));

  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_store_get_dismissed (store)), ==, 3);
  d = dismissal_at (store, 0);
  g_assert_cmpint (mg_dismissal_get_kind (d), ==, MG_SUGGESTION_SLOGAN);
  g_assert_cmpuint (mg_dismissal_get_start (d), ==, 26);
  g_assert_cmpuint (mg_dismissal_get_end (d), ==, 30);
  g_assert_cmpstr (mg_dismissal_get_quote (d), ==, "出六进四");
  /* Same range, kinds in the order of their ids. */
  g_assert_cmpint (mg_dismissal_get_kind (dismissal_at (store, 1)), ==, MG_SUGGESTION_FIGURE);
  g_assert_cmpint (mg_dismissal_get_kind (dismissal_at (store, 2)), ==, MG_SUGGESTION_SLOGAN);
  g_assert_nonnull (mg_annotation_store_lookup_dismissed (store, MG_SUGGESTION_FIGURE, 54, 57));
  g_assert_null (mg_annotation_store_lookup_dismissed (store, MG_SUGGESTION_POLICY_GOAL, 54, 57));
  g_assert_null (mg_annotation_store_lookup_dismissed (store, MG_SUGGESTION_FIGURE, 54, 56));

  /* Byte for byte, the unknown member of a dismissed entry included, with
   * or without the speech. */
  out = mg_sidecar_serialize (with_text);
  assert_bytes_equal (out, original);
  out_without = mg_sidecar_serialize (without);
  assert_bytes_equal (out_without, original);
}

/* Out of order, twice, empty: read all the same, written sorted. */
static void
test_normalised_on_read (void)
{
  g_autoptr(GBytes) original = fixture_bytes ("dismissed.marginalia.json");
  g_autofree char *text = bytes_text (original);
  g_autoptr(GString) messy = g_string_new (text);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/m.marginalia.json");
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  MgSidecarProblem *p;

  g_string_replace (messy, "\"lexicon\": [\"你赚大头、我赚小头\", \"出六进四\", \"十四五\"]",
                    "\"lexicon\": [\"十四五\", \"出六进四\", \"你赚大头、我赚小头\", \"十四五\"]", 1);
  g_string_replace (messy,
                    "    { \"kind\": \"slogan\", \"start\": 26, \"end\": 30, \"quote\": \"出六进四\" },\n",
                    "", 1);
  g_string_replace (messy,
                    "    { \"kind\": \"slogan\", \"start\": 54, \"end\": 57, \"quote\": \"233\" }\n",
                    "    { \"kind\": \"slogan\", \"start\": 54, \"end\": 57, \"quote\": \"233\" },\n"
                    "    { \"kind\": \"slogan\", \"start\": 26, \"end\": 30, \"quote\": \"出六进四\" },\n"
                    "    { \"kind\": \"slogan\", \"start\": 54, \"end\": 57, \"quote\": \"233\" }\n", 1);
  bytes = g_bytes_new (messy->str, messy->len);
  g_assert_true (mg_sidecar_load_bytes (sidecar, bytes, &error));
  g_assert_no_error (error);

  /* The repeated entry is mentioned, not an error. */
  problems = mg_sidecar_get_problems (sidecar);
  g_assert_cmpuint (problems->len, ==, 0);
  {
    g_autofree char *dir = g_dir_make_tmp ("mg-dismissed-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "m.marginalia.json", NULL);
    g_autoptr(GFile) vfile = g_file_new_for_path (path);
    g_autoptr(GPtrArray) listed = NULL;
    g_autofree char *line = NULL;

    write_file (path, bytes);
    listed = mg_sidecar_validate_file (vfile, document, NULL);
    g_assert_cmpuint (listed->len, ==, 1);
    p = g_ptr_array_index (listed, 0);
    line = mg_sidecar_problem_to_string (p);
    g_test_message ("%s", line);
    g_assert_cmpint (p->kind, ==, MG_SIDECAR_PROBLEM_WARNING);
    g_assert_cmpstr (p->member, ==, "dismissed[3]");
    g_assert_cmpuint (p->line, ==, 99);
    g_assert_cmpuint (p->column, ==, 5);
    g_assert_nonnull (strstr (p->message, "dismissed[1]"));
    g_assert_cmpint (g_remove (path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }

  out = mg_sidecar_serialize (sidecar);
  assert_bytes_equal (out, original);
}

/* "dismissed" is written after "annotations" only when there is one;
 * "lexicon" after "description" only when the tag has phrases. */
static void
test_written_when_present (void)
{
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/w.marginalia.json");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  MgAnnotationStore *store = mg_sidecar_get_store (sidecar);
  g_autoptr(MgSuggestion) suggestion = mg_suggestion_new (MG_SUGGESTION_FIGURE, 54, 57, 4, "233", "number");
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *with = NULL;
  g_autofree char *back = NULL;
  GBytes *bytes;

  bytes = mg_sidecar_serialize (sidecar);
  plain = bytes_text (bytes);
  g_bytes_unref (bytes);
  g_assert_null (strstr (plain, "dismissed"));
  g_assert_null (strstr (plain, "lexicon"));

  g_assert_true (mg_annotation_store_dismiss_suggestion (store, suggestion, &error));
  g_assert_no_error (error);
  g_assert_true (mg_annotation_store_set_tag_lexicon (store, "slogan",
                                                      (const char * const []) { "十四五", "", "十四五", NULL },
                                                      &error));
  g_assert_no_error (error);
  bytes = mg_sidecar_serialize (sidecar);
  with = bytes_text (bytes);
  g_bytes_unref (bytes);
  g_assert_nonnull (strstr (with, "\"description\": \"\", \"lexicon\": [\"十四五\"] }\n"));
  g_assert_true (g_str_has_suffix (with,
                                   "  \"annotations\": [],\n"
                                   "  \"dismissed\": [\n"
                                   "    { \"kind\": \"figure\", \"start\": 54, \"end\": 57, \"quote\": \"233\" }\n"
                                   "  ]\n"
                                   "}\n"));

  g_assert_true (mg_annotation_store_undismiss (store, MG_SUGGESTION_FIGURE, 54, 57));
  g_assert_true (mg_annotation_store_set_tag_lexicon (store, "slogan", NULL, &error));
  bytes = mg_sidecar_serialize (sidecar);
  back = bytes_text (bytes);
  g_bytes_unref (bytes);
  g_assert_cmpstr (back, ==, plain);
}

static guint n_changed;

static void
count_changed (void)
{
  n_changed++;
}

static void
test_store_undo (void)
{
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, NULL);
  GListModel *dismissed = mg_annotation_store_get_dismissed (store);
  g_autoptr(MgSuggestion) figure = mg_suggestion_new (MG_SUGGESTION_FIGURE, 54, 57, 4, "233", "number");
  g_autoptr(MgSuggestion) slogan = mg_suggestion_new (MG_SUGGESTION_SLOGAN, 26, 30, 3, "出六进四", "quoted");
  g_autoptr(MgDismissal) beyond = mg_dismissal_new (MG_SUGGESTION_FIGURE, 130, 9999, "x");
  g_autoptr(GError) error = NULL;

  g_assert_true (g_list_model_get_item_type (dismissed) == MG_TYPE_DISMISSAL);
  g_signal_connect_swapped (dismissed, "items-changed", G_CALLBACK (count_changed), NULL);
  n_changed = 0;

  g_assert_true (mg_annotation_store_dismiss_suggestion (store, figure, &error));
  g_assert_true (mg_annotation_store_dismiss_suggestion (store, slogan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Dismiss suggestion");
  g_assert_true (mg_annotation_store_is_dismissed (store, figure));
  g_assert_true (mg_annotation_store_is_dismissed (store, slogan));
  g_assert_cmpuint (mg_dismissal_get_start (dismissal_at (store, 0)), ==, 26);

  /* Twice is once: no second step. */
  g_assert_true (mg_annotation_store_dismiss_suggestion (store, figure, &error));
  g_assert_cmpuint (g_list_model_get_n_items (dismissed), ==, 2);
  g_assert_cmpuint (n_changed, ==, 2);

  /* A range the text does not have. */
  g_assert_false (mg_annotation_store_dismiss (store, beyond, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_true (mg_annotation_store_undo (store));
  g_assert_false (mg_annotation_store_is_dismissed (store, slogan));
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpuint (g_list_model_get_n_items (dismissed), ==, 0);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_true (mg_annotation_store_is_dismissed (store, figure));
  g_assert_false (mg_annotation_store_is_dismissed (store, slogan));

  g_assert_false (mg_annotation_store_undismiss (store, MG_SUGGESTION_SLOGAN, 26, 30));
  g_assert_true (mg_annotation_store_undismiss (store, MG_SUGGESTION_FIGURE, 54, 57));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Restore suggestion");
  g_assert_cmpuint (g_list_model_get_n_items (dismissed), ==, 0);
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_is_dismissed (store, figure));

  /* Lexicons too. */
  g_assert_true (mg_annotation_store_set_tag_lexicon (store, "slogan",
                                                      (const char * const []) { "十四五", "出六进四", NULL },
                                                      &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (mg_tag_get_lexicon (mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), "slogan")),
                    ((const char * const []) { "出六进四", "十四五", NULL }));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Change tag lexicon");
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_false (mg_tag_has_lexicon (mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), "slogan")));
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_true (mg_tag_has_lexicon (mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), "slogan")));
  g_assert_false (mg_annotation_store_set_tag_lexicon (store, "no-such-tag", NULL, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);

  g_signal_handlers_disconnect_by_func (dismissed, count_changed, NULL);
}

static GPtrArray *
validate_text (const char *json)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-dismissed-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GPtrArray *problems;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  problems = mg_sidecar_validate_file (file, NULL, NULL);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  return problems;
}

static void
assert_problem (GPtrArray  *problems,
                guint       i,
                guint       line,
                guint       column,
                const char *member,
                const char *part)
{
  MgSidecarProblem *p = g_ptr_array_index (problems, i);
  g_autofree char *text = mg_sidecar_problem_to_string (p);

  g_test_message ("%s", text);
  g_assert_cmpint (p->kind, ==, MG_SIDECAR_PROBLEM_ERROR);
  g_assert_cmpstr (p->member, ==, member);
  g_assert_cmpuint (p->line, ==, line);
  g_assert_cmpuint (p->column, ==, column);
  g_assert_nonnull (strstr (p->message, part));
}

static void
test_invalid (void)
{
  const char *json =
    HEAD
    "  \"tags\": [\n"
    "    { \"id\": \"slogan\", \"name\": \"s\", \"color\": \"#e66100\", \"lexicon\": [\"a\", \"\"] },\n"
    "    { \"id\": \"figure\", \"name\": \"f\", \"color\": \"#2ec27e\", \"lexicon\": [3] }\n"
    "  ],\n"
    "  \"annotations\": [],\n"
    "  \"dismissed\": [\n"
    "    { \"kind\": \"quote\", \"start\": 1, \"end\": 2, \"quote\": \"x\" },\n"
    "    { \"kind\": \"figure\", \"start\": 5, \"end\": 2, \"quote\": \"x\" },\n"
    "    { \"kind\": \"figure\", \"start\": -1, \"end\": 2 },\n"
    "    7\n"
    "  ]\n"
    "}\n";
  g_autoptr(GPtrArray) problems = validate_text (json);

  g_assert_cmpuint (problems->len, ==, 7);
  assert_problem (problems, 0, 6, 73, "tags[0].lexicon[1]", "an empty phrase");
  assert_problem (problems, 1, 7, 68, "tags[1].lexicon[0]", "expected a string, found a number");
  assert_problem (problems, 2, 11, 15, "dismissed[0].kind", "unknown kind “quote” (expected figure, slogan or policy-goal)");
  assert_problem (problems, 3, 12, 34, "dismissed[1].start", "start (5) is after end (2)");
  assert_problem (problems, 4, 13, 34, "dismissed[2].start", "-1 is negative");
  assert_problem (problems, 5, 13, 5, "dismissed[2]", "the dismissed suggestion has no “quote”");
  assert_problem (problems, 6, 14, 5, "dismissed[3]", "expected an object, found a number");

  {
    g_autoptr(GPtrArray) not_array =
      validate_text (HEAD "  \"tags\": [],\n  \"annotations\": [],\n  \"dismissed\": {}\n}\n");

    g_assert_cmpuint (not_array->len, ==, 1);
    assert_problem (not_array, 0, 7, 16, "dismissed", "expected an array, found an object");
  }
}

/* The speech changed: dismissed suggestions move with their text, and
 * those whose text is gone are dropped. */
static void
test_reanchor (void)
{
  g_autofree char *text = speech_text ();
  g_autoptr(GString) edited = g_string_new (text);
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(MgSidecar) sidecar = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree char *written = NULL;
  MgAnnotationStore *store;
  MgDismissal *d;

  /* Three characters more before everything, "233" gone. */
  g_string_replace (edited, "在全市", "开场白在全市", 1);
  g_string_replace (edited, "义乌与 233 个", "义乌与许多", 1);
  document = mg_document_new_for_text (edited->str, -1, "讲话.txt");
  sidecar = load_fixture (document);
  store = mg_sidecar_get_store (sidecar);

  g_assert_true (mg_sidecar_get_reanchored (sidecar));
  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_store_get_dismissed (store)), ==, 1);
  d = dismissal_at (store, 0);
  g_assert_cmpuint (mg_dismissal_get_start (d), ==, 29);
  g_assert_cmpuint (mg_dismissal_get_end (d), ==, 33);
  g_assert_cmpstr (mg_dismissal_get_quote (d), ==, "出六进四");

  out = mg_sidecar_serialize (sidecar);
  written = bytes_text (out);
  g_assert_nonnull (strstr (written, "{ \"kind\": \"slogan\", \"start\": 29, \"end\": 33, \"quote\": \"出六进四\" }\n  ]"));
  g_assert_null (strstr (written, "\"quote\": \"233\""));
}

static void
test_merge (void)
{
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgAnnotationStore) ours = mg_annotation_store_new (document, NULL);
  g_autoptr(MgSidecar) theirs = load_fixture (document);
  MgAnnotationStore *their_store = mg_sidecar_get_store (theirs);
  g_autoptr(MgTag) own = mg_tag_new ("own-formula", "Own", "#123456", "");
  g_autoptr(MgSuggestion) figure = mg_suggestion_new (MG_SUGGESTION_FIGURE, 54, 57, 4, "233", "number");
  g_autoptr(MgSuggestion) goal = mg_suggestion_new (MG_SUGGESTION_POLICY_GOAL, 1, 5, 1, "全市作风", "goal");
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  MgMergeReport report;
  GListModel *dismissed = mg_annotation_store_get_dismissed (ours);
  MgTagSet *tags = mg_annotation_store_get_tag_set (ours);

  /* Theirs: a tag with a lexicon that none of their annotations uses. */
  mg_tag_set_lexicon (own, (const char * const []) { "两个一百年", NULL });
  g_assert_true (mg_annotation_store_add_tag (their_store, own, &error));
  g_assert_no_error (error);

  g_assert_true (mg_annotation_store_set_tag_lexicon (ours, "slogan",
                                                      (const char * const []) { "稳中求进", "出六进四", NULL },
                                                      &error));
  g_assert_true (mg_annotation_store_dismiss_suggestion (ours, figure, &error));
  g_assert_true (mg_annotation_store_dismiss_suggestion (ours, goal, &error));
  g_assert_no_error (error);

  g_assert_true (mg_merge_annotations (ours, none, mg_annotation_store_get_tag_set (their_store),
                                       NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (mg_tag_get_lexicon (mg_tag_set_lookup (tags, "slogan")),
                    ((const char * const []) { "你赚大头、我赚小头", "出六进四", "十四五", "稳中求进", NULL }));
  g_assert_nonnull (mg_tag_set_lookup (tags, "own-formula"));
  g_assert_cmpstrv (mg_tag_get_lexicon (mg_tag_set_lookup (tags, "own-formula")),
                    ((const char * const []) { "两个一百年", NULL }));
  /* Tags without a lexicon and unused come along as before: not at all. */
  g_assert_null (mg_tag_set_lookup (tags, "reform-2"));

  g_assert_cmpuint (mg_merge_dismissed (ours, mg_annotation_store_get_dismissed (their_store)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (dismissed), ==, 4);
  g_assert_cmpuint (mg_dismissal_get_start (dismissal_at (ours, 0)), ==, 1);
  g_assert_cmpuint (mg_dismissal_get_start (dismissal_at (ours, 1)), ==, 26);
  g_assert_cmpint (mg_dismissal_get_kind (dismissal_at (ours, 2)), ==, MG_SUGGESTION_FIGURE);
  g_assert_cmpint (mg_dismissal_get_kind (dismissal_at (ours, 3)), ==, MG_SUGGESTION_SLOGAN);
  /* Merging again adds nothing; one undo takes the merge back. */
  g_assert_cmpuint (mg_merge_dismissed (ours, mg_annotation_store_get_dismissed (their_store)), ==, 0);
  g_assert_true (mg_annotation_store_undo (ours));
  g_assert_cmpuint (g_list_model_get_n_items (dismissed), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidecar-dismissed/round-trip", test_round_trip);
  g_test_add_func ("/sidecar-dismissed/normalised-on-read", test_normalised_on_read);
  g_test_add_func ("/sidecar-dismissed/written-when-present", test_written_when_present);
  g_test_add_func ("/sidecar-dismissed/store-undo", test_store_undo);
  g_test_add_func ("/sidecar-dismissed/invalid", test_invalid);
  g_test_add_func ("/sidecar-dismissed/reanchor", test_reanchor);
  g_test_add_func ("/sidecar-dismissed/merge", test_merge);

  return g_test_run ();
}
