/* bedside-cli-common.c: option parsing, error printing and output for bedside-cli. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gio/gunixoutputstream.h>

#include "bedside-cli-private.h"
#include "bedside-library.h"
#include "bedside-replace-stream.h"

GOptionContext *
bedside_cli_option_context_new (const char         *name,
                                const char         *parameters,
                                const char         *summary,
                                const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strdup_printf ("bedside-cli %s", name);
  GOptionContext *context;

  /* The usage line of --help is "PRGNAME [OPTION…] PARAMETERS". */
  g_set_prgname (prgname);

  context = g_option_context_new (parameters);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);

  return context;
}

gboolean
bedside_cli_parse_options (GOptionContext *context,
                           int            *argc,
                           char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      bedside_cli_usage_error (context, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

int
bedside_cli_usage_error (GOptionContext *context,
                         const char     *format,
                         ...)
{
  g_autofree char *message = NULL;
  g_autofree char *help = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  help = g_option_context_get_help (context, TRUE, NULL);
  fprintf (stderr, "%s: %s\n\n%s", g_get_prgname (), message, help);

  return BEDSIDE_CLI_EXIT_USAGE;
}

char *
bedside_cli_format_error (const char   *display_name,
                          const GError *error)
{
  g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (display_name != NULL && !g_str_has_prefix (lines[i], display_name))
        g_string_append_printf (out, "%s: ", display_name);
      g_string_append (out, lines[i]);
    }

  return g_string_free (out, FALSE);
}

void
bedside_cli_print_error (const char   *display_name,
                         const GError *error)
{
  g_autofree char *text = bedside_cli_format_error (display_name, error);

  fprintf (stderr, "%s\n", text);
}

BedsideGuideline *
bedside_cli_load_guideline (const char *path_or_id)
{
  return bedside_cli_load_guideline_verified (path_or_id, FALSE, NULL);
}

BedsideGuideline *
bedside_cli_load_guideline_verified (const char             *path_or_id,
                                     gboolean                only_verified,
                                     BedsideIntegrityStatus *status)
{
  g_autoptr(GError) error = NULL;
  BedsideGuideline *guideline;

  /* The same library as the app's: an id is found by the id attribute over
   * the user, system and bundled folders; a file the clinic's SHA256SUMS
   * lists with another checksum is refused by every command. */
  guideline = bedside_library_load (path_or_id, only_verified, status, &error);
  if (guideline == NULL)
    {
      bedside_cli_print_error (path_or_id, error);
      return NULL;
    }

  return guideline;
}

void
bedside_cli_warn_if_overdue (BedsideGuideline *guideline)
{
  if (bedside_guideline_is_review_overdue (guideline, NULL))
    fprintf (stderr, "%s: warning: %s: its review was due on %s; check that it is still current\n",
             g_get_prgname (), bedside_guideline_get_path (guideline),
             bedside_guideline_get_next_review (guideline));
}

char *
bedside_cli_describe_missing (BedsideSession *session)
{
  g_autoptr(GPtrArray) missing = bedside_session_collect_missing_items (session);
  GString *text;

  if (missing == NULL || missing->len == 0)
    return NULL;

  text = g_string_new ("incomplete answers: missing ");
  for (guint i = 0; i < missing->len; i++)
    {
      const BedsideItem *item = g_ptr_array_index (missing, i);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", item->id);
    }

  return g_string_free (text, FALSE);
}

GOutputStream *
bedside_cli_open_output (const char  *path,
                         GError     **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    return g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  /* Only a regular file or a new path is replaced, through a temporary
   * file renamed on close, so a reader never sees half a plan; mode 0600,
   * because a plan may carry the patient's name. */
  return bedside_replace_stream_new (path, error);
}

void
bedside_cli_abandon_output (GOutputStream *stream)
{
  g_autoptr(GCancellable) abandon = g_cancellable_new ();

  /* A replace stream closed while cancelled deletes its temporary file and
   * leaves the old file as it was. */
  g_cancellable_cancel (abandon);
  g_output_stream_close (stream, abandon, NULL);
}

gboolean
bedside_cli_write_output (const char *path,
                          const char *data,
                          gsize       length)
{
  g_autoptr(GError) error = NULL;

  if (path == NULL || g_str_equal (path, "-"))
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          int saved = errno;
          fprintf (stderr, "bedside-cli: cannot write to standard output: %s\n", g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  if (!bedside_file_replace_contents (path, data, length, &error))
    {
      bedside_cli_print_error (path, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
bedside_cli_check_output (const char         *output,
                          const char * const *inputs)
{
  struct stat out_st;

  if (output == NULL || g_str_equal (output, "-"))
    return TRUE;

  /* A path the output could not replace anyway is refused before any work. */
  {
    g_autoptr(GError) error = NULL;

    if (!bedside_file_check_replaceable (output, &error))
      {
        bedside_cli_print_error (output, error);
        return FALSE;
      }
  }

  if (stat (output, &out_st) != 0)
    return TRUE;   /* a new file is none of the inputs */
  for (guint i = 0; inputs[i] != NULL; i++)
    {
      struct stat in_st;
      int found = g_str_equal (inputs[i], "-") ? fstat (STDIN_FILENO, &in_st) : stat (inputs[i], &in_st);

      if (found == 0 && in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino)
        {
          fprintf (stderr, "%s: is the input %s; Bedside does not write over its inputs\n", output, inputs[i]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
bedside_cli_finish_stdout (void)
{
  int saved = 0;

  /* Buffered output is only known to have failed here (> /dev/full):
   * a command whose output was lost has not succeeded. */
  if (fflush (stdout) != 0)
    saved = errno;
  if (ferror (stdout) && saved == 0)
    saved = EIO;
  if (fclose (stdout) != 0 && saved == 0 && errno != EBADF)
    saved = errno;
  if (saved != 0)
    {
      fprintf (stderr, "bedside-cli: cannot write to standard output: %s\n", g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
