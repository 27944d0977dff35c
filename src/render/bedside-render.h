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

/**
 * bedside_audience_get_type:
 *
 * An enum type (nicks "clinician", "patient", "both"), shared with the
 * GSettings key default-audience: the one mapping to and from strings.
 *
 * Returns: the #GType of #BedsideAudience
 */
GType        bedside_audience_get_type    (void) G_GNUC_CONST;

/**
 * bedside_audience_to_string:
 * @audience: an audience
 *
 * Returns: (transfer none): its nick: "clinician", "patient" or "both"
 */
const char  *bedside_audience_to_string   (BedsideAudience audience);

/**
 * bedside_audience_from_string:
 * @text: (nullable): a nick
 * @audience: (out): the audience it names
 *
 * Returns: TRUE when @text is one of the nicks
 */
gboolean     bedside_audience_from_string (const char *text, BedsideAudience *audience);

/**
 * bedside_render_status_title:
 * @status: a review status
 *
 * Returns: (transfer none): the review status in words, in the interface's
 *   language: "Under review"
 */
const char *bedside_render_status_title (BedsideReviewStatus status);

/**
 * bedside_render_guideline_warnings:
 * @guideline: a guideline
 * @date: (nullable): the day the plan is made, YYYY-MM-DD; %NULL: today
 * @translate: whether to use the interface's language rather than English
 *
 * What a clinician must know before relying on a plan of @guideline made on
 * @date: that the guideline is not approved for clinical use, that its review
 * is overdue.
 *
 * Returns: (transfer full) (array zero-terminated=1): whole sentences; empty
 *   when there is nothing to say
 */
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

/**
 * bedside_render_handout_help:
 * @contacts: (nullable): whom the patient calls; %NULL: the default emergency
 *   number only
 * @handout: (nullable): the handout's language
 * @translate: without @handout, whether to use the interface's language
 *   rather than English
 *
 * Where the patient gets help, the handout's help box: "In an emergency, call
 * 911." and, when the clinic's phone is known, "Questions? Call the clinic at
 * 555-0142."  Plain text (not markup), in @handout's language when given,
 * else in the interface's when @translate, else in English.
 *
 * Returns: (transfer full) (array zero-terminated=1): the sentences
 */
char    **bedside_render_handout_help (const BedsideHandoutContacts *contacts,
                                       BedsideTranslation           *handout,
                                       gboolean                      translate);

/**
 * bedside_render_handout_check_language:
 * @handout: the handout's language
 * @error: BEDSIDE_TRANSLATION_ERROR_NOT_FOUND (no translation, or no catalog)
 *   or BEDSIDE_TRANSLATION_ERROR_MISMATCH (a translation that was refused),
 *   naming the language
 *
 * A handout is never given in English in place of a language asked for; only
 * a single string a translation lacks stays in the original.
 *
 * Returns: TRUE when a patient handout can be given in @handout's language:
 *   it is the guideline's own, or the guideline has a checked translation into
 *   it and Bedside has its catalog (the headings and the help box), English
 *   needing none
 */
gboolean  bedside_render_handout_check_language (BedsideTranslation *handout,
                                                 GError            **error);

/**
 * bedside_render_text:
 * @plan: a plan
 * @audience: for whom
 *
 * Plain text, sections by kind (urgent first), for pasting into a record.
 *
 * Returns: (transfer full): the text
 */
char     *bedside_render_text (const BedsideCarePlan *plan,
                               BedsideAudience        audience);

/**
 * bedside_render_text_translated:
 * @plan: a plan
 * @audience: for whom
 * @handout: (nullable): the handout's language (of the plan's guideline);
 *   %NULL: the guideline's own texts, English headings
 *
 * The same, with the patient's handout in @handout's language: its texts from
 * the translated guideline, matched by recommendation id, its headings from
 * Bedside's catalog for that language, and under the guideline's trace the
 * translation's own checksum.  The clinician plan stays in the guideline's
 * language.  Whatever has no translation stays in the original, string by
 * string.
 *
 * Returns: (transfer full): the text
 */
