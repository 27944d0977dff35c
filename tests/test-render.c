/* test-render.c: the text and JSON renderers, on the small guideline tests/data/cli/tiny.xml. */
#include "config.h"

#include <string.h>

#include "bedside-evaluator.h"
#include "bedside-render.h"

static BedsideGuideline *
load_tiny (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  BedsideGuideline *guideline = bedside_guideline_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (guideline);
  return guideline;
}

/* Evaluates @answers_json (an object of item id → value) against tiny.xml. */
static BedsideCarePlan *
evaluate (const char *answers_json)
{
  g_autoptr(BedsideGuideline) guideline = load_tiny ();
  g_autoptr(BedsideSession) session = bedside_session_new (guideline);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answers = NULL;
  BedsideCarePlan *plan;

  answers = bedside_answers_data_read (answers_json, -1, "answers", &error);
  g_assert_no_error (error);
  bedside_session_load_answers_json (session, answers, "answers", &error);
  g_assert_no_error (error);
  plan = bedside_evaluate (session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static const char red_flag_answers[] = "{\"age\": 50, \"red_flag\": true}";
static const char routine_answers[] = "{\"age\": 70, \"red_flag\": false, \"pain\": \"severe\"}";
static const char old_answers[] = "{\"age\": 85, \"red_flag\": false, \"pain\": \"severe\"}";

/* Position of @needle in @haystack, failing the test when it is absent. */
static gsize
position_of (const char *haystack,
             const char *needle)
{
  const char *found = strstr (haystack, needle);

  if (found == NULL)
    g_error ("'%s' not found in:\n%s", needle, haystack);
  return (gsize) (found - haystack);
}

static void
assert_lines_fit (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_utf8_strlen (lines[i], -1) > 76)
      g_error ("line longer than 76 columns: '%s'", lines[i]);
}

static void
test_audience_from_string (void)
{
  BedsideAudience audience = BEDSIDE_AUDIENCE_CLINICIAN;

  g_assert_true (bedside_audience_from_string ("patient", &audience));
  g_assert_cmpint (audience, ==, BEDSIDE_AUDIENCE_PATIENT);
  g_assert_true (bedside_audience_from_string ("both", &audience));
  g_assert_cmpint (audience, ==, BEDSIDE_AUDIENCE_BOTH);
  g_assert_true (bedside_audience_from_string ("clinician", &audience));
  g_assert_cmpint (audience, ==, BEDSIDE_AUDIENCE_CLINICIAN);
  g_assert_false (bedside_audience_from_string ("Patient", &audience));
  g_assert_false (bedside_audience_from_string ("", &audience));
  g_assert_false (bedside_audience_from_string (NULL, &audience));
  g_assert_cmpint (audience, ==, BEDSIDE_AUDIENCE_CLINICIAN);
}

static void
test_wrap (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *long_text = NULL;
  g_auto(GStrv) lines = NULL;

  bedside_render_append_wrapped (out, "- ", "  ", "  several\n   spaces\tand  lines  ");
  g_assert_cmpstr (out->str, ==, "- several spaces and lines\n");

  g_string_truncate (out, 0);
  long_text = g_strjoinv (" ", (char *[]) { "word", "word", "word", "word", "word", "word",
                                            "word", "word", "word", "word", "word", "word",
                                            "word", "word", "word", "word", "word", "word", NULL });
  bedside_render_append_wrapped (out, "", "    ", long_text);
  assert_lines_fit (out->str);
  lines = g_strsplit (out->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);  /* two lines and the final "" */
  g_assert_true (g_str_has_prefix (lines[1], "    word"));

  /* A word longer than the line is not broken. */
  g_string_truncate (out, 0);
  g_clear_pointer (&long_text, g_free);
  long_text = g_strnfill (100, 'x');
  bedside_render_append_wrapped (out, "  ", "  ", long_text);
  g_assert_cmpuint (out->len, ==, 2 + 100 + 1);

  g_string_truncate (out, 0);
  bedside_render_append_wrapped (out, "", "", NULL);
  g_assert_cmpstr (out->str, ==, "\n");
}

static void
test_text_clinician (void)
{
  g_autoptr(BedsideCarePlan) plan = evaluate (red_flag_answers);
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (plan);
  g_autofree char *text = bedside_render_text (plan, BEDSIDE_AUDIENCE_CLINICIAN);
  g_autofree char *sha_prefix = g_strndup (bedside_guideline_get_sha256 (guideline), 12);

  /* The tree adds "rest" before "urgent_refer"; the text still puts the
   * urgent section first. */
  g_assert_cmpuint (bedside_care_plan_get_n_entries (plan), ==, 2);
  g_assert_cmpstr (bedside_care_plan_get_entry (plan, 0)->recommendation->id, ==, "rest");

  g_assert_true (g_str_has_prefix (text, "Tiny test guideline\n"));
  position_of (text, "tiny 1.2.3");
  position_of (text, "UNDER REVIEW");
  position_of (text, sha_prefix);
  position_of (text, "Pathway: urgent\n");
  g_assert_cmpuint (position_of (text, "\nURGENT\n"), <, position_of (text, "\nDo\n"));
  g_assert_null (strstr (text, "\nConsider\n"));

  /* Numbered in order of first citation in the plan: rest cites r_two and
   * r_one, then urgent_refer cites r_three. */
  position_of (text, "- Stay active [1][2]");
  position_of (text, "- Refer the same day [3]");
  g_assert_cmpuint (position_of (text, "[1] Second reference, 2002."), <,
                    position_of (text, "[2] First reference, 2001."));
  g_assert_cmpuint (position_of (text, "[2] First reference, 2001."), <,
                    position_of (text, "[3] Third reference, 2003."));

  position_of (text, "Evidence: moderate quality; strong recommendation. Several trials.");
  position_of (text, "Evidence: expert consensus; strong recommendation. Expert opinion.");
  /* Each decision once, in the Why section before the recommendations,
   * in the questionnaire's words: no item ids, no expressions. */
  g_assert_cmpuint (position_of (text, "\nWhy\n===\n- triage: urgent pathway (yes to Any red flag)\n"), <,
                    position_of (text, "\nURGENT\n"));
  g_assert_null (strstr (text, "red_flag"));
  g_assert_null (strstr (text, " is true"));
  g_assert_true (g_str_has_suffix (text, "For testing only; not clinical advice.\n"));
  g_assert_null (strstr (text, "Go to the emergency department today."));
  assert_lines_fit (text);
}

static void
test_text_clinician_details (void)
{
  g_autoptr(BedsideCarePlan) plan = evaluate (routine_answers);
  g_autofree char *text = bedside_render_text (plan, BEDSIDE_AUDIENCE_CLINICIAN);

  position_of (text, "Dose: 10 mg three times a day\n");
  position_of (text, "Duration: Up to 7 days\n");
  position_of (text, "Evidence: low quality; weak recommendation\n");
  /* The caution says which recommendation it qualifies. */
  g_assert_cmpuint (position_of (text, "\nCautions\n"), <, position_of (text, "- Lower dose over 65"));
  position_of (text, "About: A pain medicine\n");
  /* The Why section gives the answers that settled each decision; an entry
   * names only the decisions not every entry went through, and a caution
   * says which answer raised it. */
  position_of (text, "- drugs: yes (Pain: Severe pain)\n");
  g_assert_null (strstr (text, "- triage: routine pathway (no to Any red flag)\n- triage"));
  g_assert_cmpuint (position_of (text, "- A pain medicine"), <, position_of (text, "    Why: drugs\n"));
  g_assert_cmpuint (position_of (text, "- Lower dose over 65"), <, position_of (text, "    Because: Age: 70 years\n"));
  g_assert_null (strstr (text, "Why: triage"));
  g_assert_cmpuint (position_of (text, "\nDo\n"), <, position_of (text, "\nConsider\n"));
  g_assert_cmpuint (position_of (text, "\nConsider\n"), <, position_of (text, "\nCautions\n"));
  g_assert_cmpuint (position_of (text, "\nCautions\n"), <, position_of (text, "\nInformation\n"));
  assert_lines_fit (text);
}

static void
test_text_patient (void)
{
  g_autoptr(BedsideCarePlan) plan = evaluate (red_flag_answers);
  g_autofree char *text = bedside_render_text (plan, BEDSIDE_AUDIENCE_PATIENT);

  position_of (text, "- Go to the hospital today\n");
  position_of (text, "Go to the emergency department today.");
  position_of (text, "How long: Every day.\n");
  g_assert_cmpuint (position_of (text, "\nAct now\n"), <, position_of (text, "\nWhat to do\n"));
  /* No citations, no recommendation ids, no clinician text. */
  g_assert_null (strstr (text, "[1]"));
  g_assert_null (strstr (text, "urgent_refer"));
  g_assert_null (strstr (text, "Refer the patient"));
  g_assert_null (strstr (text, "Why:"));
  /* Where to get help, before anything else: the default emergency number. */
  g_assert_cmpuint (position_of (text, "\nIn an emergency, call 911.\n"), <, position_of (text, "\nAct now\n"));
  g_assert_null (strstr (text, "Questions?"));
  /* Nothing for the clinician only: no review status, no warnings, no
   * clinician's disclaimer; the trace closes it, version and checksum. */
  g_assert_null (strstr (text, "UNDER REVIEW"));
  g_assert_null (strstr (text, "WARNING"));
  g_assert_null (strstr (text, "For testing only; not clinical advice."));
  g_assert_true (g_regex_match_simple ("\n-{76}\nGuideline: tiny 1\\.2\\.3, sha256 [0-9a-f]{12}\n$", text, 0, 0));
  assert_lines_fit (text);
}

/* The help box names the numbers given, in the order a patient needs them. */
static void
test_text_patient_contacts (void)
{
  g_autoptr(BedsideCarePlan) plan = evaluate (routine_answers);
  const BedsideHandoutContacts clinic = { "112", "Riverside Family Practice", "555-0142" };
  const BedsideHandoutContacts phone_only = { "", NULL, "555-0142" };
  g_autofree char *text = bedside_render_text_with_contacts (plan, BEDSIDE_AUDIENCE_PATIENT, NULL, &clinic);
  g_autofree char *unnamed = bedside_render_text_with_contacts (plan, BEDSIDE_AUDIENCE_PATIENT, NULL, &phone_only);
  g_autofree char *clinician = bedside_render_text_with_contacts (plan, BEDSIDE_AUDIENCE_CLINICIAN, NULL, &clinic);
  g_autofree char *both = bedside_render_text_with_contacts (plan, BEDSIDE_AUDIENCE_BOTH, NULL, &clinic);
  g_auto(GStrv) help = bedside_render_handout_help (&clinic, NULL, FALSE);
  g_auto(GStrv) bare = bedside_render_handout_help (NULL, NULL, FALSE);

  g_assert_cmpuint (g_strv_length (help), ==, 2);
  g_assert_cmpstr (help[0], ==, "In an emergency, call 112.");
  g_assert_cmpstr (help[1], ==, "Questions? Call Riverside Family Practice at 555-0142.");
  g_assert_cmpuint (g_strv_length (bare), ==, 1);
  g_assert_cmpstr (bare[0], ==, "In an emergency, call " BEDSIDE_DEFAULT_EMERGENCY_NUMBER ".");

  g_assert_cmpuint (position_of (text, "In an emergency, call 112.\n"), <,
                    position_of (text, "Questions? Call Riverside Family Practice at 555-0142.\n"));
  g_assert_cmpuint (position_of (text, "Questions? Call Riverside"), <, position_of (text, "\nWhat to do\n"));
  assert_lines_fit (text);
  /* An empty emergency number is the default one. */
  position_of (unnamed, "In an emergency, call 911.\nQuestions? Call the clinic at 555-0142.\n");
  /* The clinician's plan has no help box; with both, the handout has it. */
  g_assert_null (strstr (clinician, "In an emergency"));
  g_assert_cmpuint (position_of (both, "YOUR CARE PLAN"), <, position_of (both, "In an emergency, call 112."));
}

/* A handout can be given in the guideline's own language; tiny.xml has no
 * translation, so any other language is an error naming it. */
static void
test_handout_language_check (void)
{
  g_autoptr(BedsideGuideline) guideline = load_tiny ();
  g_autoptr(BedsideTranslation) en = bedside_translation_new (guideline, "en_US", NULL);
  g_autoptr(BedsideTranslation) de = bedside_translation_new (guideline, "de", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (bedside_render_handout_check_language (en, &error));
  g_assert_no_error (error);
  g_assert_false (bedside_render_handout_check_language (de, &error));
  g_assert_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "'de'"));
}

