/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-annotation-private.h"

typedef struct
{
  GHashTable *counts;  /* property name → count */
} NotifyLog;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           NotifyLog  *log)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, pspec->name));

  g_hash_table_insert (log->counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
count (NotifyLog  *log,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name));
}

static guint
total (NotifyLog *log)
{
  GHashTableIter iter;
  gpointer value;
  guint sum = 0;

  g_hash_table_iter_init (&iter, log->counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sum += GPOINTER_TO_UINT (value);
  return sum;
}

static void
log_init (NotifyLog    *log,
          MgAnnotation *annotation)
{
  log->counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (annotation, "notify", G_CALLBACK (on_notify), log);
}

static void
log_clear (NotifyLog *log)
{
  g_hash_table_remove_all (log->counts);
}

static void
log_free (NotifyLog *log)
{
  g_hash_table_unref (log->counts);
}

static void
test_anchor_state_strings (void)
{
  g_assert_cmpstr (mg_anchor_state_to_string (MG_ANCHOR_STATE_EXACT), ==, "exact");
  g_assert_cmpstr (mg_anchor_state_to_string (MG_ANCHOR_STATE_MOVED), ==, "moved");
  g_assert_cmpstr (mg_anchor_state_to_string (MG_ANCHOR_STATE_FUZZY), ==, "fuzzy");
  g_assert_cmpstr (mg_anchor_state_to_string (MG_ANCHOR_STATE_ORPHANED), ==, "orphaned");
}

static void
test_new (void)
{
  MgAnnotation *a = mg_annotation_new ("abc", 3, 9);
  MgAnnotation *b = mg_annotation_new (NULL, 0, 1);
  MgAnnotation *c = mg_annotation_new (NULL, 0, 1);

  g_assert_cmpstr (mg_annotation_get_id (a), ==, "abc");
  g_assert_cmpuint (mg_annotation_get_start (a), ==, 3);
  g_assert_cmpuint (mg_annotation_get_end (a), ==, 9);
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, "");
  g_assert_cmpstr (mg_annotation_get_prefix (a), ==, "");
  g_assert_cmpstr (mg_annotation_get_suffix (a), ==, "");
  g_assert_cmpstr (mg_annotation_get_note (a), ==, "");
  g_assert_cmpstr (mg_annotation_get_author (a), ==, "");
  g_assert_nonnull (mg_annotation_get_tags (a));
  g_assert_null (mg_annotation_get_tags (a)[0]);
  g_assert_nonnull (mg_annotation_get_contributors (a));
  g_assert_null (mg_annotation_get_contributors (a)[0]);
  g_assert_null (mg_annotation_get_created (a));
  g_assert_null (mg_annotation_get_modified (a));
  g_assert_false (mg_annotation_get_starred (a));
  g_assert_cmpint (mg_annotation_get_anchor_state (a), ==, MG_ANCHOR_STATE_EXACT);
  g_assert_cmpfloat (mg_annotation_get_anchor_score (a), ==, 1.0);
  g_assert_false (mg_annotation_is_orphaned (a));
  g_assert_cmpuint (mg_annotation_get_paragraph (a), ==, 0);
  g_assert_null (_mg_annotation_get_extra (a));

  /* Random ids: UUIDs, different each time. */
  g_assert_true (g_uuid_string_is_valid (mg_annotation_get_id (b)));
  g_assert_cmpstr (mg_annotation_get_id (b), !=, mg_annotation_get_id (c));

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (c);
}

