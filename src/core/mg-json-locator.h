/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* json-glib gives no positions for the nodes it builds, so problems found
 * in a parsed tree are placed by scanning the raw text once more. Paths
 * name values the way problems do: "" for the root, "version",
 * "document.name", "annotations[3].start", "annotations[3].tags[0]".
 * Lines and columns are 1-based; columns count characters, not bytes. */

/* Nesting deeper than this is refused before json-glib sees the data
 * (its parser recurses and would exhaust the stack). */
#define MG_JSON_MAX_DEPTH 256

/* The deepest nesting of arrays and objects in @data (brackets inside
 * strings do not count). Stops at the first place deeper than @limit and
 * returns limit + 1, with the byte offset of that bracket in @out_offset. */
guint          mg_json_nesting_depth      (const char    *data,
                                           gsize          length,
                                           guint          limit,
                                           gsize         *out_offset);

/* TRUE when @data ends inside a string or with an array or object still
 * open: the signature of a file cut short. */
gboolean       mg_json_ends_open          (const char    *data,
                                           gsize          length);

/* Line and column of byte @offset (clamped to @length). */
void           mg_json_position_of_byte   (const char    *data,
                                           gsize          length,
                                           gsize          offset,
                                           guint         *out_line,
                                           guint         *out_column);

/* Takes a json-glib parse error message ("<data>:LINE:BYTECOLUMN: Parse
 * error: …"), returns the part after the position (newly allocated) and
 * the line and character column it names in @data. When @message has no
 * position, returns a copy of it and sets line and column to 0. */
char          *mg_json_parse_error_split  (const char    *data,
                                           gsize          length,
                                           const char    *message,
                                           guint         *out_line,
                                           guint         *out_column);

/* What json-glib reads without a word, but a reader may want to refuse. */
typedef enum
{
  MG_JSON_ISSUE_DUPLICATE_MEMBER,  /* a member name used twice in one object */
  MG_JSON_ISSUE_HUGE_INTEGER,      /* an integer outside gint64: json-glib wraps it */
  MG_JSON_ISSUE_FRACTION,          /* a number with a fraction or an exponent */
} MgJsonIssueKind;

typedef struct
{
  MgJsonIssueKind kind;
  char           *path;          /* of the member or value, as for the locator */
  char           *text;          /* the member's name, or the number as written */
  guint           line;          /* of the (second) name, or of the number */
  guint           column;
  guint           first_line;    /* duplicates: of the first use's name */
  guint           first_column;
} MgJsonIssue;

void           mg_json_issue_free         (MgJsonIssue   *issue);

/* Every such issue in @data, in the order of the text (of MgJsonIssue).
 * @data should be JSON: the scan stops at the first place it is not. */
GPtrArray     *mg_json_find_issues        (const char    *data,
                                           gsize          length);

typedef struct _MgJsonLocator MgJsonLocator;

/* @data must stay alive as long as the locator. */
MgJsonLocator *mg_json_locator_new        (const char    *data,
                                           gsize          length);
void           mg_json_locator_free       (MgJsonLocator *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgJsonLocator, mg_json_locator_free)

/* Asks for @path to be located. All requests are resolved together by one
 * scan of the text, at the first lookup after them. */
void           mg_json_locator_request    (MgJsonLocator *self,
                                           const char    *path);
/* The position of the value at @path; when it does not exist (a missing
 * member), that of its nearest existing parent. FALSE when not even the
 * root can be found. */
gboolean       mg_json_locator_lookup     (MgJsonLocator *self,
                                           const char    *path,
                                           guint         *out_line,
                                           guint         *out_column);

G_END_DECLS
