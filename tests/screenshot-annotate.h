/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Annotations made for the screenshot programs, through the window's
 * public API: as tagging the selected text makes them, the new one
 * selected. */

#include <stdio.h>

#include "mg-window.h"

/* [start, end) of the window's speech tagged with the tag at @tag
 * (from 1; 0: a plain highlight), starred or not, by @author (NULL: the
 * default author). FALSE, with a message, when it cannot be made. */
static inline gboolean
mg_screenshot_annotate (MgWindow   *window,
                        guint       start,
                        guint       end,
                        int         tag,
                        gboolean    starred,
                        const char *author)
{
  MgAnnotationStore *store = mg_window_get_store (window);
  MgTagSet *tag_set = mg_annotation_store_get_tag_set (store);
  const char *tags[2] = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  MgAnnotation *made;

  if (tag > 0 && (guint) tag <= mg_tag_set_get_n_tags (tag_set))
    tags[0] = mg_tag_get_id (mg_tag_set_get_tag (tag_set, (guint) tag - 1));
  else if (tag != 0)
    {
      fprintf (stderr, "No tag at %d\n", tag);
      return FALSE;
    }
  made = mg_annotation_store_create (store, start, end, tags[0] != NULL ? tags : NULL, NULL, starred,
                                     author != NULL && *author != '\0' ? author : NULL, &error);
  if (made == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  mg_window_set_selected (window, made);
  return TRUE;
}
