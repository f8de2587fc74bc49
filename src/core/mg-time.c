/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-time.h"

char *
mg_time_now_rfc3339 (void)
{
  g_autoptr(GDateTime) now = NULL;
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  if (epoch != NULL && *epoch != '\0')
    {
      gint64 secs = g_ascii_strtoll (epoch, NULL, 10);
      now = g_date_time_new_from_unix_utc (secs);
    }
  if (now == NULL)
    now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
mg_time_is_rfc3339 (const char *s)
{
  g_autoptr(GDateTime) dt = NULL;

  if (s == NULL || strlen (s) < 20 || s[4] != '-' || s[10] != 'T')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (s, NULL);
  return dt != NULL;
}
