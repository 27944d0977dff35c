/* bedside-plan-page-rows-private.h: the plan page's rows, for bedside-plan-page.c only. */
#pragma once

#include <adwaita.h>

#include "bedside-care-plan.h"
#include "bedside-plan-page.h"
#include "bedside-translation.h"

G_BEGIN_DECLS

/* In every function, @handout is the handout's texts when the page shows
 * the patient's handout, NULL when it shows the clinician's plan. */

/* A fixed string of the page: in the handout's language on the handout,
 * in the interface's on the clinician's plan. */
const char *_bedside_plan_page_text          (BedsideTranslation        *handout,
                                              const char                *msgid) G_GNUC_FORMAT (2);
/* The title of the group of recommendations of @kind. */
const char *_bedside_plan_page_kind_title    (BedsideTranslation        *handout,
                                              BedsideRecommendationKind  kind);
/* The expander row of entry @index of @plan, its details inside; @cited
 * (element-type BedsideReference) numbers the citations.  (transfer floating) */
GtkWidget  *_bedside_plan_page_row_new       (BedsideCarePlan           *plan,
                                              guint                      index,
                                              GPtrArray                 *cited,
                                              BedsideTranslation        *handout);
/* The clinician's list of @cited references, numbered as in the rows.
 * (transfer floating) */
GtkWidget  *_bedside_plan_page_reasons_new    (BedsideCarePlan          *plan);
GtkWidget  *_bedside_plan_page_references_new (GPtrArray                *cited);

/* bedside-plan-page-decisions.c: declines recommendation @id (asking for
 * a reason) or, when declined, takes it back; then refreshes the page and
 * emits "decisions-changed". */
void        _bedside_plan_page_decline        (BedsidePlanPage          *page,
                                               const char               *id);
/* The answers the plan was computed from, folded.  (transfer floating) */
GtkWidget  *_bedside_plan_page_answers_new    (BedsideCarePlan          *plan);
/* The clinician's note, edited in place.  (transfer floating) */
GtkWidget  *_bedside_plan_page_note_new       (BedsidePlanPage          *page);

G_END_DECLS
