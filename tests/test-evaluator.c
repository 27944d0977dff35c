/* test-evaluator.c: pathways, safety rules, requirements and traces of the evaluator. */
#include "config.h"

#include <string.h>

#include "bedside-evaluator.h"

static BedsideGuideline *
load (const char *which)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  BedsideGuideline *g;

  if (g_str_equal (which, "back-spasm"))
    path = g_test_build_filename (G_TEST_DIST, "..", "data", "guidelines", "back-spasm.xml", NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "data", which, NULL);
  g = bedside_guideline_new_from_file (path, &error);
  g_assert_no_error (error);
  return g;
}

static BedsideSession *
session_with (BedsideGuideline *g,
              const char       *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = bedside_answers_data_read (json, -1, "answers.json", &error);
  BedsideSession *session;

  g_assert_no_error (error);
  session = bedside_session_new (g);
  bedside_session_load_answers_json (session, root, "answers.json", &error);
  g_assert_no_error (error);
  return session;
}

/* The plan's ids in order, joined by spaces. */
static char *
plan_ids (BedsideCarePlan *plan)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < bedside_care_plan_get_n_entries (plan); i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, bedside_care_plan_get_entry (plan, i)->recommendation->id);
    }
  return g_string_free (s, FALSE);
}

static char *
evaluate_ids (BedsideGuideline *g,
              const char       *json,
              char            **pathway)
{
  g_autoptr(BedsideSession) session = session_with (g, json);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideCarePlan) plan = bedside_evaluate (session, &error);

  g_assert_no_error (error);
  if (pathway != NULL)
    *pathway = g_strdup (bedside_care_plan_get_pathway (plan));
  return plan_ids (plan);
}

/* ---- the format example --------------------------------------------- */

static void
test_example_stop (void)
{
  g_autoptr(BedsideGuideline) g = load ("format-example.xml");
  g_autofree char *pathway = NULL;
  g_autofree char *ids = evaluate_ids (g, "{\"age\": 30, \"asthma_nsaid\": false, \"bone_tenderness\": true, \"bears_weight\": true}", &pathway);

  /* The fracture branch stops the walk: nothing after it. */
  g_assert_cmpstr (ids, ==, "xray");
  g_assert_cmpstr (pathway, ==, "imaging");
}

static void
test_example_nested (void)
{
  g_autoptr(BedsideGuideline) g = load ("format-example.xml");
  g_autofree char *pathway = NULL;
  g_autofree char *ids = evaluate_ids (g, "{\"age\": 30, \"asthma_nsaid\": false, \"bone_tenderness\": false,"
                                          " \"bears_weight\": true, \"swelling\": \"severe\"}", &pathway);

  g_assert_cmpstr (ids, ==, "rest_ice ibuprofen physiotherapy");
  g_assert_cmpstr (pathway, ==, "self-care");
}

