/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mg-sidecar-sync.h"

/* The open sidecar of one window, and another program writing the same
 * file behind its back. */

static const char *text =
  "同志们：今天召开大会，推动高质量发展再上新台阶。我们坚持“项目为王”，全年新开工项目233个。\n"
  "今年要确保完成各项目标任务。\n";

static const char *slogan[] = { "slogan", NULL };
static const char *figure[] = { "figure", NULL };

typedef struct
{
  char          *dir;
  char          *path;
  GFile         *file;
  MgDocument    *doc;
  MgSidecar     *sidecar;   /* the open one */
  MgSidecarSync *sync;
} Fixture;

static guint
find (const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return (guint) g_utf8_strlen (text, at - text);
}

static MgAnnotation *
create (MgAnnotationStore  *store,
        const char         *quote,
        const char * const *tags,
        const char         *author)
{
  g_autoptr(GError) error = NULL;
  guint start = find (quote);
  MgAnnotation *a = mg_annotation_store_create (store, start, start + g_utf8_strlen (quote, -1),
                                                tags, NULL, FALSE, author, &error);

  g_assert_no_error (error);
  return a;
}

static MgAnnotation *
find_quote (MgAnnotationStore *store,
            const char        *quote,
            guint             *out_count)
{
  MgAnnotation *found = NULL;
  guint count = 0;

  for (guint i = 0; i < mg_annotation_store_get_n_annotations (store); i++)
    {
      MgAnnotation *a = mg_annotation_store_get_annotation (store, i);

      if (g_strcmp0 (mg_annotation_get_quote (a), quote) == 0)
        {
          found = a;
          count++;
        }
    }
  if (out_count != NULL)
    *out_count = count;
  return found;
}

/* Another program: loads the file, changes it with @edit, saves. */
typedef void (*EditFunc) (MgAnnotationStore *store);

static void
edit_elsewhere (Fixture  *f,
                EditFunc  edit)
{
  g_autoptr(MgSidecar) other = mg_sidecar_new (f->file, f->doc);
  g_autoptr(GError) error = NULL;

  mg_sidecar_load (other, NULL, &error);
  g_assert_no_error (error);
  edit (mg_sidecar_get_store (other));
  mg_sidecar_save (other, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSidecar) first = NULL;

  f->dir = g_dir_make_tmp ("mg-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "speech.txt.marginalia.json", NULL);
  f->file = g_file_new_for_path (f->path);
  f->doc = mg_document_new_for_text (text, -1, "speech.txt");

  first = mg_sidecar_new (f->file, f->doc);
  create (mg_sidecar_get_store (first), "高质量发展", slogan, "Me");
  create (mg_sidecar_get_store (first), "项目为王", figure, "Me");
  mg_sidecar_save (first, NULL, &error);
  g_assert_no_error (error);

  f->sidecar = mg_sidecar_new (f->file, f->doc);
  mg_sidecar_load (f->sidecar, NULL, &error);
  g_assert_no_error (error);
  f->sync = mg_sidecar_sync_new (f->sidecar);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->sync);
  g_assert_finalize_object (f->sidecar);
  g_assert_finalize_object (f->doc);
  g_object_unref (f->file);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static MgAnnotationStore *
store_of (Fixture *f)
{
  return mg_sidecar_get_store (f->sidecar);
}

/* The file's annotations, as a fresh load sees them. */
static guint
count_on_disk (Fixture    *f,
               const char *quote)
{
  g_autoptr(MgSidecar) check = mg_sidecar_new (f->file, f->doc);
  g_autoptr(GError) error = NULL;
  guint count = 0;

  mg_sidecar_load (check, NULL, &error);
  g_assert_no_error (error);
  if (quote == NULL)
    return mg_annotation_store_get_n_annotations (mg_sidecar_get_store (check));
  find_quote (mg_sidecar_get_store (check), quote, &count);
  return count;
}

static void
merge (Fixture       *f,
       MgMergeReport *report,
       gboolean      *save_needed)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mg_sidecar_reload_merge (f->sync, NULL, report, save_needed, &error));
  g_assert_no_error (error);
}

