/* test-consultation.c: saved consultations: round trip, privacy, atomic saves, damaged files, other versions. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bedside-consultation.h"
#include "bedside-evaluator.h"

/* ---- helpers ------------------------------------------------------------ */

static char *
read_tiny_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  g_auto(GStrv) parts = g_strsplit (text, old, -1);

  g_assert_cmpuint (g_strv_length (parts), >=, 2);
  return g_strjoinv (new, parts);
}

static BedsideGuideline *
guideline_from_text (const char *text,
                     const char *name)
{
  g_autoptr(GError) error = NULL;
  BedsideGuideline *guideline = bedside_guideline_new_from_data (text, strlen (text), name, &error);

  g_assert_no_error (error);
  return guideline;
}

/* tiny.xml with one item of each type it lacks. */
static BedsideGuideline *
load_tiny_all_types (void)
{
  g_autofree char *text = read_tiny_text ();
  g_autofree char *extended =
    replace (text, "    </section>",
             "      <item id=\"weight\" type=\"decimal\" min=\"1\" max=\"400\" unit=\"kg\"><label>Weight</label></item>\n"
             "      <item id=\"note\" type=\"text\"><label>Note</label></item>\n"
             "      <item id=\"onset\" type=\"date\"><label>Onset</label></item>\n"
             "    </section>");

  return guideline_from_text (extended, "tiny-all-types.xml");
}

static guint
item_index (BedsideGuideline *guideline,
            const char       *id)
{
  const BedsideItem *item = bedside_guideline_lookup_item (guideline, id);

  g_assert_nonnull (item);
  return item->index;
}

static void
set (BedsideSession *session,
     const char     *id,
     const char     *text)
{
  g_autoptr(GError) error = NULL;

  bedside_session_set_answer_from_string (session, item_index (bedside_session_get_guideline (session), id),
                                          text, &error);
  g_assert_no_error (error);
}

static char *
answer (BedsideSession *session,
        const char     *id)
{
  const BedsideValue *value =
    bedside_session_get_answer (session, item_index (bedside_session_get_guideline (session), id));

  if (value->state != BEDSIDE_VALUE_KNOWN)
    return g_strdup ("<unknown>");
  return bedside_value_to_string (value, bedside_guideline_lookup_item (bedside_session_get_guideline (session), id)->codes);
}

static char *
answers_text (BedsideSession *session)
{
  g_autoptr(JsonNode) node = bedside_session_answers_to_json (session);

  return json_to_string (node, FALSE);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bedside-test-consultation-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *path,
            const char *text,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
}

/* ---- tests -------------------------------------------------------------- */

static void
test_round_trip (void)
{
  g_autoptr(BedsideGuideline) guideline = load_tiny_all_types ();
  g_autoptr(BedsideSession) session = bedside_session_new (guideline);
  g_autoptr(BedsideSession) loaded = bedside_session_new (guideline);
  g_autoptr(BedsidePatient) patient = bedside_patient_new ("Ada Example", "2024-03-01");
  g_autoptr(BedsidePatient) loaded_patient = NULL;
  g_autoptr(GPtrArray) mismatches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "tiny.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  JsonObject *object, *meta;

  set (session, "age", "40");
  set (session, "red_flag", "no");
  set (session, "pain", "severe");
  set (session, "weight", "72.5");
  set (session, "note", "Lifts boxes at work; \"quotes\" and ünïcode");
  set (session, "onset", "2024-02-27");

  g_assert_true (bedside_consultation_save (session, patient, BEDSIDE_CONSULTATION_SAVE_INCLUDE_PATIENT, path, &error));
  g_assert_no_error (error);

  /* The file says what it is and which guideline file it belongs to. */
  text = read_text (path);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "bedside-consultation");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 2);
  meta = json_object_get_object_member (object, "guideline");
  g_assert_cmpstr (json_object_get_string_member (meta, "id"), ==, "tiny");
  g_assert_cmpstr (json_object_get_string_member (meta, "version"), ==, "1.2.3");
  g_assert_cmpstr (json_object_get_string_member (meta, "sha256"), ==, bedside_guideline_get_sha256 (guideline));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "answers"), "red_flag") == FALSE);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "patient"), "name"),
                   ==, "Ada Example");

  g_assert_true (bedside_consultation_load (loaded, path, &loaded_patient, &mismatches, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mismatches->len, ==, 0);
  before = answers_text (session);
  after = answers_text (loaded);
  g_assert_cmpstr (before, ==, after);
  for (const char * const *id = (const char * const []) { "age", "red_flag", "pain", "weight", "note", "onset", NULL };
       *id != NULL; id++)
    {
      g_autofree char *a = answer (session, *id);
      g_autofree char *b = answer (loaded, *id);
      g_assert_cmpstr (a, ==, b);
    }
  g_assert_true (bedside_session_is_enabled (loaded, item_index (guideline, "pain")));
  g_assert_nonnull (loaded_patient);
  g_assert_cmpstr (loaded_patient->name, ==, "Ada Example");
  g_assert_cmpstr (loaded_patient->visit_date, ==, "2024-03-01");

  /* The CLI reads the same file as answers. */
  {
    g_autoptr(BedsideSession) cli = bedside_session_new (guideline);
    g_autoptr(JsonNode) answers = bedside_answers_file_read (path, &error);

    g_assert_no_error (error);
    g_assert_true (bedside_session_load_answers_json (cli, answers, path, &error));
    g_assert_no_error (error);
  }

  remove_dir (dir);
}

