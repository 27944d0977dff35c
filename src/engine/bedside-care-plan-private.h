/* bedside-care-plan-private.h: how the evaluator builds a care plan. */
#pragma once

#include "bedside-care-plan.h"

G_BEGIN_DECLS

BedsideCarePlan *bedside_care_plan_new         (BedsideGuideline             *guideline,
                                                const BedsideValue           *values,
                                                const char                   *pathway,
                                                const BedsideBranch         **taken,
                                                guint                         n_taken);
void             bedside_care_plan_add_entry   (BedsideCarePlan              *self,
                                                const BedsideRecommendation  *recommendation,
                                                BedsideOrigin                 origin,
                                                const BedsideBranch          *branch,
                                                guint                         taken_before,
                                                const BedsideRecommendation  *subject,
                                                const BedsideCondition      **conditions,
                                                guint                         n_conditions,
                                                const BedsideMedicine       **medicines,
                                                guint                         n_medicines,
                                                const BedsideMedicine       **left_out,
                                                guint                         n_left_out);
void             bedside_care_plan_add_dropped (BedsideCarePlan              *self,
                                                const BedsideRecommendation  *recommendation);

/* bedside-care-plan-reasons.c */
gboolean         bedside_care_plan_decision_can_stop   (const BedsideNode          *decision);
gboolean         bedside_care_plan_entry_went_through  (const BedsideCarePlan      *self,
                                                        const BedsideCarePlanEntry *entry,
                                                        guint                       position);
char            *bedside_care_plan_describe_answers    (const BedsideCarePlan      *self,
                                                        const BedsideExpr         **exprs,
                                                        guint                       n_exprs,
                                                        GHashTable                 *shown);

G_END_DECLS
