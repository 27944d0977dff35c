/* bedside-plan-page.h: the care plan, for the clinician or as the patient's handout. */
#pragma once

#include <adwaita.h>

#include "bedside-care-plan.h"
#include "bedside-render.h"

G_BEGIN_DECLS

#define BEDSIDE_TYPE_PLAN_PAGE (bedside_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (BedsidePlanPage, bedside_plan_page, BEDSIDE, PLAN_PAGE, AdwBin)

/* Shows @plan (NULL empties the page). */
void             bedside_plan_page_set_plan     (BedsidePlanPage *self,
                                                 BedsideCarePlan *plan);
/* (transfer none) */
BedsideCarePlan *bedside_plan_page_get_plan     (BedsidePlanPage *self);
/* Clinician plan or patient handout, as the toggle shows. */
BedsideAudience  bedside_plan_page_get_audience (BedsidePlanPage *self);

G_END_DECLS
