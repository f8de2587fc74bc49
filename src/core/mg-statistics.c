/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-export-private.h"
#include "mg-statistics.h"

#define STATISTICS_NEUTRAL_COLOR "#77767b"
#define STATISTICS_ORPHAN_COLOR  "#c01c28"

typedef struct
{
  MgStatisticsSpeech  info;
  GArray             *marks;     /* of MgStatisticsMark, by row then start */
} Speech;

struct _MgStatistics
{
  GObject     parent_instance;

  MgSummary  *summary;           /* keeps the marks' annotation ids */
  GPtrArray  *rows;              /* of MgStatisticsRow * */
  GPtrArray  *members;           /* of MgStatisticsMember * */
  GPtrArray  *speeches;          /* of Speech * */
  guint       n_items;
};

G_DEFINE_FINAL_TYPE (MgStatistics, mg_statistics, G_TYPE_OBJECT)

static void
row_free (MgStatisticsRow *row)
{
  g_free (row->tag_id);
  g_free (row->name);
  g_free (row->color);
  g_free (row);
}

static void
member_free (MgStatisticsMember *member)
{
  g_free (member->author);
  g_free (member->label);
  g_free (member->row_counts);
  g_free (member);
}

static void
speech_free (Speech *speech)
{
  g_free (speech->info.title);
  g_array_unref (speech->marks);
  g_free (speech);
}

static void
mg_statistics_finalize (GObject *object)
{
  MgStatistics *self = MG_STATISTICS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->speeches, g_ptr_array_unref);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (mg_statistics_parent_class)->finalize (object);
}

static void
mg_statistics_class_init (MgStatisticsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_statistics_finalize;
}

static void
mg_statistics_init (MgStatistics *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->members = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
  self->speeches = g_ptr_array_new_with_free_func ((GDestroyNotify) speech_free);
}

static MgStatisticsRow *
add_row (MgStatistics        *self,
         MgStatisticsRowKind  kind,
         const char          *tag_id,
         const char          *name,
         const char          *color,
         guint                count)
{
  MgStatisticsRow *row = g_new0 (MgStatisticsRow, 1);

  row->kind = kind;
  row->tag_id = g_strdup (tag_id);
  row->name = g_strdup (name);
  row->color = g_strdup (color);
  row->count = count;
  g_ptr_array_add (self->rows, row);
  return row;
}

static int
mark_compare (gconstpointer a,
              gconstpointer b)
{
  const MgStatisticsMark *ma = a;
  const MgStatisticsMark *mb = b;

  if (ma->row != mb->row)
    return ma->row < mb->row ? -1 : 1;
  if (ma->start != mb->start)
    return ma->start < mb->start ? -1 : 1;
  if (ma->end != mb->end)
    return ma->end < mb->end ? -1 : 1;
  return strcmp (ma->annotation_id, mb->annotation_id);
}

static int
member_compare (gconstpointer a,
                gconstpointer b)
{
  const MgStatisticsMember *ma = *(const MgStatisticsMember * const *) a;
  const MgStatisticsMember *mb = *(const MgStatisticsMember * const *) b;

  if (ma->count != mb->count)
    return ma->count > mb->count ? -1 : 1;
  return strcmp (ma->author, mb->author);
}

static void
add_speeches (MgStatistics *self)
{
  guint n = mg_summary_get_n_speeches (self->summary);

  for (guint s = 0; s < n; s++)
    {
      const MgSummarySpeech *summary_speech = mg_summary_get_speech (self->summary, s);
      Speech *speech = g_new0 (Speech, 1);

      speech->info.title = g_strdup (summary_speech->title);
      speech->info.n_items = summary_speech->n_items;
      if (summary_speech->document != NULL)
        speech->info.length = mg_document_get_length (summary_speech->document);
      /* A mark an annotation, and more for those with several tags. */
      speech->marks = g_array_sized_new (FALSE, FALSE, sizeof (MgStatisticsMark),
                                         summary_speech->n_items + summary_speech->n_items / 4);
      g_ptr_array_add (self->speeches, speech);
    }
}