static void
test_example_contraindication (void)
{
  g_autoptr(BedsideGuideline) g = load ("format-example.xml");
  g_autoptr(BedsideSession) session = session_with (g, "{\"age\": 70, \"asthma_nsaid\": true, \"bone_tenderness\": false,"
                                                       " \"bears_weight\": true, \"swelling\": \"moderate\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideCarePlan) plan = bedside_evaluate (session, &error);
  g_autofree char *ids = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  const BedsideCarePlanEntry *note;
  g_auto(GStrv) why = NULL;

  g_assert_no_error (error);
  ids = plan_ids (plan);
  /* The NSAID is dropped where the tree added it, the note takes its
   * place, and its caution is not added (it is not in the plan). */
  g_assert_cmpstr (ids, ==, "rest_ice no_nsaid");
  dropped = bedside_care_plan_get_dropped (plan);
  g_assert_cmpuint (dropped->len, ==, 1);
  g_assert_cmpstr (((BedsideRecommendation *) dropped->pdata[0])->id, ==, "ibuprofen");

  note = bedside_care_plan_lookup (plan, "no_nsaid");
  g_assert_cmpint (note->origin, ==, BEDSIDE_ORIGIN_CONTRAINDICATION);
  g_assert_cmpstr (note->subject->id, ==, "ibuprofen");
  g_assert_cmpuint (note->n_conditions, ==, 1);

  why = bedside_care_plan_explain (plan, 1);
  /* The earlier decision that could have stopped the walk is part of why. */
  g_assert_cmpuint (g_strv_length (why), ==, 3);
  g_assert_cmpstr (why[0], ==, "Ottawa rule → no fracture suspected: self-care, because fracture_risk is false, "
                               "where fracture_risk means bone_tenderness or not bears_weight; "
                               "answers: bone_tenderness = no, bears_weight = yes");
  g_assert_cmpstr (why[1], ==, "swelling_level → moderate or severe swelling: NSAID, because "
                               "swelling in ('moderate', 'severe') is true; answers: swelling = moderate");
  g_assert_cmpstr (why[2], ==, "Ibuprofen (ibuprofen) is contraindicated: Aspirin- or NSAID-sensitive asthma, "
                               "because asthma_nsaid is true; answers: asthma_nsaid = yes");
}

static void
test_example_caution (void)
{
  g_autoptr(BedsideGuideline) g = load ("format-example.xml");
  g_autoptr(BedsideSession) session = session_with (g, "{\"age\": 70, \"asthma_nsaid\": false, \"bone_tenderness\": false,"
                                                       " \"bears_weight\": true, \"swelling\": \"moderate\"}");
  g_autoptr(BedsideCarePlan) plan = bedside_evaluate (session, NULL);
  g_autofree char *ids = plan_ids (plan);
  const BedsideCarePlanEntry *caution = bedside_care_plan_lookup (plan, "nsaid_caution");
  g_auto(GStrv) why = bedside_care_plan_explain (plan, 2);

  g_assert_cmpstr (ids, ==, "rest_ice ibuprofen nsaid_caution");
  g_assert_cmpint (caution->origin, ==, BEDSIDE_ORIGIN_CAUTION);
  g_assert_cmpstr (why[g_strv_length (why) - 1], ==, "Caution with Ibuprofen (ibuprofen), because age >= 65 is true; answers: age = 70 years");
}

static void
test_example_requires (void)
{
  g_autoptr(BedsideGuideline) g = load ("format-example.xml");
  g_autofree char *ids = NULL;
  g_autoptr(GString) xml = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "format-example.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(BedsideGuideline) g2 = NULL;
  g_autoptr(GError) error = NULL;

  ids = evaluate_ids (g, "{\"age\": 30, \"asthma_nsaid\": false, \"bone_tenderness\": false,"
                         " \"bears_weight\": true, \"swelling\": \"severe\"}", NULL);
  g_assert_cmpstr (ids, ==, "rest_ice ibuprofen physiotherapy");
  g_clear_pointer (&ids, g_free);

  /* Make physiotherapy require the NSAID, then contraindicate the NSAID:
   * the requirement removes physiotherapy too. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  xml = g_string_new (contents);
  g_string_replace (xml, "requires=\"rest_ice\"", "requires=\"ibuprofen\"", 1);
  g2 = bedside_guideline_new_from_data (xml->str, xml->len, "requires.xml", &error);
  g_assert_no_error (error);
  ids = evaluate_ids (g2, "{\"age\": 30, \"asthma_nsaid\": true, \"bone_tenderness\": false,"
                          " \"bears_weight\": true, \"swelling\": \"severe\"}", NULL);
  g_assert_cmpstr (ids, ==, "rest_ice no_nsaid");
}

static void
test_incomplete (void)
{
  g_autoptr(BedsideGuideline) g = load ("format-example.xml");
  g_autoptr(BedsideSession) session = session_with (g, "{\"age\": 30, \"bone_tenderness\": false}");
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideCarePlan) plan = bedside_evaluate (session, &error);

  g_assert_null (plan);
  g_assert_error (error, BEDSIDE_EVALUATOR_ERROR, BEDSIDE_EVALUATOR_ERROR_INCOMPLETE);
  g_assert_cmpstr (error->message, ==, "incomplete answers: missing asthma_nsaid, bears_weight");
}

/* An optional item left unanswered makes a test unknown: that is an
 * error that names the item, never a silent false. */
static void
test_unknown_test_is_an_error (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "format-example.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) xml = NULL;
  g_autoptr(BedsideGuideline) g = NULL;
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  xml = g_string_new (contents);
  g_string_replace (xml, "<item id=\"bone_tenderness\" type=\"boolean\">",
                    "<item id=\"bone_tenderness\" type=\"boolean\" required=\"false\">", 1);
  g = bedside_guideline_new_from_data (xml->str, xml->len, "optional.xml", &error);
  g_assert_no_error (error);

  session = session_with (g, "{\"age\": 30, \"asthma_nsaid\": false, \"bears_weight\": true}");
  g_assert_true (bedside_session_is_complete (session));
  plan = bedside_evaluate (session, &error);
  g_assert_null (plan);
  g_assert_error (error, BEDSIDE_EVALUATOR_ERROR, BEDSIDE_EVALUATOR_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "cannot be decided without bone_tenderness"));
  g_assert_nonnull (strstr (error->message, "optional.xml line 116"));
}

/* ---- the bundled guideline ------------------------------------------ */

static const char *acute_case =
  "{\"age\": 40, \"pregnant\": \"no\", \"rf_cauda_equina\": false, \"rf_progressive_deficit\": false,"
  " \"rf_cancer\": false, \"rf_infection\": false, \"rf_fracture\": false, \"duration_weeks\": 2,"
  " \"pain_severity\": 7, \"radicular\": false, \"prefers_non_drug\": false, \"maoi_recent\": false,"
  " \"cardiac\": false, \"hyperthyroid\": false, \"hepatic\": \"none\", \"serotonergic\": false,"
  " \"cns_depressants\": false, \"glaucoma_urinary\": false, \"drives_or_machinery\": false,"
  " \"gi_bleed_history\": false, \"ckd\": \"none\", \"anticoagulant\": false, \"cv_disease\": false,"
  " \"nsaid_allergy\": false}";

static void
test_back_spasm_acute_trace (void)
{
  g_autoptr(BedsideGuideline) g = load ("back-spasm");
  g_autoptr(BedsideSession) session = session_with (g, acute_case);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideCarePlan) plan = bedside_evaluate (session, &error);
  gboolean found_duration = FALSE;

  g_assert_no_error (error);
  g_assert_cmpstr (bedside_care_plan_get_pathway (plan), ==, "acute");
  for (guint i = 0; i < bedside_care_plan_get_n_entries (plan); i++)
    {
      const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (plan, i);
      g_auto(GStrv) why = bedside_care_plan_explain (plan, i);

      /* Every recommendation can say why, and cites a source. */
      g_assert_cmpuint (g_strv_length (why), >, 0);
      g_assert_cmpuint (entry->recommendation->n_citations, >, 0);
      if (g_str_equal (entry->recommendation->id, "heat"))
        for (guint w = 0; why[w] != NULL; w++)
          if (strstr (why[w], "because acute is true, where acute means duration_weeks < 4; answers: duration_weeks = 2 weeks") != NULL)
            found_duration = TRUE;
    }
  g_assert_true (found_duration);
}

