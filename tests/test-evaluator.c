/* test-evaluator.c: pathways, safety rules, requirements and traces of the evaluator. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

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
  dropped = bedside_care_plan_dup_dropped (plan);
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

/* Back-spasm 1.1: an adult with acute spasm, pain 7/10, who wants
 * medicines and has taken no muscle relaxant yet.  Exactly the items that
 * are asked: not prior_exercise_failed, nsaid_tried_failed, seizures or
 * misuse_or_suicidality (chronic pathway only), nor rf_cancer_neuro (asked
 * only with rf_cancer). */
static const char *acute_case =
  "{\"age\": 40, \"pregnant\": \"no\", \"rf_cauda_equina\": false, \"rf_progressive_deficit\": false,"
  " \"rf_infection\": false, \"rf_vascular\": false, \"rf_major_trauma\": false, \"rf_cancer\": false,"
  " \"rf_fracture\": false, \"duration_weeks\": 2, \"pain_severity\": 7, \"radicular\": false,"
  " \"prefers_non_drug\": false, \"prior_mr_course\": false, \"maoi_recent\": false,"
  " \"recent_mi\": false, \"heart_failure\": false, \"arrhythmia\": false, \"hyperthyroid\": false,"
  " \"hepatic\": \"none\", \"ssri_snri\": false, \"other_serotonergic\": false,"
  " \"alcohol_regular\": false, \"sedatives\": false, \"glaucoma_urinary\": false,"
  " \"drives_or_machinery\": false, \"gi_bleed_history\": false, \"ckd\": \"none\","
  " \"anticoagulant\": false, \"cv_disease\": false, \"steroids_oral\": false,"
  " \"nsaid_allergy\": false}";

/* The red-flag answers of back-spasm 1.1, all no, except those given as
 * "id": true pairs in @yes (JSON members, comma-separated, may be NULL). */
static char *
red_flag_case (const char *yes)
{
  static const char *flags[] = { "rf_cauda_equina", "rf_progressive_deficit", "rf_infection",
                                 "rf_vascular", "rf_major_trauma", "rf_cancer", "rf_fracture" };
  GString *s = g_string_new ("{\"age\": 40, \"pregnant\": \"no\"");

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autofree char *member = g_strdup_printf ("\"%s\"", flags[i]);
      if (yes == NULL || strstr (yes, member) == NULL)
        g_string_append_printf (s, ", %s: false", member);
    }
  if (yes != NULL)
    g_string_append_printf (s, ", %s", yes);
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

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

  /* Rules 3-8 for this patient, in the tree's order; format 2: each
   * medicine recommendation names the medicines it still offers. */
  {
    g_autofree char *ids = plan_ids (plan);
    const BedsideCarePlanEntry *mr = bedside_care_plan_lookup (plan, "muscle_relaxant_short");
    const BedsideCarePlanEntry *nsaid = bedside_care_plan_lookup (plan, "nsaid");

    g_assert_cmpstr (ids, ==, "stay_active no_routine_imaging no_lumbar_support no_tens safety_net "
                              "heat massage spinal_manipulation acupuncture followup_acute "
                              "muscle_relaxant_short nsaid analgesic_combination");
    g_assert_cmpuint (mr->n_medicines, ==, 1);
    g_assert_cmpstr (mr->medicines[0]->id, ==, "cyclobenzaprine");
    g_assert_cmpuint (mr->n_left_out, ==, 0);
    g_assert_cmpuint (nsaid->n_medicines, ==, 2);
    g_assert_cmpstr (nsaid->medicines[0]->id, ==, "ibuprofen");
    g_assert_cmpstr (nsaid->medicines[1]->id, ==, "naproxen");
    g_assert_true (bedside_care_plan_offers (plan, bedside_guideline_lookup_medicine (g, "naproxen")));
    g_assert_false (bedside_care_plan_offers (plan, bedside_guideline_lookup_medicine (g, "acetaminophen")));
  }
}

/* Rule 1 (1.1): red flags in two tiers.  Each flag adds its own
 * recommendation; any flag adds the safety net; an urgent flag without an
 * emergency one adds care while waiting; the routine pathway is not used. */
