/* test-guideline-peek.c: a guideline's metadata read alone, and its errors, as the library shows them. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bedside-guideline-peek.h"

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static char *tmp_dir;

static char *
write_temp (const char *name,
            const char *text,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_metadata (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuidelineInfo) info = bedside_guideline_peek_metadata (path, &error);
  g_autoptr(BedsideGuideline) full = bedside_guideline_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->path, ==, path);
  g_assert_cmpstr (info->id, ==, bedside_guideline_get_id (full));
  g_assert_cmpstr (info->version, ==, bedside_guideline_get_version (full));
  g_assert_cmpstr (info->title, ==, bedside_guideline_get_title (full));
  g_assert_cmpstr (info->summary, ==, bedside_guideline_get_summary (full));
  g_assert_cmpint (info->status, ==, bedside_guideline_get_status (full));
  g_assert_cmpstr (info->review_date, ==, bedside_guideline_get_review_date (full));
  g_assert_cmpstr (info->next_review, ==, bedside_guideline_get_next_review (full));
}

static void
test_bundled (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BEDSIDE_GUIDELINES_DIR"), "back-spasm.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuidelineInfo) info = bedside_guideline_peek_metadata (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (info->id, ==, "back-spasm");
  g_assert_cmpstr (info->title, ==, "Severe back spasms in adults");
  g_assert_cmpint (info->status, ==, BEDSIDE_STATUS_UNDER_REVIEW);
  g_assert_nonnull (info->summary);
  g_assert_null (strstr (info->summary, "  "));
}

static gsize
metadata_end (const char *text)
{
  const char *end = g_strstr_len (text, -1, "</metadata>");

  g_assert_nonnull (end);
  return (gsize) (end - text) + strlen ("</metadata>");
}

/* The peek stops after </metadata>: what follows is not even read. */
static void
test_stops_after_metadata (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  g_autofree char *text = read_text (source);
  g_autofree char *cut = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) padded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuidelineInfo) info = NULL;
  g_autoptr(BedsideGuideline) full = NULL;
  gsize end;

  end = metadata_end (text);
  cut = g_strndup (text, end);
  padded = g_string_new (cut);
  /* Far more than one read, then something no parser would accept. */
  for (guint i = 0; i < 4000; i++)
    g_string_append (padded, "\n  <!-- padding padding padding padding -->");
  g_string_append (padded, "\n  <<< not XML >>>");
  path = write_temp ("stops.xml", padded->str, (gssize) padded->len);

  info = bedside_guideline_peek_metadata (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->id, ==, "tiny");
  /* The full load does see the damage. */
  full = bedside_guideline_new_from_file (path, &error);
  g_assert_null (full);
  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_MALFORMED);
}

static void
assert_peek_fails (const char *name,
                   const char *text,
                   gint        code,
                   const char *fragment)
{
  g_autofree char *path = write_temp (name, text, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuidelineInfo) info = bedside_guideline_peek_metadata (path, &error);

  g_assert_null (info);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, path));
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("'%s' not in: %s", fragment, error->message);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<guideline xmlns=\"urn:bedside:guideline:1\" id=\"t\" version=\"1.0.0\">\n"
#define META_REST "<status>draft</status><review date=\"2024-01-01\"/><disclaimer>x</disclaimer></metadata>\n"

