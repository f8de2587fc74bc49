/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What of an annotation only the sidecar's reader, writer and mergers see:
 * the members of its JSON object that Marginalia does not know, kept as
 * they were read so that a save writes them back unchanged. */

#include <json-glib/json-glib.h>

#include "mg-annotation.h"

G_BEGIN_DECLS

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
MgAnnotation *_mg_annotation_new_from_fields (const MgAnnotationFields *fields);

/* The fields of @self as a reader would give them: borrowed from @self,
 * valid until it changes (@fields->extra is not referenced). */
void           _mg_annotation_get_fields       (MgAnnotation       *self,
                                               MgAnnotationFields *fields);
/* A copy of the fields of @self that shares nothing with it (its strings
 * in the same allocation, its extra members a deep copy): it may be read
 * in another thread while @self changes. Free with
 * _mg_annotation_fields_free(). */
MgAnnotationFields *_mg_annotation_dup_fields  (MgAnnotation       *self);
void           _mg_annotation_fields_free      (MgAnnotationFields *fields);

/* Members of the sidecar's annotation object that Marginalia does not know,
 * in the order read (nullable). */
JsonObject    *_mg_annotation_get_extra        (MgAnnotation *self);
void           _mg_annotation_set_extra        (MgAnnotation *self,
                                               JsonObject   *extra);

/* strcmp() of two elements of an array of strings, for g_ptr_array_sort()
 * and qsort(), which pass pointers to the elements, not the elements. */
int            _mg_compare_strings             (gconstpointer a,
                                               gconstpointer b);

G_END_DECLS
