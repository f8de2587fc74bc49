/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The members of a tag's JSON object that Marginalia does not know, for
 * the sidecar's reader, writer and mergers only. */

#include <json-glib/json-glib.h>

#include "mg-tag.h"

G_BEGIN_DECLS

/* Members of the sidecar's tag object that Marginalia does not know, kept
 * in the order read (nullable). */
JsonObject *_mg_tag_get_extra       (MgTag      *self);
void        _mg_tag_set_extra       (MgTag      *self,
                                    JsonObject *extra);

G_END_DECLS
