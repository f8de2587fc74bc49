/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-document.h"
#include "mg-sidecar.h"

G_BEGIN_DECLS

/* Repairs a speech as it was found on a web page or in a PDF copy (see
 * `tidy` in docs/cli.md and docs/tidy.md): a list of changes computed on
 * the normalised text, which the window previews and the CLI lists, then
 * applied to the text, the file and the sidecar in one step. */

typedef enum
{
  MG_TIDY_SPACES,
  MG_TIDY_LINE_BREAKS,
  MG_TIDY_BLANK_LINES,
  MG_TIDY_LEFTOVERS,
  MG_TIDY_N_KINDS
} MgTidyKind;

#define MG_TIDY_ALL ((1u << MG_TIDY_N_KINDS) - 1)

/* "spaces", "line-breaks", "blank-lines", "leftovers". */
const char *mg_tidy_kind_to_string   (MgTidyKind  kind);
gboolean    mg_tidy_kind_from_string (const char *name,
                                      MgTidyKind *out_kind);
/* A translated name for people: "Spaces", "Line breaks"… */
const char *mg_tidy_kind_to_label    (MgTidyKind  kind);

typedef struct
{
  MgTidyKind kind;
  guint      start;   /* code points of the text, [start, end) */
  guint      end;
  char      *before;  /* the text of [start, end) */
  char      *after;   /* what replaces it */
} MgTidyChange;

void          mg_tidy_change_free (MgTidyChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgTidyChange, mg_tidy_change_free)

/* The changes of the kinds in @kinds (a mask of 1 << MgTidyKind), sorted
 * by start, never overlapping. A clean text gives none. Where kinds meet,
 * leftovers come first, then line breaks, blank lines and spaces: a region
 * one kind changes is left to it, so that any subset applies alone. */
GPtrArray    *mg_tidy_compute     (const char *text,
                                   gssize      size,
                                   guint       kinds);
/* Counts per kind of @changes, into @counts[MG_TIDY_N_KINDS]. */
void          mg_tidy_count       (GPtrArray  *changes,
                                   guint      *counts);
/* Whether a speech clearly needs tidying (offered when it is opened): page
 * leftovers, or at least 3 line breaks or runs of blank lines, or 10 spaces
 * changes. */
gboolean      mg_tidy_is_needed   (const guint *counts);
/* @text with @changes (sorted, not overlapping) applied. */
char         *mg_tidy_apply_text  (const char *text,
                                   GPtrArray  *changes);
/* Where @offset of the old text lands in the new one. An offset inside a
 * changed range goes to the start of its replacement (@at_end FALSE) or to
 * its end (@at_end TRUE). */
guint         mg_tidy_map_offset  (GPtrArray  *changes,
                                   guint       offset,
                                   gboolean    at_end);

/* Carries @annotations (MgAnnotation *, placed on the old text) to
 * @new_document, the old text with @changes applied: each placed
 * annotation gets the mapped range and the new text's quote and context,
 * so that it loses only what tidy removed. An annotation whose whole quote
 * was removed (it stood in the leftovers) keeps its data: anchoring then
 * finds it or leaves it orphaned, never drops it. Returns how many were
 * carried. */
guint         mg_tidy_carry_annotations (GPtrArray  *changes,
                                         GPtrArray  *annotations,
                                         MgDocument *new_document);

/* @text (normalised, LF) encoded as a speech file of @encoding with @bom
 * and @line_ending ("LF", "CRLF", "CR"; "mixed"/"none" write LF). */
GBytes       *mg_tidy_encode      (const char *text,
                                   MgEncoding  encoding,
                                   gboolean    bom,
                                   const char *line_ending,
                                   GError    **error);

/* What a rewrite did. */
typedef struct
{
  guint counts[MG_TIDY_N_KINDS];  /* changes applied, per kind */
  guint exact, moved, fuzzy, orphaned;
  guint annotations;
} MgTidyReport;

/* Applies @changes to @document's file in place: the new text written in
 * the file's own encoding, BOM and line ends, atomically, the previous
 * bytes kept as FILE~; and, when @sidecar (bound to @document) has a file
 * with annotations, the sidecar rewritten with them carried over in the
 * same step. On any failure every file is as it was. Returns the new
 * document and (in @out_sidecar, when @sidecar is given) the new sidecar
 * bound to it. */
MgDocument   *mg_tidy_rewrite     (MgDocument    *document,
                                   MgSidecar     *sidecar,
                                   GPtrArray     *changes,
                                   MgSidecar    **out_sidecar,
                                   MgTidyReport  *report,
                                   GError       **error);

/* Writes @changes applied to @document as OUT (UTF-8, LF) and, when
 * @sidecar has annotations, OUT's sidecar with them carried over. Neither
 * input file is touched. */
gboolean      mg_tidy_write_copy  (MgDocument    *document,
                                   MgSidecar     *sidecar,
                                   GPtrArray     *changes,
                                   GFile         *out,
                                   MgTidyReport  *report,
                                   GError       **error);

/* Undo of mg_tidy_rewrite: puts back the bytes of the speech and of its
 * sidecar exactly as they were (@sidecar_bytes NULL: the sidecar did not
 * exist, and is removed). Atomic for each file. */
gboolean      mg_tidy_restore     (GFile         *document_file,
                                   GBytes        *document_bytes,
                                   GFile         *sidecar_file,
                                   GBytes        *sidecar_bytes,
                                   GError       **error);

G_END_DECLS
