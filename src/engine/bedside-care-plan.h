/* bedside-care-plan.h: the outcome of an evaluation, with the trace of why. */
#pragma once

#include <glib.h>

#include "bedside-decisions.h"
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

/**
 * bedside_care_plan_set_decisions:
 * @self: a plan
 * @decisions: (nullable) (transfer none): what the clinician made of it
 *
 * The plan keeps a reference and reads @decisions as they change: a
 * declined recommendation stays in the plan, marked, and renderers leave
 * it out of the handout.  bedside_evaluate() sets the session's.
 */
void              bedside_care_plan_set_decisions (BedsideCarePlan       *self,
                                                   BedsideDecisions      *decisions);
/**
 * bedside_care_plan_get_decisions:
 * @self: a plan
 *
 * Returns: (transfer none) (nullable): the clinician's decisions
 */
BedsideDecisions *bedside_care_plan_get_decisions (const BedsideCarePlan *self);
/**
 * bedside_care_plan_is_declined:
 * @self: a plan
 * @index: an entry
 * @reason: (out) (optional) (transfer none) (nullable): the clinician's reason
 *
 * Returns: whether the clinician declined entry @index
 */
gboolean          bedside_care_plan_is_declined   (const BedsideCarePlan  *self,
                                                   guint                   index,
                                                   const char            **reason);

/* One decision of the plan, as a clinician reads it: "Pathway by
 * duration" → "symptoms for less than 4 weeks: acute pathway", because
 * "Duration: 1 week".  Texts from the guideline's labels; no ids. */
typedef struct {
  const BedsideBranch *branch;    /* the branch taken */
  char                *decision;  /* the decision's label: the short name entries refer to */
  char                *outcome;   /* the branch's label */
  char                *answers;   /* the answers that settled it, or NULL */
} BedsideReason;

#define BEDSIDE_TYPE_REASON (bedside_reason_get_type ())

/**
 * bedside_reason_get_type:
 *
 * Returns: the #GType of #BedsideReason (boxed, copied)
 */
GType          bedside_reason_get_type (void) G_GNUC_CONST;

/**
 * bedside_reason_copy:
 * @reason: a reason
 *
 * Returns: (transfer full): a copy of @reason
 */
BedsideReason *bedside_reason_copy     (const BedsideReason *reason);

/**
 * bedside_reason_free:
 * @reason: (transfer full) (nullable): a reason
 *
 * Frees @reason and its texts.
 */
void           bedside_reason_free     (BedsideReason       *reason);

/**
 * bedside_care_plan_dup_reasons:
 * @self: a plan
 *
 * The decisions that led to the plan's entries, each once, in the order
 * the walk took them.  Each gives the answers that settled it and were not
 * given by an earlier one.
 *
 * Returns: (transfer full) (element-type BedsideReason): the reasons
 */
GPtrArray *bedside_care_plan_dup_reasons       (const BedsideCarePlan *self);

/**
 * bedside_care_plan_dup_entry_reasons:
 * @self: a plan
 * @index: an entry
 * @n_reasons: (out): how many
 *
 * The reasons (positions in bedside_care_plan_dup_reasons()) that entry
 * @index went through, in order.
 *
 * Returns: (transfer full) (array length=n_reasons) (nullable): the
 *   positions, or %NULL when none
 */
guint     *bedside_care_plan_dup_entry_reasons (const BedsideCarePlan *self,
                                                guint                  index,
                                                guint                 *n_reasons);

/**
 * bedside_care_plan_dup_entry_grounds:
 * @self: a plan
 * @index: an entry
 *
 * For a note (a left-out medicine or recommendation, a caution): each
 * condition that holds, as "its reason (the answers behind it)", and any
 * other medicine of the plan it depends on.
 *
 * Returns: (transfer full) (nullable): the lines, or %NULL for an entry the
 *   tree added
 */
GStrv      bedside_care_plan_dup_entry_grounds (const BedsideCarePlan *self,
                                                guint                  index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideCarePlan, bedside_care_plan_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideReason, bedside_reason_free)

G_END_DECLS