static void
test_back_spasm_red_flag_stops (void)
{
  static const struct { const char *yes; const char *ids; } cases[] = {
    { "\"rf_cauda_equina\": true", "urgent_cauda_equina safety_net" },
    { "\"rf_progressive_deficit\": true", "emergency_deficit safety_net" },
    { "\"rf_infection\": true", "emergency_infection safety_net" },
    { "\"rf_vascular\": true", "emergency_vascular safety_net" },
    { "\"rf_major_trauma\": true", "emergency_trauma safety_net" },
    { "\"rf_cancer\": true, \"rf_cancer_neuro\": true", "emergency_mscc safety_net" },
    { "\"rf_cancer\": true, \"rf_cancer_neuro\": false", "urgent_cancer interim_care safety_net" },
    { "\"rf_fracture\": true", "urgent_fracture interim_care safety_net" },
    /* Both tiers: every flag's own recommendation, no interim care. */
    { "\"rf_cauda_equina\": true, \"rf_infection\": true, \"rf_cancer\": true, \"rf_cancer_neuro\": false",
      "urgent_cauda_equina emergency_infection urgent_cancer safety_net" },
    { "\"rf_fracture\": true, \"rf_cancer\": true, \"rf_cancer_neuro\": false",
      "urgent_cancer urgent_fracture interim_care safety_net" },
  };
  g_autoptr(BedsideGuideline) g = load ("back-spasm");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = red_flag_case (cases[i].yes);
      g_autofree char *pathway = NULL;
      g_autofree char *ids = evaluate_ids (g, json, &pathway);

      if (g_strcmp0 (ids, cases[i].ids) != 0)
        g_error ("%s: expected \"%s\", got \"%s\"", cases[i].yes, cases[i].ids, ids);
      g_assert_cmpstr (pathway, ==, "urgent");
    }
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
  g_assert_cmpuint (n, ==, 25);
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
 * flag is known at once, before the rest of the questionnaire.  In 1.1
 * each red flag adds its own recommendation (rule 1, two tiers), so the
 * red-flag plan is settled only once every red-flag question is answered:
 * until then another flag could still add its own recommendation, or an
 * emergency flag could take interim_care away. */
static void
test_partial (void)
{
  g_autoptr(BedsideGuideline) g = load ("back-spasm");
  g_autoptr(BedsideEvaluator) evaluator = bedside_evaluator_new (g);
  g_autoptr(BedsideSession) session = bedside_session_new (g);
  g_autoptr(GError) error = NULL;
  const guint *out;
  guint n;

#define ANSWER(id, text) \
  G_STMT_START { \
    bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (g, id)->index, text, &error); \
    g_assert_no_error (error); \
  } G_STMT_END

  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 0);

  /* Cauda equina answered yes, the other red flags not yet answered: the
   * emergency referral is certain at once. */
  ANSWER ("age", "40");
  ANSWER ("rf_cauda_equina", "yes");
  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[0])->id, ==, "urgent_cauda_equina");

  /* Another red flag with cauda equina unanswered: not yet certain which. */
  bedside_session_clear (session);
  ANSWER ("rf_cancer", "yes");
  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 0);

  /* Cauda equina answered no: the next flags are still open (1.0 had one
   * urgent_red_flag for any flag, and was settled here; 1.1 is not). */
  ANSWER ("rf_cauda_equina", "no");
  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 0);
  ANSWER ("rf_progressive_deficit", "no");
  ANSWER ("rf_infection", "no");
  ANSWER ("rf_vascular", "no");
  ANSWER ("rf_major_trauma", "no");
  /* Cancer: emergency (cord compression) or urgent (MRI within a week)
   * depends on the neurological question. */
  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 0);
  ANSWER ("rf_cancer_neuro", "no");
  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[0])->id, ==, "urgent_cancer");

  /* Every red flag answered: the red-flag plan is settled, and the branch
   * stops the walk, so nothing else (age, symptoms) can change it. */
  ANSWER ("rf_fracture", "no");
  g_assert_true (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[0])->id, ==, "urgent_cancer");
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[1])->id, ==, "interim_care");
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[2])->id, ==, "safety_net");

  /* With the neurological question yes instead: the emergency tier, and
   * no interim care. */
  ANSWER ("rf_cancer_neuro", "yes");
  g_assert_true (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[0])->id, ==, "emergency_mscc");
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[1])->id, ==, "safety_net");
#undef ANSWER
}

