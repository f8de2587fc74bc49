/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-statistics-chart.h"
#include "mg-tag-style.h"

#define ROW_HEIGHT    26.0
#define TITLE_HEIGHT  30.0
#define BAR_HEIGHT    12.0
#define STRIP_HEIGHT  16.0
#define COUNT_WIDTH   44.0
#define GAP           12.0
#define LABEL_MIN     72.0
/* Pixels either side of a click that still reach a mark. */
#define CLICK_SLOP    4.0

typedef struct
{
  gboolean title;   /* a speech's title above its strips */
  guint    speech;
  guint    index;   /* row, or member */
  double   y;       /* top */
} Line;

struct _MgStatisticsChart
{
  GtkWidget              parent_instance;

  MgStatistics          *statistics;
  MgStatisticsChartKind  kind;
  GArray                *lines;       /* of Line */
  double                 height;
  double                 label_width; /* natural width of the longest label */
};

G_DEFINE_FINAL_TYPE (MgStatisticsChart, mg_statistics_chart, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (MgStatisticsChartKind, mg_statistics_chart_kind,
  G_DEFINE_ENUM_VALUE (MG_STATISTICS_CHART_TAGS, "tags"),
  G_DEFINE_ENUM_VALUE (MG_STATISTICS_CHART_MEMBERS, "members"),
  G_DEFINE_ENUM_VALUE (MG_STATISTICS_CHART_STRIP, "strip"))

enum
{
  PROP_0,
  PROP_STATISTICS,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  MARK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
line_label (MgStatisticsChart *self,
            const Line        *line)
{
  if (line->title)
    return mg_statistics_get_speech (self->statistics, line->speech)->title;
  if (self->kind == MG_STATISTICS_CHART_MEMBERS)
    return mg_statistics_get_member (self->statistics, line->index)->label;
  return mg_statistics_get_row (self->statistics, line->index)->name;
}

static double
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* The lines to draw, their places and the widest label. */
static void
rebuild (MgStatisticsChart *self)
{
  double y = 0.0;

  g_array_set_size (self->lines, 0);
  self->label_width = LABEL_MIN;
  if (self->statistics != NULL)
    {
      MgStatistics *stats = self->statistics;

      if (self->kind == MG_STATISTICS_CHART_TAGS)
        for (guint r = 0; r < mg_statistics_get_n_rows (stats); r++)
          {
            Line line = { FALSE, 0, r, y };

            g_array_append_val (self->lines, line);
            y += ROW_HEIGHT;
          }
      else if (self->kind == MG_STATISTICS_CHART_MEMBERS)
        for (guint m = 0; m < mg_statistics_get_n_members (stats); m++)
          {
            Line line = { FALSE, 0, m, y };

            g_array_append_val (self->lines, line);
            y += ROW_HEIGHT;
          }
      else
        {
          g_autoptr(GArray) rows = mg_statistics_dup_strip_rows (stats);
          guint n_speeches = mg_statistics_get_n_speeches (stats);

          for (guint s = 0; rows->len > 0 && s < n_speeches; s++)
            {
              if (n_speeches > 1)
                {
                  Line title = { TRUE, s, 0, y };

                  g_array_append_val (self->lines, title);
                  y += TITLE_HEIGHT;
                }
              for (guint i = 0; i < rows->len; i++)
                {
                  Line line = { FALSE, s, g_array_index (rows, guint, i), y };

                  g_array_append_val (self->lines, line);
                  y += ROW_HEIGHT;
                }
            }
        }
    }
  for (guint i = 0; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);

      if (!line->title)
        self->label_width = MAX (self->label_width, text_width (GTK_WIDGET (self), line_label (self, line)));
    }
  self->height = y;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The label column: the longest label, but never more than a third. */
static double
label_column (MgStatisticsChart *self,
              double             width)
{
  return MIN (self->label_width, MAX (LABEL_MIN, width / 3.0));
}

static void
bar_extent (MgStatisticsChart *self,
            double             width,
            double            *x,
            double            *bar_width)
{
  double label = label_column (self, width);

  /* The strips too leave room for a count, so that all charts align. */
  *x = label + GAP;
  *bar_width = MAX (1.0, width - *x - COUNT_WIDTH - GAP);
}

guint
mg_statistics_chart_get_n_bars (MgStatisticsChart *self)
{
  guint n = 0;

  g_return_val_if_fail (MG_IS_STATISTICS_CHART (self), 0);

  for (guint i = 0; i < self->lines->len; i++)
    n += !g_array_index (self->lines, Line, i).title;
  return n;
}

static const Line *
nth_bar (MgStatisticsChart *self,
         guint              bar)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);

      if (line->title)
        continue;
      if (bar == 0)
        return line;
      bar--;
    }
  return NULL;
}