MgStatistics *
mg_statistics_new (MgSummary *summary)
{
  g_autoptr(MgStatistics) self = NULL;
  g_autoptr(GHashTable) members = NULL;
  GPtrArray *tag_counts;
  guint n_tags;
  int untagged_row = -1;
  int orphaned_row = -1;
  guint n_rows;

  g_return_val_if_fail (MG_IS_SUMMARY (summary), NULL);

  self = g_object_new (MG_TYPE_STATISTICS, NULL);
  self->summary = g_object_ref (summary);
  self->n_items = mg_summary_get_n_items (summary);

  tag_counts = mg_summary_get_tag_counts (summary);
  n_tags = tag_counts->len;
  for (guint t = 0; t < n_tags; t++)
    {
      const MgSummaryCount *count = g_ptr_array_index (tag_counts, t);

      add_row (self, MG_STATISTICS_ROW_TAG, count->key, count->name,
               count->color != NULL ? count->color : STATISTICS_NEUTRAL_COLOR, count->count);
    }
  if (mg_summary_get_n_untagged (summary) > 0)
    {
      untagged_row = self->rows->len;
      add_row (self, MG_STATISTICS_ROW_UNTAGGED, NULL, _("Untagged highlights"),
               STATISTICS_NEUTRAL_COLOR, mg_summary_get_n_untagged (summary));
    }
  if (mg_summary_get_n_orphaned (summary) > 0)
    {
      orphaned_row = self->rows->len;
      add_row (self, MG_STATISTICS_ROW_ORPHANED, NULL, _("Orphaned annotations"),
               STATISTICS_ORPHAN_COLOR, mg_summary_get_n_orphaned (summary));
    }
  n_rows = self->rows->len;

  add_speeches (self);

  members = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->n_items; i++)
    {
      const MgSummaryItem *item = mg_summary_get_item (summary, i);
      Speech *speech = g_ptr_array_index (self->speeches, item->speech);
      MgStatisticsMember *member = g_hash_table_lookup (members, item->author);
      gboolean tagged = FALSE;

      if (member == NULL)
        {
          member = g_new0 (MgStatisticsMember, 1);
          member->author = g_strdup (item->author);
          member->label = g_strdup (_mg_export_author_label (item->author));
          member->row_counts = g_new0 (guint, n_rows);
          g_ptr_array_add (self->members, member);
          g_hash_table_insert (members, member->author, member);
        }
      member->count++;

      if (item->orphaned)
        {
          if (orphaned_row >= 0)
            member->row_counts[orphaned_row]++;
          continue;
        }
      /* Without a document the summary has no length: the strip then
       * spans what the annotations cover. */
      if (mg_summary_get_speech (summary, item->speech)->document == NULL)
        speech->info.length = MAX (speech->info.length, item->end);

      for (guint t = 0; t < n_tags; t++)
        {
          const MgStatisticsRow *row = g_ptr_array_index (self->rows, t);
          MgStatisticsMark mark = { item->start, item->end, t, item->id };

          if (!g_strv_contains ((const char * const *) item->tags, row->tag_id))
            continue;
          tagged = TRUE;
          member->row_counts[t]++;
          g_array_append_val (speech->marks, mark);
        }
      if (!tagged && untagged_row >= 0)
        {
          MgStatisticsMark mark = { item->start, item->end, untagged_row, item->id };

          member->row_counts[untagged_row]++;
          g_array_append_val (speech->marks, mark);
        }
    }

  g_ptr_array_sort (self->members, member_compare);
  for (guint s = 0; s < self->speeches->len; s++)
    {
      Speech *speech = g_ptr_array_index (self->speeches, s);

      g_array_sort (speech->marks, mark_compare);
    }
  return g_steal_pointer (&self);
}

MgStatistics *
mg_statistics_new_for_stores (MgAnnotationStore * const *stores,
                              const char * const        *paths,
                              guint                      n_stores)
{
  g_autoptr(MgSummary) summary = NULL;

  g_return_val_if_fail (stores != NULL && n_stores > 0, NULL);

  /* Without a filter a summary cannot fail. */
  if (n_stores == 1)
    summary = mg_summary_new (stores[0], NULL, NULL);
  else
    summary = mg_summary_new_combined (stores, paths, n_stores, NULL, NULL);
  g_return_val_if_fail (summary != NULL, NULL);
  return mg_statistics_new (summary);
}

