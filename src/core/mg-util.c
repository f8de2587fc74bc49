/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mg-util.h"

const char *
mg_util_default_author (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_strcmp0 (name, "Unknown") == 0)
    name = g_get_user_name ();
  return name;
}

char *
mg_util_now_rfc3339 (void)
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
mg_util_is_rfc3339 (const char *s)
{
  g_autoptr(GDateTime) dt = NULL;

  if (s == NULL || strlen (s) < 20 || s[4] != '-' || s[10] != 'T')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (s, NULL);
  return dt != NULL;
}

char *
mg_util_new_id (void)
{
  return g_uuid_string_random ();
}

gboolean
mg_util_unichar_is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF || c == 0x3000;
}
