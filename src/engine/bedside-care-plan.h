/* bedside-care-plan.h: the outcome of an evaluation, with the trace of why. */
#pragma once

#include <glib.h>

#include "bedside-guideline.h"

G_BEGIN_DECLS

typedef enum {
  BEDSIDE_ORIGIN_TREE,              /* added by the decision tree */
  BEDSIDE_ORIGIN_CONTRAINDICATION,  /* a note that replaces a dropped recommendation */
  BEDSIDE_ORIGIN_CAUTION,           /* a caution that goes with a recommendation */
} BedsideOrigin;

/* One recommendation in the plan. */
typedef struct {
  const BedsideRecommendation *recommendation;
  BedsideOrigin                origin;
  /* The branch that added it (TREE), or that added the recommendation it
   * qualifies (CONTRAINDICATION, CAUTION).  The root for top-level ones. */
  const BedsideBranch         *branch;
  /* How many of the taken branches (bedside_care_plan_get_taken) came
   * before it was added: the decisions it went through. */
  guint                        taken_before;
  /* CONTRAINDICATION / CAUTION: the recommendation it is about and the
   * conditions that held (a note may be added by several). */
  const BedsideRecommendation *subject;
  const BedsideCondition     **conditions;
  guint                        n_conditions;
  /* TREE, a recommendation that offers medicines (format 2): the medicines
   * it still offers (no reason against them holds), in its order, and the
   * ones left out (their notes are entries of their own). */
  const BedsideMedicine      **medicines;
  guint                        n_medicines;
  const BedsideMedicine      **left_out;
  guint                        n_left_out;
} BedsideCarePlanEntry;

typedef struct _BedsideCarePlan BedsideCarePlan;

#define BEDSIDE_TYPE_CARE_PLAN (bedside_care_plan_get_type ())
GType                       bedside_care_plan_get_type        (void) G_GNUC_CONST;

BedsideCarePlan            *bedside_care_plan_ref             (BedsideCarePlan *self);
void                        bedside_care_plan_unref           (BedsideCarePlan *self);
BedsideGuideline           *bedside_care_plan_get_guideline   (const BedsideCarePlan *self);
/* NULL when no branch named one. */
const char                 *bedside_care_plan_get_pathway     (const BedsideCarePlan *self);
guint                       bedside_care_plan_get_n_entries   (const BedsideCarePlan *self);
const BedsideCarePlanEntry *bedside_care_plan_get_entry       (const BedsideCarePlan *self,
                                                               guint                  index);
const BedsideCarePlanEntry *bedside_care_plan_lookup          (const BedsideCarePlan *self,
                                                               const char            *recommendation_id);
/* Whether a recommendation in the plan offers @medicine (it was not left out). */
gboolean                    bedside_care_plan_offers          (const BedsideCarePlan *self,
                                                               const BedsideMedicine *medicine);
/* The branches the walk took, in order. */
const BedsideBranch * const *bedside_care_plan_get_taken      (const BedsideCarePlan *self,
                                                               guint                 *n_taken);
/* The values the plan was computed from (indexed by item). */
const BedsideValue         *bedside_care_plan_get_values      (const BedsideCarePlan *self);
/* Recommendations the tree added and the plan dropped, for the record. */
GPtrArray                  *bedside_care_plan_dup_dropped     (const BedsideCarePlan *self);

/* The reasons, as sentences a clinician can read, from the outermost
 * decision to the innermost condition. */
GStrv                       bedside_care_plan_explain         (const BedsideCarePlan *self,
                                                               guint                  index);
/* The references cited by the plan, in order of first citation: the
 * numbering used by printed plans. Element type: const BedsideReference *. */
GPtrArray                  *bedside_care_plan_collect_cited_references (const BedsideCarePlan *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideCarePlan, bedside_care_plan_unref)

G_END_DECLS