guint
mg_statistics_get_n_items (MgStatistics *self)
{
  g_return_val_if_fail (MG_IS_STATISTICS (self), 0);
  return self->n_items;
}

guint
mg_statistics_get_n_rows (MgStatistics *self)
{
  g_return_val_if_fail (MG_IS_STATISTICS (self), 0);
  return self->rows->len;
}

const MgStatisticsRow *
mg_statistics_get_row (MgStatistics *self,
                       guint         row)
{
  g_return_val_if_fail (MG_IS_STATISTICS (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, row);
}

int
mg_statistics_find_tag_row (MgStatistics *self,
                            const char   *tag_id)
{
  g_return_val_if_fail (MG_IS_STATISTICS (self), -1);
  g_return_val_if_fail (tag_id != NULL, -1);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const MgStatisticsRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->tag_id, tag_id) == 0)
        return (int) i;
    }
  return -1;
}

guint
mg_statistics_get_max_row_count (MgStatistics *self)
{
  guint max = 0;

  g_return_val_if_fail (MG_IS_STATISTICS (self), 0);

  for (guint i = 0; i < self->rows->len; i++)
    max = MAX (max, ((const MgStatisticsRow *) g_ptr_array_index (self->rows, i))->count);
  return max;
}

guint
mg_statistics_get_n_members (MgStatistics *self)
{
  g_return_val_if_fail (MG_IS_STATISTICS (self), 0);
  return self->members->len;
}

const MgStatisticsMember *
mg_statistics_get_member (MgStatistics *self,
                          guint         member)
{
  g_return_val_if_fail (MG_IS_STATISTICS (self), NULL);
  g_return_val_if_fail (member < self->members->len, NULL);
  return g_ptr_array_index (self->members, member);
}

guint
mg_statistics_member_total (const MgStatisticsMember *member,
                            guint                     n_rows)
{
  guint total = 0;

  g_return_val_if_fail (member != NULL, 0);

  for (guint r = 0; r < n_rows; r++)
    total += member->row_counts[r];
  return total;
}

guint
mg_statistics_get_max_member_total (MgStatistics *self)
{
  guint max = 0;

  g_return_val_if_fail (MG_IS_STATISTICS (self), 0);

  for (guint i = 0; i < self->members->len; i++)
    max = MAX (max, mg_statistics_member_total (g_ptr_array_index (self->members, i), self->rows->len));
  return max;
}

guint
mg_statistics_get_n_speeches (MgStatistics *self)
{
  g_return_val_if_fail (MG_IS_STATISTICS (self), 0);
  return self->speeches->len;
}

const MgStatisticsSpeech *
mg_statistics_get_speech (MgStatistics *self,
                          guint         speech)
{
  g_return_val_if_fail (MG_IS_STATISTICS (self), NULL);
  g_return_val_if_fail (speech < self->speeches->len, NULL);
  return &((Speech *) g_ptr_array_index (self->speeches, speech))->info;
}

const MgStatisticsMark *
mg_statistics_get_marks (MgStatistics *self,
                         guint         speech,
                         guint        *n_marks)
{
  Speech *s;

  g_return_val_if_fail (MG_IS_STATISTICS (self), NULL);
  g_return_val_if_fail (speech < self->speeches->len, NULL);

  s = g_ptr_array_index (self->speeches, speech);
  if (n_marks != NULL)
    *n_marks = s->marks->len;
  return (const MgStatisticsMark *) (void *) s->marks->data;
}

/* The marks of @row in @speech: [*first, *first + *n). */
static void
row_marks (MgStatistics *self,
           guint         speech,
           guint         row,
           guint        *first,
           guint        *n)
{
  Speech *s = g_ptr_array_index (self->speeches, speech);
  const MgStatisticsMark *marks = (const MgStatisticsMark *) (void *) s->marks->data;
  guint lo = 0, hi = s->marks->len;
  guint end;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (marks[mid].row < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (end = lo; end < s->marks->len && marks[end].row == row; end++)
    ;
  *first = lo;
  *n = end - lo;
}

guint
mg_statistics_count_marks (MgStatistics *self,
                           guint         speech,
                           guint         row)
{
  guint first, n;

  g_return_val_if_fail (MG_IS_STATISTICS (self), 0);
  g_return_val_if_fail (speech < self->speeches->len, 0);

  row_marks (self, speech, row, &first, &n);
  return n;
}

GArray *
mg_statistics_dup_strip_rows (MgStatistics *self)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (MG_IS_STATISTICS (self), rows);

  for (guint r = 0; r < self->rows->len; r++)
    for (guint s = 0; s < self->speeches->len; s++)
      {
        guint first, n;

        row_marks (self, s, r, &first, &n);
        if (n > 0)
          {
            g_array_append_val (rows, r);
            break;
          }
      }
  return rows;
}