static void
test_back_spasm_red_flag_stops (void)
{
  g_autoptr(BedsideGuideline) g = load ("back-spasm");
  g_autofree char *pathway = NULL;
  g_autofree char *ids = evaluate_ids (g, "{\"age\": 40, \"pregnant\": \"no\", \"rf_cauda_equina\": true,"
                                          " \"rf_progressive_deficit\": false, \"rf_cancer\": false,"
                                          " \"rf_infection\": false, \"rf_fracture\": false}", &pathway);

  g_assert_cmpstr (ids, ==, "urgent_cauda_equina safety_net");
  g_assert_cmpstr (pathway, ==, "urgent");
}

/* The public vignettes, straight through the engine. */
static void
test_public_vignettes (void)
{
  g_autoptr(BedsideGuideline) g = load ("back-spasm");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "public-vignettes.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(BedsideSession) session = bedside_session_new (g);
      g_autoptr(BedsideCarePlan) plan = NULL;
      JsonObject *vignette, *expect;
      JsonArray *include, *exclude;

      if (*lines[i] == '\0')
        continue;
      root = bedside_answers_data_read (lines[i], -1, "vignette", &error);
      g_assert_no_error (error);
      vignette = json_node_get_object (root);
      expect = json_object_get_object_member (vignette, "expect");
      bedside_session_load_answers_json (session, json_object_get_member (vignette, "answers"), "vignette", &error);
      g_assert_no_error (error);
      plan = bedside_evaluate (session, &error);
      g_assert_no_error (error);

      include = json_object_get_array_member (expect, "include");
      exclude = json_object_get_array_member (expect, "exclude");
      for (guint k = 0; k < json_array_get_length (include); k++)
        if (bedside_care_plan_lookup (plan, json_array_get_string_element (include, k)) == NULL)
          g_error ("%s: missing %s", json_object_get_string_member (vignette, "name"),
                   json_array_get_string_element (include, k));
      for (guint k = 0; k < json_array_get_length (exclude); k++)
        if (bedside_care_plan_lookup (plan, json_array_get_string_element (exclude, k)) != NULL)
          g_error ("%s: unexpected %s", json_object_get_string_member (vignette, "name"),
                   json_array_get_string_element (exclude, k));
      if (json_object_has_member (expect, "pathway"))
        g_assert_cmpstr (bedside_care_plan_get_pathway (plan), ==,
                         json_object_get_string_member (expect, "pathway"));
      n++;
    }
  g_assert_cmpuint (n, ==, 16);
}

