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
GPtrArray                  *bedside_care_plan_get_dropped     (const BedsideCarePlan *self);

/* The reasons, as sentences a clinician can read, from the outermost
 * decision to the innermost condition. */
GStrv                       bedside_care_plan_explain         (const BedsideCarePlan *self,
                                                               guint                  index);
/* The references cited by the plan, in order of first citation: the
 * numbering used by printed plans. Element type: const BedsideReference *. */
GPtrArray                  *bedside_care_plan_get_cited_references (const BedsideCarePlan *self);

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
GType          bedside_reason_get_type (void) G_GNUC_CONST;
BedsideReason *bedside_reason_copy     (const BedsideReason *reason);
void           bedside_reason_free     (BedsideReason       *reason);

GPtrArray *bedside_care_plan_dup_reasons       (const BedsideCarePlan *self);
guint     *bedside_care_plan_dup_entry_reasons (const BedsideCarePlan *self,
                                                guint                  index,
                                                guint                 *n_reasons);
GStrv      bedside_care_plan_dup_entry_grounds (const BedsideCarePlan *self,
                                                guint                  index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideCarePlan, bedside_care_plan_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideReason, bedside_reason_free)

G_END_DECLS
