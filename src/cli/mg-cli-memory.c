/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>
#if defined (__GLIBC__)
#include <malloc.h>
#endif

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-cli-common.h"
#include "mg-sidecar.h"

/* Memory for a command on large files.
 *
 * A command on an 11 MB sidecar touches some 40 MB of fresh memory, and
 * every first touch of a 4 KiB page is a page fault: on a virtual machine
 * they were a fifth to a third of an export's time. A transparent huge
 * page takes one fault for 512 pages, but the kernel gives them to the
 * heap only where asked (`madvise`, the default setting). So before a
 * command reads large files, the heap is grown once by a multiple of
 * their size in blocks advised for huge pages, and given back to malloc,
 * which then carves every later allocation out of them; nothing is
 * touched, so nothing is resident that is not used. Small inputs (the
 * everyday case) leave the heap alone. */

#define HUGE_PAGE      (2u << 20)
#define MMAP_THRESHOLD (32u << 20)  /* the largest glibc takes */
#define BLOCK          (31u << 20)
#define MIN_INPUT      (4u << 20)
#define MAX_RESERVE    (G_GUINT64_CONSTANT (1) << 30)

static guint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return 0;
  return (guint64) st.st_size;
}

static void
reserve (guint64 bytes)
{
#if defined (__GLIBC__) && defined (MADV_HUGEPAGE) && !defined (__SANITIZE_ADDRESS__)
  char *blocks[MAX_RESERVE / BLOCK + 1];
  guint n = 0;

  /* Blocks from the heap, not mmap; and the heap's top never given back. */
  if (mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD) != 1 ||
      mallopt (M_TRIM_THRESHOLD, (int) MIN (MAX_RESERVE * 2, G_MAXINT)) != 1)
    return;
  while (bytes > 0 && n < G_N_ELEMENTS (blocks))
    {
      char *block = malloc (BLOCK);

      if (block == NULL)
        break;
      blocks[n++] = block;
      bytes -= MIN (bytes, BLOCK);
    }
  /* Advised as one range where the blocks follow each other (a chunk's
   * header between them), so no huge page is lost at their seams. */
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;
      guintptr start, end;

      while (j < n && blocks[j] > blocks[j - 1] && (gsize) (blocks[j] - blocks[j - 1]) <= BLOCK + 64)
        j++;
      start = ((guintptr) blocks[i] + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
      end = ((guintptr) blocks[j - 1] + BLOCK) & ~(guintptr) (HUGE_PAGE - 1);
      if (end > start)
        madvise ((void *) start, end - start, MADV_HUGEPAGE);
      i = j;
    }
  while (n > 0)
    free (blocks[--n]);
#else
  (void) bytes;
#endif
}

void
mg_cli_memory_prepare (int    argc,
                       char **argv)
{
  guint64 input = 0;

  /* The files named on the command line, and their sidecars. */
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *sidecar = NULL;

      if (argv[i][0] == '-')
        continue;
      sidecar = g_strconcat (argv[i], MG_SIDECAR_SUFFIX, NULL);
      input += file_size (argv[i]) + file_size (sidecar);
    }
  if (input < MIN_INPUT)
    return;
  reserve (MIN (input * 6, MAX_RESERVE));
}
