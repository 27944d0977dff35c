/* test-cli.c: runs the built bedside-cli (path in $BEDSIDE_CLI) and checks its contract. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct {
  int   status;   /* the exit status */
  char *out;
  char *err;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs bedside-cli with the NULL-terminated arguments. */
static void
run_cli (CliRun     *run,
         const char *first_argument,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("BEDSIDE_CLI");
  const char *argument;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first_argument);
  for (argument = first_argument; argument != NULL; argument = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) argument);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  cli_run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (wait_status, &error))
    run->status = 0;
  else
    {
      g_assert_true (g_error_matches (error, G_SPAWN_EXIT_ERROR, error->code));
      run->status = error->code;
    }

  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

/* Runs bedside-cli, with the arguments from @first_argument on, through
 * @launcher (whose stdout and stderr are pipes), feeding @stdin_text. */
static void
run_launcher (CliRun              *run,
              GSubprocessLauncher *launcher,
              const char          *stdin_text,
              const char          *first_argument,
              va_list              args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("BEDSIDE_CLI"));
  for (const char *argument = first_argument; argument != NULL; argument = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) argument);
  g_ptr_array_add (argv, NULL);

  cli_run_clear (run);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

/* Runs bedside-cli with @stdin_text (or the file @stdin_path) as its
 * standard input. */
static void
run_cli_stdin (CliRun     *run,
               const char *stdin_text,
               const char *stdin_path,
               const char *first_argument,
               ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  va_list args;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (stdin_path == NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  va_start (args, first_argument);
  run_launcher (run, launcher, stdin_text, first_argument, args);
  va_end (args);
}

static char *
data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "cli", name, NULL);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("'%s' not found in:\n%s", needle, haystack);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static gboolean
plan_has (JsonObject *plan,
          const char *id)
{
  JsonArray *recommendations = json_object_get_array_member (plan, "recommendations");

  for (guint i = 0; i < json_array_get_length (recommendations); i++)
    {
      JsonObject *rec = json_array_get_object_element (recommendations, i);

      if (g_str_equal (json_object_get_string_member (rec, "id"), id))
        return TRUE;
    }
  return FALSE;
}

static void
test_help (void)
{
  static const char * const commands[] = { "validate", "lint", "questions", "evaluate", "test" };
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    assert_contains (run.out, commands[i]);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("bedside-cli %s", commands[i]);

      run_cli (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      assert_contains (run.out, "Usage:");
      assert_contains (run.out, usage);
    }

  run_cli (&run, "evaluate", "--help", NULL);
  assert_contains (run.out, "--answers");
  assert_contains (run.out, "--batch");
  assert_contains (run.out, "--audience");
}

static void
test_usage_errors (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *tiny = data_file ("tiny.xml");
  g_autofree char *answers = data_file ("tiny-red-flag.json");

  run_cli (&run, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "Usage:");

  run_cli (&run, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "unknown command 'frobnicate'");
  g_assert_cmpstr (run.out, ==, "");

  run_cli (&run, "validate", "--bogus", tiny, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "--bogus");

  run_cli (&run, "validate", NULL);
  g_assert_cmpint (run.status, ==, 2);

  run_cli (&run, "lint", tiny, tiny, NULL);
  g_assert_cmpint (run.status, ==, 2);

  run_cli (&run, "evaluate", tiny, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "--answers");

  run_cli (&run, "evaluate", tiny, "--answers", answers, "--batch", answers, NULL);
  g_assert_cmpint (run.status, ==, 2);

  run_cli (&run, "evaluate", tiny, "--answers", answers, "--format", "yaml", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "yaml");

  run_cli (&run, "evaluate", tiny, "--answers", answers, "--format", "pdf", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "PDF");

  run_cli (&run, "evaluate", tiny, "--answers", answers, "--audience", "nurse", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "nurse");

  /* A language without a translation fails (exit 1, test-handout-lang.sh);
   * what is not a language code is a usage error. */
  run_cli (&run, "evaluate", tiny, "--answers", answers, "--lang", "../xx", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "'../xx' is not a language code");

  run_cli (&run, "evaluate", tiny, "--batch", answers, "--format", "text", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* The emergency number is a number a patient can dial. */
  for (const char * const *bad = (const char * const []) { "", "call 911", "9;1", "1+1", "12345678901234567890123456789012345", NULL };
       *bad != NULL; bad++)
    {
      run_cli (&run, "evaluate", tiny, "--answers", answers, "--audience", "patient", "--emergency-number", *bad, NULL);
      g_assert_cmpint (run.status, ==, 2);
      assert_contains (run.err, "--emergency-number");
    }
  /* The help box is the handout's: a JSON plan has none. */
  run_cli (&run, "evaluate", tiny, "--answers", answers, "--format", "json", "--emergency-number", "112", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "--emergency-number");
  run_cli (&run, "evaluate", tiny, "--answers", answers, "--format", "json", "--clinic-phone", "555-0142", NULL);
  g_assert_cmpint (run.status, ==, 2);
  /* The header's other details are the PDF's. */
  run_cli (&run, "evaluate", tiny, "--answers", answers, "--patient-name", "Jane Doe", NULL);
  g_assert_cmpint (run.status, ==, 2);

  run_cli (&run, "test", tiny, NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_validate (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *tiny = data_file ("tiny.xml");
  g_autofree char *broken = data_file ("broken.xml");
  g_autofree char *tiny_valid = g_strdup_printf ("%s: valid (tiny 1.2.3, 3 items, 6 recommendations), unverified\n", tiny);
  g_autofree char *broken_line = g_strdup_printf ("%s:84: ", broken);

  run_cli (&run, "validate", tiny, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, tiny_valid);

  run_cli (&run, "validate", broken, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, broken_line));
  assert_contains (run.err, "r_nowhere");

  /* One bad file does not hide the verdict on the others. */
  run_cli (&run, "validate", broken, tiny, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, tiny_valid);

  run_cli (&run, "validate", "no-such-guideline", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "no-such-guideline: "));

  run_cli (&run, "validate", "back-spasm", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "back-spasm: valid (back-spasm "));
}