/* ---- format 2: medicine records -------------------------------------- */

/* data/medicines-eval/guideline.xml: pain_relief offers alpha and beta,
 * second_line offers gamma (medicines/eval-records.xml). */
static const char *medicines_healthy =
  "{\"age\": 40, \"chronic\": false, \"kidney\": false, \"allergy\": false, \"liver\": false}";

static BedsideGuideline *
load_medicines_eval (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "medicines-eval", "guideline.xml", NULL);
  g_autoptr(GError) error = NULL;
  BedsideGuideline *g = bedside_guideline_new_from_file (path, &error);

  g_assert_no_error (error);
  return g;
}

/* The 1-based line of the first @needle in @text. */
static guint
line_of (const char *text,
         const char *needle)
{
  const char *at = strstr (text, needle);
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

static BedsideCarePlan *
evaluate_plan (BedsideGuideline *g,
               const char       *json)
{
  g_autoptr(BedsideSession) session = session_with (g, json);
  g_autoptr(GError) error = NULL;
  BedsideCarePlan *plan = bedside_evaluate (session, &error);

  g_assert_no_error (error);
  return plan;
}

/* The ids of a list of medicines, joined by spaces. */
static char *
medicine_ids (const BedsideMedicine **medicines,
              guint                   n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? " " : "", medicines[i]->id);
  return g_string_free (s, FALSE);
}

static void
assert_offers (const BedsideCarePlan *plan,
               const char            *recommendation,
               const char            *offered,
               const char            *left_out)
{
  const BedsideCarePlanEntry *entry = bedside_care_plan_lookup (plan, recommendation);
  g_autofree char *kept = NULL;
  g_autofree char *out = NULL;

  g_assert_nonnull (entry);
  g_assert_cmpint (entry->origin, ==, BEDSIDE_ORIGIN_TREE);
  kept = medicine_ids (entry->medicines, entry->n_medicines);
  out = medicine_ids (entry->left_out, entry->n_left_out);
  g_assert_cmpstr (kept, ==, offered);
  g_assert_cmpstr (out, ==, left_out);
}

static void
test_medicines_load (void)
{
  g_autoptr(BedsideGuideline) g = load_medicines_eval ();
  const BedsideMedicine *beta = bedside_guideline_lookup_medicine (g, "beta");
  const BedsideRecommendation *relief = bedside_guideline_lookup_recommendation (g, "pain_relief");

  /* Only the medicines the guideline uses; the records' notes and the
   * references they cite join the guideline. */
  g_assert_cmpuint (bedside_guideline_get_n_medicines (g), ==, 3);
  g_assert_null (bedside_guideline_lookup_medicine (g, "epsilon"));
  g_assert_cmpuint (bedside_guideline_get_n_medicine_sources (g), ==, 1);
  g_assert_cmpstr (bedside_guideline_get_medicine_source (g, 0)->id, ==, "eval-records");
  g_assert_cmpstr (bedside_guideline_get_medicine_source (g, 0)->version, ==, "1.0.0");
  g_assert_nonnull (bedside_guideline_lookup_recommendation (g, "no_beta"));
  g_assert_cmpint (bedside_guideline_lookup_recommendation (g, "no_beta")->record_medicine, ==, (gint) beta->index);
  g_assert_cmpuint (bedside_guideline_get_n_references (g), ==, 2);
  g_assert_cmpstr (bedside_guideline_get_reference (g, 1)->id, ==, "label");

  g_assert_cmpuint (relief->n_offers, ==, 2);
  g_assert_cmpstr (beta->name, ==, "Beta");
  g_assert_cmpstr (beta->strength, ==, "5 mg tablet");
  g_assert_true (beta->prescription);
  g_assert_cmpuint (beta->n_against, ==, 2);
  g_assert_cmpstr (beta->against[1].id, ==, "liver");
  g_assert_cmpstr (beta->against[1].patient, ==, "you have liver disease");
  g_assert_cmpint (beta->against[1].medicine, ==, (gint) beta->index);
  g_assert_cmpuint (beta->n_cautions, ==, 2);
  g_assert_null (beta->cautions[1].when);
  /* with="gamma epsilon": epsilon is not used, so it is never offered. */
  g_assert_cmpuint (beta->cautions[1].n_with, ==, 1);
  g_assert_cmpuint (beta->cautions[1].with[0], ==, bedside_guideline_lookup_medicine (g, "gamma")->index);
}