static void
test_errors (void)
{
  assert_peek_fails ("empty.xml", "", BEDSIDE_GUIDELINE_ERROR_MALFORMED, "empty");
  assert_peek_fails ("truncated.xml", HEAD "<metadata><title>Cut here",
                     BEDSIDE_GUIDELINE_ERROR_MALFORMED, "ends inside <title>");
  assert_peek_fails ("doctype.xml",
                     "<?xml version=\"1.0\"?>\n<!DOCTYPE guideline [<!ENTITY a \"aaaa\">]>\n"
                     "<guideline xmlns=\"urn:bedside:guideline:1\" id=\"t\" version=\"1.0.0\"><metadata><title>&a;</title>",
                     BEDSIDE_GUIDELINE_ERROR_FORBIDDEN, "DOCTYPE");
  assert_peek_fails ("entity.xml", HEAD "<metadata><title>&undeclared;</title>" META_REST,
                     BEDSIDE_GUIDELINE_ERROR_MALFORMED, NULL);
  assert_peek_fails ("namespace.xml", "<guideline id=\"t\" version=\"1.0.0\"><metadata/></guideline>",
                     BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT, "namespace");
  assert_peek_fails ("no-id.xml", "<guideline xmlns=\"urn:bedside:guideline:1\" version=\"1.0.0\"><metadata/></guideline>",
                     BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, "'id'");
  assert_peek_fails ("version.xml", "<guideline xmlns=\"urn:bedside:guideline:1\" id=\"t\" version=\"one\"><metadata/></guideline>",
                     BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, "version");
  assert_peek_fails ("order.xml", HEAD "<references/><metadata/></guideline>",
                     BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<metadata>");
  assert_peek_fails ("no-title.xml", HEAD "<metadata>" META_REST "</guideline>",
                     BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<title>");
  assert_peek_fails ("status.xml",
                     HEAD "<metadata><title>T</title><status>finished</status><review date=\"2024-01-01\"/></metadata></guideline>",
                     BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, "finished");
  assert_peek_fails ("date.xml",
                     HEAD "<metadata><title>T</title><status>draft</status><review date=\"2024-13-01\"/></metadata></guideline>",
                     BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, "date");
  assert_peek_fails ("nested.xml", HEAD "<metadata><title>T<b>bold</b></title>" META_REST "</guideline>",
                     BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT, "text only");
  assert_peek_fails ("latin1.xml",
                     "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                     "<guideline xmlns=\"urn:bedside:guideline:1\" id=\"t\" version=\"1.0.0\"><metadata/></guideline>",
                     BEDSIDE_GUIDELINE_ERROR_ENCODING, "UTF-8");
  assert_peek_fails ("no-metadata.xml", HEAD "</guideline>", BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<metadata>");
  {
    static const char nul_text[] = HEAD "<metadata>\n<title>a\0b</title>";
    g_autofree char *path = write_temp ("nul.xml", nul_text, sizeof nul_text - 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(BedsideGuidelineInfo) info = bedside_guideline_peek_metadata (path, &error);
    g_assert_null (info);
    g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_ENCODING);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BedsideGuidelineInfo) info = bedside_guideline_peek_metadata (tmp_dir, &error);
    g_assert_null (info);
    g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO);
  }
}

/* A file the peek refuses never loads in full; one it accepts loads with
 * the same metadata or fails for a reason beyond the metadata. */
static void
test_agrees_with_loader (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "broken", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) peek_error = NULL;
      g_autoptr(GError) load_error = NULL;
      g_autoptr(BedsideGuidelineInfo) info = bedside_guideline_peek_metadata (path, &peek_error);
      g_autoptr(BedsideGuideline) full = bedside_guideline_new_from_file (path, &load_error);

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      n++;
      g_test_message ("%s: peek %s", name, peek_error ? peek_error->message : "ok");
      if (info == NULL)
        g_assert_null (full);
      if (full != NULL)
        g_assert_cmpstr (info->title, ==, bedside_guideline_get_title (full));
    }
  g_assert_cmpuint (n, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("bedside-test-peek-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/guideline-peek/metadata", test_metadata);
  g_test_add_func ("/guideline-peek/bundled", test_bundled);
  g_test_add_func ("/guideline-peek/stops-after-metadata", test_stops_after_metadata);
  g_test_add_func ("/guideline-peek/errors", test_errors);
  g_test_add_func ("/guideline-peek/agrees-with-loader", test_agrees_with_loader);

  status = g_test_run ();

  {
    g_autoptr(GDir) handle = g_dir_open (tmp_dir, 0, NULL);
    const char *name;
    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }
  return status;
}