static void
test_notify_on_change_only (void)
{
  MgAnnotation *a = mg_annotation_new ("n", 0, 4);
  const char *tags[] = { "figure", NULL };
  const char *names[] = { "Bo", "Al", NULL };
  NotifyLog log;

  log_init (&log, a);

  /* Setting what is already there notifies nothing. */
  mg_annotation_set_range (a, 0, 4);
  mg_annotation_set_quote (a, "");
  mg_annotation_set_quote (a, NULL);
  mg_annotation_set_prefix (a, "");
  mg_annotation_set_suffix (a, "");
  mg_annotation_set_tags (a, NULL);
  mg_annotation_set_note (a, "");
  mg_annotation_set_starred (a, FALSE);
  mg_annotation_set_author (a, "");
  mg_annotation_set_contributors (a, NULL);
  mg_annotation_set_created (a, NULL);
  mg_annotation_set_created (a, "");
  mg_annotation_set_modified (a, NULL);
  mg_annotation_set_anchor_state (a, MG_ANCHOR_STATE_EXACT);
  mg_annotation_set_anchor_score (a, 1.0);
  mg_annotation_set_paragraph (a, 0);
  g_assert_false (mg_annotation_remove_tag (a, "figure"));
  g_assert_cmpuint (total (&log), ==, 0);

  /* Each real change notifies its property once. */
  mg_annotation_set_range (a, 2, 4);
  g_assert_cmpuint (count (&log, "start"), ==, 1);
  g_assert_cmpuint (count (&log, "end"), ==, 0);
  mg_annotation_set_range (a, 2, 6);
  g_assert_cmpuint (count (&log, "start"), ==, 1);
  g_assert_cmpuint (count (&log, "end"), ==, 1);
  mg_annotation_set_quote (a, "四个字");
  mg_annotation_set_quote (a, "四个字");
  mg_annotation_set_prefix (a, "p");
  mg_annotation_set_suffix (a, "s");
  mg_annotation_set_tags (a, tags);
  mg_annotation_set_tags (a, tags);
  mg_annotation_set_note (a, "note");
  mg_annotation_set_note (a, "note");
  mg_annotation_set_starred (a, TRUE);
  mg_annotation_set_starred (a, 7);
  mg_annotation_set_author (a, "Li Wei");
  mg_annotation_set_author (a, "Li Wei");
  mg_annotation_set_contributors (a, names);
  mg_annotation_set_contributors (a, names);
  mg_annotation_set_created (a, "2026-11-28T09:12:44Z");
  mg_annotation_set_created (a, "2026-11-28T09:12:44Z");
  mg_annotation_set_modified (a, "2026-11-28T09:12:45Z");
  mg_annotation_set_anchor_state (a, MG_ANCHOR_STATE_FUZZY);
  mg_annotation_set_anchor_state (a, MG_ANCHOR_STATE_FUZZY);
  mg_annotation_set_anchor_score (a, 0.5);
  mg_annotation_set_anchor_score (a, 0.5);
  mg_annotation_set_paragraph (a, 3);
  mg_annotation_set_paragraph (a, 3);

  g_assert_cmpuint (count (&log, "quote"), ==, 1);
  g_assert_cmpuint (count (&log, "prefix"), ==, 1);
  g_assert_cmpuint (count (&log, "suffix"), ==, 1);
  g_assert_cmpuint (count (&log, "tags"), ==, 1);
  g_assert_cmpuint (count (&log, "note"), ==, 1);
  g_assert_cmpuint (count (&log, "starred"), ==, 1);
  g_assert_cmpuint (count (&log, "author"), ==, 1);
  g_assert_cmpuint (count (&log, "contributors"), ==, 1);
  g_assert_cmpuint (count (&log, "created"), ==, 1);
  g_assert_cmpuint (count (&log, "modified"), ==, 1);
  g_assert_cmpuint (count (&log, "anchor-state"), ==, 1);
  g_assert_cmpuint (count (&log, "anchor-score"), ==, 1);
  g_assert_cmpuint (count (&log, "paragraph"), ==, 1);
  g_assert_cmpuint (total (&log), ==, 15);

  g_assert_true (mg_annotation_get_starred (a));
  g_assert_cmpstr (mg_annotation_get_note (a), ==, "note");
  g_assert_cmpstr (mg_annotation_get_created (a), ==, "2026-11-28T09:12:44Z");
  g_assert_cmpint (mg_annotation_get_anchor_state (a), ==, MG_ANCHOR_STATE_FUZZY);
  g_assert_cmpfloat (mg_annotation_get_anchor_score (a), ==, 0.5);
  g_assert_cmpuint (mg_annotation_get_paragraph (a), ==, 3);

  log_free (&log);
  g_assert_finalize_object (a);
}