static void
test_lint (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *tiny = data_file ("tiny.xml");
  g_autofree char *broken = data_file ("broken.xml");
  g_autoptr(GRegex) issue = g_regex_new ("^.+?(:[0-9]+)?: (warning|note): \\[[a-z0-9-]+\\] .+$", 0, 0, NULL);
  g_auto(GStrv) lines = NULL;
  gboolean any_warning = FALSE;

  run_cli (&run, "lint", broken, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, ":84: ");

  run_cli (&run, "lint", tiny, NULL);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      if (g_str_has_suffix (lines[i], ": no issues"))
        continue;
      g_assert_true (g_str_has_prefix (lines[i], tiny));
      g_assert_true (g_regex_match (issue, lines[i], 0, NULL));
      any_warning |= strstr (lines[i], ": warning: ") != NULL;
    }
  g_assert_cmpint (run.status, ==, any_warning ? 1 : 0);
}

static void
test_questions (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *tiny = data_file ("tiny.xml");
  JsonArray *sections;
  JsonObject *item;

  run_cli (&run, "questions", tiny, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "1. The patient [patient]");
  assert_contains (run.out, "age (integer, required, 0..120 years)");
  assert_contains (run.out, "Help: In whole years.");
  assert_contains (run.out, "severe = Severe pain");
  assert_contains (run.out, "Asked when: not red_flag");
  g_assert_true (strstr (run.out, "\n  age ") < strstr (run.out, "\n  red_flag ") &&
                 strstr (run.out, "\n  red_flag ") < strstr (run.out, "\n  pain "));

  run_cli (&run, "questions", tiny, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  sections = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (sections), ==, 1);
  item = json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (sections, 0), "items"), 2);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, "pain");
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "choice");
  g_assert_true (json_object_get_boolean_member (item, "required"));
  g_assert_cmpstr (json_object_get_string_member (item, "enable_when"), ==, "not red_flag");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "options")), ==, 2);
  g_clear_pointer (&root, json_node_unref);

  run_cli (&run, "questions", "back-spasm", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  sections = json_node_get_array (root);
  item = json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (sections, 0), "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, "age");
}

static void
test_evaluate_tiny (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *tiny = data_file ("tiny.xml");
  g_autofree char *answers = data_file ("tiny-red-flag.json");
  g_autofree char *directory = NULL;
  g_autofree char *output = NULL;
  g_autofree char *written = NULL;
  JsonObject *plan;

  run_cli (&run, "evaluate", tiny, "--answers", answers, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  plan = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (plan, "pathway"), ==, "urgent");
  g_assert_true (plan_has (plan, "rest"));
  g_assert_true (plan_has (plan, "urgent_refer"));
  g_assert_false (plan_has (plan, "drug"));

  /* Text is the default format. */
  run_cli (&run, "evaluate", tiny, "--answers", answers, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "\nURGENT\n");
  assert_contains (run.out, "Pathway: urgent\n");

  run_cli (&run, "evaluate", tiny, "--answers", answers, "--audience", "patient", "--lang", "en", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "YOUR CARE PLAN");
  g_assert_null (strstr (run.out, "[1]"));

  run_cli (&run, "evaluate", tiny, "--answers", answers, "--audience", "both", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "\nWhy\n===\n");
  assert_contains (run.out, "YOUR CARE PLAN");

  /* Every handout says where to get help: 911 unless told otherwise, and
   * the clinic's phone when given. */
  run_cli (&run, "evaluate", tiny, "--answers", answers, "--audience", "patient", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "\nIn an emergency, call 911.\n");
  g_assert_null (strstr (run.out, "Questions?"));
  run_cli (&run, "evaluate", tiny, "--answers", answers, "--audience", "patient",
           "--emergency-number", "112", "--clinic", "Riverside Family Practice", "--clinic-phone", "555-0142", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "\nIn an emergency, call 112.\nQuestions? Call Riverside Family Practice at 555-0142.\n");
  g_assert_null (strstr (run.out, "911"));
  run_cli (&run, "evaluate", tiny, "--answers", answers, "--audience", "both",
           "--emergency-number", "+44 (0) 999", "--clinic-phone", "555-0142", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "\nIn an emergency, call +44 (0) 999.\nQuestions? Call the clinic at 555-0142.\n");
  /* …and nothing there is the clinician's alone. */
  g_assert_null (strstr (strstr (run.out, "YOUR CARE PLAN"), "UNDER REVIEW"));
  g_assert_null (strstr (strstr (run.out, "YOUR CARE PLAN"), "For testing only"));

  /* A handout in a language the guideline has no translation into is an
   * error naming the language, never English: whatever the audience. */
  for (const char * const *audience = (const char * const []) { "patient", "both", "clinician", NULL };
       *audience != NULL; audience++)
    {
      run_cli (&run, "evaluate", tiny, "--answers", answers, "--audience", *audience, "--lang", "de", NULL);
      g_assert_cmpint (run.status, ==, 1);
      assert_contains (run.err, "tiny.xml: no patient handout in 'de'");
      g_assert_cmpstr (run.out, ==, "");
    }

  directory = g_dir_make_tmp ("bedside-cli-XXXXXX", NULL);
  g_assert_nonnull (directory);
  output = g_build_filename (directory, "plan.json", NULL);
  run_cli (&run, "evaluate", tiny, "--answers", answers, "--format", "json", "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_file_get_contents (output, &written, NULL, NULL));
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (written);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "pathway"), ==, "urgent");
  g_unlink (output);
  g_rmdir (directory);
}

/* Rule 1 (1.1): the recommendations of both red-flag tiers. */
static const char * const red_flag_ids[] = {
  "urgent_cauda_equina", "emergency_deficit", "emergency_infection", "emergency_vascular",
  "emergency_trauma", "emergency_mscc", "urgent_cancer", "urgent_fracture", "interim_care",
};

