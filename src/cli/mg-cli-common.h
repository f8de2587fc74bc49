/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mg-annotation-store.h"
#include "mg-document.h"
#include "mg-sidecar.h"
#include "mg-sidecar-lock.h"

G_BEGIN_DECLS

#define MG_CLI_PROGRAM "marginalia-cli"

/* Exit statuses of cli.md. */
typedef enum
{
  MG_CLI_EXIT_OK    = 0,
  MG_CLI_EXIT_USAGE = 1,  /* wrong usage: message and usage on stderr */
  MG_CLI_EXIT_DATA  = 2,  /* bad input data: unreadable document, invalid sidecar… */
  MG_CLI_EXIT_WRITE = 3,  /* I/O failure while writing */
} MgCliExit;

/* A command lives in mg-cli-NAME.c as `const MgCliCommand
 * mg_cli_command_NAME = { … }`, listed by one line in mg-cli-commands.def
 * and its file in meson.build. Its run function parses with
 * mg_cli_args_parse(), opens the speech and sidecar with
 * mg_cli_files_open(), changes the store, and ends with
 * mg_cli_files_save() — so that a failing command writes nothing. */
typedef struct _MgCliCommand MgCliCommand;

/* @argv[0] is the command's name; returns the exit status. */
typedef int (*MgCliRunFunc) (const MgCliCommand *command,
                             int                 argc,
                             char              **argv);

struct _MgCliCommand
{
  const char   *name;
  const char   *arguments;    /* positional arguments, for --help ("DOC ID…") */
  const char   *synopsis;     /* everything after the name, as in cli.md */
  const char   *summary;      /* N_(): one line for the global --help */
  const char   *description;  /* N_() or NULL: the end of the command's --help */
  MgCliRunFunc  run;
};

#define MG_CLI_COMMAND(name) extern const MgCliCommand mg_cli_command_##name;
#include "mg-cli-commands.def"
#undef MG_CLI_COMMAND

/* Before a command on large files (mg-cli-memory.c): the heap grown
 * once, in blocks advised for transparent huge pages, to the measure of
 * the files @argv names and their sidecars. */
void      mg_cli_memory_prepare (int    argc,
                                 char **argv);

/* Output. Data for machines (TSV, JSON, ids) goes to stdout as UTF-8
 * bytes whatever the locale; text for people is converted to the locale's
 * character set when that is neither UTF-8 nor plain ASCII. */
void      mg_cli_write        (const char *utf8,
                               gssize      length);
void      mg_cli_print        (const char *format,
                               ...) G_GNUC_PRINTF (1, 2);
/* @text for a message: at most MG_CLI_SHORT_TEXT characters, the rest
 * elided with "…", so that a long quote does not flood the terminal. */
#define MG_CLI_SHORT_TEXT 60
char     *mg_cli_shorten      (const char *text);
/* "marginalia-cli: MESSAGE" on stderr. */
void      mg_cli_message      (const char *format,
                               ...) G_GNUC_PRINTF (1, 2);
/* Prints @error's message and returns @status. */
int       mg_cli_fail         (int           status,
                               const GError *error);
/* Prints the message, the command's usage and a pointer to its --help on
 * stderr; returns MG_CLI_EXIT_USAGE. */
int       mg_cli_usage_error  (const MgCliCommand *command,
                               const char         *format,
                               ...) G_GNUC_PRINTF (2, 3);
/* Option parsing: one GOptionContext per command, with --help (to stdout,
 * status 0) and, when @with_annotations, --annotations FILE. Text options
 * are best declared G_OPTION_ARG_FILENAME(_ARRAY) and passed through
 * mg_cli_args_text(): GLib's G_OPTION_ARG_STRING refuses UTF-8 in the C
 * locale, and quotes are often Chinese. */
typedef struct
{
  const MgCliCommand  *command;
  char                *annotations;  /* --annotations, or NULL */
  char               **args;         /* positional arguments (UTF-8 or file names) */
  guint                n_args;
} MgCliArgs;

/* Parses @argv against @entries (NULL-terminated, may be NULL) and checks
 * that there are @min_args to @max_args positional arguments (@max_args -1:
 * no limit). Returns TRUE when the command should run; otherwise
 * @out_status holds the status to exit with (0 after --help). */
gboolean  mg_cli_args_parse   (MgCliArgs          *args,
                               const MgCliCommand *command,
                               const GOptionEntry *entries,
                               gboolean            with_annotations,
                               guint               min_args,
                               int                 max_args,
                               int                 argc,
                               char              **argv,
                               int                *out_status);
void      mg_cli_args_clear   (MgCliArgs          *args);
/* Turns the value of @option (in place; may be NULL) into UTF-8: kept when
 * it already is, else converted from the locale's character set. FALSE,
 * with a usage error printed, when it is not text. */
gboolean  mg_cli_args_text    (MgCliArgs          *args,
                               const char         *option,
                               char              **value);
