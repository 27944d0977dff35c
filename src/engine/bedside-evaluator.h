/* bedside-evaluator.h: walks the decision tree and applies safety rules. */
#pragma once

#include <glib.h>

#include "bedside-care-plan.h"
#include "bedside-session.h"

G_BEGIN_DECLS

#define BEDSIDE_EVALUATOR_ERROR (bedside_evaluator_error_quark ())

typedef enum {
  BEDSIDE_EVALUATOR_ERROR_INCOMPLETE,  /* required items missing, or a test is unknown */
  BEDSIDE_EVALUATOR_ERROR_RUNTIME,     /* division by zero, overflow in a test */
} BedsideEvaluatorError;

/**
 * bedside_evaluator_error_quark:
 *
 * The error domain of evaluation (#BedsideEvaluatorError).
 *
 * Returns: the quark of %BEDSIDE_EVALUATOR_ERROR
 */
GQuark bedside_evaluator_error_quark (void);

/**
 * bedside_evaluate:
 * @session: the answers
 * @error: BEDSIDE_EVALUATOR_ERROR_INCOMPLETE, listing the missing items (it is
 *   checked first), or _RUNTIME
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
BedsideCarePlan *bedside_evaluate (BedsideSession  *session,
                                   GError         **error);

/* The hot path for batches: reusable scratch space, no session. */
typedef struct _BedsideEvaluator BedsideEvaluator;

/**
 * bedside_evaluator_new:
 * @guideline: (transfer none): the guideline to evaluate; the evaluator keeps
 *   a reference
 *
 * The hot path for batches: reusable scratch space, no session.
 *
 * Returns: (transfer full): a new evaluator
 */
BedsideEvaluator *bedside_evaluator_new     (BedsideGuideline   *guideline);

/**
 * bedside_evaluator_free:
 * @self: (nullable) (transfer full): an evaluator
 */
void              bedside_evaluator_free    (BedsideEvaluator   *self);

/**
 * bedside_evaluator_run:
 * @self: an evaluator
 * @values: (array): the answers, indexed by item, as
 *   bedside_session_get_values()
 * @out: (out) (optional) (transfer none) (array length=n_out): the
 *   recommendations in plan order (indices into the guideline's
 *   recommendations), owned by the evaluator and valid until the next call
 * @n_out: (out) (optional): how many
 * @error: BEDSIDE_EVALUATOR_ERROR_INCOMPLETE or _RUNTIME
 *
 * Evaluates @values.
 *
 * Returns: TRUE on success
 */
gboolean          bedside_evaluator_run     (BedsideEvaluator   *self,
                                             const BedsideValue *values,
                                             const guint       **out,
                                             guint              *n_out,
                                             GError            **error);

/**
 * bedside_evaluator_run_partial:
 * @self: an evaluator
 * @values: (array): the answers so far, indexed by item
 * @out: (out) (optional) (transfer none) (array length=n_out): the
 *   recommendations already certain, owned by the evaluator and valid until
 *   the next call
 * @n_out: (out) (optional): how many
 *
 * For answers still being given: the recommendations already certain,
 * whatever the unanswered items turn out to be (the walk up to its first
 * undecided test; a recommendation whose contraindications are undecided is
 * left out).  No plan can be built from a partial run.
 *
 * Returns: TRUE when nothing was undecided (the same result as
 *   bedside_evaluator_run())
 */
gboolean          bedside_evaluator_run_partial (BedsideEvaluator   *self,
                                                 const BedsideValue *values,
                                                 const guint       **out,
                                                 guint              *n_out);

/**
 * bedside_evaluator_check_urgent:
 * @self: an evaluator
 * @values: (array): the answers so far, indexed by item
 * @plan: (out) (optional) (transfer full) (nullable): when the answers so
 *   far settle the plan (no later answer can change it) and it is urgent,
 *   that plan; otherwise %NULL
 *
 * The urgency decision for answers still being given.  The window shows what
 * this says and decides nothing itself.
 *
 * Returns: (transfer none) (nullable): the first urgent recommendation the
 *   answers so far already make certain, owned by the guideline, or %NULL
 */
const BedsideRecommendation *bedside_evaluator_check_urgent (BedsideEvaluator   *self,
                                                             const BedsideValue *values,
                                                             BedsideCarePlan   **plan);

/**
 * bedside_evaluator_to_plan:
 * @self: an evaluator that has run successfully
 *
 * Builds a care plan from the last successful run.
 *
 * Returns: (transfer full): a new plan
 */
BedsideCarePlan  *bedside_evaluator_to_plan (BedsideEvaluator   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideEvaluator, bedside_evaluator_free)

G_END_DECLS
