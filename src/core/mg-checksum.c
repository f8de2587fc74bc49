/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-checksum.h"

#ifdef HAVE_NETTLE
#include <nettle/sha2.h>
#endif

/* Speeches and saved sidecars are hashed whole (a 22 MB sidecar after a
 * merge): Nettle picks the processor's SHA instructions where there are
 * some, three to four times faster than GChecksum here. */
char *
mg_sha256_hex (gconstpointer data,
               gsize         length)
{
#ifdef HAVE_NETTLE
  static const char digits[] = "0123456789abcdef";
  struct sha256_ctx ctx;
  guint8 digest[SHA256_DIGEST_SIZE];
  char *hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_init (&ctx);
  sha256_update (&ctx, length, data);
  sha256_digest (&ctx, SHA256_DIGEST_SIZE, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[2 * SHA256_DIGEST_SIZE] = '\0';
  return hex;
#else
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
#endif
}

char *
mg_sha256_hex_bytes (GBytes *bytes)
{
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  return mg_sha256_hex (data != NULL ? data : "", length);
}
