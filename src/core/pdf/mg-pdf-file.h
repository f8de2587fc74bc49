/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-pdf-layout.h"

G_BEGIN_DECLS

typedef struct
{
  const char *title;
  const char *language;   /* BCP 47, "zh-CN" */
  const char *date;       /* RFC 3339, nullable */
} MgPdfFileInfo;

/* Writes @layout as a PDF 1.7 file into @out: one compressed content
 * stream per page, each face as a subset with the text of its glyphs (so
 * that text can be searched and copied), bookmarks, title, language and
 * dates. Counts one step of @job per 16 pages. */
gboolean mg_pdf_file_write (MgPdfLayout          *layout,
                            const MgPdfFileInfo  *info,
                            GString              *out,
                            MgExportJob          *job,
                            GError              **error);

G_END_DECLS