static void
test_text_patient_topics (void)
{
  g_autoptr(BedsideCarePlan) plan = evaluate (routine_answers);
  g_autofree char *text = bedside_render_text (plan, BEDSIDE_AUDIENCE_PATIENT);

  g_assert_cmpuint (position_of (text, "\nWhat to do\n"), <, position_of (text, "\nMedicines\n"));
  g_assert_cmpuint (position_of (text, "\nMedicines\n"), <, position_of (text, "\nGet help now if\n"));
  position_of (text, "How much: One tablet three times a day.\n");
  position_of (text, "Watch for: Stomach pain.\n");
  position_of (text, "Come back if you get new symptoms.");
}

static void
test_text_both (void)
{
  g_autoptr(BedsideCarePlan) plan = evaluate (red_flag_answers);
  g_autofree char *text = bedside_render_text (plan, BEDSIDE_AUDIENCE_BOTH);
  g_autofree char *rule = g_strnfill (76, '-');
  const char *disclaimer = "For testing only; not clinical advice.";

  g_assert_cmpuint (position_of (text, "Refer the patient"), <, position_of (text, rule));
  g_assert_cmpuint (position_of (text, rule), <, position_of (text, "YOUR CARE PLAN"));
  g_assert_cmpuint (position_of (text, "YOUR CARE PLAN"), <,
                    position_of (text, "Go to the emergency department today."));
  /* The disclaimer closes the clinician's plan, once: it is not the
   * patient's. */
  g_assert_cmpuint (position_of (text, disclaimer), <, position_of (text, "YOUR CARE PLAN"));
  g_assert_true (strstr (text, disclaimer) == g_strrstr (text, disclaimer));
  position_of (text, "In an emergency, call 911.");
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

static void
assert_string_or_null (JsonObject *object,
                       const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) == G_TYPE_STRING);
}

