/* test-hostile.c: runs every case of tests/data/hostile/MANIFEST through the
 * built bedside-cli ($BEDSIDE_CLI) and checks that hostile input is refused
 * the way the contract says: exit status 1 (never a signal), an error that
 * names the file (and the line where there is one), nothing on standard
 * output, no other file's content in the message, within 2 seconds and
 * 200 MB.
 *
 * MANIFEST lines are "FILE | COMMAND | EXPECTED": FILE is in
 * tests/data/hostile, or "gen:NAME" for a case this program makes in a
 * temporary folder (too large to commit, or not a plain file); COMMAND is
 * "validate", "questions" or "lint" (FILE is the guideline) or "answers"
 * (FILE is the answers file for $BEDSIDE_HOSTILE_GUIDELINE); EXPECTED must
 * appear in standard error, with "{}" standing for the path given. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#define TIME_LIMIT_SECONDS   2.0
#if defined(__SANITIZE_ADDRESS__)
#define BEDSIDE_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BEDSIDE_UNDER_ASAN 1
#endif
#endif
/* Under AddressSanitizer the same work takes about three times the memory
 * (shadow memory, the quarantine of freed blocks): the bound itself is
 * checked by the ordinary build. */
#ifdef BEDSIDE_UNDER_ASAN
#define MEMORY_LIMIT_KB      (600 * 1024)
#else
#define MEMORY_LIMIT_KB      (200 * 1024)
#endif
#define KILL_AFTER_SECONDS   20.0

typedef struct {
  char *file;       /* as written in the manifest */
  char *command;
  char *expected;
  guint line;
} HostileCase;

static char *temp_dir;

static void
hostile_case_free (gpointer data)
{
  HostileCase *c = data;

  g_free (c->file);
  g_free (c->command);
  g_free (c->expected);
  g_free (c);
}

/* ---- generated cases --------------------------------------------------- */

static const char *
guideline_head (void)
{
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<guideline xmlns=\"urn:bedside:guideline:1\" id=\"hostile\" version=\"1.0.0\" format=\"1\" xml:lang=\"en\">\n";
}

/* The tiny CLI guideline with @old replaced by @new once. */
static char *
tiny_with (const char *old, const char *new_text)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *at;
  GString *out;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  at = strstr (contents, old);
  g_assert_nonnull (at);
  out = g_string_new_len (contents, at - contents);
  g_string_append (out, new_text);
  g_string_append (out, at + strlen (old));
  return g_string_free (out, FALSE);
}