static void
line_bar_rect (MgStatisticsChart *self,
               const Line        *line,
               graphene_rect_t   *rect)
{
  double height = self->kind == MG_STATISTICS_CHART_STRIP ? STRIP_HEIGHT : BAR_HEIGHT;
  double x, width;

  bar_extent (self, gtk_widget_get_width (GTK_WIDGET (self)), &x, &width);
  graphene_rect_init (rect, x, line->y + (ROW_HEIGHT - height) / 2.0, width, height);
}

gboolean
mg_statistics_chart_get_bar_area (MgStatisticsChart *self,
                                  guint              bar,
                                  graphene_rect_t   *area)
{
  const Line *line;

  g_return_val_if_fail (MG_IS_STATISTICS_CHART (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  line = nth_bar (self, bar);
  if (line == NULL)
    return FALSE;
  line_bar_rect (self, line, area);
  return TRUE;
}

static const Line *
line_at (MgStatisticsChart *self,
         double             y)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);
      double height = line->title ? TITLE_HEIGHT : ROW_HEIGHT;

      if (y >= line->y && y < line->y + height)
        return line->title ? NULL : line;
    }
  return NULL;
}

const MgStatisticsMark *
mg_statistics_chart_mark_at (MgStatisticsChart *self,
                             double             x,
                             double             y,
                             guint             *out_speech)
{
  const MgStatisticsSpeech *speech;
  const Line *line;
  graphene_rect_t rect;
  double position;
  guint tolerance;

  g_return_val_if_fail (MG_IS_STATISTICS_CHART (self), NULL);

  if (self->kind != MG_STATISTICS_CHART_STRIP || self->statistics == NULL)
    return NULL;
  line = line_at (self, y);
  if (line == NULL)
    return NULL;
  line_bar_rect (self, line, &rect);
  if (x < rect.origin.x - CLICK_SLOP || x > rect.origin.x + rect.size.width + CLICK_SLOP)
    return NULL;
  speech = mg_statistics_get_speech (self->statistics, line->speech);
  position = CLAMP ((x - rect.origin.x) / rect.size.width, 0.0, 1.0) * speech->length;
  tolerance = (guint) (CLICK_SLOP / rect.size.width * speech->length) + 1;
  if (out_speech != NULL)
    *out_speech = line->speech;
  return mg_statistics_find_mark (self->statistics, line->speech, line->index,
                                  (guint) MIN (position, (double) G_MAXUINT), tolerance);
}

/* ---- Drawing ---- */

static void
set_source_tag (cairo_t    *cr,
                const char *color)
{
  GdkRGBA rgba;

  mg_tag_style_parse (color, 1.0, &rgba);
  gdk_cairo_set_source_rgba (cr, &rgba);
}