static JsonObject *
find_recommendation (JsonArray  *recommendations,
                     const char *id)
{
  for (guint i = 0; i < json_array_get_length (recommendations); i++)
    {
      JsonObject *rec = json_array_get_object_element (recommendations, i);

      if (g_str_equal (get_string (rec, "id"), id))
        return rec;
    }
  return NULL;
}

/* Every key of the JSON plan of DESIGN.md, with its type. */
static void
assert_plan_shape (JsonNode        *root,
                   BedsideAudience  audience)
{
  JsonObject *plan;
  JsonObject *guideline;
  JsonArray *recommendations;
  JsonArray *references;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  plan = json_node_get_object (root);

  guideline = get_object (plan, "guideline");
  g_assert_cmpstr (get_string (guideline, "id"), ==, "tiny");
  g_assert_cmpstr (get_string (guideline, "version"), ==, "1.2.3");
  g_assert_cmpstr (get_string (guideline, "status"), ==, "under-review");
  g_assert_cmpuint (strlen (get_string (guideline, "sha256")), ==, 64);
  g_assert_cmpstr (get_string (guideline, "title"), ==, "Tiny test guideline");

  assert_string_or_null (plan, "pathway");
  g_assert_cmpstr (get_string (plan, "disclaimer"), ==, "For testing only; not clinical advice.");

  recommendations = get_array (plan, "recommendations");
  g_assert_cmpuint (json_array_get_length (recommendations), >, 0);
  for (guint i = 0; i < json_array_get_length (recommendations); i++)
    {
      JsonObject *rec = json_array_get_object_element (recommendations, i);
      JsonObject *evidence;
      JsonArray *citations;
      JsonArray *because;

      get_string (rec, "id");
      get_string (rec, "kind");
      get_string (rec, "topic");
      get_string (rec, "title");
      get_string (rec, "text");
      g_assert_true (json_object_has_member (rec, "patient_text") == (audience == BEDSIDE_AUDIENCE_BOTH));

      citations = get_array (rec, "citations");
      g_assert_cmpuint (json_array_get_length (citations), >, 0);
      for (guint j = 0; j < json_array_get_length (citations); j++)
        g_assert_true (g_str_has_prefix (json_array_get_string_element (citations, j), "r_"));

      because = get_array (rec, "because");
      g_assert_cmpuint (json_array_get_length (because), >, 0);
      for (guint j = 0; j < json_array_get_length (because); j++)
        g_assert_cmpint (json_node_get_value_type (json_array_get_element (because, j)), ==, G_TYPE_STRING);

      evidence = get_object (rec, "evidence");
      assert_string_or_null (evidence, "quality");
      assert_string_or_null (evidence, "strength");
      assert_string_or_null (evidence, "note");
    }

  references = get_array (plan, "references");
  g_assert_cmpuint (json_array_get_length (references), >, 0);
  for (guint i = 0; i < json_array_get_length (references); i++)
    {
      JsonObject *ref = json_array_get_object_element (references, i);

      get_string (ref, "id");
      get_string (ref, "text");
    }
}

