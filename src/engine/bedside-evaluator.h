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

GQuark bedside_evaluator_error_quark (void);

/* Checks completeness first: the error lists the missing items. */
BedsideCarePlan *bedside_evaluate (BedsideSession  *session,
                                   GError         **error);

/* The hot path for batches: reusable scratch space, no session. */
typedef struct _BedsideEvaluator BedsideEvaluator;

BedsideEvaluator *bedside_evaluator_new     (BedsideGuideline   *guideline);
void              bedside_evaluator_free    (BedsideEvaluator   *self);
/* Evaluates @values (indexed by item, as bedside_session_get_values()).
 * On success the recommendations in plan order are in @out (indices into
 * the guideline's recommendations), valid until the next call. */
gboolean          bedside_evaluator_run     (BedsideEvaluator   *self,
                                             const BedsideValue *values,
                                             const guint       **out,
                                             guint              *n_out,
                                             GError            **error);
/* For answers still being given: the recommendations already certain,
 * whatever the unanswered items turn out to be (the walk up to its first
 * undecided test; a recommendation whose contraindications are undecided
 * is left out).  Returns TRUE when nothing was undecided (the same result
 * as bedside_evaluator_run()).  No plan can be built from a partial run. */
gboolean          bedside_evaluator_run_partial (BedsideEvaluator   *self,
                                                 const BedsideValue *values,
                                                 const guint       **out,
                                                 guint              *n_out);
/* The urgency decision for answers still being given: the first urgent
 * recommendation the answers so far already make certain, or NULL.  When
 * the answers so far settle the plan (no later answer can change it) and
 * it is urgent, *@plan is set to it (transfer full); otherwise to NULL.
 * The window shows what this says and decides nothing itself. */
const BedsideRecommendation *bedside_evaluator_check_urgent (BedsideEvaluator   *self,
                                                             const BedsideValue *values,
                                                             BedsideCarePlan   **plan);
/* Builds a care plan from the last successful run. */
BedsideCarePlan  *bedside_evaluator_to_plan (BedsideEvaluator   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideEvaluator, bedside_evaluator_free)

G_END_DECLS
