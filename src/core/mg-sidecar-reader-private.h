/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-sidecar-private.h"

G_BEGIN_DECLS

/* Shared by the parts of the sidecar reader. */
typedef struct
{
  MgSidecarContent *content;
  const char       *file_name;
  GHashTable       *tag_ids;         /* ids declared in "tags" */
  GHashTable       *annotation_ids;  /* id → path of its first use */
} MgSidecarReader;

/* An invalid member (MG_SIDECAR_ERROR_INVALID): the message is prefixed
 * with @member, the path of the value. */
void        mg_sidecar_reader_problem (MgSidecarReader  *r,
                                       const char       *member,
                                       const char       *format,
                                       ...) G_GNUC_PRINTF (3, 4);

/* "a string", "an array"… for messages. */
const char *mg_sidecar_value_describe (JsonNode         *node);
gboolean    mg_sidecar_value_is       (JsonNode         *node,
                                       GType             type);

/* Each reads @node as the type it names, or reports a problem at @path
 * and returns FALSE. */
gboolean    mg_sidecar_value_string   (MgSidecarReader  *r,
                                       JsonNode         *node,
                                       const char       *path,
                                       const char      **out);
gboolean    mg_sidecar_value_boolean  (MgSidecarReader  *r,
                                       JsonNode         *node,
                                       const char       *path,
                                       gboolean         *out);
/* A whole number from 0 to G_MAXINT. */
gboolean    mg_sidecar_value_offset   (MgSidecarReader  *r,
                                       JsonNode         *node,
                                       const char       *path,
                                       guint            *out);
/* An array of strings; @out is set (possibly partial) even on failure. */
gboolean    mg_sidecar_value_strv     (MgSidecarReader  *r,
                                       JsonNode         *node,
                                       const char       *path,
                                       GStrv            *out);

G_END_DECLS