static void
test_medicines_all_offered (void)
{
  g_autoptr(BedsideGuideline) g = load_medicines_eval ();
  g_autoptr(BedsideCarePlan) plan = evaluate_plan (g, medicines_healthy);
  g_autofree char *ids = plan_ids (plan);
  g_autoptr(GPtrArray) dropped = bedside_care_plan_dup_dropped (plan);

  g_assert_cmpstr (ids, ==, "rest pain_relief");
  assert_offers (plan, "pain_relief", "alpha beta", "");
  g_assert_cmpuint (dropped->len, ==, 0);
  g_assert_true (bedside_care_plan_offers (plan, bedside_guideline_lookup_medicine (g, "alpha")));
  g_assert_false (bedside_care_plan_offers (plan, bedside_guideline_lookup_medicine (g, "gamma")));
}

/* One of two medicines has a reason against it: the safe one is kept, the
 * other is left out, and its note (right after the recommendation) names
 * the reason. */
static void
test_medicines_one_left_out (void)
{
  g_autoptr(BedsideGuideline) g = load_medicines_eval ();
  g_autoptr(BedsideCarePlan) plan = evaluate_plan (g, "{\"age\": 40, \"chronic\": false, \"kidney\": true,"
                                                      " \"allergy\": false, \"liver\": false}");
  g_autofree char *ids = plan_ids (plan);
  g_autoptr(GPtrArray) dropped = bedside_care_plan_dup_dropped (plan);
  const BedsideCarePlanEntry *note = bedside_care_plan_lookup (plan, "no_alpha");
  g_auto(GStrv) why = NULL;

  /* alpha_alternative: suitable(alpha) is false. */
  g_assert_cmpstr (ids, ==, "rest pain_relief no_alpha alpha_alternative");
  assert_offers (plan, "pain_relief", "beta", "alpha");
  g_assert_cmpuint (dropped->len, ==, 0);
  g_assert_false (bedside_care_plan_offers (plan, bedside_guideline_lookup_medicine (g, "alpha")));
  g_assert_true (bedside_care_plan_offers (plan, bedside_guideline_lookup_medicine (g, "beta")));

  g_assert_cmpint (note->origin, ==, BEDSIDE_ORIGIN_CONTRAINDICATION);
  g_assert_cmpstr (note->subject->id, ==, "pain_relief");
  g_assert_cmpuint (note->n_conditions, ==, 1);
  g_assert_cmpstr (note->conditions[0]->id, ==, "kidney");
  g_assert_cmpstr (note->conditions[0]->reason, ==, "Kidney disease.");
  g_assert_cmpstr (note->conditions[0]->patient, ==, "your kidneys work badly");
  g_assert_cmpint (note->conditions[0]->medicine, ==, (gint) bedside_guideline_lookup_medicine (g, "alpha")->index);
  g_assert_cmpuint (note->conditions[0]->n_citations, ==, 1);
  g_assert_cmpstr (bedside_guideline_get_reference (g, note->conditions[0]->citations[0])->id, ==, "label");

  why = bedside_care_plan_explain (plan, 2);
  g_assert_cmpstr (why[g_strv_length (why) - 1], ==,
                   "Alpha (alpha) is left out: Kidney disease, because kidney is true; answers: kidney = yes");
}

/* Both medicines unsafe: the recommendation is dropped, each note is added
 * in its place, and a note lists every reason that held for it. */
