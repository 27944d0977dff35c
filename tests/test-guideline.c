/* test-guideline.c: the loader accepts good guidelines and names file, line and problem for bad ones. */
#include "config.h"

#include <string.h>

#include "bedside-guideline.h"

static char *
data_path (const char *dir,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
}

static void
test_load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "format-example.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = bedside_guideline_new_from_file (path, &error);
  const BedsideItem *swelling;
  const BedsideRecommendation *ibuprofen;
  const BedsideBranch *tree;

  g_assert_no_error (error);
  g_assert_nonnull (g);
  g_assert_cmpstr (bedside_guideline_get_id (g), ==, "ankle-sprain-example");
  g_assert_cmpstr (bedside_guideline_get_version (g), ==, "0.1.0");
  g_assert_cmpint (bedside_guideline_get_status (g), ==, BEDSIDE_STATUS_DRAFT);
  g_assert_cmpstr (bedside_guideline_get_review_date (g), ==, "2025-01-15");
  g_assert_cmpstr (bedside_guideline_get_next_review (g), ==, "2026-01-15");
  g_assert_cmpstr (bedside_guideline_get_reviewers (g)[0], ==, "Example reviewer");
  g_assert_null (bedside_guideline_get_reviewers (g)[1]);
  g_assert_cmpfloat (bedside_guideline_get_max_grade (g), ==, 6.0);
  g_assert_cmpuint (strlen (bedside_guideline_get_sha256 (g)), ==, 64);

  g_assert_cmpuint (bedside_guideline_get_n_sections (g), ==, 2);
  g_assert_cmpuint (bedside_guideline_get_n_items (g), ==, 5);
  g_assert_cmpuint (bedside_guideline_get_section (g, 1)->first_item, ==, 2);
  g_assert_cmpuint (bedside_guideline_get_section (g, 1)->n_items, ==, 3);

  swelling = bedside_guideline_lookup_item (g, "swelling");
  g_assert_nonnull (swelling);
  g_assert_cmpint (swelling->type, ==, BEDSIDE_TYPE_CHOICE);
  g_assert_cmpuint (swelling->n_options, ==, 3);
  g_assert_cmpstr (swelling->codes[2], ==, "severe");
  g_assert_null (swelling->codes[3]);
  g_assert_nonnull (swelling->enable_when);
  g_assert_cmpstr (bedside_expr_get_source (swelling->enable_when), ==, "not fracture_risk");

  g_assert_null (bedside_guideline_lookup_item (g, "fracture_risk")); /* a definition */
  g_assert_cmpuint (bedside_guideline_get_n_definitions (g), ==, 1);
  g_assert_cmpint (bedside_guideline_get_definition (g, 0)->last_item, ==, 3);

  ibuprofen = bedside_guideline_lookup_recommendation (g, "ibuprofen");
  g_assert_nonnull (ibuprofen);
  g_assert_cmpint (ibuprofen->kind, ==, BEDSIDE_KIND_CONSIDER);
  g_assert_cmpint (ibuprofen->topic, ==, BEDSIDE_TOPIC_MEDICINE);
  g_assert_cmpuint (ibuprofen->n_contraindications, ==, 1);
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, ibuprofen->contraindications[0].note)->id, ==, "no_nsaid");
  g_assert_cmpstr (ibuprofen->contraindications[0].reason, ==, "Aspirin- or NSAID-sensitive asthma.");
  g_assert_cmpuint (ibuprofen->n_cautions, ==, 1);
  g_assert_cmpstr (ibuprofen->dose, ==, "Ibuprofen 400 mg three times daily");
  g_assert_cmpstr (ibuprofen->evidence_quality, ==, "moderate");
  g_assert_cmpuint (ibuprofen->n_citations, ==, 1);
  g_assert_cmpuint (bedside_guideline_lookup_recommendation (g, "physiotherapy")->n_requires, ==, 1);

  tree = bedside_guideline_get_tree (g);
  g_assert_cmpuint (tree->n_children, ==, 3);
  g_assert_cmpint (tree->children[0]->type, ==, BEDSIDE_NODE_DECISION);
  g_assert_cmpuint (tree->children[0]->n_branches, ==, 2);
  g_assert_null (tree->children[0]->branches[1]->when);
  g_assert_cmpstr (tree->children[0]->branches[0]->pathway, ==, "imaging");
  g_assert_true (tree->children[0]->branches[0]->parent == tree);
  /* Whitespace in texts is collapsed; comments in expressions stay in the source. */
  g_assert_cmpstr (bedside_guideline_get_definition (g, 0)->id, ==, "fracture_risk");
}

