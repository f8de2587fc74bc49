/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-annotation.h"

G_BEGIN_DECLS

struct _MgAnnotation
{
  GObject        parent_instance;

  char          *id;
  guint          start;
  guint          end;
  char          *quote;
  char          *prefix;
  char          *suffix;
  GStrv          tags;
  char          *note;
  char          *author;
  GStrv          contributors;
  char          *created;
  char          *modified;
  double         anchor_score;
  guint          paragraph;
  guint          sentence;
  MgAnchorState  anchor_state;
  JsonObject    *extra;

  guint          starred : 1;
};

G_END_DECLS