/* The visit date is printed on the handout: only a real date in the one
 * form the app keeps passes. */
static void
test_visit_date (void)
{
  const char *good[] = { "2024-03-01", "2024-02-29", "2025-12-31", "0001-01-01", NULL };
  const char *bad[] = { "2026-13-45", "2025-02-30", "2023-02-29", "2025-00-10", "2025-04-31", "2025-1-05",
                        "25-01-05", "2025/01/05", "2025-01-05 ", " 2025-01-05", "2025-01-0x", "0000-01-01",
                        "", "today", NULL };

  for (guint i = 0; good[i] != NULL; i++)
    if (!bedside_patient_visit_date_is_valid (good[i]))
      g_error ("%s is refused", good[i]);
  for (guint i = 0; bad[i] != NULL; i++)
    if (bedside_patient_visit_date_is_valid (bad[i]))
      g_error ("'%s' is accepted", bad[i]);
  g_assert_false (bedside_patient_visit_date_is_valid (NULL));
}

static void
test_patient_only_when_asked (void)
{
  g_autoptr(BedsideGuideline) guideline = load_tiny_all_types ();
  g_autoptr(BedsideSession) session = bedside_session_new (guideline);
  g_autoptr(BedsidePatient) patient = bedside_patient_new ("Ada Example", "2024-03-01");
  g_autoptr(BedsideConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "tiny.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *data = NULL;
  GStatBuf st;

  set (session, "age", "40");
  g_assert_true (bedside_consultation_save (session, patient, BEDSIDE_CONSULTATION_SAVE_NONE, path, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_null (strstr (text, "Ada"));
  g_assert_null (strstr (text, "2024-03-01"));
  g_assert_null (strstr (text, "patient"));
  consultation = bedside_consultation_read (path, &error);
  g_assert_no_error (error);
  g_assert_null (bedside_consultation_get_patient (consultation));

  /* Only the user may read it. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* Asked for, but nothing to include: no empty object either. */
  {
    g_autoptr(BedsidePatient) nobody = bedside_patient_new ("", NULL);
    data = bedside_consultation_to_data (session, nobody, BEDSIDE_CONSULTATION_SAVE_INCLUDE_PATIENT, NULL);
    g_assert_null (strstr (data, "patient"));
  }
  remove_dir (dir);
}

static void
save_or_fail (BedsideSession *session,
              const char     *path,
              gboolean        expect_success)
{
  g_autoptr(GError) error = NULL;
  gboolean saved = bedside_consultation_save (session, NULL, BEDSIDE_CONSULTATION_SAVE_NONE, path, &error);

  if (expect_success)
    {
      g_assert_no_error (error);
      g_assert_true (saved);
    }
  else
    {
      g_assert_false (saved);
      g_assert_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_IO);
      g_assert_nonnull (strstr (error->message, path));
    }
}

static void
test_atomic_save (void)
{
  g_autoptr(BedsideGuideline) guideline = load_tiny_all_types ();
  g_autoptr(BedsideSession) session = bedside_session_new (guideline);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "tiny.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "tiny.json", NULL);
  g_autofree char *old_text = NULL;
  struct rlimit old_limit, limit;
  void (*old_handler) (int);

  set (session, "age", "40");
  save_or_fail (session, path, TRUE);
  old_text = read_text (path);
  set (session, "age", "41");
  set (session, "note", "A much longer answer than the file had before, so the new file is larger.");

  /* The disk fills up halfway through the new file: a file size limit
   * makes write() fail, for root as well (a read-only folder would not). */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 64;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  save_or_fail (session, path, FALSE);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);
  {
    g_autofree char *text = read_text (path);
    g_assert_cmpstr (text, ==, old_text);
  }
  /* ... and no temporary file is left behind. */
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* The temporary file cannot even be created. */
  save_or_fail (session, missing, FALSE);
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
      save_or_fail (session, path, FALSE);
      g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
      {
        g_autofree char *text = read_text (path);
        g_assert_cmpstr (text, ==, old_text);
      }
    }
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* Over a folder: refused before anything is written. */
  {
    g_autofree char *folder = g_build_filename (dir, "a-folder", NULL);
    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    save_or_fail (session, folder, FALSE);
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    g_assert_cmpuint (count_files (dir), ==, 2);
    g_rmdir (folder);
  }

  /* Over a symbolic link: refused, the link and its file left as they were. */
  {
    g_autofree char *link = g_build_filename (dir, "link.json", NULL);
    g_assert_cmpint (symlink (path, link), ==, 0);
    save_or_fail (session, link, FALSE);
    g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    g_assert_cmpuint (count_files (dir), ==, 2);
    g_unlink (link);
  }

  /* A save killed halfway (kill -9) left its temporary file, with the
   * patient's answers in it: the next save in the folder removes it. */
  {
    g_autofree char *stale = g_build_filename (dir, ".tiny.json.bedside-Ab12Cd", NULL);
    struct timeval an_hour_ago[2] = { { .tv_sec = time (NULL) - 3600 }, { .tv_sec = time (NULL) - 3600 } };

    g_assert_true (g_file_set_contents (stale, "{\"patient\": {\"name\": \"Ada Example\"}", -1, NULL));
    g_assert_cmpint (utimes (stale, an_hour_ago), ==, 0);
    g_assert_cmpuint (count_files (dir), ==, 2);
    save_or_fail (session, path, TRUE);
    g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  }

  /* With room again, the save goes through. */
  save_or_fail (session, path, TRUE);
  {
    g_autofree char *text = read_text (path);
    g_assert_nonnull (strstr (text, "much longer"));
  }
  g_assert_cmpuint (count_files (dir), ==, 1);
  remove_dir (dir);
}