static void
write_file (const char *path, const char *data, gsize length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

/* Writes @size bytes: @head, then @fill repeated, then @tail. */
static void
write_big_file (const char *path, const char *head, const char *fill, const char *tail, gsize size)
{
  FILE *f = fopen (path, "w");
  gsize written, fill_length = strlen (fill);

  g_assert_nonnull (f);
  fputs (head, f);
  written = strlen (head) + strlen (tail);
  while (written < size)
    {
      fwrite (fill, 1, fill_length, f);
      written += fill_length;
    }
  fputs (tail, f);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* Makes a file that cannot be read.  chmod 000 does not stop root, so as
 * root it is a link to /proc/self/mem instead, which stat calls a regular
 * file but whose first page no process can read (EIO). */
static gboolean
make_unreadable (const char *path)
{
  if (geteuid () != 0)
    {
      write_file (path, "{}", 2);
      return g_chmod (path, 0) == 0;
    }
  return symlink ("/proc/self/mem", path) == 0;
}

/* Creates the generated case @name in temp_dir; returns its path. */
static char *
generate (const char *name)
{
  g_autofree char *path = g_build_filename (temp_dir, name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return g_steal_pointer (&path);

  if (g_str_equal (name, "file-50mb.xml"))
    write_big_file (path, guideline_head (), "<!-- padding padding padding padding padding -->\n",
                    "</guideline>\n", 50 * 1024 * 1024);
  else if (g_str_equal (name, "file-7mb.xml"))
    /* Under the 8 MiB limit, so the parser really reads it all. */
    write_big_file (path, guideline_head (), "<!-- padding padding padding padding padding -->\n",
                    "</guideline>\n", 7 * 1024 * 1024);
  else if (g_str_equal (name, "nested-100000.xml"))
    {
      GString *s = g_string_new (guideline_head ());
      for (guint i = 0; i < 100000; i++)
        g_string_append (s, "<a>");
      for (guint i = 0; i < 100000; i++)
        g_string_append (s, "</a>");
      g_string_append (s, "</guideline>\n");
      write_file (path, s->str, s->len);
      g_string_free (s, TRUE);
    }
  else if (g_str_equal (name, "attribute-1mb.xml") || g_str_equal (name, "id-1mb.xml") ||
           g_str_equal (name, "expression-1mb.xml"))
    {
      char *value = g_strnfill (1024 * 1024, 'a');
      g_autofree char *attribute = NULL;
      g_autofree char *text = NULL;

      if (g_str_equal (name, "attribute-1mb.xml"))
        attribute = g_strdup_printf ("<item id=\"red_flag\" type=\"boolean\" required=\"%s\">", value);
      else if (g_str_equal (name, "id-1mb.xml"))
        attribute = g_strdup_printf ("<item id=\"%s\" type=\"boolean\">", value);
      else
        attribute = g_strdup_printf ("<item id=\"red_flag\" type=\"boolean\" enable-when=\"%s\">", value);
      text = tiny_with ("<item id=\"red_flag\" type=\"boolean\">", attribute);
      write_file (path, text, strlen (text));
      g_free (value);
    }
  else if (g_str_equal (name, "and-chain-100000.xml"))
    {
      GString *when = g_string_new ("when=\"red_flag");
      g_autofree char *text = NULL;

      for (guint i = 1; i < 100000; i++)
        g_string_append (when, " and red_flag");
      g_string_append_c (when, '"');
      text = tiny_with ("when=\"red_flag\"", when->str);
      write_file (path, text, strlen (text));
      g_string_free (when, TRUE);
    }
  else if (g_str_equal (name, "many-items.xml"))
    {
      /* 20,000 items in one section: big, but under every size limit. */
      GString *items = g_string_new ("<description>Who the patient is.</description>\n");
      g_autofree char *text = NULL;

      for (guint i = 0; i < 20000; i++)
        g_string_append_printf (items, "<item id=\"x%u\" type=\"boolean\"><label>X</label></item>\n", i);
      text = tiny_with ("<description>Who the patient is.</description>", items->str);
      /* ... and one duplicate id at the very end, so the file is refused. */
      {
        g_autofree char *dup = tiny_with ("<description>Who the patient is.</description>", items->str);
        char *last = g_strrstr (dup, "<item id=\"x19999\"");
        g_assert_nonnull (last);
        memcpy (last, "<item id=\"x0\"    ", 17);
        write_file (path, dup, strlen (dup));
      }
      g_string_free (items, TRUE);
    }
  else if (g_str_equal (name, "answers-50mb.json"))
    write_big_file (path, "{\"note\": \"", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\"}\n", 50 * 1024 * 1024);
  else if (g_str_equal (name, "answers-3mb.json"))
    /* Under the 4 MiB limit: read and parsed, then refused for its content. */
    write_big_file (path, "{\"note\": \"", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\", \"age\": \"x\"}\n", 3 * 1024 * 1024);
  else if (g_str_equal (name, "answers-200000-unknown-keys.json"))
    {
      /* Each unknown key is an error: 13.7 MB of them, once. */
      GString *s = g_string_new ("{");
      for (guint i = 0; i < 200000; i++)
        g_string_append_printf (s, "%s\"unknown_%u\": 1", i > 0 ? ", " : "", i);
      g_string_append (s, "}\n");
      write_file (path, s->str, s->len);
      g_string_free (s, TRUE);
    }
  else if (g_str_equal (name, "answers-deep-1000000.json"))
    write_big_file (path, "{\"age\": ", "[", "", 1000000);
  else if (g_str_equal (name, "folder.xml") || g_str_equal (name, "answers-folder.json"))
    g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  else if (g_str_equal (name, "fifo.xml") || g_str_equal (name, "answers-fifo.json"))
    g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  else if (g_str_equal (name, "dev-zero.xml") || g_str_equal (name, "answers-dev-zero.json"))
    /* Endless, and st_size says 0: refused before a byte is read. */
    g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
  else if (g_str_equal (name, "missing.xml") || g_str_equal (name, "answers-missing.json"))
    ; /* nothing: the file does not exist */
  else if (g_str_equal (name, "unreadable.xml") || g_str_equal (name, "answers-unreadable.json"))
    g_assert_true (make_unreadable (path));
  else
    g_error ("MANIFEST names an unknown generated case '%s'", name);

  return g_steal_pointer (&path);
}

/* ---- running bedside-cli ---------------------------------------------- */

typedef struct {
  gboolean signaled;
  int      status;     /* exit status, or the signal */
  double   seconds;
  long     max_rss_kb;
  char    *out;
  char    *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
read_and_remove (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  return contents;
}

/* fork + exec rather than g_spawn, to get the child's rusage from wait4. */
static void
run_cli (Run *run, char **argv)
{
  g_autofree char *out_path = g_build_filename (temp_dir, "stdout", NULL);
  g_autofree char *err_path = g_build_filename (temp_dir, "stderr", NULL);
  struct rusage usage = { 0 };
  gint64 start = g_get_monotonic_time ();
  int wait_status = 0;
  pid_t pid, done;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int out = open (out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int err = open (err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int null = open ("/dev/null", O_RDONLY);

      if (out < 0 || err < 0 || null < 0 || dup2 (out, 1) < 0 || dup2 (err, 2) < 0 || dup2 (null, 0) < 0)
        _exit (125);
      execv (argv[0], argv);
      _exit (126);
    }

  /* Poll, so that a hang is killed and reported rather than stalling the suite. */
  for (;;)
    {
      done = wait4 (pid, &wait_status, WNOHANG, &usage);
      if (done == pid)
        break;
      g_assert_cmpint (done, ==, 0);
      if ((g_get_monotonic_time () - start) / 1e6 > KILL_AFTER_SECONDS)
        {
          kill (pid, SIGKILL);
          wait4 (pid, &wait_status, 0, &usage);
          g_test_message ("did not finish in %.0f s: killed", KILL_AFTER_SECONDS);
          break;
        }
      g_usleep (2000);
    }

  run->seconds = (g_get_monotonic_time () - start) / 1e6;
  run->max_rss_kb = usage.ru_maxrss;
  run->signaled = WIFSIGNALED (wait_status);
  run->status = run->signaled ? WTERMSIG (wait_status) : WEXITSTATUS (wait_status);
  run->out = read_and_remove (out_path);
  run->err = read_and_remove (err_path);
}

/* Fails this case with a message and goes on with the next one. */
#define FAIL(...) G_STMT_START { g_test_fail_printf (__VA_ARGS__); return; } G_STMT_END

static void
test_case (gconstpointer data)
{
  const HostileCase *c = data;
  const char *cli = g_getenv ("BEDSIDE_CLI");
  const char *guideline = g_getenv ("BEDSIDE_HOSTILE_GUIDELINE");
  const char *limit_text = g_getenv ("BEDSIDE_HOSTILE_TIME_LIMIT");
  double time_limit = limit_text ? g_ascii_strtod (limit_text, NULL) : TIME_LIMIT_SECONDS;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(Run) run = { 0 };

  g_assert_nonnull (cli);
  g_assert_nonnull (guideline);

  if (g_str_has_prefix (c->file, "gen:"))
    path = generate (c->file + strlen ("gen:"));
  else
    path = g_test_build_filename (G_TEST_DIST, "data", "hostile", c->file, NULL);

  g_ptr_array_add (argv, (char *) cli);
  if (g_str_equal (c->command, "answers"))
    {
      g_ptr_array_add (argv, (char *) "evaluate");
      g_ptr_array_add (argv, (char *) guideline);
      g_ptr_array_add (argv, (char *) "--answers");
    }
  else if (g_str_equal (c->command, "validate") || g_str_equal (c->command, "questions") ||
           g_str_equal (c->command, "lint"))
    g_ptr_array_add (argv, c->command);
  else
    FAIL ("MANIFEST:%u: unknown command '%s'", c->line, c->command);
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, NULL);

  run_cli (&run, (char **) argv->pdata);
  g_test_message ("%s %s: exit %d%s, %.3f s, %ld KB\nstdout:\n%s\nstderr:\n%s",
                  c->command, path, run.status, run.signaled ? " (signal)" : "",
                  run.seconds, run.max_rss_kb, run.out, run.err);

  /* No crash, and the documented status for invalid input. */
  if (run.signaled)
    FAIL ("%s: bedside-cli was killed by signal %d (%s)", c->file, run.status, g_strsignal (run.status));
  if (run.status != 1)
    FAIL ("%s: exit status %d, not 1:\n%s", c->file, run.status, run.err);

  /* The message names the file, and the line where the manifest says so. */
  parts = g_strsplit (c->expected, "{}", -1);
  expected = g_strjoinv (path, parts);
  if (strstr (run.err, expected) == NULL)
    FAIL ("%s: expected '%s' in the error, got:\n%s", c->file, expected, run.err);
  if (!g_str_has_prefix (run.err, path))
    FAIL ("%s: the error does not start with the file's path:\n%s", c->file, run.err);

  /* A hostile value is quoted short, not echoed whole. */
  if (strlen (run.err) > 64 * 1024)
    FAIL ("%s: %" G_GSIZE_FORMAT " bytes of error messages", c->file, strlen (run.err));

  /* No plan, no half a questionnaire. */
  if (*run.out != '\0')
    FAIL ("%s: something on standard output:\n%s", c->file, run.out);

  /* No other file's content (an external entity, an XInclude of
   * /etc/passwd), and no raw control characters that a terminal would act on. */
  if (strstr (run.err, "root:x:0:0") != NULL)
    FAIL ("%s: the error holds the content of /etc/passwd", c->file);
  for (const char *p = run.err; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
      FAIL ("%s: the error holds the control character 0x%02x:\n%s", c->file, (guchar) *p, run.err);
  g_assert_true (g_utf8_validate (run.err, -1, NULL));

  /* Timing is measured and reported; it fails the test only with -m perf
   * (the suite also runs under ASan and valgrind on a busy machine).  A
   * run that never ends is killed after KILL_AFTER_SECONDS and fails. */
  g_test_message ("%s: %.2f s", c->file, run.seconds);
  if (g_test_perf () && run.seconds >= time_limit)
    FAIL ("%s: took %.2f s (the limit is %.1f s)", c->file, run.seconds, time_limit);
  if (run.max_rss_kb >= MEMORY_LIMIT_KB)
    FAIL ("%s: used %ld KB (the limit is %d KB)", c->file, run.max_rss_kb, MEMORY_LIMIT_KB);
}

/* Every file in the folder has a manifest line, and every line a file. */
static void
test_manifest_complete (gconstpointer data)
{
  GPtrArray *cases = (GPtrArray *) data;
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "hostile", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  for (guint i = 0; i < cases->len; i++)
    {
      const HostileCase *c = g_ptr_array_index (cases, i);
      g_hash_table_add (listed, c->file);
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_equal (name, "MANIFEST") || g_str_equal (name, "README"))
        continue;
      n_files++;
      if (!g_hash_table_contains (listed, name))
        g_error ("tests/data/hostile/%s has no line in MANIFEST", name);
    }
  g_test_message ("%u committed files, %u cases", n_files, cases->len);
  g_assert_cmpuint (cases->len, >=, 40);
}

static GPtrArray *
read_manifest (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile", "MANIFEST", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (hostile_case_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      HostileCase *c;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "|", 3);
      if (g_strv_length (fields) != 3)
        g_error ("MANIFEST:%u: expected 'FILE | COMMAND | EXPECTED'", i + 1);
      c = g_new0 (HostileCase, 1);
      c->file = g_strdup (g_strstrip (fields[0]));
      c->command = g_strdup (g_strstrip (fields[1]));
      c->expected = g_strdup (g_strstrip (fields[2]));
      c->line = i + 1;
      g_ptr_array_add (cases, c);
    }
  return cases;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  temp_dir = g_dir_make_tmp ("bedside-hostile-XXXXXX", &error);
  g_assert_no_error (error);

  cases = read_manifest ();
  g_test_add_data_func ("/hostile/manifest", cases, test_manifest_complete);
  for (guint i = 0; i < cases->len; i++)
    {
      HostileCase *c = g_ptr_array_index (cases, i);
      g_autofree char *test_path = g_strdup_printf ("/hostile/%s/%s", c->command, c->file);
      g_test_add_data_func (test_path, c, test_case);
    }

  status = g_test_run ();
  remove_tree (temp_dir);
  g_free (temp_dir);
  return status;
}