static void
test_evaluate_acute (void)
{
  static const char * const expected[] = {
    "acupuncture", "analgesic_combination", "followup_acute", "heat", "massage",
    "muscle_relaxant_short", "no_lumbar_support", "no_routine_imaging", "no_tens", "nsaid",
    "safety_net", "spinal_manipulation", "stay_active",
  };
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *answers = data_file ("acute.json");
  JsonObject *plan;
  JsonArray *recommendations;

  run_cli (&run, "evaluate", "back-spasm", "--answers", answers, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  plan = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (plan, "guideline"), "id"),
                   ==, "back-spasm");
  g_assert_cmpstr (json_object_get_string_member (plan, "pathway"), ==, "acute");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!plan_has (plan, expected[i]))
      g_error ("the plan lacks '%s'", expected[i]);
  /* No red flag: neither tier of rule 1 (1.1). */
  for (guint i = 0; i < G_N_ELEMENTS (red_flag_ids); i++)
    g_assert_false (plan_has (plan, red_flag_ids[i]));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "recommendations")),
                    ==, G_N_ELEMENTS (expected));

  /* Format 2: the records file the plan used, and the medicines each
   * medicine recommendation offers. */
  {
    JsonArray *records = json_object_get_array_member (json_object_get_object_member (plan, "guideline"),
                                                       "medicine_records");
    JsonObject *record;

    g_assert_cmpuint (json_array_get_length (records), ==, 1);
    record = json_array_get_object_element (records, 0);
    g_assert_cmpstr (json_object_get_string_member (record, "id"), ==, "analgesics");
    g_assert_cmpuint (strlen (json_object_get_string_member (record, "sha256")), ==, 64);
  }

  recommendations = json_object_get_array_member (plan, "recommendations");
  for (guint i = 0; i < json_array_get_length (recommendations); i++)
    {
      JsonObject *rec = json_array_get_object_element (recommendations, i);

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "because")), >, 0);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "citations")), >, 0);
      if (g_str_equal (json_object_get_string_member (rec, "id"), "nsaid"))
        {
          JsonArray *medicines = json_object_get_array_member (rec, "medicines");

          /* It offers both NSAIDs of its record, and leaves none out. */
          g_assert_cmpuint (json_array_get_length (medicines), ==, 2);
          g_assert_cmpstr (json_array_get_string_element (medicines, 0), ==, "ibuprofen");
          g_assert_cmpstr (json_array_get_string_element (medicines, 1), ==, "naproxen");
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "left_out")), ==, 0);
        }
    }
}

static void
test_evaluate_bad_answers (void)
{
  static const struct {
    const char *file;
    const char *item;
  } cases[] = {
    { "unknown-item.json", "shoe_size" },
    { "wrong-type.json", "age" },
    { "out-of-range.json", "pain_severity" },
  };
  g_auto(CliRun) run = { 0 };
  g_autofree char *incomplete = data_file ("incomplete.json");
  g_autofree char *expected = g_strdup_printf ("%s: incomplete answers: missing duration_weeks, pain_severity\n",
                                               incomplete);

  run_cli (&run, "evaluate", "back-spasm", "--answers", incomplete, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_cmpstr (run.out, ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = data_file (cases[i].file);

      run_cli (&run, "evaluate", "back-spasm", "--answers", path, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_true (g_str_has_prefix (run.err, path));
      assert_contains (run.err, cases[i].item);
      g_assert_cmpstr (run.out, ==, "");
    }

  run_cli (&run, "evaluate", "back-spasm", "--answers", "/nonexistent/answers.json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "/nonexistent/answers.json");
}

static void
test_evaluate_batch (void)
{
  /* The third case has a red flag: whatever its pathway, it is urgent. */
  static const char * const pathways[] = { "acute", "chronic", NULL };
  g_auto(CliRun) run = { 0 };
  g_autofree char *batch = data_file ("batch.jsonl");
  g_autofree char *bad = data_file ("batch-bad.jsonl");
  g_autofree char *line_two = NULL;
  g_auto(GStrv) lines = NULL;

  run_cli (&run, "evaluate", "back-spasm", "--batch", batch, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);  /* three plans and the final "" */
  g_assert_cmpstr (lines[3], ==, "");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) root = parse_json (lines[i]);
      JsonObject *plan = json_node_get_object (root);

      g_assert_false (json_object_has_member (plan, "error"));
      if (pathways[i] != NULL)
        g_assert_cmpstr (json_object_get_string_member (plan, "pathway"), ==, pathways[i]);
      else
        g_assert_true (plan_has (plan, "urgent_cauda_equina"));
    }
  g_clear_pointer (&lines, g_strfreev);

  /* A bad line gives an error object in its place; the others go on. */
  run_cli (&run, "evaluate", "back-spasm", "--batch", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  line_two = g_strdup_printf ("%s:2", bad);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JsonNode) root = parse_json (lines[i]);
      JsonObject *object = json_node_get_object (root);

      g_assert_true (json_object_has_member (object, "error") == (i == 1 || i == 2));
    }
  assert_contains (lines[1], "batch-bad.jsonl:2");
  assert_contains (lines[2], "age");
  assert_contains (run.err, line_two);
}