static void
test_gobject_properties (void)
{
  MgAnnotation *a = NULL;
  const char *tags[] = { "slogan", "figure", NULL };
  g_auto(GStrv) got_tags = NULL;
  g_auto(GStrv) got_contributors = NULL;
  g_autofree char *id = NULL;
  guint state = 0, start = 0, end = 0;
  gboolean starred = FALSE;
  NotifyLog log;

  a = g_object_new (MG_TYPE_ANNOTATION,
                    "id", "prop",
                    "end", 10,
                    "start", 5,
                    "tags", tags,
                    "starred", TRUE,
                    "anchor-state", (guint) MG_ANCHOR_STATE_ORPHANED,
                    NULL);
  log_init (&log, a);

  g_object_get (a,
                "id", &id,
                "start", &start,
                "end", &end,
                "tags", &got_tags,
                "contributors", &got_contributors,
                "starred", &starred,
                "anchor-state", &state,
                NULL);
  g_assert_cmpstr (id, ==, "prop");
  g_assert_cmpuint (start, ==, 5);
  g_assert_cmpuint (end, ==, 10);
  g_assert_cmpstrv (got_tags, tags);
  g_assert_cmpuint (g_strv_length (got_contributors), ==, 0);
  g_assert_true (starred);
  g_assert_cmpuint (state, ==, MG_ANCHOR_STATE_ORPHANED);
  g_assert_true (mg_annotation_is_orphaned (a));

  g_object_set (a, "note", "hello", "starred", TRUE, NULL);
  g_assert_cmpuint (count (&log, "note"), ==, 1);
  g_assert_cmpuint (count (&log, "starred"), ==, 0);

  log_free (&log);
  g_assert_finalize_object (a);
}

static void
test_tags (void)
{
  MgAnnotation *a = mg_annotation_new ("t", 0, 1);
  const char *with_duplicates[] = { "slogan", "figure", "slogan", "", NULL };
  const char *expected[] = { "slogan", "figure", NULL };
  const char *expected_after[] = { "figure", "policy-goal", NULL };
  NotifyLog log;

  log_init (&log, a);
  mg_annotation_set_tags (a, with_duplicates);
  g_assert_cmpstrv (mg_annotation_get_tags (a), expected);
  g_assert_true (mg_annotation_has_tag (a, "figure"));
  g_assert_false (mg_annotation_has_tag (a, "policy-goal"));
  g_assert_false (mg_annotation_has_tag (a, NULL));

  g_assert_false (mg_annotation_add_tag (a, "figure"));
  g_assert_true (mg_annotation_add_tag (a, "policy-goal"));
  g_assert_true (mg_annotation_remove_tag (a, "slogan"));
  g_assert_false (mg_annotation_remove_tag (a, "slogan"));
  g_assert_cmpstrv (mg_annotation_get_tags (a), expected_after);
  g_assert_cmpuint (count (&log, "tags"), ==, 3);

  log_free (&log);
  g_assert_finalize_object (a);
}

static void
test_contributors (void)
{
  MgAnnotation *a = mg_annotation_new ("c", 0, 1);
  const char *names[] = { "Zhang San", "Alice", "Li Wei", "Alice", "", NULL };
  const char *sorted[] = { "Alice", "Li Wei", "Zhang San", NULL };
  const char *without_li[] = { "Alice", "Zhang San", NULL };
  const char *with_bob[] = { "Alice", "Bob", NULL };
  NotifyLog log;

  log_init (&log, a);
  mg_annotation_set_contributors (a, names);
  g_assert_cmpstrv (mg_annotation_get_contributors (a), sorted);

  /* The author is never among the contributors. */
  mg_annotation_set_author (a, "Li Wei");
  g_assert_cmpstrv (mg_annotation_get_contributors (a), without_li);
  g_assert_cmpuint (count (&log, "contributors"), ==, 2);

  mg_annotation_set_author (a, "Bob");
  g_assert_cmpuint (count (&log, "contributors"), ==, 2);
  mg_annotation_set_contributors (a, (const char *[]) { "Bob", "Bob", "Alice", NULL });
  g_assert_cmpstrv (mg_annotation_get_contributors (a), ((const char *[]) { "Alice", NULL }));
  mg_annotation_set_author (a, "Carol");
  mg_annotation_set_contributors (a, (const char *[]) { "Bob", "Alice", NULL });
  g_assert_cmpstrv (mg_annotation_get_contributors (a), with_bob);

  log_free (&log);
  g_assert_finalize_object (a);
}