static void
test_json_shape (void)
{
  g_autoptr(BedsideCarePlan) plan = evaluate (red_flag_answers);
  g_autoptr(JsonNode) root = bedside_render_json (plan, BEDSIDE_AUDIENCE_CLINICIAN);
  JsonObject *object;
  JsonArray *recommendations;
  JsonArray *references;
  JsonArray *citations;

  assert_plan_shape (root, BEDSIDE_AUDIENCE_CLINICIAN);
  object = json_node_get_object (root);
  g_assert_cmpstr (get_string (object, "pathway"), ==, "urgent");

  /* Plan order, not section order. */
  recommendations = get_array (object, "recommendations");
  g_assert_cmpuint (json_array_get_length (recommendations), ==, 2);
  g_assert_cmpstr (get_string (json_array_get_object_element (recommendations, 0), "id"), ==, "rest");
  g_assert_cmpstr (get_string (json_array_get_object_element (recommendations, 1), "id"), ==, "urgent_refer");
  g_assert_cmpstr (get_string (json_array_get_object_element (recommendations, 1), "kind"), ==, "urgent");
  g_assert_cmpstr (get_string (json_array_get_object_element (recommendations, 1), "text"), ==,
                   bedside_care_plan_get_entry (plan, 1)->recommendation->clinician);

  citations = get_array (json_array_get_object_element (recommendations, 0), "citations");
  g_assert_cmpuint (json_array_get_length (citations), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (citations, 0), ==, "r_two");
  g_assert_cmpstr (json_array_get_string_element (citations, 1), ==, "r_one");

  /* The cited references, in order of first citation. */
  references = get_array (object, "references");
  g_assert_cmpuint (json_array_get_length (references), ==, 3);
  g_assert_cmpstr (get_string (json_array_get_object_element (references, 0), "id"), ==, "r_two");
  g_assert_cmpstr (get_string (json_array_get_object_element (references, 2), "id"), ==, "r_three");
  g_assert_cmpstr (get_string (json_array_get_object_element (references, 2), "text"), ==,
                   "Third reference, 2003.");

  g_assert_false (json_object_has_member (json_array_get_object_element (recommendations, 0), "about"));
}