static void
test_medicines_all_left_out (void)
{
  g_autoptr(BedsideGuideline) g = load_medicines_eval ();
  g_autoptr(BedsideCarePlan) plan = evaluate_plan (g, "{\"age\": 40, \"chronic\": false, \"kidney\": true,"
                                                      " \"allergy\": true, \"liver\": true}");
  g_autofree char *ids = plan_ids (plan);
  g_autoptr(GPtrArray) dropped = bedside_care_plan_dup_dropped (plan);
  const BedsideCarePlanEntry *no_alpha = bedside_care_plan_lookup (plan, "no_alpha");
  const BedsideCarePlanEntry *no_beta = bedside_care_plan_lookup (plan, "no_beta");

  g_assert_cmpstr (ids, ==, "rest no_alpha no_beta alpha_alternative");
  g_assert_null (bedside_care_plan_lookup (plan, "pain_relief"));
  g_assert_cmpuint (dropped->len, ==, 1);
  g_assert_cmpstr (((BedsideRecommendation *) dropped->pdata[0])->id, ==, "pain_relief");
  g_assert_false (bedside_care_plan_offers (plan, bedside_guideline_lookup_medicine (g, "beta")));

  g_assert_cmpint (no_alpha->origin, ==, BEDSIDE_ORIGIN_CONTRAINDICATION);
  g_assert_cmpstr (no_alpha->subject->id, ==, "pain_relief");
  g_assert_cmpuint (no_alpha->n_conditions, ==, 1);
  g_assert_cmpint (no_beta->origin, ==, BEDSIDE_ORIGIN_CONTRAINDICATION);
  g_assert_cmpstr (no_beta->subject->id, ==, "pain_relief");
  g_assert_cmpuint (no_beta->n_conditions, ==, 2);
  g_assert_cmpstr (no_beta->conditions[0]->patient, ==, "you are allergic to it");
  g_assert_cmpstr (no_beta->conditions[1]->patient, ==, "you have liver disease");
}

/* A caution with with="gamma" holds only when gamma is offered in the same
 * plan: not when the tree does not add it, not when gamma is left out, and
 * not when the medicine the caution belongs to is itself left out. */
static void
test_medicines_caution_with (void)
{
  static const struct { const char *json; const char *ids; } cases[] = {
    /* gamma offered: the caution comes right after pain_relief, although
     * second_line comes later in the tree; the when= caution first (the
     * record's order), after the recommendation's own caution. */
    { "{\"age\": 40, \"chronic\": true, \"gamma_contra\": false, \"kidney\": false, \"allergy\": false, \"liver\": false}",
      "rest pain_relief beta_gamma_caution second_line" },
    { "{\"age\": 85, \"chronic\": true, \"gamma_contra\": false, \"kidney\": false, \"allergy\": false, \"liver\": false}",
      "rest pain_relief very_old_note beta_age_caution beta_gamma_caution second_line" },
    /* gamma not added by the tree */
    { "{\"age\": 85, \"chronic\": false, \"kidney\": false, \"allergy\": false, \"liver\": false}",
      "rest pain_relief very_old_note beta_age_caution" },
    /* gamma added, but left out: second_line is dropped */
    { "{\"age\": 40, \"chronic\": true, \"gamma_contra\": true, \"kidney\": false, \"allergy\": false, \"liver\": false}",
      "rest pain_relief no_gamma" },
    /* gamma offered, but beta left out: beta's cautions do not apply */
    { "{\"age\": 70, \"chronic\": true, \"gamma_contra\": false, \"kidney\": false, \"allergy\": true, \"liver\": false}",
      "rest pain_relief no_beta second_line" },
  };
  g_autoptr(BedsideGuideline) g = load_medicines_eval ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BedsideCarePlan) plan = evaluate_plan (g, cases[i].json);
      g_autofree char *ids = plan_ids (plan);

      if (g_strcmp0 (ids, cases[i].ids) != 0)
        g_error ("%s: expected \"%s\", got \"%s\"", cases[i].json, cases[i].ids, ids);
      if (i == 0)
        {
          const BedsideCarePlanEntry *caution = bedside_care_plan_lookup (plan, "beta_gamma_caution");
          g_auto(GStrv) why = bedside_care_plan_explain (plan, 2);

          g_assert_cmpint (caution->origin, ==, BEDSIDE_ORIGIN_CAUTION);
          g_assert_cmpstr (caution->subject->id, ==, "pain_relief");
          g_assert_cmpuint (caution->n_conditions, ==, 1);
          g_assert_cmpuint (caution->conditions[0]->n_with, ==, 1);
          assert_offers (plan, "second_line", "gamma", "");
          g_assert_cmpstr (why[g_strv_length (why) - 1], ==,
                           "Caution with Beta (beta): Gamma is offered in the same plan, "
                           "because Gamma (gamma) is offered in this plan too");
        }
      if (i == 4)
        assert_offers (plan, "pain_relief", "alpha", "beta");
    }
}

