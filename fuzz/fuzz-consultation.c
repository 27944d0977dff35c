/* fuzz-consultation.c: libFuzzer target for saved consultation files: the
 * bounded, strict reader, then restoring the answers into a session of a
 * small guideline with items of every type (with the mismatches a file from
 * another version may have), and saving the session again: what Bedside
 * writes, it must read back. */
#include "config.h"

#include "fuzz-common.h"

#include "bedside-consultation.h"

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
  g_autoptr(BedsideConsultation) consultation = NULL;
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(GPtrArray) mismatches = NULL;
  g_autoptr(BedsideConsultation) again = NULL;
  g_autofree char *saved = NULL;
  const BedsidePatient *patient;
  gsize length = 0;

  consultation = bedside_consultation_read_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  g_assert ((consultation == NULL) == (error != NULL));
  if (consultation == NULL)
    {
      g_assert (g_str_has_prefix (error->message, "fuzz.json"));
      return 0;
    }

  g_assert_nonnull (bedside_consultation_get_guideline_id (consultation));
  bedside_consultation_get_guideline_version (consultation);
  bedside_consultation_get_guideline_sha256 (consultation);
  bedside_consultation_matches (consultation, guideline);
  patient = bedside_consultation_get_patient (consultation);

  session = bedside_consultation_restore (consultation, guideline, &mismatches, &error);
  g_assert ((session == NULL) == (error != NULL));
  if (session == NULL)
    return 0;

  /* Round trip: the file Bedside writes for this session reads back. */
  saved = bedside_consultation_to_data (session, patient, BEDSIDE_CONSULTATION_SAVE_INCLUDE_PATIENT, &length);
  again = bedside_consultation_read_data (saved, (gssize) length, "saved.json", &error);
  if (again == NULL)
    g_error ("a saved consultation does not read back: %s\n%s", error->message, saved);
  return 0;
}