static void
test_load_bundled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "guidelines", "back-spasm.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = bedside_guideline_new_from_file (path, &error);
  const BedsideMedicineSource *records;
  const BedsideMedicine *ibuprofen;
  const BedsideRecommendation *nsaid;

  g_assert_no_error (error);
  g_assert_cmpstr (bedside_guideline_get_id (g), ==, "back-spasm");
  g_assert_cmpstr (bedside_guideline_get_version (g), ==, "1.1.1");
  g_assert_cmpint (bedside_guideline_get_status (g), ==, BEDSIDE_STATUS_UNDER_REVIEW);
  /* 1.1: 37 questions; 59 recommendations and 19 references, counting the
   * notes and references that join from medicines/analgesics.xml. */
  g_assert_cmpuint (bedside_guideline_get_n_items (g), ==, 37);
  g_assert_cmpuint (bedside_guideline_get_n_recommendations (g), ==, 59);
  g_assert_cmpuint (bedside_guideline_get_n_references (g), ==, 19);
  g_assert_nonnull (bedside_guideline_get_disclaimer (g));

  /* Items replaced in 1.1 are gone; their successors are there. */
  g_assert_null (bedside_guideline_lookup_item (g, "cardiac"));
  g_assert_null (bedside_guideline_lookup_item (g, "serotonergic"));
  g_assert_null (bedside_guideline_lookup_item (g, "cns_depressants"));
  g_assert_nonnull (bedside_guideline_lookup_item (g, "recent_mi"));
  g_assert_nonnull (bedside_guideline_lookup_item (g, "ssri_snri"));
  g_assert_nonnull (bedside_guideline_lookup_item (g, "sedatives"));
  g_assert_null (bedside_guideline_lookup_recommendation (g, "urgent_red_flag"));
  g_assert_null (bedside_guideline_lookup_recommendation (g, "second_line_chronic"));
  g_assert_nonnull (bedside_guideline_lookup_recommendation (g, "emergency_mscc"));

  /* Format 2: one records file, beside the guideline, and six medicines. */
  g_assert_cmpuint (bedside_guideline_get_n_medicine_sources (g), ==, 1);
  records = bedside_guideline_get_medicine_source (g, 0);
  g_assert_cmpstr (records->id, ==, "analgesics");
  g_assert_true (g_str_has_suffix (records->path, "medicines" G_DIR_SEPARATOR_S "analgesics.xml"));
  g_assert_cmpuint (strlen (records->sha256), ==, 64);
  g_assert_cmpuint (bedside_guideline_get_n_medicines (g), ==, 6);
  ibuprofen = bedside_guideline_lookup_medicine (g, "ibuprofen");
  g_assert_nonnull (ibuprofen);
  g_assert_cmpstr (ibuprofen->group, ==, "nsaid");
  g_assert_cmpuint (ibuprofen->n_against, >, 0);
  nsaid = bedside_guideline_lookup_recommendation (g, "nsaid");
  g_assert_cmpuint (nsaid->n_offers, ==, 2);
  g_assert_true (bedside_guideline_get_medicine (g, nsaid->offers[0]) == ibuprofen);
  g_assert_cmpstr (bedside_guideline_get_medicine (g, nsaid->offers[1])->id, ==, "naproxen");
}

static void
test_find_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *missing = NULL;

  found = bedside_guideline_find ("back-spasm", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (found, "back-spasm.xml"));
  g_assert_true (g_file_test (found, G_FILE_TEST_IS_REGULAR));

  missing = bedside_guideline_find ("no-such-guideline", &error);
  g_assert_null (missing);
  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_NOT_FOUND);
}

/* One purpose-built broken file per error class: the code, the line and
 * words of the message are all part of the contract. */
