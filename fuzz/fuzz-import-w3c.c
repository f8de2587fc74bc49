/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-annotation-store.h"
#include "mg-import-w3c.h"
#include "mg-sidecar.h"

/* Any bytes as a W3C Web Annotation file imported into a fixed speech:
 * imported or refused with an error, never a crash; what is imported
 * makes a sidecar that reads back. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char speech[] =
  "Remarks at the Harbour City Growth Conference\n\n"
  "They said \"wait and see\". We said \"build it now\" -- and we built it.\n"
  "Growth reached 6.5 percent, 1,200 new firms opened. 项目为王，高质量发展。\n";

static MgDocument *document;
static GFile *file;

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(MgSidecar) sidecar = NULL;
  g_autoptr(MgSidecar) check = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  MgImportReport report;

  if (document == NULL)
    {
      document = mg_document_new_for_text (speech, -1, "speech.txt");
      file = g_file_new_for_path ("/nonexistent/speech.txt.marginalia.json");
    }

  sidecar = mg_sidecar_new (file, document);
  if (!mg_import_w3c_bytes (mg_sidecar_get_store (sidecar), bytes, "fuzz.json", &report, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  written = mg_sidecar_serialize (sidecar);
  check = mg_sidecar_new (file, document);
  if (!mg_sidecar_load_bytes (check, written, &error))
    g_error ("an import wrote what does not read back: %s", error->message);
  return 0;
}