static void
draw_text (MgStatisticsChart *self,
           cairo_t           *cr,
           const GdkRGBA     *color,
           const char        *text,
           double             x,
           double             y,
           double             width,
           double             height,
           gboolean           right,
           gboolean           bold)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int text_height;

  pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  if (bold)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
    }
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x, y + (height - text_height) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height,
              double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_line (MgStatisticsChart *self,
           cairo_t           *cr,
           const Line        *line,
           double             width,
           const GdkRGBA     *fg,
           const GdkRGBA     *track)
{
  MgStatistics *stats = self->statistics;
  GdkRGBA dim = *fg;
  graphene_rect_t bar;
  double label = label_column (self, width);
  char count[16];

  dim.alpha *= 0.7;
  if (line->title)
    {
      draw_text (self, cr, fg, line_label (self, line), 0, line->y + 6.0, width, TITLE_HEIGHT - 6.0,
                 FALSE, TRUE);
      return;
    }
  draw_text (self, cr, fg, line_label (self, line), 0, line->y, label, ROW_HEIGHT, FALSE, FALSE);
  line_bar_rect (self, line, &bar);

  /* The track, then what fills it, clipped to the track's rounded ends. */
  cairo_save (cr);
  rounded_rect (cr, bar.origin.x, bar.origin.y, bar.size.width, bar.size.height, 3.0);
  gdk_cairo_set_source_rgba (cr, track);
  cairo_fill_preserve (cr);
  cairo_clip (cr);

  if (self->kind == MG_STATISTICS_CHART_TAGS)
    {
      const MgStatisticsRow *row = mg_statistics_get_row (stats, line->index);
      guint max = MAX (mg_statistics_get_max_row_count (stats), 1);

      set_source_tag (cr, row->color);
      cairo_rectangle (cr, bar.origin.x, bar.origin.y, bar.size.width * row->count / max, bar.size.height);
      cairo_fill (cr);
      g_snprintf (count, sizeof count, "%u", row->count);
    }
  else if (self->kind == MG_STATISTICS_CHART_MEMBERS)
    {
      const MgStatisticsMember *member = mg_statistics_get_member (stats, line->index);
      guint max = MAX (mg_statistics_get_max_member_total (stats), 1);
      guint sum = 0;

      for (guint r = 0; r < mg_statistics_get_n_rows (stats); r++)
        {
          double x = bar.size.width * sum / max;

          if (member->row_counts[r] == 0)
            continue;
          sum += member->row_counts[r];
          set_source_tag (cr, mg_statistics_get_row (stats, r)->color);
          cairo_rectangle (cr, bar.origin.x + x, bar.origin.y, bar.size.width * sum / max - x, bar.size.height);
          cairo_fill (cr);
        }
      g_snprintf (count, sizeof count, "%u", member->count);
    }
  else
    {
      /* One stretch a pixel: as many shapes as pixels, whatever the count. */
      guint n_bins = MAX (1, (guint) bar.size.width);
      g_autoptr(GArray) runs = mg_statistics_dup_runs (stats, line->speech, line->index, n_bins);

      set_source_tag (cr, mg_statistics_get_row (stats, line->index)->color);
      for (guint k = 0; k + 1 < runs->len; k += 2)
        {
          guint from = g_array_index (runs, guint, k);
          guint to = g_array_index (runs, guint, k + 1);

          /* At least two pixels, so a single short quote shows. */
          cairo_rectangle (cr, bar.origin.x + bar.size.width * from / n_bins, bar.origin.y,
                           MAX (2.0, bar.size.width * (to - from) / n_bins), bar.size.height);
        }
      cairo_fill (cr);
      g_snprintf (count, sizeof count, "%u", mg_statistics_count_marks (stats, line->speech, line->index));
    }
  cairo_restore (cr);

  if (count[0] != '\0')
    draw_text (self, cr, &dim, count, width - COUNT_WIDTH, line->y, COUNT_WIDTH, ROW_HEIGHT, TRUE, FALSE);
}

static void
mg_statistics_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  MgStatisticsChart *self = MG_STATISTICS_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA fg, track;
  cairo_t *cr;

  if (self->statistics == NULL || self->lines->len == 0)
    return;

  /* GTK 4.8 has no gtk_widget_get_color(). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  track = fg;
  track.alpha *= 0.1;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < self->lines->len; i++)
    draw_line (self, cr, &g_array_index (self->lines, Line, i), width, &fg, &track);
  cairo_destroy (cr);
}

static void
mg_statistics_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  MgStatisticsChart *self = MG_STATISTICS_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (LABEL_MIN + GAP + 120 + COUNT_WIDTH);
      *natural = (int) (self->label_width + GAP + 360 + COUNT_WIDTH);
    }
  else
    *minimum = *natural = (int) self->height;
}

static void
mg_statistics_chart_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (mg_statistics_chart_parent_class)->css_changed (widget, change);
  /* Fonts may have changed the labels' widths; colours the drawing. */
  rebuild (MG_STATISTICS_CHART (widget));
  gtk_widget_queue_draw (widget);
}

static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip)
{
  MgStatisticsChart *self = MG_STATISTICS_CHART (widget);
  MgStatistics *stats = self->statistics;
  const Line *line = stats != NULL ? line_at (self, y) : NULL;
  g_autoptr(GString) text = NULL;

  if (line == NULL)
    return FALSE;
  text = g_string_new (NULL);
  if (self->kind == MG_STATISTICS_CHART_MEMBERS)
    {
      const MgStatisticsMember *member = mg_statistics_get_member (stats, line->index);

      g_string_append_printf (text, ngettext ("%s: %u annotation", "%s: %u annotations", member->count),
                              member->label, member->count);
      for (guint r = 0; r < mg_statistics_get_n_rows (stats); r++)
        if (member->row_counts[r] > 0)
          g_string_append_printf (text, "\n%s: %u", mg_statistics_get_row (stats, r)->name,
                                  member->row_counts[r]);
    }
  else
    {
      const MgStatisticsRow *row = mg_statistics_get_row (stats, line->index);

      g_string_append_printf (text, ngettext ("%s: %u annotation", "%s: %u annotations", row->count),
                              row->name, row->count);
      if (self->kind == MG_STATISTICS_CHART_STRIP)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, _("Click a mark to go to its passage"));
        }
    }
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
click_released (GtkGestureClick   *gesture,
                int                n_press,
                double             x,
                double             y,
                MgStatisticsChart *self)
{
  const MgStatisticsMark *mark;
  guint speech = 0;

  mark = mg_statistics_chart_mark_at (self, x, y, &speech);
  if (mark == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[MARK_ACTIVATED], 0, speech, mark->annotation_id);
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        MgStatisticsChart        *self)
{
  gboolean over = mg_statistics_chart_mark_at (self, x, y, NULL) != NULL;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over ? "pointer" : NULL);
}

