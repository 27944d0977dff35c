/* fuzz-guideline.c: libFuzzer target for the guideline loader: the safe XML
 * parse, the semantic checks and the schema; a guideline that loads is then
 * linted and evaluated with no answers and with every boolean answered. */
#include "config.h"

#include "fuzz-common.h"

#include "bedside-evaluator.h"
#include "bedside-lint.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

static void
exercise (BedsideGuideline *guideline)
{
  g_autoptr(BedsideEvaluator) evaluator = bedside_evaluator_new (guideline);
  g_autoptr(BedsideSession) session = bedside_session_new (guideline);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(JsonNode) answers = NULL;
  const guint *out;
  guint n_out;

  /* Lint only small guidelines: its reachability analysis is bounded but
   * not cheap, and the fuzzer's time is better spent on the loader. */
  if (bedside_guideline_get_n_items (guideline) <= 16)
    {
      issues = bedside_lint (guideline);
      g_assert_nonnull (issues);
    }

  bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n_out);

  /* Answer every boolean true and every other item with its first or
   * smallest value, then evaluate: the walk, the safety rules, the plan. */
  for (guint i = 0; i < bedside_guideline_get_n_items (guideline); i++)
    {
      const BedsideItem *item = bedside_guideline_get_item (guideline, i);
      const char *text = NULL;
      g_autofree char *number = NULL;

      switch (item->type)
        {
        case BEDSIDE_TYPE_BOOLEAN: text = "yes"; break;
        case BEDSIDE_TYPE_CHOICE: text = item->n_options > 0 ? item->options[0].code : NULL; break;
        case BEDSIDE_TYPE_INTEGER:
        case BEDSIDE_TYPE_DECIMAL:
          number = g_strdup_printf ("%.0f", item->has_min ? item->min : (item->has_max ? item->max : 1));
          text = number;
          break;
        case BEDSIDE_TYPE_DATE: text = "2024-02-29"; break;
        case BEDSIDE_TYPE_TEXT: text = "x"; break;
        case BEDSIDE_TYPE_INVALID:
        default: break;
        }
      if (text != NULL)
        bedside_session_set_answer_from_string (session, i, text, NULL);
    }
  {
    g_autoptr(GError) error = NULL;
    BedsideCarePlan *plan = bedside_evaluate (session, &error);

    g_assert ((plan == NULL) == (error != NULL));
    g_clear_pointer (&plan, bedside_care_plan_unref);
  }
  answers = bedside_session_answers_to_json (session);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) guideline = NULL;

  guideline = bedside_guideline_new_from_data ((const char *) data, size, "fuzz.xml", &error);
  g_assert ((guideline == NULL) == (error != NULL));
  if (guideline == NULL)
    {
      /* Every error names the file, as the CLI contract promises. */
      g_assert (g_str_has_prefix (error->message, "fuzz.xml"));
      return 0;
    }
  exercise (guideline);
  return 0;
}
