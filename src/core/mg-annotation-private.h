/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-annotation.h"

G_BEGIN_DECLS

struct _MgAnnotation
{
  GObject        parent_instance;

  char          *id;
  guint          start;
  guint          end;
  char          *quote;
  char          *prefix;
  char          *suffix;
  GStrv          tags;
  char          *note;
  char          *author;
  GStrv          contributors;
  char          *created;
  char          *modified;
  double         anchor_score;
  guint          paragraph;
  guint          sentence;
  MgAnchorState  anchor_state;
  JsonObject    *extra;

  guint          starred : 1;
};

/* What a reader found for one annotation: borrowed strings (NULL or "" for
 * the defaults), vectors NULL-terminated or NULL. */
typedef struct
{
  const char         *id;
  guint               start;
  guint               end;
  const char         *quote;
  const char         *prefix;
  const char         *suffix;
  const char * const *tags;
  const char         *note;
  const char         *author;
  const char * const *contributors;
  const char         *created;
  const char         *modified;
  gboolean            starred;
  gboolean            orphaned;
  JsonObject         *extra;        /* nullable, referenced */
} MgAnnotationFields;

/* A new annotation made of @fields at once, as the setters would make it,
 * without their notifications: for readers of many. */
MgAnnotation *mg_annotation_new_from_fields (const MgAnnotationFields *fields);

G_END_DECLS
