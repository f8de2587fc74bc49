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
  GPtrArray        *issues;          /* MgJsonIssue, when json-glib read the file */
  GHashTable       *numbers;         /* path → MgJsonIssue: numbers json-glib read
                                      * inexactly or as fractions; NULL when none */
} MgSidecarReader;

/* An invalid member (MG_SIDECAR_ERROR_INVALID): the message is prefixed
 * with @member, the path of the value. */
void        mg_sidecar_reader_problem (MgSidecarReader  *r,
                                       const char       *member,
                                       const char       *format,
                                       ...) G_GNUC_PRINTF (3, 4);

/* A problem that makes the file unusable, at a known place. */
void        mg_sidecar_reader_fatal   (MgSidecarReader  *r,
                                       int               code,
                                       const char       *member,
                                       guint             line,
                                       guint             column,
                                       const char       *message);
/* Parses @data; NULL (with a fatal problem) when it is not JSON. Member
 * names used twice are reported here; numbers json-glib read inexactly
 * are kept in r->numbers for the reading of values. */
JsonNode   *mg_sidecar_reader_parse_json (MgSidecarReader *r,
                                          const char      *data,
                                          gsize            length);
/* Reports the integers beyond 64 bits left in r->numbers. */
void        mg_sidecar_reader_report_huge_numbers (MgSidecarReader *r);

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