static void
test_batch_evaluator_reuse (void)
{
  g_autoptr(BedsideGuideline) g = load ("format-example.xml");
  g_autoptr(BedsideEvaluator) evaluator = bedside_evaluator_new (g);
  g_autoptr(BedsideSession) a = session_with (g, "{\"age\": 30, \"asthma_nsaid\": false, \"bone_tenderness\": true, \"bears_weight\": true}");
  g_autoptr(BedsideSession) b = session_with (g, "{\"age\": 30, \"asthma_nsaid\": false, \"bone_tenderness\": false,"
                                                 " \"bears_weight\": true, \"swelling\": \"mild\"}");
  const guint *out;
  guint n;

  /* The same evaluator, run after run, gives each run's own answer. */
  for (guint round = 0; round < 3; round++)
    {
      g_assert_true (bedside_evaluator_run (evaluator, bedside_session_get_values (a), &out, &n, NULL));
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[0])->id, ==, "xray");
      g_assert_true (bedside_evaluator_run (evaluator, bedside_session_get_values (b), &out, &n, NULL));
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[0])->id, ==, "rest_ice");
    }
}

/* While answers are still being given, what is already certain: a red
 * flag is known at once, before the rest of the questionnaire. */
static void
test_partial (void)
{
  g_autoptr(BedsideGuideline) g = load ("back-spasm");
  g_autoptr(BedsideEvaluator) evaluator = bedside_evaluator_new (g);
  g_autoptr(BedsideSession) session = bedside_session_new (g);
  g_autoptr(GError) error = NULL;
  const guint *out;
  guint n;

  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 0);

  /* Cauda equina answered yes, the other red flags not yet answered. */
  bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (g, "age")->index, "40", &error);
  bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (g, "rf_cauda_equina")->index, "yes", &error);
  g_assert_no_error (error);
  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[0])->id, ==, "urgent_cauda_equina");

  /* Another red flag with cauda equina unanswered: not yet certain which. */
  bedside_session_clear (session);
  bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (g, "rf_cancer")->index, "yes", &error);
  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 0);
  /* Once cauda equina is answered no, the red-flag plan is settled: the
   * branch stops the walk, so nothing else can change it. */
  bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (g, "rf_cauda_equina")->index, "no", &error);
  g_assert_true (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[0])->id, ==, "urgent_red_flag");
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[1])->id, ==, "safety_net");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/evaluator/example/stop", test_example_stop);
  g_test_add_func ("/evaluator/example/nested", test_example_nested);
  g_test_add_func ("/evaluator/example/contraindication", test_example_contraindication);
  g_test_add_func ("/evaluator/example/caution", test_example_caution);
  g_test_add_func ("/evaluator/example/requires", test_example_requires);
  g_test_add_func ("/evaluator/incomplete", test_incomplete);
  g_test_add_func ("/evaluator/unknown-test-is-an-error", test_unknown_test_is_an_error);
  g_test_add_func ("/evaluator/back-spasm/acute-trace", test_back_spasm_acute_trace);
  g_test_add_func ("/evaluator/back-spasm/red-flag-stops", test_back_spasm_red_flag_stops);
  g_test_add_func ("/evaluator/back-spasm/public-vignettes", test_public_vignettes);
  g_test_add_func ("/evaluator/batch-reuse", test_batch_evaluator_reuse);
  g_test_add_func ("/evaluator/partial", test_partial);
  return g_test_run ();
}
