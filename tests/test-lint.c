/* test-lint.c: tests of the guideline lint (bedside-lint) and the readability grade. */

#include "bedside-lint.h"

#include <glib/gstdio.h>
#include <string.h>

/* Each fixture in tests/data/lint/ is a valid guideline with exactly one
 * defect (its comment says which); clean.xml and medicine-clean.xml have
 * none.  The medicine-*.xml fixtures use the records file
 * tests/data/lint/medicines/lint-medicines.xml. */

static BedsideGuideline *
load_fixture (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".xml", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "lint", file, NULL);
  g_autoptr(GError) error = NULL;
  BedsideGuideline *guideline = bedside_guideline_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (guideline);
  return guideline;
}

static GPtrArray *
lint_fixture (const char *name)
{
  g_autoptr(BedsideGuideline) guideline = load_fixture (name);
  GPtrArray *issues = bedside_lint (guideline);

  g_assert_nonnull (issues);
  for (guint i = 0; i < issues->len; i++)
    {
      const BedsideLintIssue *issue = issues->pdata[i];

      g_test_message ("%s:%u: %s [%s] %s", name, issue->line,
                      bedside_lint_severity_to_string (issue->severity),
                      issue->code, issue->message);
    }
  return issues;
}

static const BedsideLintIssue *
find_issue (GPtrArray  *issues,
            const char *code,
            guint       line)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const BedsideLintIssue *issue = issues->pdata[i];

      if (g_str_equal (issue->code, code) && issue->line == line)
        return issue;
    }
  return NULL;
}

/* The fixture gives exactly this one issue; returns it for more checks. */
static const BedsideLintIssue *
assert_single_issue (GPtrArray           *issues,
                     BedsideLintSeverity  severity,
                     const char          *code,
                     guint                line)
{
  const BedsideLintIssue *issue;

  g_assert_cmpuint (issues->len, ==, 1);
  issue = issues->pdata[0];
  g_assert_cmpstr (issue->code, ==, code);
  g_assert_cmpuint (issue->line, ==, line);
  g_assert_cmpint (issue->severity, ==, severity);
  g_assert_nonnull (issue->message);
  return issue;
}

static void
assert_sorted (GPtrArray *issues)
{
  for (guint i = 1; i < issues->len; i++)
    {
      const BedsideLintIssue *a = issues->pdata[i - 1];
      const BedsideLintIssue *b = issues->pdata[i];

      g_assert_true (a->line < b->line ||
                     (a->line == b->line && strcmp (a->code, b->code) <= 0));
    }
}

/* Errors and warnings: what makes `bedside-cli lint` fail. */
static guint
count_failures (GPtrArray *issues)
{
  guint n = 0;

  for (guint i = 0; i < issues->len; i++)
    if (((const BedsideLintIssue *) issues->pdata[i])->severity != BEDSIDE_LINT_NOTE)
      n++;
  return n;
}

/* @issue, which the test needs to go on. */
static const BedsideLintIssue *
require_issue (const BedsideLintIssue *issue)
{
  if (issue == NULL)
    g_error ("an expected lint issue is missing");
  return issue;
}

static const BedsideLintIssue *
find_issue_about (GPtrArray  *issues,
                  const char *code,
                  const char *text)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const BedsideLintIssue *issue = issues->pdata[i];

      if (g_str_equal (issue->code, code) && strstr (issue->message, text) != NULL)
        return issue;
    }
  return NULL;
}

/* ---- one test per defect ------------------------------------------------ */

static void
test_clean (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("clean");

  g_assert_cmpuint (issues->len, ==, 0);
}

static void
test_unreachable_after_earlier_branch (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("unreachable-earlier");
  const BedsideLintIssue *issue;

  /* age >= 65 after age >= 18 */
  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "unreachable-branch", 42);
  g_assert_nonnull (strstr (issue->message, "'older'"));
  g_assert_nonnull (strstr (issue->message, "'age_group'"));
  g_assert_nonnull (strstr (issue->message, "earlier branch"));
}

static void
test_unreachable_by_enable_when (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("unreachable-enable-when");
  const BedsideLintIssue *issue;

  /* pregnant is asked only when sex = 'female' */
  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "unreachable-branch", 47);
  g_assert_nonnull (strstr (issue->message, "'pregnant_man'"));
  g_assert_nonnull (strstr (issue->message, "pregnant and sex = 'male'"));
}

static void
test_unreachable_otherwise (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("unreachable-otherwise");
  const BedsideLintIssue *issue;

  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "unreachable-branch", 45);
  g_assert_nonnull (strstr (issue->message, "otherwise of decision 'fever_check'"));
}

static void
test_empty_otherwise_is_a_note (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("empty-otherwise");

  /* Every decision needs an otherwise; an empty one that the branches
   * cover is how authors say "cannot happen". */
  assert_single_issue (issues, BEDSIDE_LINT_NOTE, "unreachable-otherwise", 45);
}

static void
test_unreachable_after_stop (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("unreachable-after-stop");
  const BedsideLintIssue *issue;

  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "unreachable-branch", 46);
  g_assert_nonnull (strstr (issue->message, "'fever_care'"));
  g_assert_nonnull (strstr (issue->message, "stop"));
}

static void
test_unreachable_node (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("unreachable-node");
  const BedsideLintIssue *issue;

  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "unreachable-node", 42);
  g_assert_nonnull (strstr (issue->message, "'rest'"));
}

static void
test_unused_item (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("unused-item");
  const BedsideLintIssue *issue;

  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "unused-item", 21);
  g_assert_nonnull (strstr (issue->message, "'weight'"));
}

static void
test_unused_definition (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("unused-definition");
  const BedsideLintIssue *issue;

  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "unused-definition", 24);
  g_assert_nonnull (strstr (issue->message, "'elderly'"));
}

static void
test_unreachable_recommendation (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("unreachable-recommendation");
  const BedsideLintIssue *issue;

  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "unreachable-recommendation", 36);
  g_assert_nonnull (strstr (issue->message, "'follow_up'"));
}

static void
test_unreachable_note (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("unreachable-note");
  const BedsideLintIssue *issue;

  /* A caution's note counts only if its condition can hold where the
   * recommendation is added: here only adults get it, and the caution is
   * for children. */
  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "unreachable-recommendation", 43);
  g_assert_nonnull (strstr (issue->message, "'child_dose'"));
}

static void
test_uncited_recommendation (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "lint",
                                                 "uncited-recommendation.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) guideline = bedside_guideline_new_from_file (path, &error);
  g_autoptr(GPtrArray) issues = NULL;

  g_assert_no_error (error);
  issues = bedside_lint (guideline);
  assert_single_issue (issues, BEDSIDE_LINT_WARNING, "uncited-recommendation", 30);
}

