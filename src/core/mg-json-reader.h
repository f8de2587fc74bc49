/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A strict JSON reader (RFC 8259, UTF-8) that reads a text once, value by
 * value, for callers that turn what they read straight into their own
 * objects: there is no tree unless asked for one (mg_json_reader_node,
 * for values nobody knows). Strings are unescaped once, into one block
 * as long as the text; each value's position is known as it is read, so
 * problems are placed without a second scan. The first error stops the
 * reading; every call after it does nothing. */

/* Nesting deeper than this is an error (a tree as deep would exhaust the
 * stack of whoever walks it). */
#define MG_JSON_MAX_DEPTH 256

/* Where a value or a member's name starts. */
typedef struct
{
  gsize offset;
  gsize line_start;  /* offset of the first byte of its line */
  guint line;        /* 1-based */
} MgJsonPos;

typedef enum
{
  MG_JSON_NONE = 0,  /* no value here: an error was found */
  MG_JSON_OBJECT,
  MG_JSON_ARRAY,
  MG_JSON_STRING,
  MG_JSON_NUMBER,
  MG_JSON_BOOLEAN,
  MG_JSON_NULL,
} MgJsonKind;

typedef enum
{
  MG_JSON_ERROR_NONE = 0,
  MG_JSON_ERROR_EMPTY,       /* nothing but white space */
  MG_JSON_ERROR_SYNTAX,      /* not JSON; the message says why */
  MG_JSON_ERROR_CUT_SHORT,   /* ends inside a string, object or array */
  MG_JSON_ERROR_NOT_UTF8,    /* bytes that are not UTF-8, or a NUL byte */
  MG_JSON_ERROR_TRAILING,    /* more follows the value */
  MG_JSON_ERROR_TOO_DEEP,    /* nested deeper than MG_JSON_MAX_DEPTH */
} MgJsonError;

/* An escape that stands for no character a string can keep: \u0000 (C
 * strings end at a NUL) or half of a surrogate pair. Such escapes are
 * read as U+FFFD and noted; the reading goes on. */
typedef struct
{
  gsize    offset;   /* of its backslash */
  gboolean nul;      /* \u0000; else a lone surrogate */
} MgJsonBadEscape;

typedef enum
{
  MG_JSON_NUMBER_INT,       /* a whole number that fits 64 bits */
  MG_JSON_NUMBER_HUGE,      /* a whole number that does not */
  MG_JSON_NUMBER_FRACTION,  /* with a fraction or an exponent */
} MgJsonNumberKind;

typedef struct
{
  MgJsonNumberKind kind;
  gint64           integer;   /* MG_JSON_NUMBER_INT */
  double           fraction;  /* MG_JSON_NUMBER_FRACTION (and HUGE, roughly) */
  const char      *text;      /* as written, in the text (not NUL-terminated) */
  guint            length;
} MgJsonNumber;

typedef struct
{
  const char  *data;
  const char  *p;
  const char  *end;
  const char  *line_start;
  guint        line;
  guint        depth;
  char        *strings;      /* the unescaped strings, one after the other */
  char        *out;          /* where the next one goes */
  GArray      *bad_escapes;  /* of MgJsonBadEscape; NULL when none */
  MgJsonError  error;
  char        *message;      /* of the error, in English as json-glib gave it */
  gsize        error_offset;
  /* mg_json_reader_column: the last column counted */
  gsize        column_line;
  gsize        column_offset;
  guint        column;
} MgJsonReader;

/* @data (@length bytes, need not be NUL-terminated) must outlive @r. */
void        mg_json_reader_init       (MgJsonReader *r,
                                       const char   *data,
                                       gsize         length);
void        mg_json_reader_clear      (MgJsonReader *r);

/* The kind of the value that comes next, and where it starts; MG_JSON_NONE
 * (with an error) when none can start there. */
MgJsonKind  mg_json_reader_peek       (MgJsonReader *r,
                                       MgJsonPos    *pos);

/* Reading an object: enter (on its "{"), then call next_member until it
 * returns FALSE (at the "}", or on an error), reading or skipping the
 * value after each name. @count starts at 0 and counts the members. The
 * name is unescaped and NUL-terminated, valid as long as @r. */
gboolean    mg_json_reader_enter      (MgJsonReader *r);
gboolean    mg_json_reader_next_member (MgJsonReader *r,
                                        guint        *count,
                                        const char  **name,
                                        MgJsonPos    *name_pos);
/* Reading an array: enter, then next_element until FALSE. */
gboolean    mg_json_reader_next_element (MgJsonReader *r,
                                         guint        *count);

/* Each reads a value of its kind (peek first); FALSE on an error. The
 * string is NUL-terminated and valid as long as @r, @length without the
 * NUL. */
const char *mg_json_reader_string     (MgJsonReader *r,
                                       gsize        *length);
gboolean    mg_json_reader_number     (MgJsonReader *r,
                                       MgJsonNumber *number);
gboolean    mg_json_reader_boolean    (MgJsonReader *r,
                                       gboolean     *value);
gboolean    mg_json_reader_null       (MgJsonReader *r);
/* Reads past a value of any kind, checking it as strictly. */
gboolean    mg_json_reader_skip       (MgJsonReader *r);

/* What mg_json_reader_node meets that a JsonNode cannot say: a member name
 * used twice in one object (@first: where the first one is; json-glib's
 * way, the last value is kept) or, with @first NULL, a whole number
 * beyond 64 bits (@text, as written). @path names the value as problems
 * do ("a.b[2]"). */
typedef void (*MgJsonNodeIssue) (gpointer         user_data,
                                 const char      *path,
                                 const char      *text,
                                 const MgJsonPos *pos,
                                 const MgJsonPos *first);

/* Reads a value of any kind into a JsonNode (NULL on an error); @path is
 * the value's path, grown and restored while reading inside it. */
JsonNode   *mg_json_reader_node       (MgJsonReader    *r,
                                       GString         *path,
                                       MgJsonNodeIssue  issue,
                                       gpointer         user_data);

/* After the value that makes the whole text: only white space may follow.
 * FALSE (with an error) otherwise. */
gboolean    mg_json_reader_finish     (MgJsonReader *r);

/* Goes back to @pos, the start of a value read or skipped before (its
 * strings then take new room; no error may have happened). */
void        mg_json_reader_rewind     (MgJsonReader    *r,
                                       const MgJsonPos *pos,
                                       guint            depth);

/* Line and 1-based column, in characters, of @pos. Quickest when asked
 * in the order of the text. */
void        mg_json_reader_locate     (MgJsonReader    *r,
                                       const MgJsonPos *pos,
                                       guint           *line,
                                       guint           *column);
/* Where the error is; its line and column. */
void        mg_json_reader_error_position (MgJsonReader *r,
                                           guint        *line,
                                           guint        *column);

/* What the error is, in a sentence (translated), for readers of other
 * files than sidecars. */
char       *mg_json_reader_describe_error (MgJsonReader *r);

/* "a string", "an array"… for messages (translated). */
const char *mg_json_kind_describe     (MgJsonKind    kind,
                                       gboolean      fraction);
const char *mg_json_node_describe     (JsonNode     *node);

G_END_DECLS
