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

/* The value of the @n digits at @s, or -1 when one is not a digit. */
static int
digits (const char *s,
        guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      value = value * 10 + (s[i] - '0');
    }
  return value;
}

/* The form every saved time has, YYYY-MM-DDTHH:MM:SSZ, checked without
 * making a GDateTime (a sidecar holds two per annotation): TRUE only for
 * a time GLib would take too. */
static gboolean
is_plain_utc (const char *s)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int year, month, day;

  if (strlen (s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T'
      || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
    return FALSE;
  year = digits (s, 4);
  month = digits (s + 5, 2);
  day = digits (s + 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1)
    return FALSE;
  if (day > days[month - 1]
      && !(month == 2 && day == 29 && g_date_is_leap_year (year)))
    return FALSE;
  return digits (s + 11, 2) >= 0 && digits (s + 11, 2) < 24
         && digits (s + 14, 2) >= 0 && digits (s + 14, 2) < 60
         && digits (s + 17, 2) >= 0 && digits (s + 17, 2) < 60;
}

gboolean
mg_time_is_rfc3339 (const char *s)
{
  g_autoptr(GDateTime) dt = NULL;

  if (s == NULL || strlen (s) < 20 || s[4] != '-' || s[10] != 'T')
    return FALSE;
  if (is_plain_utc (s))
    return TRUE;
  dt = g_date_time_new_from_iso8601 (s, NULL);
  return dt != NULL;
}
