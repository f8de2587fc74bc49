/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-export-util.h"

G_BEGIN_DECLS

/* A4 PDF laid out with Pango and Cairo: the title, a line with source,
 * date and counts, the counts per tag and author, "Key quotes", then one
 * section per group with each quote (tag-coloured bar, ¶ number, tags,
 * author, context, note). Page numbers "n / N" at the foot of each page.
 * Text is set in "Noto Sans CJK SC, Noto Sans, sans" with the language of
 * the text (zh-cn for Chinese, so that Chinese glyph forms are used); the
 * fonts are embedded as subsets. Long exports flow over as many pages as
 * they need, a quote breaking between its lines. */
gboolean mg_export_pdf_write (MgSummary    *summary,
                              GString      *out,
                              MgExportJob  *job,
                              GError      **error);

G_END_DECLS
