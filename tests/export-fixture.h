/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Fixtures shared by the export and import tests: the two speeches in
 * tests/data/export/ with a fixed set of annotations (fixed ids and
 * times, so that exports can be compared with golden files). */

#include <string.h>

#include "mg-annotation-store.h"
#include "mg-document.h"

#define FIXTURE_TIME "2026-11-01T10:00:00Z"

static inline MgDocument *
fixture_load_document (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MgDocument *document = mg_document_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

/* Code point offset of the @occurrence-th (1-based) @quote in @document. */
static inline gboolean
fixture_find (MgDocument *document,
              const char *quote,
              guint       occurrence,
              guint      *start,
              guint      *end)
{
  const char *text = mg_document_get_text (document);
  const char *p = text;

  for (guint i = 0; ; i++)
    {
      p = strstr (p, quote);
      if (p == NULL)
        return FALSE;
      if (i + 1 == occurrence)
        break;
      p += strlen (quote);
    }
  *start = g_utf8_pointer_to_offset (text, p);
  *end = *start + g_utf8_strlen (quote, -1);
  return TRUE;
}

/* Adds an annotation on @quote; @tags comma-separated (NULL or "" for
 * none). */
static inline MgAnnotation *
fixture_add (MgAnnotationStore *store,
             const char        *id,
             const char        *quote,
             const char        *tags,
             const char        *note,
             gboolean           starred,
             const char        *author)
{
  MgDocument *document = mg_annotation_store_get_document (store);
  g_autoptr(MgAnnotation) annotation = NULL;
  g_auto(GStrv) tag_ids = NULL;
  g_autoptr(GError) error = NULL;
  guint start = 0, end = 0;

  g_assert_true (fixture_find (document, quote, 1, &start, &end));
  annotation = mg_annotation_new (id, start, end);
  tag_ids = tags != NULL && *tags != '\0' ? g_strsplit (tags, ",", -1) : g_new0 (char *, 1);
  mg_annotation_set_tags (annotation, (const char * const *) tag_ids);
  mg_annotation_set_note (annotation, note != NULL ? note : "");
  mg_annotation_set_starred (annotation, starred);
  mg_annotation_set_author (annotation, author);
  mg_annotation_set_created (annotation, FIXTURE_TIME);
  mg_annotation_set_modified (annotation, FIXTURE_TIME);
  g_assert_true (mg_annotation_store_add (store, annotation, &error));
  g_assert_no_error (error);
  return annotation;
}

/* An annotation whose quote is no longer in the text. */
static inline void
fixture_add_orphan (MgAnnotationStore *store,
                    const char        *id,
                    const char        *quote,
                    const char        *tags,
                    const char        *author)
{
  g_autoptr(MgAnnotation) annotation = mg_annotation_new (id, 3, 3 + g_utf8_strlen (quote, -1));
  g_auto(GStrv) tag_ids = g_strsplit (tags, ",", -1);
  g_autoptr(GError) error = NULL;

  mg_annotation_set_quote (annotation, quote);
  mg_annotation_set_tags (annotation, (const char * const *) tag_ids);
  mg_annotation_set_author (annotation, author);
  mg_annotation_set_created (annotation, FIXTURE_TIME);
  mg_annotation_set_modified (annotation, FIXTURE_TIME);
  mg_annotation_set_anchor_state (annotation, MG_ANCHOR_STATE_ORPHANED);
  g_assert_true (mg_annotation_store_add (store, annotation, &error));
  g_assert_no_error (error);
}

static inline MgAnnotationStore *
fixture_store_zh (void)
{
  g_autoptr(MgDocument) document = fixture_load_document ("speech-zh.txt");
  MgAnnotationStore *store = mg_annotation_store_new (document, NULL);

  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000001", "1850 亿元", "figure",
               "比上年多 120 亿元", FALSE, "李伟");
  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000002", "233 个国家和地区", "figure",
               "", TRUE, "李伟");
  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000003", "项目为王", "slogan",
               "Compare: \"project first\" & <b>more</b>", TRUE, "Wang Fang");
  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000004", "地区生产总值增长 7% 左右",
               "policy-goal,figure", "今年的核心指标\n第二行说明", FALSE, "李伟");
  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000005", "稳中求进", "slogan",
               "", FALSE, "Wang Fang");
  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000006", "确保各项目标任务全面完成",
               "policy-goal", "", TRUE, "李伟");
  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000007", "奋斗创造历史，实干成就未来",
               NULL, "=SUM(A1:A2)", FALSE, "李伟");
  fixture_add_orphan (store, "0b6a1c1e-1a51-4c55-9d0e-000000000008", "这句话已被删除",
                      "policy-goal", "Wang Fang");
  return store;
}

static inline MgAnnotationStore *
fixture_store_en (void)
{
  g_autoptr(MgDocument) document = fixture_load_document ("speech-en.txt");
  MgAnnotationStore *store = mg_annotation_store_new (document, NULL);

  fixture_add (store, "5e0f2d3a-7b1c-4e8f-a2b4-000000000001", "6.8 percent", "figure",
               "", FALSE, "Ann Lee");
  fixture_add (store, "5e0f2d3a-7b1c-4e8f-a2b4-000000000002", "41 billion dollars", "figure",
               "Up from 37 billion", TRUE, "Ann Lee");
  fixture_add (store, "5e0f2d3a-7b1c-4e8f-a2b4-000000000003", "25,000 new jobs",
               "policy-goal,figure", "-5% would be the fallback", FALSE, "Bo Chen");
  fixture_add (store, "5e0f2d3a-7b1c-4e8f-a2b4-000000000004", "growth for everyone", "slogan",
               "Use in the <i>summary</i> & the slides", TRUE, "Ann Lee");
  fixture_add (store, "5e0f2d3a-7b1c-4e8f-a2b4-000000000005", "build it now", "slogan",
               "", FALSE, "Bo Chen");
  fixture_add (store, "5e0f2d3a-7b1c-4e8f-a2b4-000000000006", "Let us finish what we started.",
               NULL, "@channel share this", FALSE, "Ann Lee");
  fixture_add_orphan (store, "5e0f2d3a-7b1c-4e8f-a2b4-000000000007", "a sentence that was removed",
                      "slogan", "Bo Chen");
  return store;
}