gboolean  mg_cli_args_text_array (MgCliArgs       *args,
                                  const char      *option,
                                  char          ***values);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MgCliArgs, mg_cli_args_clear)

/* A speech and its sidecar, opened for a command. */
typedef struct
{
  char              *document_path;  /* as given */
  char              *sidecar_path;   /* as given, or DOC.marginalia.json */
  GFile             *document_file;
  GFile             *sidecar_file;
  MgDocument        *document;
  MgSidecar         *sidecar;
  MgAnnotationStore *store;          /* the sidecar's */
  MgSidecarLock     *lock;           /* held from reading to writing, when for writing */
  MgSidecarLock     *output_lock;    /* the lock of an output's sidecar (tidy -o) */
  gboolean           saved;          /* the sidecar was written… */
  GBytes            *previous;       /* …over these bytes (NULL: there was no file) */
} MgCliFiles;

/* Loads the document and its sidecar (@annotations_path, or the default
 * beside the document). On failure prints why and returns NULL with
 * @out_status set. With @for_writing, a sidecar this version may not write
 * (newer version) is refused before anything is changed, and the sidecar
 * is locked (mg_sidecar_lock_acquire) until mg_cli_files_free(), so that
 * no other program changes it in between. A sidecar whose
 * sha256 differs from the text comes back re-anchored in memory. */
MgCliFiles *mg_cli_files_open (const char *document_path,
                               const char *annotations_path,
                               gboolean    for_writing,
                               int        *out_status);
void        mg_cli_files_free (MgCliFiles *files);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgCliFiles, mg_cli_files_free)
/* Saves the sidecar atomically when the store changed (or always, with
 * @force). Returns the exit status (a message printed on failure). */
int         mg_cli_files_save (MgCliFiles *files);
int         mg_cli_files_save_full (MgCliFiles *files,
                                    gboolean    force);
/* FALSE, with a usage error printed and @out_status set, when @output
 * (an -o argument) is the speech or the sidecar of @files (through a link
 * too): an export or a merge must not overwrite them. */
gboolean    mg_cli_files_check_output (MgCliFiles         *files,
                                       const MgCliCommand *command,
                                       const char         *output,
                                       int                *out_status);
/* Locks @sidecar, the sidecar of a new speech a command writes beside
 * DOC's (tidy -o), until mg_cli_files_free(); nothing when it is DOC's
 * own sidecar, already locked. FALSE, with a message printed and
 * @out_status set, when another program holds it too long. */
gboolean    mg_cli_files_lock_output (MgCliFiles *files,
                                      GFile      *sidecar,
                                      int        *out_status);
/* Ends a command whose output (on stdout) follows a save: flushes stdout
 * and, when that fails (a full disk), puts the sidecar back as it was, so
 * that the failing command changes nothing. @undone (nullable) says what
 * was taken back. Returns the exit status. */
int         mg_cli_files_finish (MgCliFiles *files,
                                 const char *undone);
/* The exit status for @error from saving a sidecar. */
int         mg_cli_save_status (const GError *error);

/* The speeches of a command that takes DOC|FOLDER... (list, export):
 * every DOC, and the speeches of every FOLDER (mg-collection.h) joined
 * with it, each opened for reading — an array of MgCliFiles *. Several
 * (@out_several) when more than one DOC or any FOLDER is given; then
 * --annotations is a usage error. A folder with no speech is bad data. */
GPtrArray  *mg_cli_files_open_all (MgCliArgs  *args,
                                   gboolean   *out_several,
                                   int        *out_status);
/* Checks that some speech of @all (of MgCliFiles *) defines @tag_id;
 * prints a message otherwise. */
gboolean    mg_cli_check_tag_any  (GPtrArray  *all,
                                   const char *tag_id);

/* Checks that @tag_id is defined in @store's tag set; prints a message
 * naming the sidecar and the known ids otherwise. */
gboolean    mg_cli_check_tag  (MgCliFiles *files,
                               const char *tag_id);

/* TSV: backslash, tab, newline (and carriage return) as \\, \t, \n, \r. */
void        mg_cli_tsv_append_field (GString    *row,
                                     const char *field);
/* Writes @n_fields escaped fields joined by tabs, and a newline. */
void        mg_cli_tsv_write_row    (const char * const *fields,
                                     guint               n_fields);

/* Writes @node as JSON (two-space indent, trailing newline) to stdout. */
void        mg_cli_json_write       (JsonNode   *node);

/* A decimal number of any size, as its digits without leading zeros
 * ("0" for zero); NULL when @s is not one. Numbers too large for any
 * integer type stay comparable as text. */
char     *mg_cli_parse_number    (const char  *s);
/* Compares two results of mg_cli_parse_number() by value. */
int       mg_cli_compare_numbers (const char  *a,
                                  const char  *b);
/* "START:END" → its two numbers (nullable outputs, results of
 * mg_cli_parse_number()); FALSE when it does not have that shape. */
gboolean  mg_cli_parse_range     (const char  *text,
                                  char       **out_start,
                                  char       **out_end);

G_END_DECLS
