/* fuzz-answers.c: libFuzzer target for answers files: the bounded JSON
 * reader (pre-scan, duplicate keys, depth) and loading the answers into a
 * session of a small guideline with items of every type, then evaluating. */
#include "config.h"

#include "fuzz-common.h"

#include "bedside-evaluator.h"

static BedsideGuideline *guideline;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_make_warnings_fatal ();
  guideline = bedside_guideline_new_from_file (FUZZ_ANSWERS_GUIDELINE, &error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_autoptr(JsonNode) saved = NULL;

  root = bedside_answers_data_read ((const char *) data, (gssize) size, "fuzz.json", &error);
  g_assert ((root == NULL) == (error != NULL));
  if (root == NULL)
    {
      g_assert (g_str_has_prefix (error->message, "fuzz.json"));
      return 0;
    }

  session = bedside_session_new (guideline);
  if (!bedside_session_load_answers_json (session, root, "fuzz.json", &error))
    {
      g_assert_nonnull (error);
      /* A refused file leaves nothing behind. */
      for (guint i = 0; i < bedside_guideline_get_n_items (guideline); i++)
        g_assert_cmpint (bedside_session_get_answer (session, i)->state, ==, BEDSIDE_VALUE_UNKNOWN);
      return 0;
    }

  plan = bedside_evaluate (session, &error);
  g_assert ((plan == NULL) == (error != NULL));
  saved = bedside_session_answers_to_json (session);
  return 0;
}
