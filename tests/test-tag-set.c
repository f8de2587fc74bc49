/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-tag-private.h"
#include "mg-tag-set.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->calls++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_tag_id_validity (void)
{
  g_autofree char *longest = g_strnfill (64, 'a');
  g_autofree char *too_long = g_strnfill (65, 'a');

  g_assert_true (mg_tag_id_is_valid ("policy-goal"));
  g_assert_true (mg_tag_id_is_valid ("a"));
  g_assert_true (mg_tag_id_is_valid ("9"));
  g_assert_true (mg_tag_id_is_valid ("x-"));
  g_assert_true (mg_tag_id_is_valid (longest));
  g_assert_false (mg_tag_id_is_valid (too_long));
  g_assert_false (mg_tag_id_is_valid (""));
  g_assert_false (mg_tag_id_is_valid (NULL));
  g_assert_false (mg_tag_id_is_valid ("-a"));
  g_assert_false (mg_tag_id_is_valid ("Policy"));
  g_assert_false (mg_tag_id_is_valid ("a b"));
  g_assert_false (mg_tag_id_is_valid ("a_b"));
  g_assert_false (mg_tag_id_is_valid ("数据"));
}

static void
test_tag_color_validity (void)
{
  g_assert_true (mg_tag_color_is_valid ("#3584e4"));
  g_assert_true (mg_tag_color_is_valid ("#3584E4"));
  g_assert_true (mg_tag_color_is_valid ("#000000"));
  g_assert_false (mg_tag_color_is_valid ("3584e4"));
  g_assert_false (mg_tag_color_is_valid ("#3584e"));
  g_assert_false (mg_tag_color_is_valid ("#3584e4f"));
  g_assert_false (mg_tag_color_is_valid ("#35g4e4"));
  g_assert_false (mg_tag_color_is_valid ("blue"));
  g_assert_false (mg_tag_color_is_valid (""));
  g_assert_false (mg_tag_color_is_valid (NULL));
}

static void
test_tag_properties (void)
{
  MgTag *tag = mg_tag_new ("law", "Law", "#112233", NULL);
  guint name_count = 0, color_count = 0, description_count = 0;
  g_autofree char *id = NULL;

  g_assert_cmpstr (mg_tag_get_id (tag), ==, "law");
  g_assert_cmpstr (mg_tag_get_name (tag), ==, "Law");
  g_assert_cmpstr (mg_tag_get_color (tag), ==, "#112233");
  g_assert_cmpstr (mg_tag_get_description (tag), ==, "");
  g_assert_false (mg_tag_is_default (tag));
  g_object_get (tag, "id", &id, NULL);
  g_assert_cmpstr (id, ==, "law");

  g_signal_connect (tag, "notify::name", G_CALLBACK (count_notify), &name_count);
  g_signal_connect (tag, "notify::color", G_CALLBACK (count_notify), &color_count);
  g_signal_connect (tag, "notify::description", G_CALLBACK (count_notify), &description_count);

  mg_tag_set_name (tag, "Law");
  mg_tag_set_color (tag, "#112233");
  mg_tag_set_description (tag, "");
  mg_tag_set_description (tag, NULL);
  g_assert_cmpuint (name_count, ==, 0);
  g_assert_cmpuint (color_count, ==, 0);
  g_assert_cmpuint (description_count, ==, 0);

  mg_tag_set_name (tag, "Laws");
  mg_tag_set_name (tag, "Laws");
  g_object_set (tag, "color", "#445566", NULL);
  g_object_set (tag, "color", "#445566", NULL);
  mg_tag_set_description (tag, "Legislation");
  g_assert_cmpuint (name_count, ==, 1);
  g_assert_cmpuint (color_count, ==, 1);
  g_assert_cmpuint (description_count, ==, 1);
  g_assert_cmpstr (mg_tag_get_name (tag), ==, "Laws");
  g_assert_cmpstr (mg_tag_get_color (tag), ==, "#445566");
  g_assert_cmpstr (mg_tag_get_description (tag), ==, "Legislation");

  g_assert_finalize_object (tag);
}