static void
test_uncited_reference (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("uncited-reference");
  const BedsideLintIssue *issue;

  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "uncited-reference", 14);
  g_assert_nonnull (strstr (issue->message, "'unused_source'"));
}

static void
test_readability_limit (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("readability");
  const BedsideLintIssue *issue;

  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "readability", 24);
  g_assert_nonnull (strstr (issue->message, "'adult_care'"));
  g_assert_nonnull (strstr (issue->message, "limit of 6.0"));
  /* The grade with one decimal. */
  g_assert_true (g_regex_match_simple ("grade [0-9]+\\.[0-9],", issue->message, 0, 0));
}

static void
test_approximate (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("approximate");
  const BedsideLintIssue *warning, *note;

  /* Arithmetic: the finding is right here, but it is marked approximate
   * and a note says why. */
  g_assert_cmpuint (issues->len, ==, 2);
  assert_sorted (issues);
  warning = find_issue (issues, "unreachable-branch", 45);
  note = find_issue (issues, "reachability-approximate", 45);
  g_assert_nonnull (warning);
  g_assert_nonnull (note);
  g_assert_cmpint (warning->severity, ==, BEDSIDE_LINT_WARNING);
  g_assert_cmpint (note->severity, ==, BEDSIDE_LINT_NOTE);
  g_assert_nonnull (strstr (warning->message, "approximate"));
  g_assert_nonnull (strstr (note->message, "'very_wide'"));
}

/* ---- generated guidelines ------------------------------------------------ */

static const char guideline_head[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<guideline xmlns=\"urn:bedside:guideline:1\" id=\"generated\" version=\"1.0.0\" format=\"1\">\n"
  "  <metadata><title>Generated</title><status>draft</status><review date=\"2025-01-01\"/>\n"
  "    <disclaimer>Test only.</disclaimer></metadata>\n"
  "  <references><reference id=\"src\">Source.</reference></references>\n";

static BedsideGuideline *
load_string (const char *xml)
{
  g_autoptr(GError) error = NULL;
  BedsideGuideline *guideline = bedside_guideline_new_from_data (xml, strlen (xml), "generated.xml", &error);

  g_assert_no_error (error);
  g_assert_nonnull (guideline);
  return guideline;
}

static void
test_skipped (void)
{
  g_autoptr(GString) xml = g_string_new (guideline_head);
  g_autoptr(GString) test = g_string_new (NULL);
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  guint branch_line;
  const BedsideLintIssue *issue;

  /* One test over 61 booleans: 2^61 combinations, over the cap. */
  g_string_append (xml, "  <questionnaire><section id=\"s\"><title>S</title>\n");
  for (guint i = 0; i < 61; i++)
    {
      g_string_append_printf (xml, "    <item id=\"b%u\" type=\"boolean\"><label>B</label></item>\n", i);
      g_string_append_printf (test, "%sb%u", i ? " or " : "", i);
    }
  g_string_append (xml,
                   "  </section></questionnaire>\n"
                   "  <recommendations><recommendation id=\"r\" kind=\"do\"><title>T</title>"
                   "<clinician>C.</clinician><patient>P.</patient><cite ref=\"src\"/>"
                   "</recommendation></recommendations>\n"
                   "  <decision-tree>\n"
                   "    <decision id=\"many\">\n");
  branch_line = 0;
  for (const char *p = xml->str; *p; p++)
    branch_line += *p == '\n';
  branch_line++;
  g_string_append_printf (xml,
                          "      <branch when=\"%s\"><recommend ref=\"r\"/></branch>\n"
                          "      <otherwise><recommend ref=\"r\"/></otherwise>\n"
                          "    </decision>\n"
                          "  </decision-tree>\n"
                          "</guideline>\n", test->str);

  guideline = load_string (xml->str);
  issues = bedside_lint (guideline);
  issue = assert_single_issue (issues, BEDSIDE_LINT_NOTE, "reachability-skipped", branch_line);
  g_assert_nonnull (strstr (issue->message, "decision 'many'"));
  g_assert_nonnull (strstr (issue->message, "61"));
}

/* 10,000 items and about as many tree nodes, in groups of four items and
 * one decision: a boolean, an integer, a choice asked when the boolean is
 * true, an optional boolean; every tenth decision can stop, every fifth
 * has a nested one.  Everything is reachable and used. */
static char *
generate_large (guint n_groups)
{
  GString *xml = g_string_new (guideline_head);

  g_string_append (xml, "  <questionnaire>\n");
  for (guint k = 0; k < n_groups; k++)
    g_string_append_printf (xml,
                            "    <section id=\"s%u\"><title>S</title>\n"
                            "      <item id=\"a%u\" type=\"boolean\"><label>A</label></item>\n"
                            "      <item id=\"n%u\" type=\"integer\" min=\"0\" max=\"100\"><label>N</label></item>\n"
                            "      <item id=\"c%u\" type=\"choice\" enable-when=\"a%u\"><label>C</label>"
                            "<option code=\"x\">X</option><option code=\"y\">Y</option><option code=\"z\">Z</option></item>\n"
                            "      <item id=\"o%u\" type=\"boolean\" required=\"false\"><label>O</label></item>\n"
                            "    </section>\n", k, k, k, k, k, k);
  g_string_append (xml, "  </questionnaire>\n  <recommendations>\n");
  for (guint k = 0; k < n_groups; k++)
    g_string_append_printf (xml,
                            "    <recommendation id=\"r%u\" kind=\"do\"><title>T</title><clinician>C.</clinician>"
                            "<patient>P.</patient><cite ref=\"src\"/></recommendation>\n", k);
  g_string_append (xml, "  </recommendations>\n  <decision-tree>\n");
  for (guint k = 0; k < n_groups; k++)
    {
      g_string_append_printf (xml,
                              "    <decision id=\"d%u\">\n"
                              "      <branch when=\"a%u and c%u = 'x'\"><recommend ref=\"r%u\"/></branch>\n"
                              "      <branch when=\"n%u &gt;= 50 or answered(o%u)\"><recommend ref=\"r%u\"/>%s</branch>\n"
                              "      <otherwise><recommend ref=\"r%u\"/>",
                              k, k, k, k, k, k, k, k % 10 == 9 ? "<stop/>" : "", k);
      if (k % 5 == 0)
        g_string_append_printf (xml,
                                "<decision id=\"e%u\"><branch when=\"n%u &lt; 10\"><recommend ref=\"r%u\"/></branch>"
                                "<otherwise/></decision>", k, k, k);
      g_string_append (xml, "</otherwise>\n    </decision>\n");
    }
  g_string_append (xml, "  </decision-tree>\n</guideline>\n");
  return g_string_free (xml, FALSE);
}

static void
test_large_guideline (void)
{
  g_autofree char *xml = generate_large (2500);
  g_autoptr(BedsideGuideline) guideline = load_string (xml);
  g_autoptr(GPtrArray) issues = NULL;

  /* How long it takes is for benchmarks/bench-scale.c, not for a test
   * that may share a loaded machine. */
  g_assert_cmpuint (bedside_guideline_get_n_items (guideline), ==, 10000);
  issues = bedside_lint (guideline);
  g_assert_cmpuint (issues->len, ==, 0);
}

/* ---- the bundled guideline ------------------------------------------------ */

static char *
bundled_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "guidelines", "back-spasm.xml", NULL);
}

