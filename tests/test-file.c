/* test-file.c: the one bounded reader (bedside-file.c): regular files only,
 * no blocking on a FIFO, never more than the limit, standard input when
 * asked for, and batches line by line. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bedside-file.h"

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bedside-file-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_unlink (path) != 0)
        g_rmdir (path);
    }
  g_rmdir (dir);
}

static void
test_regular (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (path, "0123456789", 10, NULL));

  /* Exactly the limit is fine; one byte more is too large. */
  g_assert_true (bedside_file_read (path, 10, BEDSIDE_FILE_READ_REGULAR, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 10);
  g_assert_cmpstr (contents, ==, "0123456789");
  g_clear_pointer (&contents, g_free);

  g_assert_false (bedside_file_read (path, 9, BEDSIDE_FILE_READ_REGULAR, &contents, &length, &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_TOO_LARGE);
  g_assert_null (contents);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_str_has_suffix (error->message, ": the file is too large (the limit is 9 bytes)"));
  g_clear_error (&error);

  /* An empty file is read as empty, for the caller to judge. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_true (bedside_file_read (path, 10, BEDSIDE_FILE_READ_REGULAR, &contents, &length, &error));
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpstr (contents, ==, "");

  remove_dir (dir);
}

static void
test_not_regular (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *dash = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  /* A FIFO nobody writes to: refused at once rather than waited on (a
   * regression would hang here until meson's timeout). */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (bedside_file_read (fifo, 1024, BEDSIDE_FILE_READ_REGULAR, &contents, &length, &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REGULAR);
  expected = g_strdup_printf ("%s: is not a regular file", fifo);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  /* Asking for standard input does not make a named FIFO one. */
  g_assert_false (bedside_file_read (fifo, 1024, BEDSIDE_FILE_READ_STDIN, &contents, &length, &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REGULAR);
  g_clear_error (&error);

  /* A device whose st_size is 0 and whose content never ends. */
  g_assert_false (bedside_file_read ("/dev/zero", 1024, BEDSIDE_FILE_READ_REGULAR, &contents, &length, &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REGULAR);
  g_clear_error (&error);

  g_assert_false (bedside_file_read (dir, 1024, BEDSIDE_FILE_READ_REGULAR, &contents, &length, &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REGULAR);
  g_assert_true (g_str_has_suffix (error->message, ": is a folder, not a file"));
  g_clear_error (&error);

  g_assert_false (bedside_file_read (missing, 1024, BEDSIDE_FILE_READ_REGULAR, &contents, &length, &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);

  /* Without BEDSIDE_FILE_READ_STDIN, "-" is a file of that name. */
  dash = g_build_filename (dir, "-", NULL);
  g_assert_true (g_file_set_contents (dash, "{}", 2, NULL));
  {
    g_autofree char *cwd = g_get_current_dir ();
    g_assert_cmpint (g_chdir (dir), ==, 0);
    g_assert_true (bedside_file_read ("-", 1024, BEDSIDE_FILE_READ_REGULAR, &contents, &length, &error));
    g_assert_cmpstr (contents, ==, "{}");
    g_assert_cmpint (g_chdir (cwd), ==, 0);
  }

  remove_dir (dir);
}

/* The limit holds whatever the descriptor is: /dev/zero ends at it. */
static void
test_endless (void)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  int fd = open ("/dev/zero", O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_false (bedside_file_read_fd (fd, "zero", 1024 * 1024, &contents, &length, &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "zero: the file is too large (the limit is 1 MiB)");
  g_assert_null (contents);
  close (fd);
}

/* Standard input, when asked for with "-": a pipe here. */
static void
test_stdin (void)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  int saved_stdin = dup (STDIN_FILENO);
  int fds[2];
  gsize length;

  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], "{\"a\": 1}\n", 9), ==, 9);
  close (fds[1]);
  g_assert_cmpint (dup2 (fds[0], STDIN_FILENO), ==, STDIN_FILENO);
  close (fds[0]);

  g_assert_true (bedside_file_read ("-", 1024, BEDSIDE_FILE_READ_STDIN, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "{\"a\": 1}\n");

  g_assert_cmpint (dup2 (saved_stdin, STDIN_FILENO), ==, STDIN_FILENO);
  close (saved_stdin);
}

static void
test_lines (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.jsonl", NULL);
  g_autoptr(GString) text = g_string_new ("one\r\n\ntwo\n");
  g_autoptr(BedsideLineReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;
  gsize length;
  gboolean too_long;

  /* A line past the limit is the last one read: its end might never come. */
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\nthree\nlast, without a newline");
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

  reader = bedside_line_reader_new (path, BEDSIDE_FILE_READ_REGULAR, 1000, &error);
  g_assert_no_error (error);

  g_assert_true (bedside_line_reader_next (reader, &line, &length, &too_long, &error));
  g_assert_cmpstr (line, ==, "one");
  g_assert_false (too_long);
  g_assert_true (bedside_line_reader_next (reader, &line, &length, &too_long, &error));
  g_assert_cmpstr (line, ==, "");
  g_assert_cmpuint (length, ==, 0);
  g_assert_true (bedside_line_reader_next (reader, &line, &length, &too_long, &error));
  g_assert_cmpstr (line, ==, "two");
  g_assert_true (bedside_line_reader_next (reader, &line, &length, &too_long, &error));
  g_assert_true (too_long);
  g_assert_cmpuint (length, ==, 0);
  g_assert_false (bedside_line_reader_next (reader, &line, &length, &too_long, &error));
  g_assert_no_error (error);
  g_clear_pointer (&reader, bedside_line_reader_free);

  g_assert_true (g_file_set_contents (path, "three\nlast, without a newline", -1, NULL));
  reader = bedside_line_reader_new (path, BEDSIDE_FILE_READ_REGULAR, 1000, &error);
  g_assert_true (bedside_line_reader_next (reader, &line, &length, &too_long, &error));
  g_assert_false (too_long);
  g_assert_cmpstr (line, ==, "three");
  g_assert_true (bedside_line_reader_next (reader, &line, &length, &too_long, &error));
  g_assert_cmpstr (line, ==, "last, without a newline");
  g_assert_false (bedside_line_reader_next (reader, &line, &length, &too_long, &error));
  g_assert_no_error (error);

  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/regular", test_regular);
  g_test_add_func ("/file/not-regular", test_not_regular);
  g_test_add_func ("/file/endless", test_endless);
  g_test_add_func ("/file/stdin", test_stdin);
  g_test_add_func ("/file/lines", test_lines);

  return g_test_run ();
}
