/* test-integrity.c: the clinic's SHA256SUMS list marks guidelines verified and refuses changed ones (bedside-integrity). */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bedside-integrity.h"

typedef struct {
  char *dir;
  char *guideline;     /* a copy of tests/data/cli/tiny.xml in dir */
  char *sha256;
} Fixture;

static void
write_text (const char *path, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
write_list (Fixture *f, const char *text)
{
  g_autofree char *list = g_build_filename (f->dir, BEDSIDE_INTEGRITY_LIST_NAME, NULL);

  write_text (list, text);
}

/* @form with each "%s" replaced by @sha256 (not printf: the forms are data). */
static char *
fill (const char *form, const char *sha256)
{
  g_auto(GStrv) parts = g_strsplit (form, "%s", -1);

  return g_strjoinv (sha256, parts);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  f->dir = g_dir_make_tmp ("bedside-integrity-XXXXXX", &error);
  g_assert_no_error (error);
  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  f->guideline = g_build_filename (f->dir, "tiny.xml", NULL);
  write_text (f->guideline, contents);
  f->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->guideline);
  g_free (f->sha256);
}

/* Loads the fixture's guideline through the verifying loader. */
static BedsideGuideline *
load (Fixture *f, BedsideIntegrityStatus *status, GError **error)
{
  *status = (BedsideIntegrityStatus) 99;
  return bedside_guideline_new_verified (f->guideline, status, error);
}

static void
test_no_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = NULL;
  BedsideIntegrityStatus status;

  g = load (f, &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g);
  g_assert_cmpint (status, ==, BEDSIDE_INTEGRITY_UNVERIFIED);
  g_assert_cmpstr (bedside_integrity_status_to_string (status), ==, "unverified");
}

static void
test_verified (Fixture *f, gconstpointer data)
{
  /* The forms sha256sum writes (text and binary mode, --tag), upper-case
   * hex, "./", CRLF line ends, comments and other files' lines. */
  const char *forms[] = {
    "%s  tiny.xml\n",
    "%s *tiny.xml\n",
    "# reviewed 2025-01-15 by the clinic\n0000000000000000000000000000000000000000000000000000000000000000  other.xml\n%s  ./tiny.xml\n",
    "SHA256 (tiny.xml) = %s\n",
    "%s  tiny.xml\r\n",
    "%s  tiny.xml",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BedsideGuideline) g = NULL;
      g_autofree char *list = NULL;
      g_autofree char *upper = g_ascii_strup (f->sha256, -1);
      BedsideIntegrityStatus status;

      list = fill (forms[i], i == 1 ? upper : f->sha256);
      write_list (f, list);
      g = load (f, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, BEDSIDE_INTEGRITY_VERIFIED);
      g_assert_cmpstr (bedside_integrity_status_to_string (status), ==, "verified");

      /* The library's check, without loading. */
      status = (BedsideIntegrityStatus) 99;
      g_assert_true (bedside_integrity_check_file (f->guideline, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, BEDSIDE_INTEGRITY_VERIFIED);
    }
}

static void
test_not_listed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = NULL;
  BedsideIntegrityStatus status;
  g_autofree char *list = g_strdup_printf ("%s  tiny.xml.bak\n%s  sub/tiny.xml\n", f->sha256, f->sha256);

  write_list (f, list);
  g = load (f, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, BEDSIDE_INTEGRITY_UNVERIFIED);
}

static void
test_tampered (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = NULL;
  g_autofree char *list = g_strdup_printf ("%s  tiny.xml\n", f->sha256);
  g_autofree char *contents = NULL;
  BedsideIntegrityStatus status;
  char *dose;

  write_list (f, list);

  /* A dose changed after the list was made: still a valid guideline, so
   * only the checksum can tell. */
  g_file_get_contents (f->guideline, &contents, NULL, &error);
  g_assert_no_error (error);
  dose = strstr (contents, "10 mg three times a day");
  g_assert_nonnull (dose);
  dose[0] = '5';
  write_text (f->guideline, contents);
  {
    g_autoptr(BedsideGuideline) plain = bedside_guideline_new_from_file (f->guideline, &error);
    g_assert_no_error (error);
    g_assert_nonnull (plain);
  }

  g = load (f, &status, &error);
  g_assert_null (g);
  g_assert_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_MISMATCH);
  g_assert_true (g_str_has_prefix (error->message, f->guideline));
  g_assert_nonnull (strstr (error->message, "SHA256SUMS:1"));
  g_assert_nonnull (strstr (error->message, "does not match"));
  g_clear_error (&error);

  g_assert_false (bedside_integrity_check_file (f->guideline, &status, &error));
  g_assert_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_MISMATCH);
}