static void
assert_refused (BedsideSession *session,
                const char     *path,
                gint            code)
{
  g_autofree char *before = answers_text (session);
  guint64 serial = bedside_session_get_serial (session);
  g_autoptr(BedsidePatient) patient = NULL;
  g_autoptr(GPtrArray) mismatches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_false (bedside_consultation_load (session, path, &patient, &mismatches, &error));
  g_assert_error (error, BEDSIDE_CONSULTATION_ERROR, code);
  if (strstr (error->message, path) == NULL)
    g_error ("the error does not name the file: %s", error->message);
  g_assert_null (patient);
  g_assert_null (mismatches);
  after = answers_text (session);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (bedside_session_get_serial (session), ==, serial);
}

static void
test_damaged_files (void)
{
  g_autoptr(BedsideGuideline) guideline = load_tiny_all_types ();
  g_autoptr(BedsideSession) source = bedside_session_new (guideline);
  g_autoptr(BedsideSession) session = bedside_session_new (guideline);
  g_autoptr(BedsidePatient) patient = bedside_patient_new ("Ada Example", NULL);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "damaged.json", NULL);
  g_autofree char *good = NULL;
  gsize length;
  struct {
    const char *text;
    gint        code;
  } cases[] = {
    { "", BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "not json at all", BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "[1, 2, 3]", BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"age\": 40}", BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"something-else\", \"version\": 1}", BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 3, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {}}",
      BEDSIDE_CONSULTATION_ERROR_NEWER_FORMAT },
    /* Format 2: the clinician's decisions, note and name, each checked. */
    { "{\"format\": \"bedside-consultation\", \"version\": 2, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {}, \"decisions\": []}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 2, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {}, \"decisions\": {\"no such id!\": {\"declined\": true}}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 2, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {}, \"decisions\": {\"rest\": {\"declined\": \"yes\"}}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 2, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {}, \"decisions\": {\"rest\": {\"declined\": true, \"why\": \"x\"}}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 2, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {}, \"decisions\": {\"rest\": {\"declined\": true, \"reason\": 1}}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 2, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {}, \"note\": false}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 2, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {}, \"clinician\": [\"Dr\"]}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"answers\": {}}", BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": []}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\", \"sha256\": \"abc\"}, \"answers\": {}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {}, \"patient\": \"Ada\"}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {\"age\": 40, \"age\": 41}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"other\", \"version\": \"1.2.3\"}, \"answers\": {}}",
      BEDSIDE_CONSULTATION_ERROR_OTHER_GUIDELINE },
    /* JSON that json-glib reads leniently (issue 13): each refused. */
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {\"age\": 040}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {\"red_flag\": true, 'red_flag': false}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {\"red_flag\": true /*, \"red_flag\": false */}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {\"red_flag\": true, \"red\\u005fflag\": false}}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {},}",
      BEDSIDE_CONSULTATION_ERROR_DAMAGED },
  };

  set (source, "age", "40");
  set (source, "red_flag", "no");
  set (source, "pain", "mild");
  set (source, "note", "Something to lose");
  good = bedside_consultation_to_data (source, patient, BEDSIDE_CONSULTATION_SAVE_INCLUDE_PATIENT, &length);

  /* The session already holds answers that must survive every refusal. */
  set (session, "age", "77");
  set (session, "red_flag", "yes");

  /* Cut anywhere before the closing brace: every truncation is refused. */
  for (gsize cut = 0; cut + 1 < length; cut++)
    {
      write_text (path, good, (gssize) cut);
      assert_refused (session, path, BEDSIDE_CONSULTATION_ERROR_DAMAGED);
    }
  /* One byte changed, where it breaks the JSON. */
  {
    g_autofree char *broken = g_strdup (good);
    char *colon = strchr (broken, ':');
    *colon = ';';
    write_text (path, broken, -1);
    assert_refused (session, path, BEDSIDE_CONSULTATION_ERROR_DAMAGED);
    /* Binary junk: a NUL byte in the middle. */
    broken[length / 2] = '\0';
    write_text (path, broken, (gssize) length);
    assert_refused (session, path, BEDSIDE_CONSULTATION_ERROR_DAMAGED);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      write_text (path, cases[i].text, -1);
      assert_refused (session, path, cases[i].code);
    }

  /* The same guideline file, yet an answer it cannot hold: edited or damaged. */
  {
    g_autofree char *text = replace (good, "\"age\" : 40", "\"age\" : 400");
    write_text (path, text, -1);
    assert_refused (session, path, BEDSIDE_CONSULTATION_ERROR_DAMAGED);
  }

  /* Not a file at all. */
  assert_refused (session, dir, BEDSIDE_CONSULTATION_ERROR_IO);
  {
    g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
    assert_refused (session, missing, BEDSIDE_CONSULTATION_ERROR_IO);
  }

  /* And the intact file still loads. */
  write_text (path, good, (gssize) length);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *a = NULL;
    g_assert_true (bedside_consultation_load (session, path, NULL, NULL, &error));
    g_assert_no_error (error);
    a = answer (session, "age");
    g_assert_cmpstr (a, ==, "40");
  }
  remove_dir (dir);
}