static void
test_evaluate_output_errors (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *batch = data_file ("batch.jsonl");
  g_autofree char *answers = data_file ("acute.json");
  g_autofree char *directory = g_dir_make_tmp ("bedside-cli-XXXXXX", NULL);
  g_autofree char *missing_directory = g_build_filename (directory, "missing", "plans.jsonl", NULL);
  g_autofree char *output = g_build_filename (directory, "plans.jsonl", NULL);
  g_autofree char *contents = NULL;

  run_cli (&run, "evaluate", "back-spasm", "--batch", batch, "-o", missing_directory, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, missing_directory);

  run_cli (&run, "evaluate", "back-spasm", "--answers", answers, "-o", missing_directory, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, missing_directory);

  /* -o replaces the file whole. */
  g_assert_true (g_file_set_contents (output, "old contents\n", -1, NULL));
  run_cli (&run, "evaluate", "back-spasm", "--batch", batch, "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{\"guideline\":"));

  /* Every output, even one replacing a file others could read, is its
   * owner's only: a plan may carry the patient's name. */
  for (const char * const *format = (const char * const []) { "batch", "text", "json", "pdf", NULL }; *format; format++)
    {
      GStatBuf st;

      g_assert_true (g_file_set_contents (output, "old contents\n", -1, NULL));
      g_assert_cmpint (g_chmod (output, 0644), ==, 0);
      if (g_str_equal (*format, "batch"))
        run_cli (&run, "evaluate", "back-spasm", "--batch", batch, "-o", output, NULL);
      else
        run_cli (&run, "evaluate", "back-spasm", "--answers", answers, "--format", *format, "-o", output, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpint (g_stat (output, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }

  g_unlink (output);
  g_rmdir (directory);
}

/* The answers json-glib would read leniently (issue 13): each refused with
 * FILE:LINE:COLUMN, in an answers file, a batch line and a vignette, and
 * never a plan that dropped the red flag. */
static void
test_strict_json (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *acute = data_file ("acute.json");
  g_autofree char *contents = NULL;
  g_autofree char *directory = g_dir_make_tmp ("bedside-cli-XXXXXX", NULL);
  g_autofree char *answers = g_build_filename (directory, "answers.json", NULL);
  g_autofree char *batch = g_build_filename (directory, "cases.jsonl", NULL);
  g_autofree char *vignettes = g_build_filename (directory, "vignettes.jsonl", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *line = NULL;
  g_autofree char *octal = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *commented = NULL;
  g_autofree char *cases = NULL;
  g_autofree char *vignette = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) flat = NULL;

  g_assert_true (g_file_get_contents (acute, &contents, NULL, NULL));
  flat = g_strsplit (contents, "\n", -1);
  line = g_strjoinv ("", flat);
  g_strstrip (line);

  /* "age": 020 is not 16, nor 20: it is not JSON. */
  {
    g_auto(GStrv) parts = g_strsplit (line, "\"age\": 40", 2);
    octal = g_strjoinv ("\"age\": 020", parts);
  }
  /* A red flag said twice, the second time in single quotes or behind a
   * comment: json-glib kept "false" and dropped the red flag. */
  {
    g_auto(GStrv) parts = g_strsplit (line, "\"rf_cauda_equina\": false", 2);
    quoted = g_strjoinv ("\"rf_cauda_equina\": true, 'rf_cauda_equina': false", parts);
    commented = g_strjoinv ("\"rf_cauda_equina\": true /*, \"rf_cauda_equina\": false */", parts);
  }

  g_assert_true (g_file_set_contents (answers, octal, -1, NULL));
  run_cli (&run, "evaluate", "back-spasm", "--answers", answers, NULL);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("%s:1:11: a number may not start with 0", answers);
  g_assert_true (g_str_has_prefix (run.err, expected));
  g_assert_cmpstr (run.out, ==, "");

  g_assert_true (g_file_set_contents (answers, commented, -1, NULL));
  run_cli (&run, "evaluate", "back-spasm", "--answers", answers, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "comments are not allowed in JSON");
  g_assert_cmpstr (run.out, ==, "");

  cases = g_strjoin ("\n", line, octal, quoted, commented, "", NULL);
  g_assert_true (g_file_set_contents (batch, cases, -1, NULL));
  run_cli (&run, "evaluate", "back-spasm", "--batch", batch, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_null (strstr (lines[0], "\"error\""));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s:2:11: a number may not start with 0", batch);
  assert_contains (lines[1], expected);
  assert_contains (run.err, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s:3:", batch);
  assert_contains (lines[2], expected);
  assert_contains (lines[2], "single quotes are not JSON");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s:4:", batch);
  assert_contains (lines[3], expected);
  assert_contains (lines[3], "comments are not allowed in JSON");

  vignette = g_strdup_printf ("{\"name\": \"octal\", \"answers\": %s, \"expect\": {\"pathway\": \"acute\"}}\n", octal);
  g_assert_true (g_file_set_contents (vignettes, vignette, -1, NULL));
  run_cli (&run, "test", "back-spasm", vignettes, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s:1:", vignettes);
  assert_contains (run.out, expected);
  assert_contains (run.out, "a number may not start with 0");

  g_unlink (answers);
  g_unlink (batch);
  g_unlink (vignettes);
  g_rmdir (directory);
}

/* Inputs that are not regular files (issue 13): standard input when asked
 * for with "-", a batch from a pipe, and never a device or a FIFO read
 * without end or waited on. */
static void
test_input_streams (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *acute = data_file ("acute.json");
  g_autofree char *batch = data_file ("batch.jsonl");
  g_autofree char *answers = NULL;
  g_autofree char *cases = NULL;
  g_autofree char *directory = g_dir_make_tmp ("bedside-cli-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (directory, "answers.json", NULL);
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (acute, &answers, NULL, NULL));
  g_assert_true (g_file_get_contents (batch, &cases, NULL, NULL));

  run_cli_stdin (&run, answers, NULL, "evaluate", "back-spasm", "--answers", "-", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "\"pathway\" : \"acute\"");

  /* A batch from a pipe, line by line (it used to say "mmap() failed"). */
  run_cli_stdin (&run, cases, NULL, "evaluate", "back-spasm", "--batch", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);

  run_cli_stdin (&run, "{\"age\": 020}", NULL, "evaluate", "back-spasm", "--answers", "-", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "-:1:9: a number may not start with 0");

  /* Endless standard input: refused at the limit, in bounded memory. */
  run_cli_stdin (&run, NULL, "/dev/zero", "evaluate", "back-spasm", "--answers", "-", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "-: the file is too large (the limit is 4 MiB)");
  run_cli_stdin (&run, NULL, "/dev/zero", "evaluate", "back-spasm", "--batch", "-", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "-:1: the line is too long (the limit is 4 MiB)");

  /* A named device or FIFO is not read at all: /dev/zero used to grow to
   * gigabytes, a FIFO with no writer to block for ever. */
  run_cli (&run, "evaluate", "back-spasm", "--answers", "/dev/zero", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "/dev/zero: is not a regular file (give - to read standard input)\n");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  run_cli (&run, "evaluate", "back-spasm", "--answers", fifo, NULL);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("%s: is not a regular file", fifo);
  assert_contains (run.err, expected);
  run_cli (&run, "evaluate", "back-spasm", "--batch", fifo, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, expected);
  run_cli (&run, "test", "back-spasm", fifo, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, expected);
  run_cli (&run, "validate", fifo, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, expected);

  g_unlink (fifo);
  g_rmdir (directory);
}

/* -o writes only to a regular file or a new path (issue 13): a symbolic
 * link, a FIFO, a folder, the guideline and the answers file are left as
 * they were, and the command fails naming the path. */
static void
test_safe_outputs (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *acute = data_file ("acute.json");
  g_autofree char *directory = g_dir_make_tmp ("bedside-cli-XXXXXX", NULL);
  g_autofree char *answers = g_build_filename (directory, "answers.json", NULL);
  g_autofree char *answers_link = g_build_filename (directory, "answers-hard-link.json", NULL);
  g_autofree char *guideline = g_build_filename (directory, "guideline.xml", NULL);
  g_autofree char *target = g_build_filename (directory, "target.txt", NULL);
  g_autofree char *symlink_path = g_build_filename (directory, "link.txt", NULL);
  g_autofree char *fifo = g_build_filename (directory, "fifo", NULL);
  g_autofree char *plan = g_build_filename (directory, "plan.txt", NULL);
  g_autofree char *answers_text = NULL;
  g_autofree char *guideline_text = NULL;
  g_autofree char *cases = NULL;
  const char * const formats[] = { "text", "json", "pdf", NULL };

  g_assert_true (g_file_get_contents (acute, &answers_text, NULL, NULL));
  g_assert_true (g_file_set_contents (answers, answers_text, -1, NULL));
  g_assert_cmpint (link (answers, answers_link), ==, 0);
  {
    g_autofree char *bundled = g_build_filename (g_getenv ("BEDSIDE_GUIDELINES_DIR"), "back-spasm.xml", NULL);
    g_autofree char *records = g_build_filename (g_getenv ("BEDSIDE_GUIDELINES_DIR"), "medicines", "analgesics.xml", NULL);
    g_autofree char *records_dir = g_build_filename (directory, "medicines", NULL);
    g_autofree char *records_copy = g_build_filename (records_dir, "analgesics.xml", NULL);
    g_autofree char *records_text = NULL;

    g_assert_true (g_file_get_contents (bundled, &guideline_text, NULL, NULL));
    g_assert_true (g_file_set_contents (guideline, guideline_text, -1, NULL));
    /* The guideline reads its medicine records from medicines/ beside it. */
    g_assert_true (g_file_get_contents (records, &records_text, NULL, NULL));
    g_assert_cmpint (g_mkdir (records_dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (records_copy, records_text, -1, NULL));
  }
  g_assert_true (g_file_set_contents (target, "keep\n", -1, NULL));
  g_assert_cmpint (symlink (target, symlink_path), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint f = 0; formats[f] != NULL; f++)
    {
      const char * const outputs[] = { symlink_path, fifo, directory, guideline, answers, answers_link, NULL };
      const char * const expected[] = { ": is a symbolic link;", ": is a FIFO;", ": is a folder;",
                                        ": is the input", ": is the input", ": is the input" };

      for (guint o = 0; outputs[o] != NULL; o++)
        {
          g_autofree char *prefix = g_strdup_printf ("%s%s", outputs[o], expected[o]);

          run_cli (&run, "evaluate", guideline, "--answers", answers, "--format", formats[f],
                   "-o", outputs[o], NULL);
          g_assert_cmpint (run.status, ==, 1);
          g_assert_true (g_str_has_prefix (run.err, prefix));
          g_assert_cmpstr (run.out, ==, "");
        }
    }
  /* The batch output too, and its input. */
  run_cli (&run, "evaluate", "back-spasm", "--batch", answers, "-o", answers, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, ": is the input");
  run_cli (&run, "evaluate", "back-spasm", "--batch", answers, "-o", symlink_path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, ": is a symbolic link;");

  /* Everything as it was. */
  {
    g_autofree char *text = NULL;
    GStatBuf st;

    g_assert_true (g_file_test (symlink_path, G_FILE_TEST_IS_SYMLINK));
    g_assert_true (g_file_get_contents (target, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "keep\n");
    g_clear_pointer (&text, g_free);
    g_assert_cmpint (lstat (fifo, &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
    g_assert_true (g_file_get_contents (answers, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, answers_text);
    g_clear_pointer (&text, g_free);
    g_assert_true (g_file_get_contents (guideline, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, guideline_text);
  }

  /* A regular file or a new path is written; "-o -" is standard output. */
  run_cli (&run, "evaluate", guideline, "--answers", answers, "-o", plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (plan, G_FILE_TEST_IS_REGULAR));
  run_cli (&run, "evaluate", guideline, "--answers", answers, "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "back-spasm");

  g_unlink (plan);
  g_unlink (symlink_path);
  g_unlink (fifo);
  g_unlink (target);
  g_unlink (guideline);
  g_unlink (answers_link);
  g_unlink (answers);
  {
    g_autofree char *records_dir = g_build_filename (directory, "medicines", NULL);
    g_autofree char *records_copy = g_build_filename (records_dir, "analgesics.xml", NULL);

    g_unlink (records_copy);
    g_rmdir (records_dir);
  }
  g_rmdir (directory);
}

/* Runs bedside-cli with standard output on /dev/full. */
static void
run_cli_full (CliRun     *run,
              const char *first_argument,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) err = NULL;
  const char *argument;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("BEDSIDE_CLI"));
  va_start (args, first_argument);
  for (argument = first_argument; argument != NULL; argument = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) argument);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  cli_run_clear (run);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  run->err = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  run->out = g_strdup ("");
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstderr:\n%s", run->status, run->err);
}

/* Every command fails when its output cannot be written (> /dev/full):
 * lint, validate and test used to exit 0. */
static void
test_stdout_errors (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *acute = data_file ("acute.json");
  g_autofree char *batch = data_file ("batch.jsonl");
  g_autofree char *vignettes = g_test_build_filename (G_TEST_DIST, "data", "public-vignettes.jsonl", NULL);

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }

  run_cli_full (&run, "validate", "back-spasm", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "cannot write to standard output");
  run_cli_full (&run, "lint", "back-spasm", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "cannot write to standard output");
  run_cli_full (&run, "questions", "back-spasm", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "cannot write to standard output");
  run_cli_full (&run, "questions", "back-spasm", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_cli_full (&run, "evaluate", "back-spasm", "--answers", acute, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "cannot write to standard output");
  run_cli_full (&run, "evaluate", "back-spasm", "--answers", acute, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_cli_full (&run, "evaluate", "back-spasm", "--answers", acute, "--format", "pdf", "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_cli_full (&run, "evaluate", "back-spasm", "--batch", batch, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_cli_full (&run, "test", "back-spasm", vignettes, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "cannot write to standard output");
  run_cli_full (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 1);
}

/* An answer to a question not asked is an error naming the item, in an
 * answers file and in a batch line; a long list of problems is cut at 20
 * and counted, per file and per line. */
static void
test_not_asked_and_bounded (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *tiny = data_file ("tiny.xml");
  g_autofree char *directory = g_dir_make_tmp ("bedside-cli-XXXXXX", NULL);
  g_autofree char *answers = g_build_filename (directory, "answers.json", NULL);
  g_autofree char *batch = g_build_filename (directory, "cases.jsonl", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GString) unknown = g_string_new ("{");
  g_autofree char *cases = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_set_contents (answers, "{\"age\": 40, \"red_flag\": true, \"pain\": \"severe\"}", -1, NULL));
  run_cli (&run, "evaluate", tiny, "--answers", answers, NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* (after the warning that tiny.xml's review is overdue) */
  expected = g_strdup_printf ("\n%s: pain: answered, but these answers do not ask it (its enable-when is not true)\n",
                              answers);
  g_assert_true (g_str_has_suffix (run.err, expected));
  g_assert_cmpstr (run.out, ==, "");

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (unknown, "%s\"x%u\": 1", i > 0 ? ", " : "", i);
  g_string_append_c (unknown, '}');
  cases = g_strdup_printf ("{\"age\": 40, \"red_flag\": false, \"pain\": \"mild\"}\n"
                           "{\"age\": 40, \"red_flag\": true, \"pain\": \"mild\"}\n"
                           "%s\n%s\n", unknown->str, unknown->str);
  g_assert_true (g_file_set_contents (batch, cases, -1, NULL));
  run_cli (&run, "evaluate", tiny, "--batch", batch, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_null (strstr (lines[0], "\"error\""));
  assert_contains (lines[1], "pain: answered, but these answers do not ask it");
  assert_contains (lines[2], "… and 4980 more errors");
  /* 20 lines and the count for each of the two lines: not 10,000. */
  g_assert_cmpuint (strlen (run.err), <, 8 * 1024);
  assert_contains (run.err, ":4: … and 4980 more errors");

  g_unlink (answers);
  g_unlink (batch);
  g_rmdir (directory);
}

static void
test_vignettes (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *tiny = data_file ("tiny.xml");
  g_autofree char *tiny_vignettes = data_file ("tiny-vignettes.jsonl");
  g_autofree char *vignettes = g_test_build_filename (G_TEST_DIST, "data", "public-vignettes.jsonl", NULL);

  run_cli (&run, "test", tiny, tiny_vignettes, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.out, "PASS red flag\n");
  assert_contains (run.out, "FAIL wrong expectations: missing urgent_refer; unexpected drug; "
                            "pathway routine != urgent\n");
  assert_contains (run.out, "FAIL incomplete: incomplete answers: missing pain\n");
  assert_contains (run.out, "FAIL misspelt id: ");
  assert_contains (run.out, "'drugg'");
  assert_contains (run.out, "FAIL line 6: ");
  g_assert_true (g_str_has_suffix (run.out, "\n1 passed, 4 failed\n"));

  /* The 1.1 public vignettes (/shared/clinical/vignettes.jsonl). */
  run_cli (&run, "test", "back-spasm", vignettes, NULL);
  g_assert_true (g_str_has_suffix (run.out, "\n25 passed, 0 failed\n"));
  g_assert_cmpint (run.status, ==, 0);

  /* Our own vignettes (tests/gen-back-spasm-vignettes.py): every rule and
   * every boundary of the requirement.  Each line is one vignette, and
   * every one passes; 1.0 had 88, and 1.1 has more rules. */
  {
    g_autofree char *own = g_test_build_filename (G_TEST_DIST, "data", "back-spasm-vignettes.jsonl", NULL);
    g_autofree char *contents = NULL;
    g_autofree char *summary = NULL;
    g_auto(GStrv) lines = NULL;
    guint n = 0;

    g_assert_true (g_file_get_contents (own, &contents, NULL, NULL));
    lines = g_strsplit (contents, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      if (*lines[i] != '\0')
        n++;
    g_assert_cmpuint (n, >, 88);
    summary = g_strdup_printf ("\n%u passed, 0 failed\n", n);
    run_cli (&run, "test", "back-spasm", own, NULL);
    g_assert_true (g_str_has_suffix (run.out, summary));
    g_assert_cmpint (run.status, ==, 0);
  }
}

/* Every purpose-built broken guideline fails validation with exit 1 and
 * a FILE:LINE: message; none leaks another file's content. */
static void
test_broken_fixtures (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "broken", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GRegex) located = g_regex_new ("^[^\\n]+\\.xml:[0-9]+: ", 0, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_auto(CliRun) run = { 0 };
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      run_cli (&run, "validate", path, NULL);
      if (run.status != 1 || !g_str_has_prefix (run.err, path) || !g_regex_match (located, run.err, 0, NULL))
        g_error ("%s: expected exit 1 and '%s:LINE: …', got exit %d: %s", name, path, run.status, run.err);
      g_assert_null (strstr (run.err, "root:x:0"));
      g_assert_null (strstr (run.out, "root:x:0"));
      n++;
    }
  g_assert_cmpuint (n, >=, 20);
}

/* A guideline past its next review date still gives plans, and says on
 * stderr (and in the plan) that its review is overdue; a current one says
 * nothing. */
static void
test_review_overdue (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *tiny = data_file ("tiny.xml");
  g_autofree char *answers = data_file ("tiny-routine.json");
  g_autofree char *warning = g_strdup_printf ("bedside-cli evaluate: warning: %s: its review was due on 2025-01-15; "
                                              "check that it is still current\n", tiny);
  g_autofree char *contents = NULL;
  g_autoptr(GString) current_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bedside-cli-XXXXXX", &error);
  g_autofree char *current = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_no_error (error);
  run_cli (&run, "evaluate", tiny, "--answers", answers, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, warning);
  root = parse_json (run.out);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (json_node_get_object (root), "guideline"),
                                                 "review_overdue"));

  run_cli (&run, "validate", tiny, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.err, "its review was due on 2025-01-15");

  /* The same guideline with its next review far ahead. */
  g_assert_true (g_file_get_contents (tiny, &contents, NULL, NULL));
  current_text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (current_text, "next=\"2025-01-15\"", "next=\"2999-12-31\"", 1), ==, 1);
  current = g_build_filename (dir, "tiny.xml", NULL);
  g_assert_true (g_file_set_contents (current, current_text->str, (gssize) current_text->len, NULL));

  run_cli (&run, "evaluate", current, "--answers", answers, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_null (strstr (run.out, "due for review"));
  run_cli (&run, "validate", current, NULL);
  g_assert_cmpstr (run.err, ==, "");

  g_unlink (current);
  g_rmdir (dir);
}

/* --only-verified: a guideline the SHA256SUMS list in its folder names
 * with its checksum gives a plan; one it does not name is refused. */
static void
test_only_verified (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *tiny = data_file ("tiny.xml");
  g_autofree char *answers = data_file ("tiny-routine.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bedside-cli-XXXXXX", &error);
  g_autofree char *copy = NULL;
  g_autofree char *sums = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *list = NULL;
  g_autofree char *refusal = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (tiny, &contents, &length, NULL));
  copy = g_build_filename (dir, "tiny.xml", NULL);
  sums = g_build_filename (dir, "SHA256SUMS", NULL);
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
  refusal = g_strdup_printf ("%s: not verified: the SHA256SUMS list in its folder does not name this file, "
                             "and only verified guidelines may be used\n", copy);

  /* No list at all. */
  run_cli (&run, "evaluate", copy, "--answers", answers, "--only-verified", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, refusal);
  /* Without the option the same file gives its plan. */
  run_cli (&run, "evaluate", copy, "--answers", answers, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Pathway: routine");

  /* A list that names another file only. */
  g_assert_true (g_file_set_contents (sums, "0000000000000000000000000000000000000000000000000000000000000000  other.xml\n",
                                      -1, NULL));
  run_cli (&run, "evaluate", copy, "--answers", answers, "--only-verified", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, refusal);

  /* A list that names it with its checksum. */
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  list = g_strdup_printf ("%s  tiny.xml\n", sum);
  g_assert_true (g_file_set_contents (sums, list, -1, NULL));
  run_cli (&run, "evaluate", copy, "--answers", answers, "--only-verified", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "pathway"), ==, "routine");
  }

  g_unlink (sums);
  g_unlink (copy);
  g_rmdir (dir);
}

/* Runs bedside-cli in @cwd, with BEDSIDE_GUIDELINES_DIR set to @guidelines
 * (NULL: as the test runs). */
static void
run_cli_in (CliRun     *run,
            const char *cwd,
            const char *guidelines,
            const char *first_argument,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  va_list args;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
  if (guidelines != NULL)
    g_subprocess_launcher_setenv (launcher, "BEDSIDE_GUIDELINES_DIR", guidelines, TRUE);
  va_start (args, first_argument);
  run_launcher (run, launcher, NULL, first_argument, args);
  va_end (args);
}

/* An id resolves by the id attribute over the library's folders, never to
 * a file of that name in the current folder (issue 13); a file is named as
 * a path. */
static void
test_ids (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *tiny = data_file ("tiny.xml");
  g_autofree char *dir = g_dir_make_tmp ("bedside-cli-ids-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "guidelines", NULL);
  g_autofree char *renamed = g_build_filename (folder, "renamed.xml", NULL);
  g_autofree char *impostor = g_build_filename (dir, "back-spasm", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (tiny, &text, NULL, NULL));
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (renamed, text, -1, NULL));
  g_assert_true (g_file_set_contents (impostor, text, -1, NULL));

  /* A file named back-spasm in the current folder does not take the id. */
  run_cli_in (&run, dir, NULL, "validate", "back-spasm", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "(back-spasm 1.1.1,");
  /* As a path, it is that file. */
  run_cli_in (&run, dir, NULL, "validate", "./back-spasm", NULL);
  assert_contains (run.out, "(tiny ");

  /* The id is the id attribute, whatever the file is called. */
  run_cli_in (&run, dir, folder, "validate", "tiny", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "(tiny 1.2.3,");
  run_cli_in (&run, dir, folder, "validate", "renamed", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "no installed guideline has this id");

  g_unlink (renamed);
  g_unlink (impostor);
  g_rmdir (folder);
  g_rmdir (dir);
}

/* A saved consultation given as answers gets the app's checks; one saved
 * with another version of the guideline is a warning. */
static void
test_consultation_answers (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *acute = data_file ("acute.json");
  g_autofree char *dir = g_dir_make_tmp ("bedside-cli-consultation-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "c.json", NULL);
  g_autofree char *answers = NULL;
  const struct { const char *head; int status; const char *message; } cases[] = {
    { "\"version\": 1, \"guideline\": {\"id\": \"back-spasm\", \"version\": \"1.0.0\"}", 0,
      "warning: " },
    { "\"version\": 99, \"guideline\": {\"id\": \"back-spasm\", \"version\": \"1.1.1\"}", 1,
      "made by a newer version of Bedside" },
    { "\"version\": 1", 1, "\"guideline\" must be an object" },
    { "\"version\": 1, \"guideline\": \"back-spasm\"", 1, "\"guideline\" must be an object" },
    { "\"version\": 1, \"guideline\": {\"id\": \"sore-throat\", \"version\": \"1.0.0\"}", 1,
      "made with the guideline 'sore-throat'" },
  };

  g_assert_true (g_file_get_contents (acute, &answers, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"format\": \"bedside-consultation\", %s, \"answers\": %s}\n",
                                               cases[i].head, answers);

      g_assert_true (g_file_set_contents (file, text, -1, NULL));
      run_cli (&run, "evaluate", "back-spasm", "--answers", file, "--format", "json", NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      assert_contains (run.err, cases[i].message);
      if (cases[i].status == 0)
        assert_contains (run.err, "saved with version 1.0.0 of the guideline 'back-spasm'; this is version 1.1.1");
    }
  g_unlink (file);
  g_rmdir (dir);
}

/* A consultation in format 2: the clinician's declined recommendations,
 * note and name.  The clinician plan lists the declined ones with their
 * reasons and prints the note and name; the handout leaves them out; JSON
 * marks them, and with audience patient lists only what the handout shows. */
static void
test_consultation_decisions (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *acute = data_file ("acute.json");
  g_autofree char *dir = g_dir_make_tmp ("bedside-cli-decisions-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "c.json", NULL);
  g_autofree char *pdf = g_build_filename (dir, "plan.pdf", NULL);
  g_autofree char *answers = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *declined;

  g_assert_true (g_file_get_contents (acute, &answers, NULL, NULL));
  text = g_strdup_printf ("{\"format\": \"bedside-consultation\", \"version\": 2,"
                          " \"guideline\": {\"id\": \"back-spasm\", \"version\": \"1.1.1\"},"
                          " \"answers\": %s,"
                          " \"decisions\": {\"acupuncture\": {\"declined\": true, \"reason\": \"No service nearby.\"},"
                          "                 \"massage\": {\"declined\": true}},"
                          " \"note\": \"Reviewed the safety net together.\", \"clinician\": \"Dr Ana Example\"}\n",
                          answers);
  g_assert_true (g_file_set_contents (file, text, -1, NULL));

  run_cli (&run, "evaluate", "back-spasm", "--answers", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Clinician: Dr Ana Example\n");
  declined = strstr (run.out, "\nDeclined by the clinician\n");
  g_assert_nonnull (declined);
  assert_contains (declined, "- Acupuncture [");
  assert_contains (declined, "    Reason: No service nearby.\n");
  assert_contains (declined, "- Massage [");
  assert_contains (declined, "    Reason: none given\n");
  assert_contains (run.out, "\nClinician's note\n================\nReviewed the safety net together.\n");
  /* Listed once, under Declined, not among what to consider. */
  g_assert_true (strstr (run.out, "- Acupuncture [") == strstr (declined, "- Acupuncture ["));

  run_cli (&run, "evaluate", "back-spasm", "--answers", file, "--audience", "patient", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "cupuncture"));
  g_assert_null (strstr (run.out, "assage"));
  g_assert_null (strstr (run.out, "safety net together"));
  assert_contains (run.out, "- Keep moving\n");

  run_cli (&run, "evaluate", "back-spasm", "--answers", file, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "\"declined_reason\" : \"No service nearby.\"");
  assert_contains (run.out, "\"clinician\" : \"Dr Ana Example\"");
  assert_contains (run.out, "\"note\" : \"Reviewed the safety net together.\"");
  g_assert_nonnull (strstr (strstr (run.out, "\"id\" : \"massage\""), "\"declined\" : true"));

  run_cli (&run, "evaluate", "back-spasm", "--answers", file, "--format", "json", "--audience", "patient", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "\"id\" : \"acupuncture\""));
  g_assert_null (strstr (run.out, "\"id\" : \"massage\""));
  g_assert_null (strstr (run.out, "\"declined\""));
  g_assert_null (strstr (run.out, "safety net together"));
  assert_contains (run.out, "\"id\" : \"stay_active\"");

  if (pdftotext != NULL)
    {
      g_autofree char *pdf_text = NULL;
      g_autofree char *txt = g_build_filename (dir, "plan.txt", NULL);
      const char *argv[] = { pdftotext, "-layout", pdf, txt, NULL };
      int wait_status = 0;

      run_cli (&run, "evaluate", "back-spasm", "--answers", file, "--format", "pdf", "--audience", "both",
               "-o", pdf, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                                   &wait_status, NULL));
      g_assert_true (g_file_get_contents (txt, &pdf_text, NULL, NULL));
      assert_contains (pdf_text, "Clinician: Dr Ana Example");
      assert_contains (pdf_text, "Declined by the clinician");
      assert_contains (pdf_text, "Reason: No service nearby.");
      assert_contains (pdf_text, "Reviewed the safety net together.");
      /* The handout (after the clinician plan) does not offer them. */
      {
        const char *handout = strstr (pdf_text, "YOUR CARE PLAN");
        if (handout == NULL)
          handout = strstr (pdf_text, "Your care plan");
        g_assert_nonnull (handout);
        g_assert_null (strstr (handout, "cupuncture"));
        g_assert_null (strstr (handout, "assage"));
      }
      g_unlink (txt);
      g_unlink (pdf);
    }
  g_unlink (file);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/validate", test_validate);
  g_test_add_func ("/cli/lint", test_lint);
  g_test_add_func ("/cli/questions", test_questions);
  g_test_add_func ("/cli/evaluate/tiny", test_evaluate_tiny);
  g_test_add_func ("/cli/evaluate/acute", test_evaluate_acute);
  g_test_add_func ("/cli/evaluate/bad-answers", test_evaluate_bad_answers);
  g_test_add_func ("/cli/evaluate/batch", test_evaluate_batch);
  g_test_add_func ("/cli/evaluate/output-errors", test_evaluate_output_errors);
  g_test_add_func ("/cli/evaluate/strict-json", test_strict_json);
  g_test_add_func ("/cli/evaluate/input-streams", test_input_streams);
  g_test_add_func ("/cli/evaluate/safe-outputs", test_safe_outputs);
  g_test_add_func ("/cli/stdout-errors", test_stdout_errors);
  g_test_add_func ("/cli/evaluate/not-asked-and-bounded", test_not_asked_and_bounded);
  g_test_add_func ("/cli/test", test_vignettes);
  g_test_add_func ("/cli/review-overdue", test_review_overdue);
  g_test_add_func ("/cli/only-verified", test_only_verified);
  g_test_add_func ("/cli/broken-fixtures", test_broken_fixtures);
  g_test_add_func ("/cli/ids", test_ids);
  g_test_add_func ("/cli/evaluate/consultation", test_consultation_answers);
  g_test_add_func ("/cli/evaluate/decisions", test_consultation_decisions);

  return g_test_run ();
}