static void
test_tag_copy_extra (void)
{
  MgTag *tag = mg_tag_new ("figure", "Figure", "#2ec27e", "numbers");
  JsonObject *extra = json_object_new ();
  JsonArray *array = json_array_new ();
  MgTag *copy;

  json_object_set_string_member (extra, "x-icon", "chart");
  json_array_add_int_element (array, 1);
  json_object_set_array_member (extra, "x-list", array);
  _mg_tag_set_extra (tag, extra);
  g_assert_true (_mg_tag_get_extra (tag) == extra);
  g_assert_true (mg_tag_is_default (tag));

  copy = mg_tag_copy (tag);
  g_assert_cmpstr (mg_tag_get_id (copy), ==, "figure");
  g_assert_cmpstr (mg_tag_get_name (copy), ==, "Figure");
  g_assert_cmpstr (mg_tag_get_color (copy), ==, "#2ec27e");
  g_assert_cmpstr (mg_tag_get_description (copy), ==, "numbers");
  g_assert_nonnull (_mg_tag_get_extra (copy));
  g_assert_true (_mg_tag_get_extra (copy) != extra);
  g_assert_true (json_object_equal (_mg_tag_get_extra (copy), extra));

  /* The copy shares nothing: changing the original's members leaves it. */
  json_array_add_int_element (array, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (_mg_tag_get_extra (copy), "x-list")), ==, 1);

  _mg_tag_set_extra (tag, NULL);
  g_assert_null (_mg_tag_get_extra (tag));
  json_object_unref (extra);

  g_assert_finalize_object (copy);
  g_assert_finalize_object (tag);
}

static void
test_defaults (void)
{
  MgTagSet *set = mg_tag_set_new_default ();
  const char *ids[] = { MG_TAG_ID_POLICY_GOAL, MG_TAG_ID_FIGURE, MG_TAG_ID_SLOGAN };
  const char *colors[] = { "#3584e4", "#2ec27e", "#e66100" };
  const char *names[] = { "Policy goal", "Figure", "Slogan" };
  MgTag *item;

  g_assert_cmpuint (mg_tag_set_get_n_tags (set), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (set)) == MG_TYPE_TAG);
  for (guint i = 0; i < 3; i++)
    {
      MgTag *tag = mg_tag_set_get_tag (set, i);

      g_assert_cmpstr (mg_tag_get_id (tag), ==, ids[i]);
      g_assert_cmpstr (mg_tag_get_color (tag), ==, colors[i]);
      g_assert_cmpstr (mg_tag_get_name (tag), ==, names[i]);
      g_assert_true (mg_tag_is_default (tag));
      g_assert_true (mg_tag_set_lookup (set, ids[i]) == tag);
      g_assert_cmpint (mg_tag_set_index_of (set, ids[i]), ==, i);
    }
  g_assert_null (mg_tag_set_lookup (set, "nope"));
  g_assert_null (mg_tag_set_lookup (set, NULL));
  g_assert_cmpint (mg_tag_set_index_of (set, "nope"), ==, -1);

  item = g_list_model_get_item (G_LIST_MODEL (set), 1);
  g_assert_true (item == mg_tag_set_get_tag (set, 1));
  g_object_unref (item);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (set), 3));

  g_assert_finalize_object (set);
}

/* A built-in tag named in any shipped language reads in the reader's; a
 * name the group chose, or the same words on a tag of its own, as written. */
static void
check_display_names (const char *goal,
                     const char *figure)
{
  struct {
    const char *id;
    const char *name;
    const char *shown;
  } cases[] = {
    { MG_TAG_ID_POLICY_GOAL, "Policy goal", goal },
    { MG_TAG_ID_POLICY_GOAL, "政策目标",     goal },
    { MG_TAG_ID_FIGURE,      "数据",         figure },
    { MG_TAG_ID_FIGURE,      "Figure",       figure },
    { MG_TAG_ID_FIGURE,      "figure",       "figure" },
    { MG_TAG_ID_FIGURE,      "Figures",      "Figures" },
    { MG_TAG_ID_FIGURE,      "政策目标",     "政策目标" },
    { MG_TAG_ID_POLICY_GOAL, "",             "" },
    { "quote",               "Figure",       "Figure" },
    { "quote",               "数据",         "数据" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MgTag) tag = mg_tag_new (cases[i].id, cases[i].name, NULL, NULL);
      g_autofree char *property = NULL;

      g_assert_cmpstr (mg_tag_get_display_name (tag), ==, cases[i].shown);
      g_object_get (tag, "display-name", &property, NULL);
      g_assert_cmpstr (property, ==, cases[i].shown);
      /* The sidecar keeps the name as written. */
      g_assert_cmpstr (mg_tag_get_name (tag), ==, cases[i].name);
    }
}

