/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The members of a dismissed suggestion's JSON object that Marginalia does
 * not know, for the sidecar's reader and writer only. */

#include <json-glib/json-glib.h>

#include "mg-dismissal.h"

G_BEGIN_DECLS

/* Members of the sidecar's dismissed object that Marginalia does not
 * know, in the order read (nullable); set only while building it. */
JsonObject       *_mg_dismissal_get_extra  (MgDismissal      *self);
void              _mg_dismissal_set_extra  (MgDismissal      *self,
                                           JsonObject       *extra);

G_END_DECLS
