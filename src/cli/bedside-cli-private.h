/* bedside-cli-private.h: what the subcommands of bedside-cli share. */
#pragma once

#include <gio/gio.h>

#include "bedside-guideline.h"
#include "bedside-integrity.h"
#include "bedside-session.h"

G_BEGIN_DECLS

/* The exit statuses of DESIGN.md. */
typedef enum {
  BEDSIDE_CLI_EXIT_OK     = 0,
  BEDSIDE_CLI_EXIT_FAILED = 1,  /* invalid input, incomplete answers, failed tests */
  BEDSIDE_CLI_EXIT_USAGE  = 2,
} BedsideCliExit;

/* Each subcommand gets its own arguments: argv[0] is the command's name. */
int bedside_cli_validate  (int argc, char **argv);
int bedside_cli_lint      (int argc, char **argv);
int bedside_cli_questions (int argc, char **argv);
int bedside_cli_evaluate  (int argc, char **argv);
int bedside_cli_test      (int argc, char **argv);

/* A GOptionContext for the subcommand @name, its usage line and summary set. */
GOptionContext   *bedside_cli_option_context_new (const char         *name,
                                                  const char         *parameters,
                                                  const char         *summary,
                                                  const GOptionEntry *entries);
/* Parses the options; on a usage error prints it and the help to stderr. */
gboolean          bedside_cli_parse_options      (GOptionContext *context,
                                                  int            *argc,
                                                  char         ***argv);
/* Prints "bedside-cli NAME: message" and the help to stderr; returns the usage status. */
int               bedside_cli_usage_error        (GOptionContext *context,
                                                  const char     *format,
                                                  ...) G_GNUC_PRINTF (2, 3);

/* Prints each line of @error's message to stderr.  Engine messages already
 * start with "FILE:LINE:"; a line that names no file gets "@display_name: ". */
void              bedside_cli_print_error        (const char   *display_name,
                                                  const GError *error);
/* The same as one string, for output that is not stderr (batch, test). */
char             *bedside_cli_format_error       (const char   *display_name,
                                                  const GError *error);

/* Resolves a path or a bundled id and loads it; prints the errors.  A
 * guideline that does not match the clinic's checksum list is refused. */
BedsideGuideline *bedside_cli_load_guideline     (const char *path_or_id);
/* The same, and says whether the checksum list vouches for it. */
BedsideGuideline *bedside_cli_load_guideline_verified (const char             *path_or_id,
                                                       gboolean                only_verified,
                                                       BedsideIntegrityStatus *status);

/* Says on stderr when the guideline's next review date has passed: its
 * plans are still made, and say so too. */
void              bedside_cli_warn_if_overdue    (BedsideGuideline *guideline);

/* NULL when every enabled required item is answered, else
 * "incomplete answers: missing age, pain_severity". */
char             *bedside_cli_describe_missing   (BedsideSession *session);

/* Standard output for NULL or "-"; otherwise @path, replaced atomically when
 * the stream is closed (a regular file or a new path only). */
GOutputStream    *bedside_cli_open_output        (const char  *path,
                                                  GError     **error);
/* Closes @stream without replacing the file it was to replace. */
void              bedside_cli_abandon_output     (GOutputStream *stream);
/* Writes the whole of @data to @path (or standard output); prints the error. */
gboolean          bedside_cli_write_output       (const char  *path,
                                                  const char  *data,
                                                  gsize        length);

/* Whether @output (NULL or "-": standard output) may be written: a regular
 * file or a new path, and none of the NULL-terminated @inputs (same device
 * and inode).  Prints why not. */
gboolean          bedside_cli_check_output       (const char         *output,
                                                  const char * const *inputs);

/* Flushes and closes standard output; FALSE (and a message) when anything
 * written to it was lost. */
gboolean          bedside_cli_finish_stdout      (void);

G_END_DECLS