static void
test_display_name (void)
{
  g_autoptr(MgTag) tag = mg_tag_new (MG_TAG_ID_SLOGAN, "口号", NULL, NULL);
  guint notified = 0;

  check_display_names ("Policy goal", "Figure");
  g_assert_true (mg_tag_is_builtin_name (MG_TAG_ID_SLOGAN, "Slogan"));
  g_assert_true (mg_tag_is_builtin_name (MG_TAG_ID_SLOGAN, "口号"));
  g_assert_false (mg_tag_is_builtin_name (MG_TAG_ID_FIGURE, "口号"));
  g_assert_false (mg_tag_is_builtin_name ("quote", "Slogan"));
  g_assert_false (mg_tag_is_builtin_name (NULL, "Slogan"));

  /* Renaming notifies the name shown, so that views bound to it follow. */
  g_signal_connect (tag, "notify::display-name", G_CALLBACK (count_notify), &notified);
  g_assert_cmpstr (mg_tag_get_display_name (tag), ==, "Slogan");
  mg_tag_set_name (tag, "Catchwords");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (mg_tag_get_display_name (tag), ==, "Catchwords");
}

/* In a Chinese interface (a child process, as gettext reads the language
 * once): an English file's built-in names read in Chinese. */
static void
test_display_name_zh (void)
{
  if (g_test_subprocess ())
    {
      const char *localedir = g_getenv ("MG_LOCALEDIR");

      g_assert_nonnull (localedir);
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      check_display_names ("政策目标", "数据");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_insert_remove (void)
{
  MgTagSet *set = mg_tag_set_new_default ();
  ItemsChanged record = { 0 };
  g_autoptr(GError) error = NULL;
  MgTag *law = mg_tag_new ("law", "Law", "#112233", "");
  MgTag *first = mg_tag_new ("first", "First", "#445566", "");
  MgTag *big = mg_tag_new ("big", "Big", "#AABBCC", "");

  g_signal_connect (set, "items-changed", G_CALLBACK (on_items_changed), &record);

  g_assert_true (mg_tag_set_insert (set, -1, law, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (record.position, ==, 3);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);

  g_assert_true (mg_tag_set_insert (set, 0, first, &error));
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpint (mg_tag_set_index_of (set, "first"), ==, 0);
  g_assert_cmpint (mg_tag_set_index_of (set, "law"), ==, 4);

  /* Upper-case hex is a valid colour and kept as written. */
  g_assert_true (mg_tag_set_insert (set, 99, big, &error));
  g_assert_cmpint (mg_tag_set_index_of (set, "big"), ==, 5);
  g_assert_cmpstr (mg_tag_get_color (big), ==, "#AABBCC");

  g_assert_true (mg_tag_set_remove (set, "first"));
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 0);
  g_assert_null (mg_tag_set_lookup (set, "first"));
  g_assert_false (mg_tag_set_remove (set, "first"));
  g_assert_false (mg_tag_set_remove (set, NULL));
  g_assert_cmpuint (mg_tag_set_get_n_tags (set), ==, 5);
  g_assert_cmpint (mg_tag_set_index_of (set, "law"), ==, 3);

  g_object_unref (big);
  g_object_unref (law);
  g_assert_finalize_object (set);
  g_assert_finalize_object (first);
}

static void
test_insert_errors (void)
{
  MgTagSet *set = mg_tag_set_new_default ();
  ItemsChanged record = { 0 };
  GError *error = NULL;
  MgTag *bad_id = mg_tag_new ("Bad Id", "Bad", "#112233", "");
  MgTag *bad_color = mg_tag_new ("ok", "OK", "red", "");
  MgTag *duplicate = mg_tag_new ("figure", "Numbers", "#112233", "");

  g_signal_connect (set, "items-changed", G_CALLBACK (on_items_changed), &record);

  g_assert_false (mg_tag_set_insert (set, -1, bad_id, &error));
  g_assert_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_INVALID_ID);
  g_assert_nonnull (strstr (error->message, "Bad Id"));
  g_clear_error (&error);

  g_assert_false (mg_tag_set_insert (set, -1, bad_color, &error));
  g_assert_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_INVALID_COLOR);
  g_clear_error (&error);

  g_assert_false (mg_tag_set_insert (set, -1, duplicate, &error));
  g_assert_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_cmpuint (record.calls, ==, 0);
  g_assert_cmpuint (mg_tag_set_get_n_tags (set), ==, 3);
  g_assert_cmpstr (mg_tag_get_name (mg_tag_set_lookup (set, "figure")), ==, "Figure");

  g_assert_finalize_object (set);
  g_assert_finalize_object (bad_id);
  g_assert_finalize_object (bad_color);
  g_assert_finalize_object (duplicate);
}