static void
log_issues (const char *name,
            GPtrArray  *issues)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const BedsideLintIssue *issue = issues->pdata[i];

      g_test_message ("%s:%u: %s [%s] %s", name, issue->line,
                      bedside_lint_severity_to_string (issue->severity),
                      issue->code, issue->message);
    }
}

static void
test_back_spasm (void)
{
  g_autofree char *path = bundled_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(GPtrArray) issues = NULL;

  /* The bundled guideline is part of the source tree: missing is a
   * failure, not a reason to skip. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  guideline = bedside_guideline_new_from_file (path, &error);
  g_assert_no_error (error);

  issues = bedside_lint (guideline);
  log_issues ("back-spasm.xml", issues);
  assert_sorted (issues);
  g_assert_cmpuint (count_failures (issues), ==, 0);
}

/* Copies the bundled guideline and its records files into a new folder,
 * with @edit applied to the guideline's text; returns the copy's path. */
static char *
copy_bundled (char *(*edit) (const char *xml))
{
  g_autofree char *path = bundled_path ();
  g_autofree char *bundled_dir = g_path_get_dirname (path);
  g_autofree char *records_dir = g_build_filename (bundled_dir, "medicines", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *copy_records = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GDir) records = NULL;
  g_autoptr(GError) error = NULL;
  char *copy;
  const char *name;

  dir = g_dir_make_tmp ("bedside-lint-XXXXXX", &error);
  g_assert_no_error (error);
  copy_records = g_build_filename (dir, "medicines", NULL);
  g_assert_cmpint (g_mkdir (copy_records, 0700), ==, 0);

  records = g_dir_open (records_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (records)) != NULL)
    {
      g_autofree char *from = g_build_filename (records_dir, name, NULL);
      g_autofree char *to = g_build_filename (copy_records, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (to, contents, (gssize) length, &error));
      g_assert_no_error (error);
    }

  g_assert_true (g_file_get_contents (path, &xml, NULL, &error));
  g_assert_no_error (error);
  edited = edit (xml);
  copy = g_build_filename (dir, "back-spasm.xml", NULL);
  g_assert_true (g_file_set_contents (copy, edited, -1, &error));
  g_assert_no_error (error);
  return copy;
}