/* suitable(alpha) in a definition: true when no reason against alpha
 * holds, false when one does, unknown while one is unanswered. */
static void
test_medicines_suitable (void)
{
  g_autoptr(BedsideGuideline) g = load_medicines_eval ();
  g_autoptr(BedsideCarePlan) ok = evaluate_plan (g, medicines_healthy);
  g_autoptr(BedsideCarePlan) unsuitable = evaluate_plan (g, "{\"age\": 40, \"chronic\": false, \"kidney\": true,"
                                                            " \"allergy\": true, \"liver\": false}");
  g_autoptr(BedsideSession) session = session_with (g, "{\"age\": 40, \"chronic\": false}");
  g_autoptr(BedsideEvaluator) evaluator = bedside_evaluator_new (g);
  const BedsideDefinition *def = NULL;
  const guint *out;
  guint n;

  for (guint i = 0; i < bedside_guideline_get_n_definitions (g); i++)
    if (g_str_equal (bedside_guideline_get_definition (g, i)->id, "alpha_ok"))
      def = bedside_guideline_get_definition (g, i);
  g_assert_nonnull (def);
  g_assert_cmpstr (bedside_expr_get_source (def->expr), ==, "suitable(alpha)");

  g_assert_null (bedside_care_plan_lookup (ok, "alpha_alternative"));
  g_assert_nonnull (bedside_care_plan_lookup (unsuitable, "alpha_alternative"));
  /* beta's reason does not make alpha unsuitable. */
  {
    g_autoptr(BedsideCarePlan) beta_only = evaluate_plan (g, "{\"age\": 40, \"chronic\": false, \"kidney\": false,"
                                                             " \"allergy\": true, \"liver\": false}");
    g_assert_null (bedside_care_plan_lookup (beta_only, "alpha_alternative"));
  }

  /* kidney unanswered: suitable(alpha) is unknown, the walk stops there;
   * and no medicine is offered unscreened, so pain_relief (alpha and beta
   * both undecided) is not certain yet. */
  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[0])->id, ==, "rest");
  /* alpha screened, beta not yet: pain_relief is certain (it offers alpha
   * at least), beta's note is not. */
  bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (g, "kidney")->index, "no", NULL);
  bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (g, "allergy")->index, "no", NULL);
  g_assert_false (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (bedside_guideline_get_recommendation (g, out[1])->id, ==, "pain_relief");
  bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (g, "liver")->index, "no", NULL);
  g_assert_true (bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n));
  g_assert_cmpuint (n, ==, 2);
}

/* A reason against an offered medicine that cannot be decided (its item
 * is optional and unanswered) is an error of completeness naming the
 * item: a medicine is never offered unscreened. */
static void
test_medicines_unknown_reason (void)
{
  g_autoptr(BedsideGuideline) g = load_medicines_eval ();
  g_autoptr(BedsideSession) session = session_with (g, "{\"age\": 40, \"chronic\": false, \"kidney\": false,"
                                                       " \"allergy\": false}");
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_autofree char *records = g_test_build_filename (G_TEST_DIST, "data", "medicines-eval", "medicines",
                                                    "eval-records.xml", NULL);
  g_autofree char *records_text = NULL;
  g_autofree char *where = NULL;
  g_autofree char *where_colon = NULL;

  g_assert_true (g_file_get_contents (records, &records_text, NULL, NULL));
  where = g_strdup_printf ("%s line %u", records, line_of (records_text, "<against id=\"liver\""));
  where_colon = g_strdup_printf ("%s:%u", records, line_of (records_text, "<against id=\"liver\""));
  g_assert_true (bedside_session_is_complete (session));
  plan = bedside_evaluate (session, &error);
  g_assert_null (plan);
  g_assert_error (error, BEDSIDE_EVALUATOR_ERROR, BEDSIDE_EVALUATOR_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "a reason against 'beta'"));
  g_assert_nonnull (strstr (error->message, "cannot be decided without liver"));
  /* The reason is written in the records file: the message names that
   * file and line, not the guideline's path with the records' line. */
  if (strstr (error->message, where) == NULL && strstr (error->message, where_colon) == NULL)
    g_error ("'%s' not in: %s", where, error->message);
}