typedef struct
{
  MgTag *last;
  guint  count;
} TagChanged;

static void
on_tag_changed (MgTagSet   *set,
                MgTag      *tag,
                TagChanged *record)
{
  record->last = tag;
  record->count++;
}

static void
test_tag_changed (void)
{
  MgTagSet *set = mg_tag_set_new_default ();
  MgTag *figure = mg_tag_set_lookup (set, "figure");
  TagChanged record = { NULL, 0 };

  g_object_ref (figure);
  g_signal_connect (set, "tag-changed", G_CALLBACK (on_tag_changed), &record);

  mg_tag_set_name (figure, "Figure");
  g_assert_null (record.last);
  mg_tag_set_name (figure, "数据");
  g_assert_true (record.last == figure);
  g_assert_cmpuint (record.count, ==, 1);
  mg_tag_set_color (figure, "#000000");
  g_assert_cmpuint (record.count, ==, 2);

  /* A removed tag no longer reports through the set. */
  g_assert_true (mg_tag_set_remove (set, "figure"));
  mg_tag_set_name (figure, "Numbers");
  g_assert_cmpuint (record.count, ==, 2);

  g_assert_finalize_object (set);
  g_assert_finalize_object (figure);
}

static void
test_suggest_color (void)
{
  MgTagSet *set = mg_tag_set_new_default ();
  MgTagSet *empty = mg_tag_set_new ();
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (mg_tag_set_get_n_tags (empty), ==, 0);
  g_assert_cmpstr (mg_tag_set_suggest_color (empty), ==, "#9141ac");

  for (guint i = 0; i < 12; i++)
    {
      const char *color = mg_tag_set_suggest_color (set);
      g_autofree char *id = g_strdup_printf ("user-%u", i);
      g_autoptr(MgTag) tag = mg_tag_new (id, id, color, "");

      g_assert_true (mg_tag_color_is_valid (color));
      g_assert_false (g_hash_table_contains (seen, color));
      for (guint j = 0; j < mg_tag_set_get_n_tags (set); j++)
        g_assert_cmpstr (mg_tag_get_color (mg_tag_set_get_tag (set, j)), !=, color);
      g_hash_table_add (seen, (gpointer) color);
      g_assert_true (mg_tag_set_insert (set, -1, tag, NULL));
    }

  /* A colour taken in upper case counts as taken. */
  {
    g_autoptr(MgTag) tag = mg_tag_new ("upper", "Upper", "#9141AC", "");

    g_assert_true (mg_tag_set_insert (empty, -1, tag, NULL));
    g_assert_cmpstr (mg_tag_set_suggest_color (empty), ==, "#c64600");
  }

  g_hash_table_unref (seen);
  g_assert_finalize_object (set);
  g_assert_finalize_object (empty);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tag/id-validity", test_tag_id_validity);
  g_test_add_func ("/tag/color-validity", test_tag_color_validity);
  g_test_add_func ("/tag/properties", test_tag_properties);
  g_test_add_func ("/tag/copy-extra", test_tag_copy_extra);
  g_test_add_func ("/tag/display-name", test_display_name);
  g_test_add_func ("/tag/display-name-zh", test_display_name_zh);
  g_test_add_func ("/tag-set/defaults", test_defaults);
  g_test_add_func ("/tag-set/insert-remove", test_insert_remove);
  g_test_add_func ("/tag-set/insert-errors", test_insert_errors);
  g_test_add_func ("/tag-set/tag-changed", test_tag_changed);
  g_test_add_func ("/tag-set/suggest-color", test_suggest_color);

  return g_test_run ();
}
