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

/**
 * bedside_care_plan_get_type:
 *
 * A boxed, reference-counted type, so that properties and signals can carry a
 * plan.
 *
 * Returns: the #GType of #BedsideCarePlan
 */
GType                       bedside_care_plan_get_type        (void) G_GNUC_CONST;

/**
 * bedside_care_plan_ref:
 * @self: a plan
 *
 * Returns: (transfer full): @self, with one more reference
 */
BedsideCarePlan            *bedside_care_plan_ref             (BedsideCarePlan *self);

/**
 * bedside_care_plan_unref:
 * @self: (transfer full): a plan
 *
 * Drops a reference; the last one frees the plan.
 */
void                        bedside_care_plan_unref           (BedsideCarePlan *self);

/**
 * bedside_care_plan_get_guideline:
 * @self: a plan
 *
 * Returns: (transfer none): the guideline the plan was evaluated with, valid as
 *   long as the plan
 */
BedsideGuideline           *bedside_care_plan_get_guideline   (const BedsideCarePlan *self);

/**
 * bedside_care_plan_get_pathway:
 * @self: a plan
 *
 * Returns: (transfer none) (nullable): the pathway the taken branches named,
 *   owned by the guideline; %NULL when no branch named one
 */
const char                 *bedside_care_plan_get_pathway     (const BedsideCarePlan *self);

/**
 * bedside_care_plan_get_n_entries:
 * @self: a plan
 *
 * Returns: how many recommendations the plan holds
 */
guint                       bedside_care_plan_get_n_entries   (const BedsideCarePlan *self);

/**
 * bedside_care_plan_get_entry:
 * @self: a plan
 * @index: from 0 to bedside_care_plan_get_n_entries() - 1
 *
 * Returns: (transfer none): the entry, in plan order, owned by the plan
 */
const BedsideCarePlanEntry *bedside_care_plan_get_entry       (const BedsideCarePlan *self,
                                                               guint                  index);

/**
 * bedside_care_plan_lookup:
 * @self: a plan
 * @recommendation_id: a recommendation's id
 *
 * Returns: (transfer none) (nullable): the entry of that recommendation, owned
 *   by the plan, or %NULL when the plan does not hold it
 */
const BedsideCarePlanEntry *bedside_care_plan_lookup          (const BedsideCarePlan *self,
                                                               const char            *recommendation_id);

/**
 * bedside_care_plan_offers:
 * @self: a plan
 * @medicine: one of the guideline's medicines
 *
 * Returns: whether a recommendation in the plan offers @medicine (it was not
 *   left out)
 */
gboolean                    bedside_care_plan_offers          (const BedsideCarePlan *self,
                                                               const BedsideMedicine *medicine);

/**
 * bedside_care_plan_get_taken:
 * @self: a plan
 * @n_taken: (out) (optional): how many branches were taken
 *
 * The branches the walk took, in order.
 *
 * Returns: (transfer none) (array length=n_taken): the branches, owned by the
 *   guideline
 */
const BedsideBranch * const *bedside_care_plan_get_taken      (const BedsideCarePlan *self,
                                                               guint                 *n_taken);

/**
 * bedside_care_plan_get_values:
 * @self: a plan
 *
 * Returns: (transfer none) (array): the values the plan was computed from,
 *   indexed by item, owned by the plan
 */
const BedsideValue         *bedside_care_plan_get_values      (const BedsideCarePlan *self);

/**
 * bedside_care_plan_dup_dropped:
 * @self: a plan
 *
 * Recommendations the tree added and the plan dropped (a reason against them
 * held), for the record.
 *
 * Returns: (transfer container) (element-type BedsideRecommendation): a new
 *   array of recommendations owned by the guideline
 */
GPtrArray                  *bedside_care_plan_dup_dropped     (const BedsideCarePlan *self);

/**
 * bedside_care_plan_explain:
 * @self: a plan
 * @index: an entry's index
 *
 * The reasons an entry is in the plan, as sentences a clinician can read, from
 * the outermost decision to the innermost condition.
 *
 * Returns: (transfer full): the sentences
 */
GStrv                       bedside_care_plan_explain         (const BedsideCarePlan *self,
                                                               guint                  index);

/**
 * bedside_care_plan_collect_cited_references:
 * @self: a plan
 *
 * The references cited by the plan's entries and the reasons that hold, in
 * order of first citation: the numbering used by printed plans.
 *
 * Returns: (transfer container) (element-type BedsideReference): a new array
 *   of references owned by the guideline
 */
GPtrArray                  *bedside_care_plan_collect_cited_references (const BedsideCarePlan *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideCarePlan, bedside_care_plan_unref)

G_END_DECLS