static void
test_other_version (void)
{
  g_autofree char *text = read_tiny_text ();
  g_autofree char *v2 = NULL;
  g_autoptr(BedsideGuideline) old_guideline = guideline_from_text (text, "tiny.xml");
  g_autoptr(BedsideGuideline) new_guideline = NULL;
  g_autoptr(BedsideSession) session = bedside_session_new (old_guideline);
  g_autoptr(BedsideConsultation) consultation = NULL;
  g_autoptr(BedsideSession) restored = NULL;
  g_autoptr(GPtrArray) mismatches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  g_autofree char *edited = NULL;
  gboolean seen_age = FALSE, seen_pain = FALSE, seen_gone = FALSE;

  /* Version 1.3.0: age capped at 100, and "severe" renamed "intense". */
  {
    g_autofree char *a = replace (text, "version=\"1.2.3\"", "version=\"1.3.0\"");
    g_autofree char *b = replace (a, "max=\"120\"", "max=\"100\"");
    g_autofree char *c = replace (b, "<option code=\"severe\">Severe pain</option>", "<option code=\"intense\">Intense pain</option>");
    v2 = replace (c, "pain = 'severe'", "pain = 'intense'");
  }
  new_guideline = guideline_from_text (v2, "tiny-1.3.0.xml");

  set (session, "age", "110");
  set (session, "red_flag", "no");
  set (session, "pain", "severe");
  data = bedside_consultation_to_data (session, NULL, BEDSIDE_CONSULTATION_SAVE_NONE, NULL);
  /* An item the old version had and the new one dropped. */
  root = json_from_string (data, &error);
  g_assert_no_error (error);
  json_object_set_boolean_member (json_object_get_object_member (json_node_get_object (root), "answers"),
                                  "old_item", TRUE);
  edited = json_to_string (root, TRUE);

  consultation = bedside_consultation_read_data (edited, -1, "saved.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bedside_consultation_get_guideline_version (consultation), ==, "1.2.3");
  g_assert_false (bedside_consultation_matches (consultation, new_guideline));

  restored = bedside_consultation_restore (consultation, new_guideline, &mismatches, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpuint (mismatches->len, ==, 3);
  for (guint i = 0; i < mismatches->len; i++)
    {
      BedsideAnswerMismatch *mismatch = mismatches->pdata[i];

      g_test_message ("%s: %s", mismatch->item_id, mismatch->message);
      g_assert_cmpstr (mismatch->message, !=, "");
      g_assert_false (g_str_has_prefix (mismatch->message, mismatch->item_id));
      if (g_str_equal (mismatch->item_id, "age"))
        seen_age = strstr (mismatch->message, "100") != NULL;
      else if (g_str_equal (mismatch->item_id, "pain"))
        seen_pain = strstr (mismatch->message, "severe") != NULL;
      else if (g_str_equal (mismatch->item_id, "old_item"))
        seen_gone = TRUE;
    }
  g_assert_true (seen_age && seen_pain && seen_gone);

  /* What still fits is kept. */
  {
    g_autofree char *red_flag = answer (restored, "red_flag");
    g_autofree char *age = answer (restored, "age");
    g_autofree char *pain = answer (restored, "pain");
    g_assert_cmpstr (red_flag, ==, "no");
    g_assert_cmpstr (age, ==, "<unknown>");
    g_assert_cmpstr (pain, ==, "<unknown>");
  }

  /* With the very guideline it names, an item that version never had
   * means the file was edited or damaged: refused as a whole. */
  g_clear_pointer (&mismatches, g_ptr_array_unref);
  g_clear_pointer (&restored, bedside_session_unref);
  restored = bedside_consultation_restore (consultation, old_guideline, &mismatches, &error);
  g_assert_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED);
  g_assert_null (restored);
  g_assert_null (mismatches);
  g_clear_error (&error);

  /* Another guideline altogether is refused. */
  {
    g_autofree char *other_text = replace (text, "id=\"tiny\"", "id=\"other\"");
    g_autoptr(BedsideGuideline) other = guideline_from_text (other_text, "other.xml");

    restored = bedside_consultation_restore (consultation, other, &mismatches, &error);
    g_assert_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_OTHER_GUIDELINE);
    g_assert_null (restored);
  }
}

