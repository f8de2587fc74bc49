/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <unistd.h>
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
 * heap only where asked (`madvise`, the default setting), and only for a
 * 2 MiB stretch of which no page was touched before. So before a command
 * reads large files, the heap is grown once by a multiple of their size,
 * the new stretch advised for huge pages before anything is written into
 * it, and left to malloc, which then carves every later allocation out of
 * it; nothing is touched, so nothing is resident that is not used. Small
 * inputs (the everyday case) leave the heap alone. */

#define HUGE_PAGE      (G_GUINT64_CONSTANT (2) << 20)
#define MMAP_THRESHOLD (32 << 20)   /* the largest glibc takes */
#define MIN_INPUT      (4u << 20)
#define MAX_RESERVE    (G_GUINT64_CONSTANT (1) << 30)
#define TOP_PAD        (128 * 1024) /* glibc's default */

static guint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return 0;
  return (guint64) st.st_size;
}

#if defined (__GLIBC__) && defined (MADV_HUGEPAGE) && !defined (__SANITIZE_ADDRESS__)
#if __GLIBC_PREREQ (2, 33)
#define CAN_RESERVE 1
#endif
#endif
#ifdef CAN_RESERVE
/* Kept for the life of the process (see reserve ()); volatile, since
 * the compiler may otherwise drop an allocation that nothing reads. */
static void * volatile head_taken;
#endif

static void
reserve (guint64 bytes)
{
#ifdef CAN_RESERVE
  struct mallinfo2 info = mallinfo2 ();
  guintptr old_end = (guintptr) sbrk (0);
  guintptr start, end, at;
  gsize size;
  void * volatile block;

  /* Allocations up to 32 MiB from the heap, not mmap; the heap's top
   * never given back; and the next growth of the heap by @bytes. */
  if (old_end == (guintptr) -1 ||
      mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD) != 1 ||
      mallopt (M_TRIM_THRESHOLD, (int) MIN (MAX_RESERVE * 2, G_MAXINT)) != 1 ||
      mallopt (M_TOP_PAD, (int) bytes) != 1)
    return;
  /* A block a little larger than the heap's free top makes malloc grow
   * the heap, and its end (where malloc writes the new top's header) lies
   * a few bytes past the old end, not in the stretch grown. */
  size = info.keepcost + 64;
  block = malloc (size);
  mallopt (M_TOP_PAD, TOP_PAD);
  if (block == NULL)
    return;
  at = (guintptr) block;
  end = (guintptr) sbrk (0) & ~(guintptr) (HUGE_PAGE - 1);
  start = (at + size + 64 + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  free (block);
  if (end <= start)
    return;
  madvise ((void *) start, end - start, MADV_HUGEPAGE);
  /* The heap up to there stays taken (and untouched), so that what comes
   * next starts on a huge page rather than in the small pages before. */
  head_taken = malloc (start - at);
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
