/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Runs the built marginalia-cli (its path in MG_CLI) on copies of
 * tests/data/cli in a temporary folder. */

#define SPEECH     "speech.txt"
#define SIDECAR    "speech.txt.marginalia.json"
#define SPEECH_SHA "73e54ea71719f115632d6679d5ec30734d25cefa6e548cb2cd754c0dca3ba1dc"

typedef struct
{
  char *dir;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

void        result_clear      (Result             *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

void        fixture_setup     (Fixture            *f,
                               gconstpointer       data);
void        fixture_teardown  (Fixture            *f,
                               gconstpointer       data);
char       *fixture_path      (Fixture            *f,
                               const char         *name);
/* Runs the program with @argv (NULL-terminated) in the fixture's folder;
 * @env holds extra "NAME=VALUE" settings (nullable); @stdout_path sends
 * stdout to a file instead of capturing it. Fails the test when the
 * program does not exit by itself (a crash, an abort). */
void        run_full          (Fixture            *f,
                               const char * const *env,
                               const char         *stdout_path,
                               const char * const *argv,
                               Result             *r);
/* The same, but no file the program writes may grow past 4 KiB (writing
 * more fails, as on a disk that fills up midway); stdout is captured. */
void        run_small_files   (Fixture            *f,
                               const char * const *argv,
                               Result             *r);
#define RUN(f, r, ...) \
  G_STMT_START { \
    const char *argv_[] = { __VA_ARGS__, NULL }; \
    result_clear (r); \
    run_full ((f), NULL, NULL, argv_, (r)); \
  } G_STMT_END

#define RUN_ENV(f, r, env, ...) \
  G_STMT_START { \
    const char *argv_[] = { __VA_ARGS__, NULL }; \
    result_clear (r); \
    run_full ((f), (env), NULL, argv_, (r)); \
  } G_STMT_END

/* The bytes of a file in the fixture's folder; NULL when it does not exist. */
GBytes     *snapshot          (Fixture            *f,
                               const char         *name);
/* The sorted names in the fixture's folder, joined by spaces. */
char       *listing           (Fixture            *f);
void        assert_unchanged  (Fixture            *f,
                               const char         *name,
                               GBytes             *before);
void        assert_bytes_equal (GBytes            *a,
                                GBytes            *b);
JsonNode   *parse_json        (const char         *text);
char       *strip_newline     (char               *s);
/* `add speech.txt ARGS…` (NULL-terminated), which must succeed; returns
 * the new id. */
char       *add_ok            (Fixture            *f,
                               const char         *first,
                               ...) G_GNUC_NULL_TERMINATED;
/* The annotations as `list DOC --format json` gives them. */
JsonArray  *list_json         (Fixture            *f,
                               const char         *document,
                               JsonNode          **out_root);
JsonObject *find_annotation   (JsonArray          *array,
                               const char         *id);
/* Every non-empty line of @out is FILE:LINE:COLUMN: message; at least
 * @min_lines of them. */
void        check_problem_lines (const char       *out,
                                 const char       *file,
                                 guint             min_lines);

G_END_DECLS