/* Format 2: what the clinician made of the plan travels with the answers,
 * and reaches the plan that bedside_evaluate () makes; format 1 still opens. */
static void
test_decisions (void)
{
  g_autofree char *text = read_tiny_text ();
  g_autoptr(BedsideGuideline) guideline = guideline_from_text (text, "tiny.xml");
  g_autoptr(BedsideSession) session = bedside_session_new (guideline);
  g_autoptr(BedsideConsultation) consultation = NULL;
  g_autoptr(BedsideSession) restored = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_autoptr(GPtrArray) mismatches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  BedsideDecisions *decisions = bedside_session_get_decisions (session);
  const char *reason = NULL;
  gboolean rest_declined = FALSE;

  set (session, "age", "40");
  set (session, "red_flag", "no");
  set (session, "pain", "severe");
  bedside_decisions_decline (decisions, "rest", "  Cannot stay active: wheelchair user.  ");
  bedside_decisions_decline (decisions, "drug", NULL);
  bedside_decisions_set_note (decisions, "Discussed heat and the safety net.");
  bedside_decisions_set_clinician (decisions, "Dr A. Example");

  data = bedside_consultation_to_data (session, NULL, BEDSIDE_CONSULTATION_SAVE_NONE, NULL);
  g_assert_nonnull (strstr (data, "\"version\" : 2"));
  g_assert_nonnull (strstr (data, "\"reason\" : \"Cannot stay active: wheelchair user.\""));
  consultation = bedside_consultation_read_data (data, -1, "saved.json", &error);
  g_assert_no_error (error);
  restored = bedside_consultation_restore (consultation, guideline, &mismatches, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mismatches->len, ==, 0);

  decisions = bedside_session_get_decisions (restored);
  g_assert_true (bedside_decisions_is_declined (decisions, "rest", &reason));
  g_assert_cmpstr (reason, ==, "Cannot stay active: wheelchair user.");
  g_assert_true (bedside_decisions_is_declined (decisions, "drug", &reason));
  g_assert_null (reason);
  g_assert_false (bedside_decisions_is_declined (decisions, "info_note", NULL));
  g_assert_cmpstr (bedside_decisions_get_note (decisions), ==, "Discussed heat and the safety net.");
  g_assert_cmpstr (bedside_decisions_get_clinician (decisions), ==, "Dr A. Example");

  /* The plan marks the declined entry; it does not drop it. */
  plan = bedside_evaluate (restored, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < bedside_care_plan_get_n_entries (plan); i++)
    if (g_str_equal (bedside_care_plan_get_entry (plan, i)->recommendation->id, "rest"))
      rest_declined = bedside_care_plan_is_declined (plan, i, NULL);
  g_assert_true (rest_declined);

  /* A declined recommendation the guideline does not have: with the very
   * file it names the consultation is damaged. */
  {
    g_autoptr(JsonNode) root = json_from_string (data, &error);
    g_autofree char *edited = NULL;
    g_autoptr(BedsideConsultation) bad = NULL;
    g_autoptr(BedsideSession) none = NULL;
    JsonObject *declined = json_object_get_object_member (json_node_get_object (root), "decisions");

    json_object_set_object_member (declined, "no_such_recommendation", json_object_ref (json_object_get_object_member (declined, "drug")));
    edited = json_to_string (root, TRUE);
    bad = bedside_consultation_read_data (edited, -1, "edited.json", &error);
    g_assert_no_error (error);
    none = bedside_consultation_restore (bad, guideline, NULL, &error);
    g_assert_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED);
    g_assert_null (none);
    g_clear_error (&error);
  }

  /* Format 1 files (no decisions) still open, with none. */
  {
    g_autoptr(BedsideConsultation) old = NULL;
    g_autoptr(BedsideSession) old_session = NULL;
    const char *v1 = "{\"format\": \"bedside-consultation\", \"version\": 1, "
                     "\"guideline\": {\"id\": \"tiny\", \"version\": \"1.2.3\"}, \"answers\": {\"age\": 40}}";

    old = bedside_consultation_read_data (v1, -1, "v1.json", &error);
    g_assert_no_error (error);
    old_session = bedside_consultation_restore (old, guideline, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (bedside_decisions_is_empty (bedside_session_get_decisions (old_session)));
  }

  /* A new consultation forgets them. */
  bedside_session_clear (restored);
  g_assert_true (bedside_decisions_is_empty (bedside_session_get_decisions (restored)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consultation/round-trip", test_round_trip);
  g_test_add_func ("/consultation/patient-only-when-asked", test_patient_only_when_asked);
  g_test_add_func ("/consultation/visit-date", test_visit_date);
  g_test_add_func ("/consultation/atomic-save", test_atomic_save);
  g_test_add_func ("/consultation/damaged-files", test_damaged_files);
  g_test_add_func ("/consultation/other-version", test_other_version);
  g_test_add_func ("/consultation/decisions", test_decisions);

  return g_test_run ();
}
