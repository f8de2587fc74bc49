/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name written as an annotation's author when none is given: the user's
 * real name, else the login name. */
const char *mg_util_default_author   (void);

/* The current time as RFC 3339 UTC ("2026-11-28T09:12:44Z"). Honours
 * SOURCE_DATE_EPOCH so that tests and reproducible exports are stable. */
char       *mg_util_now_rfc3339      (void);

/* TRUE when @s is an RFC 3339 / ISO 8601 date-time with a time zone. */
gboolean    mg_util_is_rfc3339       (const char *s);

/* A new random annotation id (UUID v4, lowercase). */
char       *mg_util_new_id           (void);

/* TRUE for white space in the sense of the sidecar format: Unicode spaces,
 * plus U+200B ZERO WIDTH SPACE and U+FEFF. */
gboolean    mg_util_unichar_is_blank (gunichar c);

G_END_DECLS