/* ---- format 2: load errors -------------------------------------------- */

/* Writes the fixture guideline, edited by @from → @to (if given), into a
 * new temporary folder, with its medicines/ folder unless @with_records is
 * FALSE.  Returns the folder; the text written is in @text_out. */
static char *
write_edited (const char *from,
              const char *to,
              gboolean    with_records,
              char      **text_out)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "medicines-eval", "guideline.xml", NULL);
  g_autofree char *records_src = g_test_build_filename (G_TEST_DIST, "data", "medicines-eval", "medicines",
                                                        "eval-records.xml", NULL);
  g_autofree char *dir = g_dir_make_tmp ("bedside-medicines-eval-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "guideline.xml", NULL);
  g_assert_true (g_file_get_contents (src, &contents, NULL, NULL));
  text = g_string_new (contents);
  if (from != NULL)
    g_assert_cmpuint (g_string_replace (text, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  if (with_records)
    {
      g_autofree char *records_dir = g_build_filename (dir, "medicines", NULL);
      g_autofree char *records = g_build_filename (records_dir, "eval-records.xml", NULL);
      g_autofree char *records_text = NULL;
      gsize length;

      g_assert_cmpint (g_mkdir (records_dir, 0700), ==, 0);
      g_assert_true (g_file_get_contents (records_src, &records_text, &length, NULL));
      g_assert_true (g_file_set_contents (records, records_text, length, NULL));
    }
  *text_out = g_string_free (g_steal_pointer (&text), FALSE);
  return g_steal_pointer (&dir);
}

/* write_edited(), then loads it: it must fail, with @error set. */
static char *
load_edited (const char *from,
             const char *to,
             gboolean    with_records,
             char      **text_out,
             GError    **error)
{
  char *dir = write_edited (from, to, with_records, text_out);
  g_autofree char *path = g_build_filename (dir, "guideline.xml", NULL);
  g_autoptr(BedsideGuideline) g = bedside_guideline_new_from_file (path, error);

  g_assert_null (g);
  return dir;
}

static void
remove_edited (const char *dir)
{
  g_autofree char *records_dir = g_build_filename (dir, "medicines", NULL);
  g_autofree char *records = g_build_filename (records_dir, "eval-records.xml", NULL);
  g_autofree char *guideline = g_build_filename (dir, "guideline.xml", NULL);

  g_remove (records);
  g_rmdir (records_dir);
  g_remove (guideline);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Whether one line of a loader message is exactly @prefix followed by
 * text that contains @words. */
static gboolean
has_error_line (const char *message,
                const char *prefix,
                const char *words)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix) && strstr (lines[i] + strlen (prefix), words) != NULL)
      return TRUE;
  return FALSE;
}

#define assert_error_line(message, prefix, words) \
  G_STMT_START { \
    if (!has_error_line (message, prefix, words)) \
      g_error ("expected a line \"%s...%s\" in:\n%s", prefix, words, message); \
  } G_STMT_END

/* The guideline copied without its medicines/ folder. */
static void
test_medicines_records_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = load_edited (NULL, NULL, FALSE, &text, &error);
  g_autofree char *prefix = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "guideline.xml:%u: ", dir,
                                             line_of (text, "<medicines records="));
  g_autofree char *records = g_build_filename (dir, "medicines", "eval-records.xml", NULL);
  g_autofree char *words = g_strdup_printf ("medicine records 'eval-records': %s: cannot read the file", records);

  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO);
  assert_error_line (error->message, prefix, words);
  remove_edited (dir);

  /* A guideline that was not read from a file has no folder to look in. */
  {
    g_autoptr(GError) data_error = NULL;
    g_autoptr(BedsideGuideline) g = bedside_guideline_new_from_data (text, strlen (text), "in-memory.xml", &data_error);
    g_autofree char *data_prefix = g_strdup_printf ("in-memory.xml:%u: ", line_of (text, "<medicines records="));

    g_assert_null (g);
    g_assert_error (data_error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO);
    assert_error_line (data_error->message, data_prefix,
                       "medicine records 'eval-records' cannot be found: the guideline was not read from a file");
  }
}

