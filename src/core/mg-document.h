/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-text-source.h"

G_BEGIN_DECLS

#define MG_TYPE_DOCUMENT (mg_document_get_type ())
G_DECLARE_FINAL_TYPE (MgDocument, mg_document, MG, DOCUMENT, GObject)

/* A speech as the rest of the program sees it: immutable normalised text,
 * its length in code points, paragraph index, offset mapping, SHA-256 and
 * title guess. Offsets everywhere are code points ("chars"), as in
 * gtk_text_iter_get_offset(). */

MgDocument   *mg_document_new_from_source      (MgTextSource *source);
/* Text that is already normalised (embedded in a shared sidecar, or made by
 * tests). @text must be valid UTF-8. @name may be NULL. */
MgDocument   *mg_document_new_for_text         (const char   *text,
                                                gssize        length,
                                                const char   *name);
/* mg_text_source_new_for_file() + mg_document_new_from_source(). */
MgDocument   *mg_document_load                 (GFile        *file,
                                                GCancellable *cancellable,
                                                GError      **error);
typedef enum
{
  MG_DOCUMENT_FILE_SAME,        /* the same text, or no file to compare */
  MG_DOCUMENT_FILE_CHANGED,     /* another text */
  MG_DOCUMENT_FILE_GONE,        /* nothing there any more: removed or renamed */
  MG_DOCUMENT_FILE_UNREADABLE,  /* there, but not readable as a speech now */
} MgDocumentFileState;

/* How @self's file stands now: it is read again and the texts compared by
 * SHA-256, so that a file touched or written with the same text is the
 * same. For MG_DOCUMENT_FILE_CHANGED, *@out_sha256 (nullable) is the new
 * text's; for MG_DOCUMENT_FILE_UNREADABLE, @error says why. */
MgDocumentFileState mg_document_check_file     (MgDocument   *self,
                                                char        **out_sha256,
                                                GCancellable *cancellable,
                                                GError      **error);

const char   *mg_document_get_text             (MgDocument   *self);
gsize         mg_document_get_size             (MgDocument   *self);  /* bytes */
guint         mg_document_get_length           (MgDocument   *self);  /* code points */
const char   *mg_document_get_sha256           (MgDocument   *self);  /* lowercase hex */
const char   *mg_document_get_title            (MgDocument   *self);  /* "" when none */
const char   *mg_document_get_name             (MgDocument   *self);  /* base name, may be "" */
GFile        *mg_document_get_file             (MgDocument   *self);  /* nullable */
/* What the text was read from (encoding, BOM, line ends); NULL for a
 * document made from a string. */
MgTextSource *mg_document_get_source           (MgDocument   *self);
MgEncoding    mg_document_get_encoding         (MgDocument   *self);
/* "zh" when the text is mostly Han characters, else "en". */
const char   *mg_document_get_language         (MgDocument   *self);

/* The title guess: see sidecar-format.md. */
#define MG_DOCUMENT_TITLE_MAX 80

/* A paragraph longer than this many code points (a speech on one line, a
 * page pasted without its line breaks) is located by sentence as well:
 * "¶1 s.34". The longest paragraphs of real speeches run to under 900
 * code points in the speeches we tried (874 at most), so 2,000 only catches
 * text that has lost its line breaks. */
#define MG_DOCUMENT_LONG_PARAGRAPH 2000

/* Paragraphs: runs of non-blank lines, numbered from 1. */
guint         mg_document_get_n_paragraphs     (MgDocument   *self);
/* The paragraph holding @offset; an offset between paragraphs belongs to the
 * next one (the last one at the end). 0 only when there is no paragraph. */
guint         mg_document_get_paragraph_at     (MgDocument   *self,
                                                guint         offset);
/* The sentence (1-based) holding @offset within its paragraph when that
 * paragraph is longer than MG_DOCUMENT_LONG_PARAGRAPH; 0 otherwise (and
 * when @offset is in no paragraph). O(log n). */
guint         mg_document_get_sentence_at      (MgDocument   *self,
                                                guint         offset);
/* "¶3", "¶1 s.34" (long paragraphs), or "" when @offset is in none. */
char         *mg_document_format_location      (MgDocument   *self,
                                                guint         offset);
/* The same from numbers: "" for paragraph 0, "¶3" for sentence 0. */
char         *mg_location_format               (guint         paragraph,
                                                guint         sentence);
/* Code point range [start, end) of paragraph @n (1-based); FALSE if none. */
gboolean      mg_document_get_paragraph_range  (MgDocument   *self,
                                                guint         n,
                                                guint        *start,
                                                guint        *end);

/* Offset mapping in O(1)/O(log n) (checkpoints), never a walk from the
 * start. Offsets past the end are clamped. */
gsize         mg_document_offset_to_byte       (MgDocument   *self,
                                                guint         offset);
guint         mg_document_byte_to_offset       (MgDocument   *self,
                                                gsize         byte);
/* The text of [start, end) as a new string (clamped to the text). */
char         *mg_document_dup_slice            (MgDocument   *self,
                                                guint         start,
                                                guint         end);
/* The sentence around [start, end): extended back and forward to the
 * nearest 。！？；.!? or paragraph boundary, trimmed. */
char         *mg_document_dup_sentence         (MgDocument   *self,
                                                guint         start,
                                                guint         end);

/* TRUE for white space in the sense of the sidecar format: Unicode spaces,
 * plus U+200B ZERO WIDTH SPACE, U+FEFF and U+3000. */
gboolean      mg_document_unichar_is_blank     (gunichar      c);

G_END_DECLS