static void
mg_statistics_chart_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MgStatisticsChart *self = MG_STATISTICS_CHART (object);

  switch (prop_id)
    {
    case PROP_STATISTICS:
      g_value_set_object (value, self->statistics);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_statistics_chart_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MgStatisticsChart *self = MG_STATISTICS_CHART (object);

  switch (prop_id)
    {
    case PROP_STATISTICS:
      mg_statistics_chart_set_statistics (self, g_value_get_object (value));
      break;
    case PROP_KIND:
      if (self->kind != (MgStatisticsChartKind) g_value_get_enum (value))
        {
          self->kind = g_value_get_enum (value);
          rebuild (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_statistics_chart_dispose (GObject *object)
{
  MgStatisticsChart *self = MG_STATISTICS_CHART (object);

  g_clear_object (&self->statistics);

  G_OBJECT_CLASS (mg_statistics_chart_parent_class)->dispose (object);
}

static void
mg_statistics_chart_finalize (GObject *object)
{
  MgStatisticsChart *self = MG_STATISTICS_CHART (object);

  g_clear_pointer (&self->lines, g_array_unref);

  G_OBJECT_CLASS (mg_statistics_chart_parent_class)->finalize (object);
}

static void
mg_statistics_chart_class_init (MgStatisticsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mg_statistics_chart_get_property;
  object_class->set_property = mg_statistics_chart_set_property;
  object_class->dispose = mg_statistics_chart_dispose;
  object_class->finalize = mg_statistics_chart_finalize;
  widget_class->snapshot = mg_statistics_chart_snapshot;
  widget_class->measure = mg_statistics_chart_measure;
  widget_class->css_changed = mg_statistics_chart_css_changed;

  properties[PROP_STATISTICS] =
    g_param_spec_object ("statistics", NULL, NULL, MG_TYPE_STATISTICS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, MG_TYPE_STATISTICS_CHART_KIND, MG_STATISTICS_CHART_TAGS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MARK_ACTIVATED] =
    g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "mg-statistics-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mg_statistics_chart_init (MgStatisticsChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *hover = gtk_event_controller_motion_new ();

  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  self->label_width = LABEL_MIN;

  g_signal_connect (click, "released", G_CALLBACK (click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (hover, "motion", G_CALLBACK (motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), hover);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip), NULL);
}

MgStatistics *
mg_statistics_chart_get_statistics (MgStatisticsChart *self)
{
  g_return_val_if_fail (MG_IS_STATISTICS_CHART (self), NULL);
  return self->statistics;
}

/* What a screen reader says: every label with its count. */
static void
update_description (MgStatisticsChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->statistics != NULL && i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);

      if (text->len > 0)
        g_string_append (text, line->title ? ". " : ", ");
      g_string_append (text, line_label (self, line));
      if (line->title)
        continue;
      if (self->kind == MG_STATISTICS_CHART_MEMBERS)
        g_string_append_printf (text, " %u", mg_statistics_get_member (self->statistics, line->index)->count);
      else if (self->kind == MG_STATISTICS_CHART_TAGS)
        g_string_append_printf (text, " %u", mg_statistics_get_row (self->statistics, line->index)->count);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

void
mg_statistics_chart_set_statistics (MgStatisticsChart *self,
                                    MgStatistics      *statistics)
{
  g_return_if_fail (MG_IS_STATISTICS_CHART (self));
  g_return_if_fail (statistics == NULL || MG_IS_STATISTICS (statistics));

  if (!g_set_object (&self->statistics, statistics))
    return;
  rebuild (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATISTICS]);
}

MgStatisticsChartKind
mg_statistics_chart_get_kind (MgStatisticsChart *self)
{
  g_return_val_if_fail (MG_IS_STATISTICS_CHART (self), MG_STATISTICS_CHART_TAGS);
  return self->kind;
}
