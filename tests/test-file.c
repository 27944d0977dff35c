/* test-file.c: the one bounded reader (bedside-file.c): regular files only,
 * no blocking on a FIFO, never more than the limit, standard input when
 * asked for, and batches line by line. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bedside-file.h"
#include "bedside-replace-stream.h"

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

/* ---- writing ----------------------------------------------------------- */

static char *
read_text (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_replace (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  /* A new path, then a regular file replaced whole; mode 0600 both times. */
  g_assert_true (bedside_file_replace_contents (path, "one\n", 4, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (bedside_file_replace_contents (path, "two\n", 4, &error));
  text = read_text (path);
  g_assert_cmpstr (text, ==, "two\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Dropped without a close, or closed cancelled: nothing replaced and no
   * temporary file left. */
  {
    g_autoptr(GOutputStream) stream = bedside_replace_stream_new (path, &error);
    g_assert_no_error (error);
    g_assert_true (g_output_stream_write_all (stream, "half", 4, NULL, NULL, &error));
  }
  {
    g_autoptr(GOutputStream) stream = bedside_replace_stream_new (path, &error);
    g_autoptr(GCancellable) cancel = g_cancellable_new ();
    g_assert_true (g_output_stream_write_all (stream, "half", 4, NULL, NULL, &error));
    g_cancellable_cancel (cancel);
    g_assert_false (g_output_stream_close (stream, cancel, NULL));
  }
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "two\n");
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    g_assert_cmpstr (g_dir_read_name (d), ==, "plan.txt");
    g_assert_null (g_dir_read_name (d));
  }

  remove_dir (dir);
}

/* -o onto a link, a FIFO, a folder or a device leaves it as it was. */
static void
test_replace_refused (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "target.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "link.txt", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (target, "keep\n", -1, NULL));
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  g_assert_false (bedside_file_replace_contents (link, "x", 1, &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REPLACEABLE);
  g_assert_true (g_str_has_prefix (error->message, link));
  g_assert_nonnull (strstr (error->message, ": is a symbolic link;"));
  g_clear_error (&error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  text = read_text (target);
  g_assert_cmpstr (text, ==, "keep\n");

  g_assert_false (bedside_file_replace_contents (fifo, "x", 1, &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REPLACEABLE);
  g_assert_nonnull (strstr (error->message, ": is a FIFO;"));
  g_clear_error (&error);
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  g_assert_false (bedside_file_replace_contents (folder, "x", 1, &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REPLACEABLE);
  g_assert_nonnull (strstr (error->message, ": is a folder;"));
  g_clear_error (&error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* Only checked, never written: a regression must not replace a device. */
  g_assert_false (bedside_file_check_replaceable ("/dev/null", &error));
  g_assert_error (error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_NOT_REPLACEABLE);
  g_assert_cmpstr (error->message, ==, "/dev/null: is a device; Bedside writes only to a regular file "
                                       "or a new one, and leaves this as it is");
  g_clear_error (&error);

  g_unlink (link);
  remove_dir (folder);
  remove_dir (dir);
}

static void
make_old (const char *path)
{
  struct timeval times[2] = { { .tv_sec = time (NULL) - 3600 }, { .tv_sec = time (NULL) - 3600 } };

  g_assert_cmpint (utimes (path, times), ==, 0);
}

/* kill -9 during a save leaves ".NAME.bedside-XXXXXX" behind, with the
 * patient's name in it: the next save in the folder removes it, and only
 * Bedside's own, and only once no save can still be writing it. */
static void
test_stale_temporaries (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "visit.json", NULL);
  g_autofree char *stale = g_build_filename (dir, ".visit.json.bedside-a1B2c3", NULL);
  g_autofree char *other_name = g_build_filename (dir, ".other.pdf.bedside-Zz9yX8", NULL);
  g_autofree char *fresh = g_build_filename (dir, ".visit.json.bedside-d4E5f6", NULL);
  g_autofree char *not_ours = g_build_filename (dir, ".visit.json.a1B2c3", NULL);
  g_autofree char *bad_suffix = g_build_filename (dir, ".visit.json.bedside-a1B2", NULL);
  g_autofree char *stale_link = g_build_filename (dir, ".link.bedside-q1w2e3", NULL);
  g_autofree char *target = g_build_filename (dir, "target", NULL);
  g_autoptr(GError) error = NULL;

  for (const char * const *p = (const char * const []) { stale, other_name, fresh, not_ours, bad_suffix, target, NULL }; *p; p++)
    g_assert_true (g_file_set_contents (*p, "Ada Example", -1, NULL));
  g_assert_cmpint (symlink (target, stale_link), ==, 0);
  make_old (stale);
  make_old (other_name);
  make_old (not_ours);
  make_old (bad_suffix);
  make_old (target);

  g_assert_true (bedside_file_replace_contents (path, "{}\n", 3, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (other_name, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));       /* a save may be writing it */
  g_assert_true (g_file_test (not_ours, G_FILE_TEST_EXISTS));    /* not named by Bedside */
  g_assert_true (g_file_test (bad_suffix, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stale_link, G_FILE_TEST_IS_SYMLINK));  /* only plain files */
  g_assert_true (g_file_test (target, G_FILE_TEST_EXISTS));

  g_unlink (stale_link);
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
  g_test_add_func ("/file/replace", test_replace);
  g_test_add_func ("/file/replace-refused", test_replace_refused);
  g_test_add_func ("/file/stale-temporaries", test_stale_temporaries);

  return g_test_run ();
}