static MgAnnotation *
make_full (void)
{
  MgAnnotation *a = mg_annotation_new ("full", 10, 14);
  JsonObject *extra = json_object_new ();

  mg_annotation_set_quote (a, "出六进四");
  mg_annotation_set_prefix (a, "秘诀是“");
  mg_annotation_set_suffix (a, "”,你赚大头");
  mg_annotation_set_tags (a, (const char *[]) { "slogan", NULL });
  mg_annotation_set_note (a, "the trade motto");
  mg_annotation_set_starred (a, TRUE);
  mg_annotation_set_author (a, "Li Wei");
  mg_annotation_set_contributors (a, (const char *[]) { "Alice", NULL });
  mg_annotation_set_created (a, "2026-11-28T09:12:44Z");
  mg_annotation_set_modified (a, "2026-11-28T09:13:00Z");
  mg_annotation_set_anchor_state (a, MG_ANCHOR_STATE_MOVED);
  mg_annotation_set_paragraph (a, 7);
  json_object_set_string_member (extra, "x-color", "gold");
  _mg_annotation_set_extra (a, extra);
  json_object_unref (extra);
  return a;
}

static void
test_copy_equal (void)
{
  MgAnnotation *a = make_full ();
  MgAnnotation *b = mg_annotation_copy (a);

  g_assert_true (mg_annotation_equal (a, b));
  g_assert_true (mg_annotation_equal (a, a));
  g_assert_cmpstr (mg_annotation_get_id (b), ==, "full");
  g_assert_cmpstr (mg_annotation_get_quote (b), ==, "出六进四");
  g_assert_cmpuint (mg_annotation_get_paragraph (b), ==, 7);
  g_assert_nonnull (_mg_annotation_get_extra (b));
  g_assert_true (_mg_annotation_get_extra (b) != _mg_annotation_get_extra (a));
  g_assert_cmpint (mg_annotation_compare (a, b), ==, 0);

  /* Each field takes part in equality. */
#define CHECK_DIFFERS(stmt)                                    \
  G_STMT_START {                                               \
    MgAnnotation *c = mg_annotation_copy (a);                  \
    stmt;                                                      \
    g_assert_false (mg_annotation_equal (a, c));               \
    g_assert_finalize_object (c);                              \
  } G_STMT_END

  CHECK_DIFFERS (mg_annotation_set_range (c, 10, 15));
  CHECK_DIFFERS (mg_annotation_set_range (c, 9, 14));
  CHECK_DIFFERS (mg_annotation_set_quote (c, "x"));
  CHECK_DIFFERS (mg_annotation_set_prefix (c, "x"));
  CHECK_DIFFERS (mg_annotation_set_suffix (c, "x"));
  CHECK_DIFFERS (mg_annotation_add_tag (c, "figure"));
  CHECK_DIFFERS (mg_annotation_set_note (c, "x"));
  CHECK_DIFFERS (mg_annotation_set_starred (c, FALSE));
  CHECK_DIFFERS (mg_annotation_set_author (c, "x"));
  CHECK_DIFFERS (mg_annotation_set_contributors (c, NULL));
  CHECK_DIFFERS (mg_annotation_set_created (c, NULL));
  CHECK_DIFFERS (mg_annotation_set_modified (c, "2027-01-01T00:00:00Z"));
  CHECK_DIFFERS (mg_annotation_set_anchor_state (c, MG_ANCHOR_STATE_EXACT));
  CHECK_DIFFERS (mg_annotation_set_anchor_score (c, 0.25));
  CHECK_DIFFERS (mg_annotation_set_paragraph (c, 8));
  CHECK_DIFFERS (json_object_set_int_member (_mg_annotation_get_extra (c), "x-more", 1));
  CHECK_DIFFERS (_mg_annotation_set_extra (c, NULL));
#undef CHECK_DIFFERS

  /* A different id alone makes them different. */
  {
    MgAnnotation *other = mg_annotation_new ("other", 10, 14);

    mg_annotation_assign (other, a);
    g_assert_cmpstr (mg_annotation_get_id (other), ==, "other");
    g_assert_false (mg_annotation_equal (a, other));
    g_assert_cmpint (mg_annotation_compare (a, other), <, 0);
    g_assert_finalize_object (other);
  }

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

static void
test_assign_notifies (void)
{
  MgAnnotation *a = make_full ();
  MgAnnotation *b = mg_annotation_copy (a);
  NotifyLog log;

  log_init (&log, b);
  mg_annotation_assign (b, a);
  g_assert_cmpuint (total (&log), ==, 0);

  mg_annotation_set_note (a, "changed");
  mg_annotation_set_range (a, 10, 20);
  log_clear (&log);
  mg_annotation_assign (b, a);
  g_assert_cmpuint (count (&log, "note"), ==, 1);
  g_assert_cmpuint (count (&log, "end"), ==, 1);
  g_assert_cmpuint (total (&log), ==, 2);
  g_assert_true (mg_annotation_equal (a, b));

  log_free (&log);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* An annotation made of its fields at once keeps its strings in one
 * block: both lists' pointers are aligned whatever the lengths of the
 * strings before them (an odd tag once left the contributors' pointers
 * misaligned, undefined behaviour that UBSan reports). */
static void
test_fields_aligned (void)
{
  static const char * const tags[] = { "slogan", "x", NULL };
  static const char * const contributors[] = { "张三", "Li", NULL };
  MgAnnotationFields fields = {
    .id = "a1", .start = 1, .end = 4, .quote = "abc", .tags = tags,
    .author = "王", .contributors = contributors, .note = "n",
  };
  g_autoptr(MgAnnotation) a = _mg_annotation_new_from_fields (&fields);
  const char * const *got_tags = mg_annotation_get_tags (a);
  const char * const *got_contributors = mg_annotation_get_contributors (a);

  g_assert_cmpuint ((guintptr) got_tags % G_ALIGNOF (char *), ==, 0);
  g_assert_cmpuint ((guintptr) got_contributors % G_ALIGNOF (char *), ==, 0);
  g_assert_cmpstrv (got_tags, tags);
  g_assert_cmpuint (g_strv_length ((char **) got_contributors), ==, 2);
  g_assert_true (g_strv_contains (got_contributors, "张三"));
  g_assert_true (g_strv_contains (got_contributors, "Li"));
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, "abc");
  g_assert_cmpstr (mg_annotation_get_note (a), ==, "n");
}

static void
test_compare (void)
{
  MgAnnotation *a = mg_annotation_new ("b", 1, 5);
  MgAnnotation *b = mg_annotation_new ("a", 2, 3);
  MgAnnotation *c = mg_annotation_new ("a", 1, 6);
  MgAnnotation *d = mg_annotation_new ("a", 1, 5);

  g_assert_cmpint (mg_annotation_compare (a, b), <, 0);
  g_assert_cmpint (mg_annotation_compare (b, a), >, 0);
  g_assert_cmpint (mg_annotation_compare (a, c), <, 0);
  g_assert_cmpint (mg_annotation_compare (d, a), <, 0);
  g_assert_cmpint (mg_annotation_compare (a, d), >, 0);

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (c);
  g_assert_finalize_object (d);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annotation/anchor-state-strings", test_anchor_state_strings);
  g_test_add_func ("/annotation/new", test_new);
  g_test_add_func ("/annotation/notify-on-change-only", test_notify_on_change_only);
  g_test_add_func ("/annotation/gobject-properties", test_gobject_properties);
  g_test_add_func ("/annotation/tags", test_tags);
  g_test_add_func ("/annotation/contributors", test_contributors);
  g_test_add_func ("/annotation/copy-equal", test_copy_equal);
  g_test_add_func ("/annotation/assign-notifies", test_assign_notifies);
  g_test_add_func ("/annotation/compare", test_compare);
  g_test_add_func ("/annotation/fields-aligned", test_fields_aligned);

  return g_test_run ();
}