/* <use> of a medicine that the records file does not have. */
static void
test_medicines_unknown_medicine (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = load_edited ("    <use medicine=\"gamma\"/>\n",
                                      "    <use medicine=\"gamma\"/>\n    <use medicine=\"delta\"/>\n",
                                      TRUE, &text, &error);
  g_autofree char *prefix = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "guideline.xml:%u: ", dir,
                                             line_of (text, "<use medicine=\"delta\"/>"));
  g_autofree char *records = g_build_filename (dir, "medicines", "eval-records.xml", NULL);
  g_autofree char *words = g_strdup_printf ("medicine 'delta' is not in the records file %s", records);

  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE);
  assert_error_line (error->message, prefix, words);
  remove_edited (dir);
}

/* A caution with= reads what the plan offers.  A recommendation that
 * offers the other medicine but is then removed by its requires= does not
 * offer it in the plan: the caution should not hold either (the plan's
 * own bedside_care_plan_offers() says it is not offered). */
static void
test_medicines_caution_with_requires (void)
{
  g_autofree char *text = NULL;
  g_autofree char *dir = write_edited ("<recommendation id=\"second_line\" kind=\"consider\" topic=\"medicine\">",
                                       "<recommendation id=\"second_line\" kind=\"consider\" topic=\"medicine\""
                                       " requires=\"alpha_alternative\">", TRUE, &text);
  g_autofree char *path = g_build_filename (dir, "guideline.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) g = bedside_guideline_new_from_file (path, &error);
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_autofree char *ids = NULL;

  g_assert_no_error (error);
  /* second_line is added by the tree, gamma has no reason against it, but
   * alpha_alternative is not in the plan: requires= removes second_line. */
  plan = evaluate_plan (g, "{\"age\": 40, \"chronic\": true, \"gamma_contra\": false, \"kidney\": false,"
                           " \"allergy\": false, \"liver\": false}");
  ids = plan_ids (plan);
  g_assert_null (bedside_care_plan_lookup (plan, "second_line"));
  g_assert_false (bedside_care_plan_offers (plan, bedside_guideline_lookup_medicine (g, "gamma")));
  /* The caution with= reads what the final plan offers. */
  g_assert_cmpstr (ids, ==, "rest pain_relief");
  remove_edited (dir);
}

/* A reference that the records cite and the guideline defines too. */
static void
test_medicines_duplicate_reference (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = load_edited ("  </references>\n",
                                      "    <reference id=\"label\">The same label, cited twice.</reference>\n"
                                      "  </references>\n",
                                      TRUE, &text, &error);
  g_autofree char *records_src = g_test_build_filename (G_TEST_DIST, "data", "medicines-eval", "medicines",
                                                        "eval-records.xml", NULL);
  g_autofree char *records_text = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *words = NULL;

  g_assert_true (g_file_get_contents (records_src, &records_text, NULL, NULL));
  prefix = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "medicines" G_DIR_SEPARATOR_S "eval-records.xml:%u: ", dir,
                            line_of (records_text, "<reference id=\"label\">"));
  words = g_strdup_printf ("reference 'label' is defined both here and in the guideline (line %u)",
                           line_of (text, "<reference id=\"label\">"));
  g_assert_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID);
  assert_error_line (error->message, prefix, words);
  remove_edited (dir);
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
  g_test_add_func ("/evaluator/medicines/load", test_medicines_load);
  g_test_add_func ("/evaluator/medicines/all-offered", test_medicines_all_offered);
  g_test_add_func ("/evaluator/medicines/one-left-out", test_medicines_one_left_out);
  g_test_add_func ("/evaluator/medicines/all-left-out", test_medicines_all_left_out);
  g_test_add_func ("/evaluator/medicines/caution-with", test_medicines_caution_with);
  g_test_add_func ("/evaluator/medicines/caution-with-requires", test_medicines_caution_with_requires);
  g_test_add_func ("/evaluator/medicines/suitable", test_medicines_suitable);
  g_test_add_func ("/evaluator/medicines/unknown-reason", test_medicines_unknown_reason);
  g_test_add_func ("/evaluator/medicines/records-missing", test_medicines_records_missing);
  g_test_add_func ("/evaluator/medicines/unknown-medicine", test_medicines_unknown_medicine);
  g_test_add_func ("/evaluator/medicines/duplicate-reference", test_medicines_duplicate_reference);
  return g_test_run ();
}
