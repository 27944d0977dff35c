/* bedside-recommendation-fields.c: the table of a recommendation's text fields.
 *
 * Adding a text to <recommendation> means a char * in BedsideRecommendation,
 * a row here, the element in data/bedside-guideline.rng and, if it is
 * translated, in data/its/bedside-guideline.its (test-recommendation-fields
 * checks the three agree); loading, freeing, the translation check and the
 * readability lint follow the row.  The renderers lay the texts out
 * themselves and name them. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bedside-recommendation-fields-private.h"

#define FIELD(member) G_STRUCT_OFFSET (BedsideRecommendation, member)
#define CLINICIAN     BEDSIDE_FIELD_AUDIENCE_CLINICIAN
#define PATIENT       BEDSIDE_FIELD_AUDIENCE_PATIENT
#define REQUIRED      BEDSIDE_FIELD_REQUIRED
#define TRANSLATABLE  BEDSIDE_FIELD_TRANSLATABLE
#define READABILITY   BEDSIDE_FIELD_READABILITY
#define EVIDENCE      BEDSIDE_FIELD_EVIDENCE

const BedsideRecommendationField bedside_recommendation_fields[] = {
  { "title", FIELD (title), CLINICIAN, REQUIRED | TRANSLATABLE, "a title",
    /* xgettext:c-format */
    N_("recommendation '%s' needs a <title>") },
  { "clinician", FIELD (clinician), CLINICIAN, REQUIRED | TRANSLATABLE, "a clinician text",
    /* xgettext:c-format */
    N_("recommendation '%s' needs <clinician> text") },
  { "dose", FIELD (dose), CLINICIAN, TRANSLATABLE, "a dose", NULL },
  { "duration", FIELD (duration), CLINICIAN, TRANSLATABLE, "a duration", NULL },
  { "patient-title", FIELD (patient_title), PATIENT, TRANSLATABLE | READABILITY, "a patient title", NULL },
  { "patient", FIELD (patient), PATIENT, REQUIRED | TRANSLATABLE | READABILITY, "a patient text",
    /* xgettext:c-format */
    N_("recommendation '%s' needs <patient> text") },
  { "patient-dose", FIELD (patient_dose), PATIENT, TRANSLATABLE | READABILITY, "a patient dose", NULL },
  { "patient-duration", FIELD (patient_duration), PATIENT, TRANSLATABLE | READABILITY, "a patient duration", NULL },
  { "patient-watch", FIELD (patient_watch), PATIENT, TRANSLATABLE | READABILITY, "a patient warning", NULL },
  { "evidence", FIELD (evidence_note), CLINICIAN, TRANSLATABLE | EVIDENCE, "an evidence note", NULL },
  { NULL, 0, CLINICIAN, BEDSIDE_FIELD_NONE, NULL, NULL },
};