static void
test_bad_list (Fixture *f, gconstpointer data)
{
  const struct { const char *list; const char *message; } cases[] = {
    { "not a checksum\n", "SHA256SUMS:1: not a checksum line" },
    { "# fine\n\nabc  tiny.xml\n", "SHA256SUMS:3: not a checksum line" },
    { "%s  tiny.xml\n0000000000000000000000000000000000000000000000000000000000000000  tiny.xml\n",
      "SHA256SUMS:2: the file is listed twice, with different checksums" },
    { "SHA256 (tiny.xml) = xyz\n", "SHA256SUMS:1: not a checksum line" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BedsideGuideline) g = NULL;
      g_autofree char *list = fill (cases[i].list, f->sha256);
      BedsideIntegrityStatus status;

      write_list (f, list);
      g = load (f, &status, &error);
      g_assert_null (g);
      g_assert_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_BAD_LIST);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: '%s' not in '%s'", i, cases[i].message, error->message);
    }

  /* A NUL byte, and a folder where the list should be. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *list = g_build_filename (f->dir, BEDSIDE_INTEGRITY_LIST_NAME, NULL);
    BedsideIntegrityStatus status;

    g_file_set_contents (list, "a\0b", 3, &error);
    g_assert_no_error (error);
    g_assert_false (bedside_integrity_check (f->guideline, f->sha256, &status, NULL, &error));
    g_assert_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_BAD_LIST);
    g_clear_error (&error);

    g_unlink (list);
    g_assert_cmpint (g_mkdir (list, 0700), ==, 0);
    g_assert_false (bedside_integrity_check (f->guideline, f->sha256, &status, NULL, &error));
    g_assert_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_BAD_LIST);
    g_assert_nonnull (strstr (error->message, "is a folder, not a file"));
  }
}

/* What sha256sum itself writes for awkward names: a name with a backslash
 * is escaped and the line starts with a backslash, in both output forms;
 * a byte-order mark is refused with a message that says so. */
static void
test_escaped_names (Fixture *f, gconstpointer data)
{
  g_autofree char *odd = g_build_filename (f->dir, "back\\spasm.xml", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  const char *forms[] = {
    "\\%s  back\\\\spasm.xml\n",
    "\\SHA256 (back\\\\spasm.xml) = %s\n",
  };

  g_assert_true (g_file_get_contents (f->guideline, &contents, &length, NULL));
  write_text (odd, contents);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *list = fill (forms[i], f->sha256);
      BedsideIntegrityStatus status = BEDSIDE_INTEGRITY_UNVERIFIED;

      write_list (f, list);
      g_assert_true (bedside_integrity_check (odd, f->sha256, &status, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, BEDSIDE_INTEGRITY_VERIFIED);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *body = fill ("%s  tiny.xml\n", f->sha256);
    g_autofree char *list = g_strconcat ("\xef\xbb\xbf", body, NULL);
    BedsideIntegrityStatus status;

    write_list (f, list);
    g_assert_false (bedside_integrity_check (f->guideline, f->sha256, &status, NULL, &error));
    g_assert_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_BAD_LIST);
    g_assert_nonnull (strstr (error->message, "byte-order mark"));
  }
}

static void
test_from_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(BedsideGuideline) g = NULL;
  BedsideIntegrityStatus status = BEDSIDE_INTEGRITY_VERIFIED;
  gsize length;

  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g = bedside_guideline_new_from_data (contents, length, "tiny.xml", &error);
  g_assert_no_error (error);
  g_assert_true (bedside_integrity_check_guideline (g, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, BEDSIDE_INTEGRITY_UNVERIFIED);
}

/* bedside-cli: validate says verified or unverified; every command
 * refuses a file that does not match. */
static void
run_cli (const char *const *args, int *status, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("BEDSIDE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *list = g_strdup_printf ("%s  tiny.xml\n", f->sha256);
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (g_getenv ("BEDSIDE_CLI") == NULL)
    {
      g_test_skip ("BEDSIDE_CLI is not set");
      return;
    }

  run_cli ((const char *[]) { "validate", f->guideline, NULL }, &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_suffix (out, "), unverified\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  write_list (f, list);
  run_cli ((const char *[]) { "validate", f->guideline, NULL }, &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  expected = g_strdup_printf ("%s: valid (tiny 1.2.3, 3 items, 6 recommendations), verified\n", f->guideline);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  write_list (f, "0000000000000000000000000000000000000000000000000000000000000000  tiny.xml\n");
  run_cli ((const char *[]) { "validate", f->guideline, NULL }, &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, f->guideline));
  g_assert_nonnull (strstr (err, "does not match its checksum"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_cli ((const char *[]) { "questions", f->guideline, NULL }, &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "does not match its checksum"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/integrity/no-list", Fixture, NULL, fixture_set_up, test_no_list, fixture_tear_down);
  g_test_add ("/integrity/verified", Fixture, NULL, fixture_set_up, test_verified, fixture_tear_down);
  g_test_add ("/integrity/not-listed", Fixture, NULL, fixture_set_up, test_not_listed, fixture_tear_down);
  g_test_add ("/integrity/tampered", Fixture, NULL, fixture_set_up, test_tampered, fixture_tear_down);
  g_test_add ("/integrity/bad-list", Fixture, NULL, fixture_set_up, test_bad_list, fixture_tear_down);
  g_test_add ("/integrity/escaped-names", Fixture, NULL, fixture_set_up, test_escaped_names, fixture_tear_down);
  g_test_add_func ("/integrity/from-memory", test_from_memory);
  g_test_add ("/integrity/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
