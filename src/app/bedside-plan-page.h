/* bedside-plan-page.h: the care plan, for the clinician or as the patient's handout. */
#pragma once

#include <adwaita.h>

#include "bedside-care-plan.h"
#include "bedside-render.h"

G_BEGIN_DECLS

#define BEDSIDE_TYPE_PLAN_PAGE (bedside_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (BedsidePlanPage, bedside_plan_page, BEDSIDE, PLAN_PAGE, AdwBin)

/* The "plan" property: shows @plan (NULL empties the page). */
void             bedside_plan_page_set_plan     (BedsidePlanPage *self,
                                                 BedsideCarePlan *plan);
/* (transfer none) */
BedsideCarePlan *bedside_plan_page_get_plan     (BedsidePlanPage *self);
/* Shows the plan again: after the clinician's decisions changed. */
void             bedside_plan_page_refresh      (BedsidePlanPage *self);
/* The "audience" property: clinician plan or patient handout, as the
 * toggle shows; BEDSIDE_AUDIENCE_BOTH shows the clinician's plan. */
void             bedside_plan_page_set_audience (BedsidePlanPage *self,
                                                 BedsideAudience  audience);
BedsideAudience  bedside_plan_page_get_audience (BedsidePlanPage *self);

/* The "handout-language" property.  The handout's language: @language (a
 * code; NULL or "": the guideline's own) is selected in the page's choice,
 * which offers the guideline's translations; what the preferences name, at
 * the start of a consultation. */
void             bedside_plan_page_set_handout_language (BedsidePlanPage *self,
                                                         const char      *language);
/* The language chosen (the plan's translation's), or the one asked for
 * while there is no plan; NULL: the guideline's own. */
const char      *bedside_plan_page_get_handout_language (BedsidePlanPage *self);
/* Why no handout can be given in the chosen language, for a message, or
 * NULL when it can (bedside_handout_describe_problem()). */
char            *bedside_plan_page_dup_handout_problem  (BedsidePlanPage *self);
/* The handout's texts in the chosen language, for Copy as Text, printing
 * and export; NULL while there is no plan.  (transfer none) */
BedsideTranslation *bedside_plan_page_get_handout       (BedsidePlanPage *self);

G_END_DECLS
