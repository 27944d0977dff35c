/* bedside-render.h: a care plan as text (for a medical record) or JSON. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "bedside-care-plan.h"
#include "bedside-translation.h"

G_BEGIN_DECLS

typedef enum {
  BEDSIDE_AUDIENCE_CLINICIAN,
  BEDSIDE_AUDIENCE_PATIENT,
  BEDSIDE_AUDIENCE_BOTH,
} BedsideAudience;

/* An enum type (nicks "clinician", "patient", "both"), shared with the
 * GSettings key default-audience: the one mapping to and from strings. */
#define BEDSIDE_TYPE_AUDIENCE (bedside_audience_get_type ())
GType        bedside_audience_get_type    (void) G_GNUC_CONST;
const char  *bedside_audience_to_string   (BedsideAudience audience);
gboolean     bedside_audience_from_string (const char *text, BedsideAudience *audience);

/* The review status in words, in the interface's language: "Under review". */
const char *bedside_render_status_title (BedsideReviewStatus status);

/* What a clinician must know before relying on a plan of @guideline made
 * on @date (YYYY-MM-DD; NULL: today): that the guideline is not approved
 * for clinical use, that its review is overdue.  Whole sentences, in the
 * interface's language when @translate, else in English; NULL-terminated,
 * empty when there is nothing to say. */
char    **bedside_render_guideline_warnings (BedsideGuideline *guideline,
                                             const char       *date,
                                             gboolean          translate);

/* The emergency number a handout gives when none is set: the United States'. */
#define BEDSIDE_DEFAULT_EMERGENCY_NUMBER "911"

/* Whom the patient calls: printed on every handout, whatever its plan. */
typedef struct {
  const char *emergency_number;  /* NULL or "": BEDSIDE_DEFAULT_EMERGENCY_NUMBER */
  const char *clinic_name;       /* NULL or "": "the clinic" */
  const char *clinic_phone;      /* NULL or "": no line for questions */
} BedsideHandoutContacts;

/* Where the patient gets help, the handout's help box: "In an emergency,
 * call 911." and, when the clinic's phone is known, "Questions? Call the
 * clinic at 555-0142."  Plain text (not markup), in @handout's language
 * when given, else in the interface's when @translate, else in English.
 * @contacts may be NULL (the default emergency number only).
 * NULL-terminated; (transfer full). */
char    **bedside_render_handout_help (const BedsideHandoutContacts *contacts,
                                       BedsideTranslation           *handout,
                                       gboolean                      translate);

/* TRUE when a patient handout can be given in @handout's language: it is
 * the guideline's own, or the guideline has a checked translation into it
 * and Bedside has its catalog (the headings and the help box), English
 * needing none.  Else FALSE and BEDSIDE_TRANSLATION_ERROR_NOT_FOUND (no
 * translation, or no catalog) or BEDSIDE_TRANSLATION_ERROR_MISMATCH (a
 * translation that was refused), naming the language.  A handout is never
 * given in English in place of a language asked for; only a single string
 * a translation lacks stays in the original. */
gboolean  bedside_render_handout_check_language (BedsideTranslation *handout,
                                                 GError            **error);

/* Plain text, sections by kind (urgent first), for pasting into a record. */
char     *bedside_render_text (const BedsideCarePlan *plan,
                               BedsideAudience        audience);
/* The same, with the patient's handout in @handout's language: its texts
 * from the translated guideline, matched by recommendation id, its headings
 * from Bedside's catalog for that language, and under the guideline's trace
 * the translation's own checksum.  The clinician plan stays in the
 * guideline's language.  Whatever has no translation stays in the original,
 * string by string.  @handout (of the plan's guideline) may be NULL: the
 * guideline's own texts, English headings. */
char     *bedside_render_text_translated (const BedsideCarePlan *plan,
                                          BedsideAudience        audience,
                                          BedsideTranslation    *handout);

/* The same, the handout with its help box naming @contacts (NULL: the
 * default emergency number only). */
char     *bedside_render_text_with_contacts (const BedsideCarePlan        *plan,
                                             BedsideAudience               audience,
                                             BedsideTranslation           *handout,
                                             const BedsideHandoutContacts *contacts);

/* Appends @text with whitespace runs collapsed, wrapped at 76 columns; the
 * first line starts with @first_indent, the next ones with @indent. */
void      bedside_render_append_wrapped (GString    *out,
                                         const char *first_indent,
                                         const char *indent,
                                         const char *text);

/* bedside-render-medicines.c */
/* One line per medicine the entry offers, for the clinician: "Ibuprofen:
 * 400 mg three times daily. Maximum: 1,200 mg a day. Course: …". */
GStrv  bedside_render_medicines_clinician (const BedsideCarePlanEntry *entry);
/* One line per medicine the entry offers, for the patient, in the
 * handout's language (@handout may be NULL): the tablets of a stated
 * strength, how many, and the daily maximum in tablets. */
GStrv  bedside_render_medicines_patient   (const BedsideCarePlanEntry *entry,
                                           BedsideTranslation         *handout);
/* For a note a medicine record added: the patient's own reasons ("This is
 * because you are pregnant."), or NULL when the entry has none. */
char  *bedside_render_patient_because     (const BedsideCarePlan      *plan,
                                           const BedsideCarePlanEntry *entry,
                                           BedsideTranslation         *handout);

/* The JSON plan of DESIGN.md. */
JsonNode *bedside_render_json (const BedsideCarePlan *plan,
                               BedsideAudience        audience);

/* Writes the JSON plans of one guideline quickly, for batches: what does not
 * depend on the answers (texts, citations, references) is escaped once. */
typedef struct _BedsideJsonPlanWriter BedsideJsonPlanWriter;

BedsideJsonPlanWriter *bedside_json_plan_writer_new    (BedsideGuideline      *guideline,
                                                        BedsideAudience        audience);
void                   bedside_json_plan_writer_free   (BedsideJsonPlanWriter *self);
/* Appends @plan (of the writer's guideline) as compact JSON on one line,
 * without a newline: the document bedside_render_json() returns. */
void                   bedside_json_plan_writer_append (BedsideJsonPlanWriter *self,
                                                        const BedsideCarePlan *plan,
                                                        GString               *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideJsonPlanWriter, bedside_json_plan_writer_free)

/**
 * bedside_render_format_answer:
 * @item: an item
 * @value: its answer (known)
 *
 * The answer as the clinician gave it, in the interface's language: the
 * option's label, "Yes"/"No", the number with its unit.  The screen and
 * the printed plan list the answers with it.
 *
 * Returns: (transfer full): the text
 */
char *bedside_render_format_answer (const BedsideItem  *item,
                                    const BedsideValue *value);

G_END_DECLS
