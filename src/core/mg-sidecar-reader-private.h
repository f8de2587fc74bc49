/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-json-reader.h"
#include "mg-sidecar-private.h"

G_BEGIN_DECLS

/* Problems are listed in this order, whatever the order of the members
 * in the file: the text as JSON first, then each part of a sidecar. */
typedef enum
{
  MG_SIDECAR_RANK_JSON,
  MG_SIDECAR_RANK_HEAD,         /* format and version */
  MG_SIDECAR_RANK_DOCUMENT,
  MG_SIDECAR_RANK_TAGS,
  MG_SIDECAR_RANK_ANNOTATIONS,
  MG_SIDECAR_RANK_DISMISSED,
  MG_SIDECAR_RANK_NUMBERS,      /* numbers too large to be kept */
  MG_SIDECAR_RANK_DOCUMENT_CHECK,
} MgSidecarRank;

/* What the reader knows of each problem beyond MgSidecarProblem. */
typedef struct
{
  MgSidecarRank rank;
  int           code;
  MgJsonPos     pos;
} MgSidecarProblemMark;

/* Shared by the parts of the sidecar reader. */
typedef struct
{
  MgSidecarContent *content;
  const char       *file_name;
  MgJsonReader      json;
  MgJsonPos         at;              /* where the value being read starts */
  MgJsonPos         root;            /* where the whole value starts */
  MgJsonPos         doc_sha256_at;   /* where document.sha256 starts */
  MgSidecarRank     rank;            /* of the problems reported now */
  GArray           *marks;           /* MgSidecarProblemMark of each problem */
  GHashTable       *tag_ids;         /* ids declared in "tags" */
  GHashTable       *annotation_ids;  /* id → its index in "annotations" + 1 */
  GPtrArray        *kept_ids;        /* ids of refused annotations, owned */
  GArray           *annotation_at;   /* MgJsonPos of each of "annotations" */
  GArray           *element_at;      /* MgJsonPos of each string of the last
                                      * _mg_sidecar_value_strv */
  GString          *path;            /* scratch for paths of unknown members */
  GString          *member_path;     /* scratch for paths of known ones */
} MgSidecarReader;

/* An invalid member (MG_SIDECAR_ERROR_INVALID) at r->at: the message is
 * prefixed with @member, the path of the value. */
void        _mg_sidecar_reader_problem (MgSidecarReader  *r,
                                        const char       *member,
                                        const char       *format,
                                        ...) G_GNUC_PRINTF (3, 4);
/* Any problem, at @pos (r->at when NULL). */
MgSidecarProblem *
            mg_sidecar_reader_add     (MgSidecarReader      *r,
                                       MgSidecarProblemKind  kind,
                                       int                   code,
                                       const char           *member,
                                       const MgJsonPos      *pos,
                                       const char           *message);

/* Reports the error that stopped the JSON reader, as the only problem. */
void        _mg_sidecar_reader_json_failed (MgSidecarReader *r);
/* Reports the escapes that stand for no character, if any, as the only
 * problems; FALSE when there are none. */
gboolean    _mg_sidecar_reader_bad_escapes (MgSidecarReader *r);
/* mg_json_reader_node's issues, as problems. */
void        _mg_sidecar_reader_json_issue  (gpointer         user_data,
                                           const char      *path,
                                           const char      *text,
                                           const MgJsonPos *pos,
                                           const MgJsonPos *first);
/* The value that comes next as a JsonNode, @path naming it. */
JsonNode   *_mg_sidecar_reader_node    (MgSidecarReader  *r,
                                       const char       *path);

/* Enters the object or array that comes next, or reports what is there
 * instead (at @path, or as @path's own message when @path is NULL: the
 * root) and reads past it; FALSE then. */
gboolean    _mg_sidecar_value_object   (MgSidecarReader  *r,
                                       const char       *path);
gboolean    _mg_sidecar_value_array    (MgSidecarReader  *r,
                                       const char       *path);

/* Each reads the value that comes next as the type it names (r->at is set
 * to where it starts), or reports a problem at @path, skips it and
 * returns FALSE; all return FALSE on an error of the JSON. */
gboolean    _mg_sidecar_value_string   (MgSidecarReader  *r,
                                       const char       *path,
                                       const char      **out);
gboolean    _mg_sidecar_value_boolean  (MgSidecarReader  *r,
                                       const char       *path,
                                       gboolean         *out);
/* A whole number from 0 to G_MAXINT. */
gboolean    _mg_sidecar_value_offset   (MgSidecarReader  *r,
                                       const char       *path,
                                       guint            *out);
/* An array of strings (borrowed from the reader, in a vector to free
 * with g_free); @out is set (possibly partial) even on failure, and
 * r->element_at holds where each of its strings starts. */
gboolean    _mg_sidecar_value_strv     (MgSidecarReader  *r,
                                       const char       *path,
                                       const char     ***out);

G_END_DECLS
