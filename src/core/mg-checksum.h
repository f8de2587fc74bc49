/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SHA-256 of @length bytes at @data, as 64 lowercase hexadecimal
 * digits (what g_compute_checksum_for_data() gives). */
char *mg_sha256_hex       (gconstpointer  data,
                           gsize          length);
char *mg_sha256_hex_bytes (GBytes        *bytes);

G_END_DECLS