static void
test_own_save_is_known (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MgMergeReport report;
  gboolean save_needed = TRUE;

  create (store_of (f), "目标任务", slogan, "Me");
  mg_sidecar_save (f->sidecar, NULL, &error);
  g_assert_no_error (error);

  bytes = g_file_load_bytes (f->file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_sync_is_known (f->sync, bytes));

  merge (f, &report, &save_needed);
  g_assert_cmpuint (report.added + report.merged + report.skipped, ==, 0);
  g_assert_false (save_needed);
  g_assert_false (mg_annotation_store_get_dirty (store_of (f)));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store_of (f)), ==, 3);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* An asynchronous save lands after the store changed again: the file then
 * holds our own earlier state, which is not a change made elsewhere (an
 * annotation undone meanwhile must not come back from it). */
static void
task_finalized (gpointer  data,
                GObject  *where_the_object_was)
{
  g_atomic_int_set ((gint *) data, 1);
}

static void
test_own_async_save_is_known (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint task_gone = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MgMergeReport report;
  gboolean save_needed = TRUE;

  create (store_of (f), "目标任务", slogan, "Me");
  mg_sidecar_save_async (f->sidecar, NULL, on_saved, &result);
  g_assert_true (mg_annotation_store_undo (store_of (f)));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mg_sidecar_save_finish (f->sidecar, result, &error));
  g_assert_no_error (error);
  /* The worker thread lets go of the task, and so of the sidecar, when
   * its function returns, which can be after the callback ran here (a
   * slow thread under the sanitizers): the teardown wants the sidecar
   * finalized. */
  g_object_weak_ref (G_OBJECT (result), task_finalized, &task_gone);
  g_clear_object (&result);
  while (!g_atomic_int_get (&task_gone))
    g_usleep (1000);

  bytes = g_file_load_bytes (f->file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_sync_is_known (f->sync, bytes));
  merge (f, &report, &save_needed);
  g_assert_cmpuint (report.added + report.merged + report.skipped, ==, 0);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store_of (f)), ==, 2);
}

/* Our own file is known by its bytes, without hashing them; a file of
 * the same length that differs in one byte is still a change made
 * elsewhere, and merged. */
static void
test_same_length_change_found (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;
  MgMergeReport report;
  gboolean save_needed = TRUE;
  MgAnnotation *a = create (store_of (f), "目标任务", slogan, "Me");
  char *at;

  mg_annotation_store_set_note (store_of (f), a, "note-aaaa");
  g_assert_true (mg_sidecar_sync_save (f->sync, NULL, &error));
  g_assert_no_error (error);
  bytes = g_file_load_bytes (f->file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_sync_is_known (f->sync, bytes));

  edited = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  at = strstr (edited, "note-aaaa");
  g_assert_nonnull (at);
  at[strlen ("note-aaa")] = 'b';
  theirs = g_bytes_new (edited, strlen (edited));
  g_assert_cmpuint (g_bytes_get_size (theirs), ==, g_bytes_get_size (bytes));
  g_assert_true (g_file_set_contents (f->path, edited, -1, &error));
  g_assert_no_error (error);

  g_assert_false (mg_sidecar_sync_is_known (f->sync, theirs));
  merge (f, &report, &save_needed);
  g_assert_cmpuint (report.merged, ==, 1);
  g_assert_cmpstr (mg_annotation_get_note (find_quote (store_of (f), "目标任务", NULL)), ==, "note-aaab");

  /* The file is compared a piece at a time with what we know: one that
   * only adds to it, or only lacks its end, is another file (its bytes
   * are not ours: a save should follow). */
  for (guint variant = 0; variant < 2; variant++)
    {
      g_autoptr(GBytes) ours = NULL;
      g_autofree char *other = NULL;
      gsize length;

      g_assert_true (mg_sidecar_sync_save (f->sync, NULL, &error));
      g_assert_no_error (error);
      ours = g_file_load_bytes (f->file, NULL, NULL, &error);
      g_assert_no_error (error);
      merge (f, &report, &save_needed);
      g_assert_false (save_needed);

      length = g_bytes_get_size (ours);
      other = g_malloc (length + 2);
      memcpy (other, g_bytes_get_data (ours, NULL), length);
      if (variant == 0)
        other[length++] = '\n';
      else
        length--;   /* the final newline */
      g_assert_true (g_file_set_contents (f->path, other, length, &error));
      g_assert_no_error (error);
      merge (f, &report, &save_needed);
      g_assert_true (save_needed);
    }
}