char     *bedside_render_text_translated (const BedsideCarePlan *plan,
                                          BedsideAudience        audience,
                                          BedsideTranslation    *handout);

/**
 * bedside_render_text_with_contacts:
 * @plan: a plan
 * @audience: for whom
 * @handout: (nullable): the handout's language
 * @contacts: (nullable): whom the patient calls; %NULL: the default emergency
 *   number only
 *
 * The same, the handout with its help box naming @contacts.
 *
 * Returns: (transfer full): the text
 */
char     *bedside_render_text_with_contacts (const BedsideCarePlan        *plan,
                                             BedsideAudience               audience,
                                             BedsideTranslation           *handout,
                                             const BedsideHandoutContacts *contacts);

/**
 * bedside_render_append_wrapped:
 * @out: where to append
 * @first_indent: the first line's indent
 * @indent: the next lines' indent
 * @text: the text
 *
 * Appends @text with whitespace runs collapsed, wrapped at 76 columns.
 */
void      bedside_render_append_wrapped (GString    *out,
                                         const char *first_indent,
                                         const char *indent,
                                         const char *text);

/* bedside-render-medicines.c */

/**
 * bedside_render_medicines_clinician:
 * @entry: an entry of a plan
 *
 * One line per medicine the entry offers, for the clinician: "Ibuprofen: 400
 * mg three times daily. Maximum: 1,200 mg a day. Course: …".
 *
 * Returns: (transfer full): the lines; empty when it offers none
 */
GStrv  bedside_render_medicines_clinician (const BedsideCarePlanEntry *entry);

/**
 * bedside_render_medicines_patient:
 * @entry: an entry of a plan
 * @handout: (nullable): the handout's language
 *
 * One line per medicine the entry offers, for the patient, in the handout's
 * language: the tablets of a stated strength, how many, and the daily maximum
 * in tablets.
 *
 * Returns: (transfer full): the lines; empty when it offers none
 */
GStrv  bedside_render_medicines_patient   (const BedsideCarePlanEntry *entry,
                                           BedsideTranslation         *handout);

/**
 * bedside_render_patient_because:
 * @plan: a plan
 * @entry: one of its entries, a note a medicine record added
 * @handout: (nullable): the handout's language
 *
 * The patient's own reasons for a note a medicine record added ("This is
 * because you are pregnant.").
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL when the entry
 *   has none
 */
char  *bedside_render_patient_because     (const BedsideCarePlan      *plan,
                                           const BedsideCarePlanEntry *entry,
                                           BedsideTranslation         *handout);

/**
 * bedside_render_json:
 * @plan: a plan
 * @audience: for whom
 *
 * The JSON plan of DESIGN.md.
 *
 * Returns: (transfer full): a new document
 */
JsonNode *bedside_render_json (const BedsideCarePlan *plan,
                               BedsideAudience        audience);

/* Writes the JSON plans of one guideline quickly, for batches: what does not
 * depend on the answers (texts, citations, references) is escaped once. */
typedef struct _BedsideJsonPlanWriter BedsideJsonPlanWriter;

/**
 * bedside_json_plan_writer_new:
 * @guideline: (transfer none): the guideline of the plans to write; the
 *   writer keeps a reference
 * @audience: for whom
 *
 * Writes the JSON plans of one guideline quickly, for batches: what does not
 * depend on the answers (texts, citations, references) is escaped once.
 *
 * Returns: (transfer full): a new writer
 */
BedsideJsonPlanWriter *bedside_json_plan_writer_new    (BedsideGuideline      *guideline,
                                                        BedsideAudience        audience);

/**
 * bedside_json_plan_writer_free:
 * @self: (nullable) (transfer full): a writer
 */
void                   bedside_json_plan_writer_free   (BedsideJsonPlanWriter *self);

/**
 * bedside_json_plan_writer_append:
 * @self: a writer
 * @plan: a plan of the writer's guideline
 * @out: where to append
 *
 * Appends @plan as compact JSON on one line, without a newline: the document
 * bedside_render_json() returns.
 */
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
