/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A copy of @object that shares nothing with it (nullable in, nullable out). */
JsonObject *mg_json_object_deep_copy (JsonObject *object);

/* Equality of two nullable objects; NULL and an empty object are equal. */
gboolean    mg_json_object_equal0    (JsonObject *a,
                                      JsonObject *b);

G_END_DECLS