/* The store made clean again by undo is in the state last marked clean:
 * what the file holds as far as we know is that state, as serialised
 * now — after a save, and after the annotations were moved onto another
 * text outside the undo history (where the earlier bytes no longer
 * hold). */
static void
test_clean_again_by_undo (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *moved_text = g_strconcat ("新增。\n", text, NULL);
  g_autoptr(MgDocument) moved = mg_document_new_for_text (moved_text, -1, "speech.txt");
  g_autoptr(GError) error = NULL;
  MgAnnotationStore *store = store_of (f);
  gboolean save_needed = TRUE;
  MgMergeReport report;

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GBytes) now = NULL;

      if (round == 1)
        {
          /* Saved: the clean state is the bytes written. */
          create (store, "目标任务", slogan, "Me");
          g_assert_true (mg_sidecar_sync_save (f->sync, NULL, &error));
          g_assert_no_error (error);
        }
      else if (round == 2)
        {
          /* Re-anchored in place onto a changed text, still clean. */
          for (guint i = 0; i < mg_annotation_store_get_n_annotations (store); i++)
            {
              MgAnnotation *a = mg_annotation_store_get_annotation (store, i);

              mg_annotation_set_range (a, mg_annotation_get_start (a) + 4, mg_annotation_get_end (a) + 4);
            }
          mg_annotation_store_set_document (store, moved);
        }
      g_assert_false (mg_annotation_store_get_dirty (store));

      create (store, "233", figure, "Me");
      g_assert_true (mg_annotation_store_get_dirty (store));
      g_assert_true (mg_annotation_store_undo (store));
      g_assert_false (mg_annotation_store_get_dirty (store));

      now = mg_sidecar_serialize (f->sidecar);
      g_assert_true (mg_sidecar_sync_is_known (f->sync, now));
    }
  /* The file itself (before the move) is still ours. */
  merge (f, &report, &save_needed);
  g_assert_cmpuint (report.added + report.merged, ==, 0);
}

static void
add_other (MgAnnotationStore *store)
{
  create (store, "233", figure, "Other");
}

/* The speech was edited before it was opened: the annotations are
 * re-anchored on load, so the store no longer matches the file it was
 * read from. That file is still no change made elsewhere — a late notice
 * of it must neither merge nor save (which would also forget that the
 * annotations were re-anchored) — while a real change after it is. */