static void
remove_copy (const char *copy)
{
  g_autofree char *dir = g_path_get_dirname (copy);
  g_autofree char *records_dir = g_build_filename (dir, "medicines", NULL);
  g_autoptr(GDir) records = g_dir_open (records_dir, 0, NULL);
  const char *name;

  while (records != NULL && (name = g_dir_read_name (records)) != NULL)
    {
      g_autofree char *file = g_build_filename (records_dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (records_dir);
  g_remove (copy);
  g_rmdir (dir);
}

/* Asks maoi_recent only when the pain is 8 or more, on top of when the
 * guideline asks it. */
static char *
narrow_maoi_recent (const char *xml)
{
  g_autoptr(GRegex) regex = g_regex_new ("(<item id=\"maoi_recent\"[^>]*enable-when=\")([^\"]*)\"",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  char *edited;

  g_assert_true (g_regex_match (regex, xml, 0, &match));
  edited = g_regex_replace (regex, xml, -1, 0, "\\1(\\2) and pain_severity &gt;= 8\"", 0, NULL);
  g_assert_nonnull (edited);
  g_assert_cmpstr (edited, !=, xml);
  return edited;
}

static void
test_back_spasm_narrowed (void)
{
  g_autofree char *copy = copy_bundled (narrow_maoi_recent);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) guideline = bedside_guideline_new_from_file (copy, &error);
  g_autoptr(GPtrArray) issues = NULL;
  const BedsideLintIssue *issue;
  const BedsideItem *item;

  g_assert_no_error (error);
  issues = bedside_lint (guideline);
  log_issues ("back-spasm.xml (maoi_recent narrowed)", issues);

  /* Cyclobenzaprine is offered from a pain of 4: the proof fails, on the
   * item's line, with an example a clinician can replay. */
  item = bedside_guideline_lookup_item (guideline, "maoi_recent");
  g_assert_nonnull (item);
  issue = require_issue (find_issue_about (issues, "medicine-unscreened", "medicine 'cyclobenzaprine'"));
  g_assert_cmpint (issue->severity, ==, BEDSIDE_LINT_ERROR);
  g_assert_cmpuint (issue->line, ==, item->line);
  g_assert_nonnull (strstr (issue->message, "item 'maoi_recent'"));
  g_assert_nonnull (strstr (issue->message, "for example with "));
  g_assert_true (g_regex_match_simple ("pain_severity = [4-7][,) ]", issue->message, 0, 0));
  g_assert_cmpuint (count_failures (issues), >, 0);

  remove_copy (copy);
}

/* ---- medicine records ------------------------------------------------------ */

static void
test_medicine_clean (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("medicine-clean");

  /* Notes only records add are reached, the caution with @with too, and
   * 'drives' (asked only when maoi_recent is no) is enough for a caution. */
  g_assert_cmpuint (issues->len, ==, 0);
}

static void
test_medicine_unscreened (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("medicine-unscreened");
  const BedsideLintIssue *issue;

  issue = assert_single_issue (issues, BEDSIDE_LINT_ERROR, "medicine-unscreened", 39);
  g_assert_nonnull (strstr (issue->message, "medicine 'cyclobenzaprine'"));
  g_assert_nonnull (strstr (issue->message, "item 'maoi_recent'"));
  g_assert_nonnull (strstr (issue->message, "reason against 'maoi'"));
  g_assert_nonnull (strstr (issue->message, "'muscle_relaxant' (line 97)"));
  /* The example: the tree's path to the recommendation, with a pain
   * below 8. */
  g_assert_nonnull (strstr (issue->message, "for example with age = 18, fever = no, pain_severity = 4"));
}

static void
test_medicine_unscreened_caution (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("medicine-unscreened-caution");
  const BedsideLintIssue *issue;

  /* Only a caution reads 'drives': the example keeps cyclobenzaprine
   * (no reason against it holds). */
  issue = assert_single_issue (issues, BEDSIDE_LINT_ERROR, "medicine-unscreened", 41);
  g_assert_nonnull (strstr (issue->message, "medicine 'cyclobenzaprine'"));
  g_assert_nonnull (strstr (issue->message, "item 'drives'"));
  g_assert_nonnull (strstr (issue->message, "caution 'driving'"));
  g_assert_nonnull (strstr (issue->message, "with no reason against it"));
  g_assert_nonnull (strstr (issue->message, "pregnant = no"));
  g_assert_nonnull (strstr (issue->message, "maoi_recent = no"));
}

static void
test_medicine_unnamed (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("medicine-unnamed");
  const BedsideLintIssue *issue;

  /* 'no_pills' offers nothing and speaks of cyclobenzaprine without
   * <mentions>; its NSAID is mentioned. */
  issue = assert_single_issue (issues, BEDSIDE_LINT_ERROR, "unnamed-medicine", 75);
  g_assert_nonnull (strstr (issue->message, "'no_pills'"));
  g_assert_nonnull (strstr (issue->message, "medicine 'cyclobenzaprine'"));
  g_assert_nonnull (strstr (issue->message, "clinician text"));
}

static void
test_medicine_unreachable_note (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("medicine-unreachable-note");
  const BedsideLintIssue *issue;

  /* A note of the records file: its line is in that file, so the issue
   * has none in the guideline and says where it is. */
  issue = assert_single_issue (issues, BEDSIDE_LINT_WARNING, "unreachable-recommendation", 0);
  g_assert_nonnull (strstr (issue->message, "'nsaid_caution'"));
  g_assert_nonnull (strstr (issue->message, "records 'lint-medicines', line "));
}

static void
test_medicine_left_out (void)
{
  g_autoptr(GPtrArray) issues = lint_fixture ("medicine-left-out");
  const BedsideLintIssue *issue;

  g_assert_cmpuint (issues->len, ==, 3);
  issue = require_issue (find_issue (issues, "unreachable-recommendation", 63));
  g_assert_nonnull (strstr (issue->message, "'muscle_relaxant'"));
  g_assert_nonnull (strstr (issue->message, "a reason against each medicine it offers holds"));
  /* Its cautions' notes, the one with @with included, need it kept. */
  g_assert_nonnull (find_issue_about (issues, "unreachable-recommendation", "'driving_caution'"));
  g_assert_nonnull (find_issue_about (issues, "unreachable-recommendation", "'combination_caution'"));
}

/* Plural, case and whole words: "NSAIDs" names the group, "ibuprofens"
 * the medicine, "Ibuprofenate" nothing. */
static void
test_medicine_names_in_text (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "lint", "medicine-clean.xml", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *records_from = g_test_build_filename (G_TEST_DIST, "data", "lint", "medicines",
                                                         "lint-medicines.xml", NULL);
  g_autofree char *records_dir = NULL;
  g_autofree char *records_to = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *records = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  const BedsideLintIssue *issue;

  g_assert_true (g_file_get_contents (fixture, &xml, NULL, &error));
  g_assert_true (g_file_get_contents (records_from, &records, NULL, &error));
  g_assert_no_error (error);
  edited = g_string_new (xml);
  g_assert_cmpuint (g_string_replace (edited, "<patient>Rest at home for a day or two.</patient>",
                                      "<patient>Rest at home. No NSAIDs yet. Ibuprofenate is not a "
                                      "medicine.</patient>", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (edited, "<clinician>Rest.</clinician>",
                                      "<clinician>Rest; no IBUPROFENS.</clinician>", 1), ==, 1);

  dir = g_dir_make_tmp ("bedside-lint-XXXXXX", &error);
  g_assert_no_error (error);
  records_dir = g_build_filename (dir, "medicines", NULL);
  g_assert_cmpint (g_mkdir (records_dir, 0700), ==, 0);
  records_to = g_build_filename (records_dir, "lint-medicines.xml", NULL);
  g_assert_true (g_file_set_contents (records_to, records, -1, &error));
  copy = g_build_filename (dir, "medicine-names.xml", NULL);
  g_assert_true (g_file_set_contents (copy, edited->str, -1, &error));
  g_assert_no_error (error);

  guideline = bedside_guideline_new_from_file (copy, &error);
  g_assert_no_error (error);
  issues = bedside_lint (guideline);
  log_issues ("medicine-names.xml", issues);

  g_assert_cmpuint (issues->len, ==, 2);
  issue = require_issue (find_issue_about (issues, "unnamed-medicine", "medicine group 'nsaid'"));
  g_assert_nonnull (strstr (issue->message, "'rest'"));
  g_assert_nonnull (strstr (issue->message, "patient text"));
  issue = require_issue (find_issue_about (issues, "unnamed-medicine", "medicine 'ibuprofen'"));
  g_assert_nonnull (strstr (issue->message, "clinician text"));

  g_remove (copy);
  g_remove (records_to);
  g_rmdir (records_dir);
  g_rmdir (dir);
}

/* ---- the proof against brute force ----------------------------------------- */

/* Random small format 2 guidelines: five items (boolean, integer 0–3,
 * choice), enable-whens, a definition, a tree with stops, and two
 * medicines whose reasons against and cautions read random items.  Every
 * valid set of answers is walked the way docs/lint.md describes (an
 * unknown test takes no branch, and ends the walk only in a decision that
 * can stop); where the tree adds a recommendation, the items its medicines'
 * records read are checked as the proof says.  The lint's findings must be
 * the same: the same unasked (medicine, item) pairs, the same
 * recommendations and notes never in a plan, the same branches never
 * taken in a decision the walk reaches. */

#define BF_ITEMS 5

typedef struct {
  GRand   *rand;
  char     types[BF_ITEMS];     /* 'b'oolean, 'i'nteger, 'c'hoice */
  guint    n_decisions;
} BfGen;

static char *
bf_atom (BfGen   *gen,
         guint    below,
         gboolean definition)
{
  guint k = (guint) g_rand_int_range (gen->rand, 0, (gint32) below);
  static const char *ops[] = { ">=", "<", "=", "!=" };
  static const char *choices[] = { "= 'a'", "!= 'c'", "in ('a', 'b')" };

  if (definition && g_rand_int_range (gen->rand, 0, 5) == 0)
    return g_strdup (g_rand_boolean (gen->rand) ? "d0" : "not d0");
  if (g_rand_int_range (gen->rand, 0, 8) == 0)
    return g_strdup_printf ("answered(i%u)", k);
  switch (gen->types[k])
    {
    case 'b':
      return g_strdup_printf ("%si%u", g_rand_boolean (gen->rand) ? "" : "not ", k);
    case 'i':
      return g_strdup_printf ("i%u %s %d", k, ops[g_rand_int_range (gen->rand, 0, 4)],
                              g_rand_int_range (gen->rand, 0, 5));
    default:
      return g_strdup_printf ("i%u %s", k, choices[g_rand_int_range (gen->rand, 0, 3)]);
    }
}

/* An expression over the items before @below, escaped for an attribute. */
static char *
bf_expr (BfGen    *gen,
         guint     below,
         gboolean  definition)
{
  g_autofree char *a = bf_atom (gen, below, definition);
  g_autofree char *b = NULL;
  g_autofree char *expr = NULL;

  switch (g_rand_int_range (gen->rand, 0, 3))
    {
    case 0:
      expr = g_strdup (a);
      break;
    default:
      b = bf_atom (gen, below, definition);
      expr = g_strdup_printf ("(%s) %s (%s)", a, g_rand_boolean (gen->rand) ? "and" : "or", b);
      break;
    }
  return g_markup_escape_text (expr, -1);
}

static void bf_sequence (BfGen *gen, GString *xml, guint depth);

static void
bf_decision (BfGen   *gen,
             GString *xml,
             guint    depth)
{
  guint n = (guint) g_rand_int_range (gen->rand, 1, 3);

  g_string_append_printf (xml, "<decision id=\"d%u\">", gen->n_decisions++);
  for (guint b = 0; b < n; b++)
    {
      g_autofree char *when = bf_expr (gen, BF_ITEMS, TRUE);

      g_string_append_printf (xml, "<branch when=\"%s\">", when);
      bf_sequence (gen, xml, depth + 1);
      g_string_append (xml, "</branch>");
    }
  g_string_append (xml, "<otherwise>");
  if (g_rand_boolean (gen->rand))
    bf_sequence (gen, xml, depth + 1);
  g_string_append (xml, "</otherwise></decision>\n");
}

static void
bf_sequence (BfGen   *gen,
             GString *xml,
             guint    depth)
{
  guint n = (guint) g_rand_int_range (gen->rand, 1, 3);

  for (guint k = 0; k < n; k++)
    {
      if (depth < 2 && g_rand_boolean (gen->rand))
        bf_decision (gen, xml, depth);
      else
        g_string_append_printf (xml, "<recommend ref=\"r%d\"/>", g_rand_int_range (gen->rand, 0, 3));
    }
  if (depth > 0 && g_rand_int_range (gen->rand, 0, 5) == 0)
    g_string_append (xml, "<stop/>");
}

static const char bf_text[] =
  "<title>T</title><clinician>C.</clinician><patient>P.</patient><cite ref=\"src\"/>";

/* Writes the guideline and its records file into @dir; returns the
 * guideline's path. */
static char *
bf_generate (BfGen      *gen,
             const char *dir)
{
  g_autoptr(GString) xml = g_string_new (guideline_head);
  g_autoptr(GString) records = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *records_dir = g_build_filename (dir, "medicines", NULL);
  g_autofree char *records_path = g_build_filename (records_dir, "bf.xml", NULL);
  g_autofree char *definition = NULL;
  char *path = g_build_filename (dir, "bf.xml", NULL);
  GError *error = NULL;

  g_string_replace (xml, "format=\"1\"", "format=\"2\"", 1);
  g_string_append (xml, "  <medicines records=\"bf\"><use medicine=\"m0\"/><use medicine=\"m1\"/></medicines>\n"
                        "  <questionnaire><section id=\"s\"><title>S</title>\n");
  for (guint k = 0; k < BF_ITEMS; k++)
    {
      static const char types[] = { 'b', 'i', 'c' };
      g_autofree char *enable = NULL;

      gen->types[k] = types[g_rand_int_range (gen->rand, 0, 3)];
      if (k > 0 && g_rand_int_range (gen->rand, 0, 5) < 3)
        {
          g_autofree char *when = bf_expr (gen, k, FALSE);
          enable = g_strdup_printf (" enable-when=\"%s\"", when);
        }
      g_string_append_printf (xml, "<item id=\"i%u\" type=\"%s\"%s%s%s><label>L</label>%s</item>\n", k,
                              gen->types[k] == 'b' ? "boolean" : gen->types[k] == 'i' ? "integer" : "choice",
                              gen->types[k] == 'i' ? " min=\"0\" max=\"3\"" : "",
                              g_rand_int_range (gen->rand, 0, 5) == 0 ? " required=\"false\"" : "",
                              enable != NULL ? enable : "",
                              gen->types[k] == 'c' ? "<option code=\"a\">A</option><option code=\"b\">B</option>"
                                                     "<option code=\"c\">C</option>" : "");
    }
  definition = bf_expr (gen, BF_ITEMS, FALSE);
  g_string_append_printf (xml, "  </section></questionnaire>\n"
                               "  <definitions><define id=\"d0\">%s</define></definitions>\n"
                               "  <recommendations>\n"
                               "<recommendation id=\"r0\" kind=\"do\">%s</recommendation>\n"
                               "<recommendation id=\"r1\" kind=\"consider\">%s<offers medicine=\"m0\"/></recommendation>\n"
                               "<recommendation id=\"r2\" kind=\"consider\">%s<offers medicine=\"m0\"/>"
                               "<offers medicine=\"m1\"/></recommendation>\n"
                               "  </recommendations>\n  <decision-tree>\n",
                          definition, bf_text, bf_text, bf_text);
  gen->n_decisions = 0;
  bf_sequence (gen, xml, 0);
  g_string_append (xml, "  </decision-tree>\n</guideline>\n");

  g_string_append (records, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<medicine-records xmlns=\"urn:bedside:guideline:1\" id=\"bf\" version=\"1.0.0\" format=\"1\">\n"
                            "<title>R</title><review date=\"2025-01-01\"/>\n"
                            "<references><reference id=\"label\">Label.</reference></references>\n");
  for (guint m = 0; m < 2; m++)
    {
      guint n_against = (guint) g_rand_int_range (gen->rand, 1, 3);
      guint n_cautions = (guint) g_rand_int_range (gen->rand, 0, 3);

      g_string_append_printf (records, "<medicine id=\"m%u\"><name>%s</name><dose>D.</dose><max-daily>M.</max-daily>"
                                       "<course>C.</course><patient-dose strength=\"1 mg tablet\">1.</patient-dose>"
                                       "<patient-max>1.</patient-max>\n", m, m ? "Betamed" : "Alphamed");
      for (guint k = 0; k < n_against + n_cautions; k++)
        {
          g_autofree char *when = bf_expr (gen, BF_ITEMS, FALSE);
          gboolean against = k < n_against;
          guint id = against ? k : k - n_against;

          g_string_append_printf (records, "<%s id=\"%c%u\" when=\"%s\" note=\"m%u%c%u\"><clinician>C.</clinician>"
                                           "<patient>p</patient><cite ref=\"label\"/></%s>\n",
                                  against ? "against" : "caution", against ? 'a' : 'c', id, when,
                                  m, against ? 'a' : 'c', id, against ? "against" : "caution");
          g_string_append_printf (notes, "<recommendation id=\"m%u%c%u\" kind=\"%s\"><title>T</title>"
                                         "<clinician>C.</clinician><patient>P.</patient><cite ref=\"label\"/>"
                                         "</recommendation>\n",
                                  m, against ? 'a' : 'c', id, against ? "avoid" : "caution");
        }
      g_string_append (records, "</medicine>\n");
    }
  g_string_append_printf (records, "<recommendations>\n%s</recommendations>\n</medicine-records>\n", notes->str);

  /* No fsync (hundreds of scratch files), so not atomic: each is written
   * anew. */
  g_mkdir (records_dir, 0700);
  g_remove (records_path);
  g_remove (path);
  g_file_set_contents_full (records_path, records->str, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (path, xml->str, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  return path;
}

typedef struct {
  BedsideGuideline   *guideline;
  BedsideValue        values[BF_ITEMS];
  gboolean            enabled[BF_ITEMS];
  BedsideEvalContext  context;
  BedsideValue       *def_values;
  guint8             *def_done;
  gboolean           *reached;     /* by recommendation index */
  GHashTable         *gaps;        /* "MEDICINE ITEM" */
  gboolean           *taken;       /* by branch index */
  gboolean           *walked;      /* decisions, by the index of their first branch */
} BfWalk;

static gboolean
bf_evaluate (BfWalk            *walk,
             const BedsideExpr *expr,
             gboolean          *known)
{
  memset (walk->def_done, 0, MAX (bedside_guideline_get_n_definitions (walk->guideline), 1));
  return bedside_expr_evaluate_boolean (expr, &walk->context, known);
}

static void
bf_collect_items (const BedsideSymbol *symbol,
                  gpointer             user_data)
{
  BfWalk *walk = ((gpointer *) user_data)[0];
  guint *mask = ((gpointer *) user_data)[1];

  if (symbol->is_definition)
    bedside_expr_foreach_symbol (bedside_guideline_get_definition (walk->guideline, symbol->index)->expr,
                                 bf_collect_items, user_data);
  else
    *mask |= 1u << symbol->index;
}

/* Items read by @expr that are not asked now: each a gap of @medicine. */
static void
bf_check_asked (BfWalk                *walk,
                const BedsideMedicine *medicine,
                const BedsideExpr     *expr)
{
  guint mask = 0;
  gpointer data[] = { walk, &mask };

  if (expr == NULL)
    return;
  bedside_expr_foreach_symbol (expr, bf_collect_items, data);
  for (guint k = 0; k < BF_ITEMS; k++)
    if ((mask & (1u << k)) && !walk->enabled[k])
      g_hash_table_add (walk->gaps, g_strdup_printf ("%s %s", medicine->id,
                                                     bedside_guideline_get_item (walk->guideline, k)->id));
}

static void
bf_add (BfWalk *walk,
        guint   index)
{
  const BedsideRecommendation *rec = bedside_guideline_get_recommendation (walk->guideline, index);
  gboolean kept_any = rec->n_offers == 0;

  for (guint o = 0; o < rec->n_offers; o++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (walk->guideline, rec->offers[o]);
      gboolean kept = TRUE;

      for (guint k = 0; k < medicine->n_against; k++)
        {
          gboolean known, holds = bf_evaluate (walk, medicine->against[k].when, &known);

          bf_check_asked (walk, medicine, medicine->against[k].when);
          if (known && holds)
            walk->reached[medicine->against[k].note] = TRUE;
          kept = kept && known && !holds;
        }
      if (!kept)
        continue;
      kept_any = TRUE;
      for (guint k = 0; k < medicine->n_cautions; k++)
        {
          gboolean known, holds = bf_evaluate (walk, medicine->cautions[k].when, &known);

          bf_check_asked (walk, medicine, medicine->cautions[k].when);
          if (known && holds)
            walk->reached[medicine->cautions[k].note] = TRUE;
        }
    }
  if (kept_any)
    walk->reached[index] = TRUE;
}

static gboolean
bf_can_stop (const BedsideNode *node)
{
  if (node->type == BEDSIDE_NODE_STOP)
    return TRUE;
  if (node->type == BEDSIDE_NODE_DECISION)
    for (guint b = 0; b < node->n_branches; b++)
      for (guint c = 0; c < node->branches[b]->n_children; c++)
        if (bf_can_stop (node->branches[b]->children[c]))
          return TRUE;
  return FALSE;
}

/* FALSE when the walk ends here: a stop, or an unknown test in a decision
 * that can stop. */
static gboolean
bf_sequence_walk (BfWalk              *walk,
                  const BedsideBranch *sequence)
{
  for (guint c = 0; c < sequence->n_children; c++)
    {
      const BedsideNode *node = sequence->children[c];

      if (node->type == BEDSIDE_NODE_STOP)
        return FALSE;
      if (node->type == BEDSIDE_NODE_RECOMMEND)
        {
          bf_add (walk, node->recommendation);
          continue;
        }
      walk->walked[node->branches[0]->index] = TRUE;
      for (guint b = 0; b < node->n_branches; b++)
        {
          const BedsideBranch *branch = node->branches[b];
          gboolean known = TRUE, taken = TRUE;

          if (branch->when != NULL)
            taken = bf_evaluate (walk, branch->when, &known);
          walk->taken[branch->index] |= known && taken;
          if (!known)
            {
              if (bf_can_stop (node))
                return FALSE;
              break;
            }
          if (taken)
            {
              if (!bf_sequence_walk (walk, branch))
                return FALSE;
              break;
            }
        }
    }
  return TRUE;
}

/* Every valid set of answers, item by item in questionnaire order. */
static void
bf_enumerate (BfWalk *walk,
              guint   k)
{
  const BedsideItem *item;
  gboolean known = TRUE;

  if (k == BF_ITEMS)
    {
      bf_sequence_walk (walk, bedside_guideline_get_tree (walk->guideline));
      return;
    }
  item = bedside_guideline_get_item (walk->guideline, k);
  walk->enabled[k] = item->enable_when == NULL || (bf_evaluate (walk, item->enable_when, &known) && known);
  if (!walk->enabled[k] || !item->required)
    {
      walk->values[k] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
      bf_enumerate (walk, k + 1);
    }
  if (walk->enabled[k])
    {
      guint n = item->type == BEDSIDE_TYPE_BOOLEAN ? 2 : item->type == BEDSIDE_TYPE_INTEGER ? 4 : 3;

      for (guint v = 0; v < n; v++)
        {
          BedsideValue value = { .state = BEDSIDE_VALUE_KNOWN, .type = item->type };

          if (item->type == BEDSIDE_TYPE_BOOLEAN)
            value.boolean = v;
          else if (item->type == BEDSIDE_TYPE_INTEGER)
            value.integer = v;
          else
            value.code = (gint) v;
          walk->values[k] = value;
          bf_enumerate (walk, k + 1);
        }
    }
  walk->values[k] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
}

static void
test_medicine_brute_force (void)
{
  guint n_guidelines = g_test_slow () ? 2000 : 300;
  guint n_gaps = 0, n_unreachable = 0, n_untaken = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bedside-lint-XXXXXX", &error);
  g_autoptr(GRegex) gap_regex = g_regex_new ("medicine '([^']+)' can be offered without asking item '([^']+)'",
                                             0, 0, NULL);
  g_autoptr(GRegex) rec_regex = g_regex_new ("^recommendation '([^']+)'", 0, 0, NULL);

  g_assert_no_error (error);
  for (guint seed = 0; seed < n_guidelines; seed++)
    {
      BfGen gen = { g_rand_new_with_seed (seed), { 0 }, 0 };
      g_autofree char *path = bf_generate (&gen, dir);
      g_autoptr(BedsideGuideline) guideline = bedside_guideline_new_from_file (path, &error);
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(GHashTable) gaps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) lint_gaps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint n_recs, n_defs;
      g_autofree gboolean *reached = NULL;
      g_autofree gboolean *lint_unreachable = NULL;
      g_autofree gboolean *taken = NULL;
      g_autofree gboolean *walked = NULL;
      g_autofree gboolean *lint_untaken = NULL;
      guint n_branches;
      g_autofree BedsideValue *def_values = NULL;
      g_autofree guint8 *def_done = NULL;
      BfWalk walk = { 0 };

      g_rand_free (gen.rand);
      g_assert_no_error (error);
      n_recs = bedside_guideline_get_n_recommendations (guideline);
      n_defs = bedside_guideline_get_n_definitions (guideline);
      n_branches = bedside_guideline_get_n_branches (guideline);
      reached = g_new0 (gboolean, n_recs);
      lint_unreachable = g_new0 (gboolean, n_recs);
      taken = g_new0 (gboolean, n_branches);
      walked = g_new0 (gboolean, n_branches);
      lint_untaken = g_new0 (gboolean, n_branches);
      def_values = g_new0 (BedsideValue, MAX (n_defs, 1));
      def_done = g_new0 (guint8, MAX (n_defs, 1));

      walk.guideline = guideline;
      walk.def_values = def_values;
      walk.def_done = def_done;
      walk.context.items = walk.values;
      walk.context.definitions = bedside_guideline_get_definition_exprs (guideline);
      walk.context.definition_values = def_values;
      walk.context.definition_done = def_done;
      walk.reached = reached;
      walk.gaps = gaps;
      walk.taken = taken;
      walk.walked = walked;
      for (guint k = 0; k < BF_ITEMS; k++)
        walk.values[k] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
      bf_enumerate (&walk, 0);

      issues = bedside_lint (guideline);
      for (guint i = 0; i < issues->len; i++)
        {
          const BedsideLintIssue *issue = issues->pdata[i];
          g_autoptr(GMatchInfo) match = NULL;

          g_assert_cmpstr (issue->code, !=, "medicine-proof-skipped");
          g_assert_cmpstr (issue->code, !=, "medicine-proof-approximate");
          if (g_str_equal (issue->code, "medicine-unscreened") &&
              g_regex_match (gap_regex, issue->message, 0, &match))
            {
              g_autofree char *medicine = g_match_info_fetch (match, 1);
              g_autofree char *item = g_match_info_fetch (match, 2);

              g_hash_table_add (lint_gaps, g_strdup_printf ("%s %s", medicine, item));
            }
          else if (g_str_equal (issue->code, "unreachable-recommendation") &&
                   g_regex_match (rec_regex, issue->message, 0, &match))
            {
              g_autofree char *id = g_match_info_fetch (match, 1);

              lint_unreachable[bedside_guideline_lookup_recommendation (guideline, id)->index] = TRUE;
            }
          else if (g_str_equal (issue->code, "unreachable-branch") ||
                   g_str_equal (issue->code, "unreachable-otherwise"))
            {
              /* The generated tree is on few lines: the branch is found
               * by how the message names it. */
              for (guint b = 1; b < n_branches; b++)
                {
                  const BedsideBranch *branch = bedside_guideline_get_branch (guideline, b);
                  g_autofree char *what = NULL;
                  guint j = 0;

                  while (branch->decision->branches[j] != branch)
                    j++;
                  what = branch->when == NULL
                    ? g_strdup_printf ("the otherwise of decision '%s'", branch->decision->id)
                    : g_strdup_printf ("branch %u of decision '%s'", j + 1, branch->decision->id);
                  if (g_str_has_prefix (issue->message, what))
                    lint_untaken[b] = TRUE;
                }
            }
        }

      /* The same gaps, the same recommendations never in a plan. */
      if (g_hash_table_size (gaps) != g_hash_table_size (lint_gaps))
        g_test_message ("seed %u: %u gaps by brute force, %u by lint", seed,
                        g_hash_table_size (gaps), g_hash_table_size (lint_gaps));
      g_assert_cmpuint (g_hash_table_size (gaps), ==, g_hash_table_size (lint_gaps));
      {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init (&iter, gaps);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          g_assert_true (g_hash_table_contains (lint_gaps, key));
      }
      for (guint r = 0; r < n_recs; r++)
        {
          if (reached[r] == lint_unreachable[r])
            g_test_message ("seed %u: '%s' reached: %d by brute force, %d by lint", seed,
                            bedside_guideline_get_recommendation (guideline, r)->id, reached[r], !lint_unreachable[r]);
          g_assert_cmpint (reached[r], !=, lint_unreachable[r]);
          n_unreachable += !reached[r];
        }
      for (guint b = 1; b < n_branches; b++)
        {
          const BedsideBranch *branch = bedside_guideline_get_branch (guideline, b);
          gboolean untaken = walked[branch->decision->branches[0]->index] && !taken[b];

          if (untaken != lint_untaken[b])
            g_test_message ("seed %u: branch %u of '%s' never taken: %d by brute force, %d by lint", seed,
                            b, branch->decision->id, untaken, lint_untaken[b]);
          g_assert_cmpint (untaken, ==, lint_untaken[b]);
          n_untaken += untaken;
        }
      n_gaps += g_hash_table_size (gaps);
      g_remove (path);
    }
  g_test_message ("%u guidelines: %u gaps, %u recommendations never in a plan, %u branches never taken",
                  n_guidelines, n_gaps, n_unreachable, n_untaken);
  /* The generator must exercise both answers. */
  g_assert_cmpuint (n_gaps, >, 0);
  g_assert_cmpuint (n_unreachable, >, 0);
  g_assert_cmpuint (n_untaken, >, 0);

  {
    g_autofree char *records_dir = g_build_filename (dir, "medicines", NULL);
    g_autofree char *records = g_build_filename (records_dir, "bf.xml", NULL);

    g_remove (records);
    g_rmdir (records_dir);
    g_rmdir (dir);
  }
}

/* ---- readability ---------------------------------------------------------- */

static void
test_readability_grade (void)
{
  BedsideReadabilityCount count;
  double grade;

  /* 6 words, 1 sentence, 6 syllables: 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45 */
  bedside_readability_count ("The cat sat on the mat.", &count);
  g_assert_cmpuint (count.words, ==, 6);
  g_assert_cmpuint (count.sentences, ==, 1);
  g_assert_cmpuint (count.syllables, ==, 6);
  grade = bedside_readability_grade ("The cat sat on the mat.");
  g_assert_cmpfloat_with_epsilon (grade, -1.45, 1e-9);

  /* Plain advice reads at a low grade. */
  grade = bedside_readability_grade ("Rest your ankle. Put ice on it for 15 minutes a few times a day. "
                                     "Keep it up on a pillow.");
  g_assert_cmpfloat (grade, >=, -1.0);
  g_assert_cmpfloat (grade, <=, 4.0);

  /* Long words in one long sentence: university level and beyond. */
  grade = bedside_readability_grade ("Nonsteroidal anti-inflammatory medications considerably diminish "
                                     "musculoskeletal inflammation, notwithstanding occasional "
                                     "gastrointestinal complications.");
  g_assert_cmpfloat (grade, >, 20.0);

  /* No words, no grade. */
  g_assert_cmpfloat (bedside_readability_grade (""), ==, 0.0);
  g_assert_cmpfloat (bedside_readability_grade (NULL), ==, 0.0);
}

static void
test_readability_counting (void)
{
  BedsideReadabilityCount count;

  /* Numbers are one word of one syllable; "2.5" is not a full stop. */
  bedside_readability_count ("Take 2.5 tablets. Rest!", &count);
  g_assert_cmpuint (count.words, ==, 4);
  g_assert_cmpuint (count.sentences, ==, 2);
  g_assert_cmpuint (count.syllables, ==, 1 + 1 + 2 + 1);

  /* A title with no full stop is a sentence; a newline ends one; ";" too. */
  bedside_readability_count ("Pain pills\nTake them with food; not on an empty stomach", &count);
  g_assert_cmpuint (count.sentences, ==, 3);

  /* Silent e, -le, -ed and -es endings. */
  bedside_readability_count ("take", &count);
  g_assert_cmpuint (count.syllables, ==, 1);
  bedside_readability_count ("table", &count);
  g_assert_cmpuint (count.syllables, ==, 2);
  bedside_readability_count ("used", &count);
  g_assert_cmpuint (count.syllables, ==, 1);
  bedside_readability_count ("needed", &count);
  g_assert_cmpuint (count.syllables, ==, 2);
  bedside_readability_count ("doses", &count);
  g_assert_cmpuint (count.syllables, ==, 2);
  bedside_readability_count ("the", &count);
  g_assert_cmpuint (count.syllables, ==, 1);
  /* Hyphenated: one word, the parts' syllables. */
  bedside_readability_count ("follow-up", &count);
  g_assert_cmpuint (count.words, ==, 1);
  g_assert_cmpuint (count.syllables, ==, 3);
  /* Apostrophes and "?!" runs. */
  bedside_readability_count ("Don't wait?! Call us.", &count);
  g_assert_cmpuint (count.words, ==, 4);
  g_assert_cmpuint (count.sentences, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lint/clean", test_clean);
  g_test_add_func ("/lint/unreachable-branch/earlier-branch", test_unreachable_after_earlier_branch);
  g_test_add_func ("/lint/unreachable-branch/enable-when", test_unreachable_by_enable_when);
  g_test_add_func ("/lint/unreachable-branch/otherwise", test_unreachable_otherwise);
  g_test_add_func ("/lint/unreachable-branch/after-stop", test_unreachable_after_stop);
  g_test_add_func ("/lint/unreachable-otherwise", test_empty_otherwise_is_a_note);
  g_test_add_func ("/lint/unreachable-node", test_unreachable_node);
  g_test_add_func ("/lint/unused-item", test_unused_item);
  g_test_add_func ("/lint/unused-definition", test_unused_definition);
  g_test_add_func ("/lint/unreachable-recommendation", test_unreachable_recommendation);
  g_test_add_func ("/lint/unreachable-recommendation/note", test_unreachable_note);
  g_test_add_func ("/lint/uncited-recommendation", test_uncited_recommendation);
  g_test_add_func ("/lint/uncited-reference", test_uncited_reference);
  g_test_add_func ("/lint/readability", test_readability_limit);
  g_test_add_func ("/lint/approximate", test_approximate);
  g_test_add_func ("/lint/skipped", test_skipped);
  g_test_add_func ("/lint/large", test_large_guideline);
  g_test_add_func ("/lint/medicine/clean", test_medicine_clean);
  g_test_add_func ("/lint/medicine/unscreened", test_medicine_unscreened);
  g_test_add_func ("/lint/medicine/unscreened-caution", test_medicine_unscreened_caution);
  g_test_add_func ("/lint/medicine/unnamed", test_medicine_unnamed);
  g_test_add_func ("/lint/medicine/names-in-text", test_medicine_names_in_text);
  g_test_add_func ("/lint/medicine/unreachable-note", test_medicine_unreachable_note);
  g_test_add_func ("/lint/medicine/left-out", test_medicine_left_out);
  g_test_add_func ("/lint/medicine/brute-force", test_medicine_brute_force);
  g_test_add_func ("/lint/back-spasm", test_back_spasm);
  g_test_add_func ("/lint/back-spasm/maoi-narrowed", test_back_spasm_narrowed);
  g_test_add_func ("/readability/grade", test_readability_grade);
  g_test_add_func ("/readability/counting", test_readability_counting);

  return g_test_run ();
}
