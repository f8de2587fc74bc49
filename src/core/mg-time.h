/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The times of the sidecar format and the exports: RFC 3339 in UTC. */

/* The current time as RFC 3339 UTC ("2026-11-28T09:12:44Z"). Honours
 * SOURCE_DATE_EPOCH so that tests and reproducible exports are stable. */
char     *mg_time_now_rfc3339 (void);

/* TRUE when @s is an RFC 3339 / ISO 8601 date-time with a time zone. */
gboolean  mg_time_is_rfc3339  (const char *s);

G_END_DECLS