static void
test_reanchored_load_is_known (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *edited = g_strconcat ("新增的开头一段。\n\n", text, NULL);
  g_autoptr(MgDocument) doc = mg_document_new_for_text (edited, -1, "speech.txt");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (f->file, doc);
  g_autoptr(MgSidecarSync) sync = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MgMergeReport report;
  gboolean save_needed = TRUE;
  MgAnnotation *a;

  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_get_reanchored (sidecar));
  sync = mg_sidecar_sync_new (sidecar);

  bytes = g_file_load_bytes (f->file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_sync_is_known (sync, bytes));
  g_assert_true (mg_sidecar_reload_merge (sync, NULL, &report, &save_needed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added + report.merged + report.skipped, ==, 0);
  g_assert_false (save_needed);
  g_assert_true (mg_sidecar_get_reanchored (sidecar));
  a = find_quote (mg_sidecar_get_store (sidecar), "项目为王", NULL);
  g_assert_cmpuint (mg_annotation_get_start (a), ==, find ("项目为王") + 10);

  /* Another program adds one: merged as before. */
  edit_elsewhere (f, add_other);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_file_load_bytes (f->file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mg_sidecar_sync_is_known (sync, bytes));
  g_assert_true (mg_sidecar_reload_merge (sync, NULL, &report, &save_needed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_nonnull (find_quote (mg_sidecar_get_store (sidecar), "233", NULL));
  g_assert_finalize_object (g_steal_pointer (&sync));
}

static void
test_both_sides_added (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MgMergeReport report;
  gboolean save_needed = FALSE;

  /* Ours, not saved yet; theirs written meanwhile. */
  create (store_of (f), "目标任务", slogan, "Me");
  edit_elsewhere (f, add_other);

  merge (f, &report, &save_needed);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.merged, ==, 0);
  g_assert_true (save_needed);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store_of (f)), ==, 4);
  g_assert_nonnull (find_quote (store_of (f), "233", NULL));
  g_assert_nonnull (find_quote (store_of (f), "目标任务", NULL));

  mg_sidecar_sync_save (f->sync, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_on_disk (f, NULL), ==, 4);

  /* Reading our own write back changes nothing. */
  merge (f, &report, &save_needed);
  g_assert_false (save_needed);
  g_assert_cmpuint (report.added + report.merged, ==, 0);
}

static void
note_elsewhere (MgAnnotationStore *store)
{
  MgAnnotation *a = find_quote (store, "高质量发展", NULL);

  mg_annotation_store_set_note (store, a, "from the other window");
}

static void
test_changed_on_disk_only (Fixture       *f,
                           gconstpointer  data)
{
  MgMergeReport report;
  guint count = 0;
  MgAnnotation *a;

  edit_elsewhere (f, note_elsewhere);
  merge (f, &report, NULL);
  g_assert_cmpuint (report.merged, ==, 1);
  g_assert_cmpuint (report.added, ==, 0);
  a = find_quote (store_of (f), "高质量发展", &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (mg_annotation_get_note (a), ==, "from the other window");

  /* One undoable step. */
  g_assert_true (mg_annotation_store_undo (store_of (f)));
  g_assert_cmpstr (mg_annotation_get_note (find_quote (store_of (f), "高质量发展", NULL)), ==, "");
}

static void
test_changed_here_only (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MgAnnotation *b = find_quote (store_of (f), "项目为王", NULL);
  MgMergeReport report;
  guint count = 0;

  /* Ours: B retagged; theirs: B untouched, one added. */
  mg_annotation_store_set_tags (store_of (f), b, slogan, &error);
  g_assert_no_error (error);
  edit_elsewhere (f, add_other);

  merge (f, &report, NULL);
  g_assert_cmpuint (report.added, ==, 1);
  b = find_quote (store_of (f), "项目为王", &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (mg_annotation_has_tag (b, "slogan"));
  g_assert_false (mg_annotation_has_tag (b, "figure"));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store_of (f)), ==, 3);
}

static void
test_changed_on_both_sides (Fixture       *f,
                            gconstpointer  data)
{
  MgAnnotation *a = find_quote (store_of (f), "高质量发展", NULL);
  MgMergeReport report;
  guint count = 0;

  mg_annotation_store_set_note (store_of (f), a, "mine");
  edit_elsewhere (f, note_elsewhere);

  merge (f, &report, NULL);
  g_assert_cmpuint (report.merged, ==, 1);
  a = find_quote (store_of (f), "高质量发展", &count);
  g_assert_cmpuint (count, ==, 1);
  /* Neither note is lost. */
  g_assert_nonnull (strstr (mg_annotation_get_note (a), "mine"));
  g_assert_nonnull (strstr (mg_annotation_get_note (a), "from the other window"));
}