static void
test_json_notes (void)
{
  g_autoptr(BedsideCarePlan) old_plan = evaluate (old_answers);
  g_autoptr(BedsideCarePlan) routine_plan = evaluate (routine_answers);
  g_autoptr(JsonNode) old_root = bedside_render_json (old_plan, BEDSIDE_AUDIENCE_CLINICIAN);
  g_autoptr(JsonNode) routine_root = bedside_render_json (routine_plan, BEDSIDE_AUDIENCE_CLINICIAN);
  JsonArray *recommendations;
  JsonObject *rec;

  assert_plan_shape (old_root, BEDSIDE_AUDIENCE_CLINICIAN);
  recommendations = get_array (json_node_get_object (old_root), "recommendations");
  g_assert_null (find_recommendation (recommendations, "drug"));
  rec = find_recommendation (recommendations, "drug_avoid");
  g_assert_nonnull (rec);
  g_assert_cmpstr (get_string (rec, "about"), ==, "drug");
  g_assert_cmpstr (get_string (json_node_get_object (old_root), "pathway"), ==, "routine");

  assert_plan_shape (routine_root, BEDSIDE_AUDIENCE_CLINICIAN);
  recommendations = get_array (json_node_get_object (routine_root), "recommendations");
  rec = find_recommendation (recommendations, "drug");
  g_assert_nonnull (rec);
  g_assert_false (json_object_has_member (rec, "about"));
  g_assert_cmpstr (get_string (get_object (rec, "evidence"), "quality"), ==, "low");
  g_assert_cmpstr (get_string (get_object (rec, "evidence"), "strength"), ==, "weak");
  rec = find_recommendation (recommendations, "drug_caution");
  g_assert_nonnull (rec);
  g_assert_cmpstr (get_string (rec, "about"), ==, "drug");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (get_object (rec, "evidence"), "quality")));
}