typedef struct
{
  const char *file;
  gint        code;
  guint       line;
  const char *words;
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "unknown-element", BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT, 45, "unknown element <question> in <section>" },
  { "bad-attribute-value", BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, 34, "type='yesno' on <item> is not one of boolean, integer" },
  { "unknown-attribute", BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, 34, "unknown attribute 'colour' on <item>" },
  { "unknown-item", BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE, 91, "unknown name 'agee'" },
  { "unknown-recommendation", BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE, 122, "<recommend ref='rest_and_ice'>: no such recommendation" },
  { "unknown-note", BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE, 90, "note='nsaid_none' is not a recommendation" },
  { "unknown-citation", BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE, 89, "cites 'nice2020', which is not in <references>" },
  { "expression-syntax", BEDSIDE_GUIDELINE_ERROR_EXPRESSION, 127, "does not parse" },
  { "expression-type", BEDSIDE_GUIDELINE_ERROR_EXPRESSION, 116, "must be a condition (boolean)" },
  { "expression-bad-code", BEDSIDE_GUIDELINE_ERROR_EXPRESSION, 127, "'huge' is not a code of" },
  { "duplicate-id", BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID, 45, "duplicate item id 'bone_tenderness' (first defined at line 42)" },
  { "missing-otherwise", BEDSIDE_GUIDELINE_ERROR_MISSING_OTHERWISE, 126, "decision 'severe_sprain' has no <otherwise>" },
  { "enable-when-later-item", BEDSIDE_GUIDELINE_ERROR_EXPRESSION, 34, "'bears_weight' is asked later in the questionnaire" },
  { "enable-when-self", BEDSIDE_GUIDELINE_ERROR_EXPRESSION, 34, "cannot depend on itself" },
  { "wrong-namespace", BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT, 9, "not a Bedside <guideline>" },
  { "malformed", BEDSIDE_GUIDELINE_ERROR_MALFORMED, 17, "not well-formed XML" },
  { "doctype-entity", BEDSIDE_GUIDELINE_ERROR_FORBIDDEN, 2, "a DOCTYPE is not allowed" },
  { "nested-entities", BEDSIDE_GUIDELINE_ERROR_FORBIDDEN, 2, "a DOCTYPE is not allowed" },
  { "xinclude", BEDSIDE_GUIDELINE_ERROR_FORBIDDEN, 24, "XInclude" },
  { "bad-format", BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, 9, "format='3' is not supported" },
  { "min-greater-than-max", BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, 30, "min (120) is greater than max (0)" },
  { "unknown-kind", BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, 106, "kind='maybe' on <recommendation> is not one of urgent" },
  { "bad-date", BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, 14, "date='2025-02-30' on <review> is not a date" },
  { "invalid-utf8", BEDSIDE_GUIDELINE_ERROR_ENCODING, 12, "invalid UTF-8" },
};

static void
test_broken (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autofree char *file = g_strconcat (c->file, ".xml", NULL);
  g_autofree char *path = data_path ("broken", file);
  g_autofree char *prefix = g_strdup_printf ("%s:%u: ", path, c->line);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = bedside_guideline_new_from_file (path, &error);

  g_assert_null (g);
  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, c->code);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, c->words) == NULL)
    g_error ("%s: expected \"%s…%s\", got \"%s\"", c->file, prefix, c->words, error->message);
}

static void
test_nonexistent_and_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", NULL);

  g = bedside_guideline_new_from_file ("/nonexistent/guideline.xml", &error);
  g_assert_null (g);
  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/guideline.xml: "));
  g_clear_error (&error);

  g = bedside_guideline_new_from_file (dir, &error);
  g_assert_null (g);
  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "is a folder"));
}

static void
test_empty_and_huge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = NULL;
  gsize size = BEDSIDE_GUIDELINE_MAX_SIZE + 1;
  g_autofree char *big = g_malloc (size);

  g = bedside_guideline_new_from_data ("", 0, "empty.xml", &error);
  g_assert_null (g);
  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "empty.xml: the file is empty");
  g_clear_error (&error);

  memset (big, ' ', size);
  g = bedside_guideline_new_from_data (big, size, "big.xml", &error);
  g_assert_null (g);
  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_TOO_LARGE);
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) xml = g_string_new ("<guideline xmlns=\"urn:bedside:guideline:1\">");
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "<a>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "</a>");
  g_string_append (xml, "</guideline>");

  g = bedside_guideline_new_from_data (xml->str, xml->len, "deep.xml", &error);
  g_assert_null (g);
  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "deep.xml:1: "));
  /* Bounded work: refused at the depth limit, not by exhausting the stack.
   * How fast is measured, and asserted only with -m perf. */
  {
    gint64 usec = g_get_monotonic_time () - start;
    gboolean within_limit = usec < 5 * G_USEC_PER_SEC;

    g_test_message ("refused after %" G_GINT64_FORMAT " µs", usec);
    if (g_test_perf ())
      g_assert_true (within_limit);
  }
}