static void
test_deleted_here_stays_deleted (Fixture       *f,
                                 gconstpointer  data)
{
  MgAnnotation *b = find_quote (store_of (f), "项目为王", NULL);
  MgMergeReport report;
  guint count = 0;

  mg_annotation_store_remove (store_of (f), b);
  edit_elsewhere (f, add_other);

  merge (f, &report, NULL);
  g_assert_cmpuint (report.added, ==, 1);
  find_quote (store_of (f), "项目为王", &count);
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store_of (f)), ==, 2);
}

static void
remove_first (MgAnnotationStore *store)
{
  mg_annotation_store_remove (store, find_quote (store, "高质量发展", NULL));
}

static void
test_deleted_elsewhere_kept (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MgMergeReport report;
  gboolean save_needed = FALSE;

  edit_elsewhere (f, remove_first);
  g_assert_cmpuint (count_on_disk (f, NULL), ==, 1);

  merge (f, &report, &save_needed);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store_of (f)), ==, 2);
  g_assert_true (save_needed);
  mg_sidecar_sync_save (f->sync, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_on_disk (f, NULL), ==, 2);
}

static void
test_unreadable_leaves_store (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MgMergeReport report;

  create (store_of (f), "目标任务", slogan, "Me");
  g_file_set_contents (f->path, "{ \"format\": ", -1, &error);
  g_assert_no_error (error);

  g_assert_false (mg_sidecar_reload_merge (f->sync, NULL, &report, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "speech.txt.marginalia.json"));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store_of (f)), ==, 3);
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store_of (f)), !=, NULL);
}

static void
test_deleted_file (Fixture       *f,
                   gconstpointer  data)
{
  MgMergeReport report;
  gboolean save_needed = TRUE;

  g_unlink (f->path);
  merge (f, &report, &save_needed);
  g_assert_false (save_needed);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store_of (f)), ==, 2);
}

/* Another program changes the file's text: @edit gets its JSON root. */
typedef void (*JsonEditFunc) (JsonObject *root);

static void
edit_json_elsewhere (Fixture      *f,
                     JsonEditFunc  edit)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  json_parser_load_from_file (parser, f->path, &error);
  g_assert_no_error (error);
  edit (json_node_get_object (json_parser_get_root (parser)));
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  out = json_generator_to_data (generator, NULL);
  g_file_set_contents (f->path, out, -1, &error);
  g_assert_no_error (error);
}

static JsonObject *
tag_object (const char *id,
            const char *name,
            const char *color)
{
  JsonObject *tag = json_object_new ();

  json_object_set_string_member (tag, "id", id);
  json_object_set_string_member (tag, "name", name);
  json_object_set_string_member (tag, "color", color);
  json_object_set_string_member (tag, "description", "");
  return tag;
}

static void
add_tag_and_members (JsonObject *root)
{
  JsonArray *tags = json_object_get_array_member (root, "tags");
  JsonObject *dismissed = json_object_new ();
  JsonArray *list = json_array_new ();
  JsonObject *review = json_object_new ();
  JsonObject *figure_tag = NULL;

  /* A tag added (with a member of its own), one renamed, and the unused
   * policy-goal deleted. */
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = json_array_get_object_element (tags, i);

      if (g_strcmp0 (json_object_get_string_member (tag, "id"), "figure") == 0)
        figure_tag = tag;
    }
  g_assert_nonnull (figure_tag);
  json_object_set_string_member (figure_tag, "name", "Numbers");
  for (guint i = 0; i < json_array_get_length (tags); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (tags, i), "id"),
                   "policy-goal") == 0)
      {
        json_array_remove_element (tags, i);
        break;
      }
  {
    JsonObject *quote = tag_object ("quote", "Quote", "#9141ac");
    JsonArray *lexicon = json_array_new ();

    json_array_add_string_element (lexicon, "所谓");
    json_object_set_array_member (quote, "lexicon", lexicon);
    json_array_add_object_element (tags, quote);
  }

  json_object_set_string_member (dismissed, "kind", "figure");
  json_object_set_int_member (dismissed, "start", 44);
  json_object_set_int_member (dismissed, "end", 47);
  json_object_set_string_member (dismissed, "quote", "233");
  json_array_add_object_element (list, dismissed);
  json_object_set_array_member (root, "dismissed", list);
  json_object_set_int_member (review, "round", 2);
  json_object_set_object_member (root, "x-review", review);
  json_object_set_string_member (json_object_get_object_member (root, "document"),
                                 "x-source", "web");
}