static void
test_json_audiences (void)
{
  g_autoptr(BedsideCarePlan) plan = evaluate (red_flag_answers);
  g_autoptr(JsonNode) patient = bedside_render_json (plan, BEDSIDE_AUDIENCE_PATIENT);
  g_autoptr(JsonNode) both = bedside_render_json (plan, BEDSIDE_AUDIENCE_BOTH);
  JsonObject *rec;

  assert_plan_shape (patient, BEDSIDE_AUDIENCE_PATIENT);
  rec = find_recommendation (get_array (json_node_get_object (patient), "recommendations"), "urgent_refer");
  g_assert_cmpstr (get_string (rec, "text"), ==, "Go to the emergency department today.");
  g_assert_cmpstr (get_string (rec, "title"), ==, "Go to the hospital today");

  assert_plan_shape (both, BEDSIDE_AUDIENCE_BOTH);
  rec = find_recommendation (get_array (json_node_get_object (both), "recommendations"), "urgent_refer");
  g_assert_true (g_str_has_prefix (get_string (rec, "text"), "Refer the patient"));
  g_assert_cmpstr (get_string (rec, "patient_text"), ==, "Go to the emergency department today.");
}

/* The batch writer and bedside_render_json() write one document; quotes
 * and backslashes from the guideline survive. */
static void
test_json_writer (void)
{
  static const BedsideAudience audiences[] = {
    BEDSIDE_AUDIENCE_CLINICIAN, BEDSIDE_AUDIENCE_PATIENT, BEDSIDE_AUDIENCE_BOTH,
  };
  g_autoptr(BedsideCarePlan) old_plan = evaluate (old_answers);

  for (guint a = 0; a < G_N_ELEMENTS (audiences); a++)
    {
      g_autoptr(BedsideJsonPlanWriter) writer =
        bedside_json_plan_writer_new (bedside_care_plan_get_guideline (old_plan), audiences[a]);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autoptr(JsonNode) written = NULL;
      g_autoptr(JsonNode) rendered = bedside_render_json (old_plan, audiences[a]);
      g_autoptr(GError) error = NULL;

      bedside_json_plan_writer_append (writer, old_plan, line);
      g_assert_null (strchr (line->str, '\n'));
      written = json_from_string (line->str, &error);
      g_assert_no_error (error);
      g_assert_true (json_node_equal (written, rendered));
      assert_plan_shape (written, audiences[a]);

      if (audiences[a] == BEDSIDE_AUDIENCE_CLINICIAN)
        {
          JsonObject *rec = find_recommendation (get_array (json_node_get_object (written), "recommendations"),
                                                 "drug_avoid");

          g_assert_cmpstr (get_string (rec, "text"), ==,
                           "Do not give the \"pain medicine\" to patients aged 80 or over (see A\\B).");
        }
    }
}

/* tiny.xml with its status and next review date replaced; @next NULL: no
 * next review date at all. */
static BedsideGuideline *
load_tiny_reviewed (const char *status,
                    const char *next)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *attribute = next != NULL ? g_strdup_printf (" next=\"%s\"", next) : g_strdup ("");
  g_autofree char *element = g_strdup_printf ("<status>%s</status>", status);
  g_autoptr(GError) error = NULL;
  BedsideGuideline *guideline;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, " next=\"2025-01-15\"", attribute, 1), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "<status>under-review</status>", element, 1), ==, 1);
  guideline = bedside_guideline_new_from_data (text->str, (gssize) text->len, "reviewed.xml", &error);
  g_assert_no_error (error);
  return guideline;
}

static BedsideCarePlan *
evaluate_guideline (BedsideGuideline *guideline,
                    const char       *answers_json)
{
  g_autoptr(BedsideSession) session = bedside_session_new (guideline);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answers = bedside_answers_data_read (answers_json, -1, "answers", &error);
  BedsideCarePlan *plan;

  g_assert_no_error (error);
  bedside_session_load_answers_json (session, answers, "answers", &error);
  g_assert_no_error (error);
  plan = bedside_evaluate (session, &error);
  g_assert_no_error (error);
  return plan;
}

/* A guideline not approved, or past its next review date, says so at the
 * top of the clinician plan and in the JSON; an approved, current one says
 * nothing. */