/* The bins [*from, *to) that code points [start, end) of a speech of
 * @length fall in; a mark of no width still takes its bin. */
static void
mark_bins (guint  start,
           guint  end,
           guint  length,
           guint  n_bins,
           guint *from,
           guint *to)
{
  guint64 a, b;

  if (length == 0)
    {
      *from = 0;
      *to = MIN (1, n_bins);
      return;
    }
  a = (guint64) MIN (start, length) * n_bins / length;
  b = ((guint64) MIN (end, length) * n_bins + length - 1) / length;
  if (a >= n_bins)
    a = n_bins - 1;
  if (b <= a)
    b = a + 1;
  *from = (guint) a;
  *to = (guint) MIN (b, (guint64) n_bins);
}

void
mg_statistics_count_bins (MgStatistics *self,
                          guint         speech,
                          guint         row,
                          guint         n_bins,
                          guint        *bins)
{
  const MgStatisticsMark *marks;
  guint length, first, n;

  g_return_if_fail (MG_IS_STATISTICS (self));
  g_return_if_fail (speech < self->speeches->len);
  g_return_if_fail (bins != NULL || n_bins == 0);

  memset (bins, 0, n_bins * sizeof (guint));
  if (n_bins == 0)
    return;
  marks = mg_statistics_get_marks (self, speech, NULL);
  length = mg_statistics_get_speech (self, speech)->length;
  row_marks (self, speech, row, &first, &n);
  for (guint i = first; i < first + n; i++)
    {
      guint from, to;

      mark_bins (marks[i].start, marks[i].end, length, n_bins, &from, &to);
      for (guint b = from; b < to; b++)
        bins[b]++;
    }
}

GArray *
mg_statistics_dup_runs (MgStatistics *self,
                        guint         speech,
                        guint         row,
                        guint         n_bins)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *bins = NULL;

  g_return_val_if_fail (MG_IS_STATISTICS (self), runs);
  g_return_val_if_fail (speech < self->speeches->len, runs);

  bins = g_new0 (guint, MAX (n_bins, 1));
  mg_statistics_count_bins (self, speech, row, n_bins, bins);
  for (guint b = 0; b < n_bins;)
    {
      guint start = b;

      if (bins[b] == 0)
        {
          b++;
          continue;
        }
      while (b < n_bins && bins[b] > 0)
        b++;
      g_array_append_val (runs, start);
      g_array_append_val (runs, b);
    }
  return runs;
}

const MgStatisticsMark *
mg_statistics_find_mark (MgStatistics *self,
                         guint         speech,
                         guint         row,
                         guint         position,
                         guint         tolerance)
{
  const MgStatisticsMark *marks;
  const MgStatisticsMark *best = NULL;
  guint best_distance = G_MAXUINT;
  guint first, n;

  g_return_val_if_fail (MG_IS_STATISTICS (self), NULL);
  g_return_val_if_fail (speech < self->speeches->len, NULL);

  marks = mg_statistics_get_marks (self, speech, NULL);
  row_marks (self, speech, row, &first, &n);
  /* Marks are by start: those starting past position + tolerance are out
   * of reach, those before may still cover it (a long passage). */
  for (guint i = first; i < first + n && marks[i].start <= (guint64) position + tolerance; i++)
    {
      guint distance;

      if (position < marks[i].start)
        distance = marks[i].start - position;
      else if (position >= marks[i].end)
        distance = position - MAX (marks[i].end, marks[i].start + 1) + 1;
      else
        distance = 0;
      if (distance <= tolerance && distance < best_distance)
        {
          best = &marks[i];
          best_distance = distance;
        }
    }
  return best;
}