/* The window saves after another program changed the tag set and members
 * it does not know: nothing the other program wrote disappears, and the
 * window's own changes (an annotation, a tag) are kept too. */
static void
test_save_merges_tags_and_members (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgTag) mine = mg_tag_new ("mine", "Mine", "#c01c28", "");
  g_autofree char *contents = NULL;
  MgTagSet *tags;
  MgTag *quote;

  edit_json_elsewhere (f, add_tag_and_members);
  create (store_of (f), "目标任务", slogan, "Me");
  mg_annotation_store_add_tag (store_of (f), mine, &error);
  g_assert_no_error (error);

  g_assert_true (mg_sidecar_sync_save (f->sync, NULL, &error));
  g_assert_no_error (error);

  tags = mg_annotation_store_get_tag_set (store_of (f));
  quote = mg_tag_set_lookup (tags, "quote");
  g_assert_nonnull (quote);
  g_assert_cmpstr (mg_tag_get_color (quote), ==, "#9141ac");
  g_assert_nonnull (mg_tag_set_lookup (tags, "mine"));
  g_assert_null (mg_tag_set_lookup (tags, "policy-goal"));
  g_assert_cmpstr (mg_tag_get_name (mg_tag_set_lookup (tags, "figure")), ==, "Numbers");

  g_file_get_contents (f->path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"id\": \"quote\""));
  g_assert_nonnull (strstr (contents, "\"所谓\""));
  g_assert_nonnull (strstr (contents, "\"id\": \"mine\""));
  g_assert_nonnull (strstr (contents, "\"name\": \"Numbers\""));
  g_assert_null (strstr (contents, "policy-goal"));
  g_assert_nonnull (strstr (contents, "\"dismissed\""));
  g_assert_nonnull (strstr (contents, "\"x-review\""));
  g_assert_nonnull (strstr (contents, "\"x-source\": \"web\""));
  g_assert_cmpuint (count_on_disk (f, NULL), ==, 3);
  g_assert_false (mg_annotation_store_get_dirty (store_of (f)));

  /* One undo step puts back what the merge brought in. */
  g_assert_true (mg_annotation_store_undo (store_of (f)));
  g_assert_null (mg_tag_set_lookup (tags, "quote"));
  g_assert_nonnull (mg_tag_set_lookup (tags, "policy-goal"));
}

/* A tag the window itself changed is not overwritten by the file's, and
 * one still in use is not deleted. */
static void
delete_figure_and_slogan (JsonObject *root)
{
  JsonArray *tags = json_object_get_array_member (root, "tags");

  for (guint i = json_array_get_length (tags); i-- > 0;)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (tags, i), "id");

      if (g_strcmp0 (id, "slogan") == 0)
        json_array_remove_element (tags, i);
      else if (g_strcmp0 (id, "policy-goal") == 0)
        json_object_set_string_member (json_array_get_object_element (tags, i), "name", "Theirs");
    }
  tags = json_object_get_array_member (root, "annotations");
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonObject *a = json_array_get_object_element (tags, i);

      if (g_strcmp0 (json_object_get_string_member (a, "quote"), "高质量发展") == 0)
        json_object_set_array_member (a, "tags", json_array_new ());
    }
}