static void
test_warnings (void)
{
  g_autoptr(BedsideGuideline) tiny = load_tiny ();
  g_autoptr(BedsideGuideline) current = load_tiny_reviewed ("approved", "2999-12-31");
  g_autoptr(BedsideGuideline) undated = load_tiny_reviewed ("approved", NULL);
  g_autoptr(BedsideGuideline) retired = load_tiny_reviewed ("retired", "2999-12-31");
  g_autoptr(BedsideCarePlan) stale_plan = evaluate_guideline (tiny, routine_answers);
  g_autoptr(BedsideCarePlan) current_plan = evaluate_guideline (current, routine_answers);
  g_auto(GStrv) before = bedside_render_guideline_warnings (tiny, "2025-01-15", FALSE);
  g_auto(GStrv) after = bedside_render_guideline_warnings (tiny, "2025-01-16", FALSE);
  g_auto(GStrv) none = bedside_render_guideline_warnings (current, NULL, FALSE);
  g_auto(GStrv) no_date = bedside_render_guideline_warnings (undated, NULL, FALSE);
  g_auto(GStrv) retired_warnings = bedside_render_guideline_warnings (retired, NULL, FALSE);
  g_autofree char *stale_text = bedside_render_text (stale_plan, BEDSIDE_AUDIENCE_BOTH);
  g_autofree char *current_text = bedside_render_text (current_plan, BEDSIDE_AUDIENCE_BOTH);
  g_autoptr(JsonNode) stale_json = bedside_render_json (stale_plan, BEDSIDE_AUDIENCE_CLINICIAN);
  g_autoptr(JsonNode) current_json = bedside_render_json (current_plan, BEDSIDE_AUDIENCE_CLINICIAN);
  JsonObject *head;

  /* Under review: one warning on the due day, two the day after. */
  g_assert_cmpuint (g_strv_length (before), ==, 1);
  g_assert_nonnull (strstr (before[0], "under review"));
  g_assert_cmpuint (g_strv_length (after), ==, 2);
  g_assert_cmpstr (after[1], ==, "This guideline was due for review on 2025-01-15: "
                                 "check that it is still current before relying on it.");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (no_date), ==, 0);
  g_assert_cmpuint (g_strv_length (retired_warnings), ==, 1);
  g_assert_nonnull (strstr (retired_warnings[0], "retired"));

  /* The text plan: after the trace, before the pathway; not in the handout. */
  g_assert_cmpuint (position_of (stale_text, "Guideline: tiny"), <,
                    position_of (stale_text, "WARNING: This guideline is under review"));
  g_assert_cmpuint (position_of (stale_text, "WARNING: This guideline is under review"), <,
                    position_of (stale_text, "WARNING: This guideline was due for review on 2025-01-15"));
  g_assert_cmpuint (position_of (stale_text, "WARNING: This guideline was due for review"), <,
                    position_of (stale_text, "Pathway: routine"));
  g_assert_null (strstr (stale_text + position_of (stale_text, "YOUR CARE PLAN"), "WARNING"));
  assert_lines_fit (stale_text);
  g_assert_null (strstr (current_text, "WARNING"));

  head = json_object_get_object_member (json_node_get_object (stale_json), "guideline");
  g_assert_cmpstr (get_string (head, "next_review"), ==, "2025-01-15");
  g_assert_true (json_object_get_boolean_member (head, "review_overdue"));
  head = json_object_get_object_member (json_node_get_object (current_json), "guideline");
  g_assert_cmpstr (get_string (head, "next_review"), ==, "2999-12-31");
  g_assert_false (json_object_get_boolean_member (head, "review_overdue"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/audience-from-string", test_audience_from_string);
  g_test_add_func ("/render/wrap", test_wrap);
  g_test_add_func ("/render/text/clinician", test_text_clinician);
  g_test_add_func ("/render/text/clinician-details", test_text_clinician_details);
  g_test_add_func ("/render/text/patient", test_text_patient);
  g_test_add_func ("/render/text/patient-topics", test_text_patient_topics);
  g_test_add_func ("/render/text/patient-contacts", test_text_patient_contacts);
  g_test_add_func ("/render/handout-language-check", test_handout_language_check);
  g_test_add_func ("/render/text/both", test_text_both);
  g_test_add_func ("/render/json/shape", test_json_shape);
  g_test_add_func ("/render/json/notes", test_json_notes);
  g_test_add_func ("/render/json/audiences", test_json_audiences);
  g_test_add_func ("/render/json/writer", test_json_writer);
  g_test_add_func ("/render/warnings", test_warnings);

  return g_test_run ();
}