/* The content of another file must never reach the output, whatever the
 * error path. */
static void
test_no_file_content_leaks (void)
{
  const char *files[] = { "doctype-entity", "xinclude", "nested-entities" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *file = g_strconcat (files[i], ".xml", NULL);
      g_autofree char *path = data_path ("broken", file);
      g_autoptr(GError) error = NULL;
      g_autoptr(BedsideGuideline) g = bedside_guideline_new_from_file (path, &error);

      g_assert_null (g);
      g_assert_null (strstr (error->message, "root:"));
      g_assert_null (strstr (error->message, "aaaaaaaaaa"));
    }
}

static void
test_all_errors_reported (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "format-example.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = NULL;
  g_autoptr(GString) s = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  s = g_string_new (contents);
  g_string_replace (s, "<recommend ref=\"rest_ice\"/>", "<recommend ref=\"nope1\"/>", 1);
  g_string_replace (s, "<recommend ref=\"xray\"/>", "<recommend ref=\"nope2\"/>", 1);
  g = bedside_guideline_new_from_data (s->str, s->len, "two.xml", &error);
  g_assert_null (g);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_nonnull (strstr (lines[0], "nope2"));
  g_assert_nonnull (strstr (lines[1], "nope1"));
}

/* The example in docs/guideline-format.md must load. */
static void
test_documented_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "guideline-format.md", NULL);
  g_autofree char *doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = NULL;
  const char *start, *end;

  g_assert_true (g_file_get_contents (path, &doc, NULL, NULL));
  start = strstr (doc, "```xml\n");
  g_assert_nonnull (start);
  start += strlen ("```xml\n");
  end = strstr (start, "\n```");
  g_assert_nonnull (end);
  g = bedside_guideline_new_from_data (start, (gsize) (end - start + 1), "guideline-format.md", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bedside_guideline_get_n_recommendations (g), ==, 6);
}

/* The next review date is compared as a date, the due day itself is not
 * overdue, and a date that is not YYYY-MM-DD never hides the warning. */
static void
test_review_overdue (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) tiny = bedside_guideline_new_from_file (path, &error);

  g_assert_false (bedside_review_is_overdue (NULL, "2030-01-01"));
  g_assert_false (bedside_review_is_overdue ("2026-03-01", "2026-02-28"));
  g_assert_false (bedside_review_is_overdue ("2026-03-01", "2026-03-01"));
  g_assert_true (bedside_review_is_overdue ("2026-03-01", "2026-03-02"));
  g_assert_true (bedside_review_is_overdue ("2025-12-31", "2026-01-01"));
  g_assert_false (bedside_review_is_overdue ("2026-01-01", "2025-12-31"));
  g_assert_true (bedside_review_is_overdue ("2026-02-30", "2026-01-01"));
  g_assert_true (bedside_review_is_overdue ("2026-03-01", "1 March 2026"));
  /* NULL is today: long past, far ahead. */
  g_assert_true (bedside_review_is_overdue ("2001-01-01", NULL));
  g_assert_false (bedside_review_is_overdue ("2999-12-31", NULL));

  g_assert_no_error (error);
  g_assert_cmpstr (bedside_guideline_get_next_review (tiny), ==, "2025-01-15");
  g_assert_false (bedside_guideline_is_review_overdue (tiny, "2025-01-15"));
  g_assert_true (bedside_guideline_is_review_overdue (tiny, "2025-01-16"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guideline/load-example", test_load_example);
  g_test_add_func ("/guideline/review-overdue", test_review_overdue);
  g_test_add_func ("/guideline/load-bundled", test_load_bundled);
  g_test_add_func ("/guideline/find-bundled", test_find_bundled);
  g_test_add_func ("/guideline/nonexistent-and-directory", test_nonexistent_and_directory);
  g_test_add_func ("/guideline/empty-and-huge", test_empty_and_huge);
  g_test_add_func ("/guideline/deep-nesting", test_deep_nesting);
  g_test_add_func ("/guideline/no-file-content-leaks", test_no_file_content_leaks);
  g_test_add_func ("/guideline/all-errors-reported", test_all_errors_reported);
  g_test_add_func ("/guideline/documented-example", test_documented_example);
  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/guideline/broken/%s", broken_cases[i].file);
      g_test_add_data_func (name, &broken_cases[i], test_broken);
    }
  return g_test_run ();
}