static void
test_merge_tags_keeps_ours (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MgTagSet *tags = mg_annotation_store_get_tag_set (store_of (f));

  mg_annotation_store_rename_tag (store_of (f), "policy-goal", "Ours", &error);
  g_assert_no_error (error);
  create (store_of (f), "目标任务", slogan, "Me");
  edit_json_elsewhere (f, delete_figure_and_slogan);
  g_assert_true (mg_sidecar_sync_save (f->sync, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mg_tag_get_name (mg_tag_set_lookup (tags, "policy-goal")), ==, "Ours");
  /* slogan still carries 目标任务. */
  g_assert_nonnull (mg_tag_set_lookup (tags, "slogan"));
  g_assert_cmpuint (mg_annotation_store_count_tag (store_of (f), "slogan"), ==, 1);
}

/* A sync made on a sidecar that kept the bytes it read takes them as
 * what the file holds, not the store: a change made before the sync is
 * still ours, and a merge keeps it. */
static void
test_base_is_the_file (Fixture       *f,
                       gconstpointer  data)
{
  MgAnnotation *a;
  MgMergeReport report;
  guint count = 0;

  /* Loaded again, keeping what was read as the window does, or not, as
   * a study's other speeches are: either way the base is the file, not
   * the store with its unsaved change. */
  g_assert_finalize_object (g_steal_pointer (&f->sync));
  g_assert_finalize_object (g_steal_pointer (&f->sidecar));
  f->sidecar = mg_sidecar_new (f->file, f->doc);
  mg_sidecar_set_keep_read_bytes (f->sidecar, GPOINTER_TO_INT (data));
  g_assert_true (mg_sidecar_load (f->sidecar, NULL, NULL));
  a = find_quote (store_of (f), "高质量发展", NULL);
  mg_annotation_store_set_note (store_of (f), a, "mine, before the sync");
  f->sync = mg_sidecar_sync_new (f->sidecar);
  edit_elsewhere (f, add_other);

  merge (f, &report, NULL);
  g_assert_cmpuint (report.added, ==, 1);
  a = find_quote (store_of (f), "高质量发展", &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (mg_annotation_get_note (a), ==, "mine, before the sync");
  g_assert_nonnull (find_quote (store_of (f), "233", NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sidecar-sync/own-save-is-known", test_own_save_is_known);
  ADD ("/sidecar-sync/own-async-save-is-known", test_own_async_save_is_known);
  ADD ("/sidecar-sync/reanchored-load-is-known", test_reanchored_load_is_known);
  ADD ("/sidecar-sync/same-length-change-found", test_same_length_change_found);
  ADD ("/sidecar-sync/clean-again-by-undo", test_clean_again_by_undo);
  ADD ("/sidecar-sync/both-sides-added", test_both_sides_added);
  ADD ("/sidecar-sync/changed-on-disk-only", test_changed_on_disk_only);
  ADD ("/sidecar-sync/changed-here-only", test_changed_here_only);
  ADD ("/sidecar-sync/changed-on-both-sides", test_changed_on_both_sides);
  ADD ("/sidecar-sync/deleted-here", test_deleted_here_stays_deleted);
  ADD ("/sidecar-sync/deleted-elsewhere", test_deleted_elsewhere_kept);
  ADD ("/sidecar-sync/unreadable", test_unreadable_leaves_store);
  ADD ("/sidecar-sync/deleted-file", test_deleted_file);
  ADD ("/sidecar-sync/save-merges-tags-and-members", test_save_merges_tags_and_members);
  ADD ("/sidecar-sync/merge-tags-keeps-ours", test_merge_tags_keeps_ours);
#undef ADD
  g_test_add ("/sidecar-sync/base-is-the-file", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_base_is_the_file, fixture_tear_down);
  g_test_add ("/sidecar-sync/base-is-the-file-not-kept", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_base_is_the_file, fixture_tear_down);

  return g_test_run ();
}
