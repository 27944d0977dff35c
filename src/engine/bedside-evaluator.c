/* bedside-evaluator.c: walks the decision tree, then applies each recommendation's safety rules. */
#include "config.h"

#include <string.h>

#include "bedside-care-plan-private.h"
#include "bedside-evaluator.h"

G_DEFINE_QUARK (bedside-evaluator-error-quark, bedside_evaluator_error)

enum {
  STATE_NONE = 0,
  STATE_ADDED,      /* added by the tree, not yet checked */
  STATE_DROPPED,    /* contraindicated */
  STATE_IN_PLAN,    /* in the output */
};

struct _BedsideEvaluator
{
  BedsideGuideline     *guideline;
  guint                 n_recommendations;
  const BedsideRecommendation **recs;  /* by index: no lookups in the hot path */
  BedsideEvalContext    context;
  BedsideValue         *definition_values;
  guint8               *definition_done;
  guint                 n_definitions;

  /* Per run; sized once, so that a run allocates nothing. */
  guint8               *state;         /* by recommendation */
  const BedsideBranch **added_by;      /* by recommendation */
  guint                *added_after;   /* by recommendation: branches taken before it */
  const BedsideBranch **taken;         /* branches taken, in walk order */
  guint                 n_taken;
  guint                *added;         /* tree order */
  guint                 n_added;
  guint                *out;           /* plan order */
  guint8               *out_origin;
  guint                *out_subject;
  guint                 n_out;
  const char           *pathway;
  gboolean              have_run;
  gboolean              partial;       /* run_partial: stop at the first unknown */
  gboolean              undecided;     /* run_partial met an unknown */
};

BedsideEvaluator *
bedside_evaluator_new (BedsideGuideline *guideline)
{
  BedsideEvaluator *self = g_new0 (BedsideEvaluator, 1);
  guint n;

  self->guideline = bedside_guideline_ref (guideline);
  self->n_recommendations = n = bedside_guideline_get_n_recommendations (guideline);
  self->recs = g_new0 (const BedsideRecommendation *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->recs[i] = bedside_guideline_get_recommendation (guideline, i);
  self->n_definitions = bedside_guideline_get_n_definitions (guideline);
  self->definition_values = g_new0 (BedsideValue, MAX (self->n_definitions, 1));
  self->definition_done = g_new0 (guint8, MAX (self->n_definitions, 1));
  self->context.definitions = bedside_guideline_get_definition_exprs (guideline);
  self->context.definition_values = self->definition_values;
  self->context.definition_done = self->definition_done;
  self->state = g_new0 (guint8, MAX (n, 1));
  self->added_by = g_new0 (const BedsideBranch *, MAX (n, 1));
  self->added_after = g_new0 (guint, MAX (n, 1));
  self->taken = g_new0 (const BedsideBranch *, MAX (bedside_guideline_get_n_branches (guideline), 1));
  self->added = g_new0 (guint, MAX (n, 1));
  /* Each recommendation appears at most once in the plan. */
  self->out = g_new0 (guint, MAX (n, 1));
  self->out_origin = g_new0 (guint8, MAX (n, 1));
  self->out_subject = g_new0 (guint, MAX (n, 1));
  return self;
}

void
bedside_evaluator_free (BedsideEvaluator *self)
{
  if (self == NULL)
    return;
  g_free (self->recs);
  g_free (self->definition_values);
  g_free (self->definition_done);
  g_free (self->state);
  g_free (self->added_by);
  g_free (self->added_after);
  g_free (self->taken);
  g_free (self->added);
  g_free (self->out);
  g_free (self->out_origin);
  g_free (self->out_subject);
  bedside_guideline_unref (self->guideline);
  g_free (self);
}

/* ---- errors of completeness ------------------------------------------ */

typedef struct
{
  BedsideEvaluator *self;
  GPtrArray        *names;
  guint             depth;
} UnknownData;

static void
collect_unknown (const BedsideSymbol *symbol,
                 gpointer             user_data)
{
  UnknownData *data = user_data;
  BedsideEvaluator *self = data->self;

  if (symbol->is_definition)
    {
      const BedsideDefinition *def = bedside_guideline_get_definition (self->guideline, symbol->index);
      if (data->depth < 16)
        {
          data->depth++;
          bedside_expr_foreach_symbol (def->expr, collect_unknown, data);
          data->depth--;
        }
      return;
    }
  if (self->context.items[symbol->index].state != BEDSIDE_VALUE_KNOWN)
    {
      const BedsideItem *item = bedside_guideline_get_item (self->guideline, symbol->index);
      if (!g_ptr_array_find_with_equal_func (data->names, item->id, g_str_equal, NULL))
        g_ptr_array_add (data->names, item->id);
    }
}

static void
set_undecided_error (BedsideEvaluator  *self,
                     const BedsideExpr *expr,
                     guint              line,
                     const char        *what,
                     GError           **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  UnknownData data = { self, names, 0 };
  BedsideValue value;

  bedside_expr_foreach_symbol (expr, collect_unknown, &data);
  memset (self->definition_done, 0, MAX (self->n_definitions, 1));
  value = bedside_expr_evaluate (expr, &self->context);

  if (value.state == BEDSIDE_VALUE_ERROR)
    g_set_error (error, BEDSIDE_EVALUATOR_ERROR, BEDSIDE_EVALUATOR_ERROR_RUNTIME,
                 "%s:%u: %s '%s' cannot be evaluated (division by zero or overflow)",
                 bedside_guideline_get_path (self->guideline), line, what, bedside_expr_get_source (expr));
  else
    {
      g_ptr_array_add (names, NULL);
      {
        g_autofree char *list = g_strjoinv (", ", (char **) names->pdata);
        g_set_error (error, BEDSIDE_EVALUATOR_ERROR, BEDSIDE_EVALUATOR_ERROR_INCOMPLETE,
                     "incomplete answers: %s '%s' (%s line %u) cannot be decided without %s",
                     what, bedside_expr_get_source (expr),
                     bedside_guideline_get_path (self->guideline), line,
                     *list ? list : "more answers");
      }
    }
}

/* ---- the walk -------------------------------------------------------- */

typedef enum { WALK_CONTINUE, WALK_STOP, WALK_ERROR, WALK_UNDECIDED } WalkResult;

static WalkResult
walk_sequence (BedsideEvaluator     *self,
               const BedsideBranch  *branch,
               GError              **error)
{
  for (guint i = 0; i < branch->n_children; i++)
    {
      const BedsideNode *node = branch->children[i];

      switch (node->type)
        {
        case BEDSIDE_NODE_RECOMMEND:
          if (self->state[node->recommendation] == STATE_NONE)
            {
              self->state[node->recommendation] = STATE_ADDED;
              self->added_by[node->recommendation] = branch;
              self->added_after[node->recommendation] = self->n_taken;
              self->added[self->n_added++] = node->recommendation;
            }
          break;

        case BEDSIDE_NODE_STOP:
          return WALK_STOP;

        case BEDSIDE_NODE_DECISION:
          for (guint b = 0; b < node->n_branches; b++)
            {
              const BedsideBranch *candidate = node->branches[b];
              WalkResult result;

              if (candidate->when != NULL)
                {
                  gboolean known;
                  gboolean taken = bedside_expr_evaluate_boolean (candidate->when, &self->context, &known);

                  if (!known)
                    {
                      /* What was added so far is certain: the walk is in
                       * order, and nothing later can remove a tree step. */
                      if (self->partial)
                        {
                          self->undecided = TRUE;
                          return WALK_UNDECIDED;
                        }
                      set_undecided_error (self, candidate->when, candidate->line,
                                           "the branch test", error);
                      return WALK_ERROR;
                    }
                  if (!taken)
                    continue;
                }
              if (candidate->pathway != NULL)
                self->pathway = candidate->pathway;
              self->taken[self->n_taken++] = candidate;
              result = walk_sequence (self, candidate, error);
              if (result != WALK_CONTINUE)
                return result;
              break;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return WALK_CONTINUE;
}

static void
emit (BedsideEvaluator *self,
      guint             recommendation,
      BedsideOrigin     origin,
      guint             subject)
{
  if (self->state[recommendation] == STATE_IN_PLAN)
    return;
  self->state[recommendation] = STATE_IN_PLAN;
  self->out[self->n_out] = recommendation;
  self->out_origin[self->n_out] = (guint8) origin;
  self->out_subject[self->n_out] = subject;
  self->n_out++;
}

/* Contraindications drop a recommendation wherever the tree added it; the
 * notes and cautions take their place right there, so the plan reads in
 * the tree's order. */
static gboolean
apply_safety (BedsideEvaluator  *self,
              GError           **error)
{
  for (guint i = 0; i < self->n_added; i++)
    {
      guint index = self->added[i];
      const BedsideRecommendation *rec = self->recs[index];
      gboolean dropped = FALSE;

      if (self->state[index] == STATE_IN_PLAN)
        continue; /* already in as a note of an earlier one */

      for (guint c = 0; c < rec->n_contraindications; c++)
        {
          const BedsideCondition *condition = &rec->contraindications[c];
          gboolean known;

          if (bedside_expr_evaluate_boolean (condition->when, &self->context, &known))
            {
              if (!dropped)
                self->state[index] = STATE_DROPPED;
              dropped = TRUE;
              emit (self, condition->note, BEDSIDE_ORIGIN_CONTRAINDICATION, index);
            }
          else if (!known && self->partial)
            {
              /* Not certain either way: leave it out of a partial plan. */
              self->state[index] = STATE_DROPPED;
              dropped = TRUE;
              self->undecided = TRUE;
            }
          else if (!known)
            {
              g_autofree char *what = g_strdup_printf ("the contraindication of '%s'", rec->id);
              set_undecided_error (self, condition->when, condition->line, what, error);
              return FALSE;
            }
        }
      if (dropped)
        continue;

      emit (self, index, BEDSIDE_ORIGIN_TREE, index);
      for (guint c = 0; c < rec->n_cautions; c++)
        {
          const BedsideCondition *condition = &rec->cautions[c];
          gboolean known;

          if (bedside_expr_evaluate_boolean (condition->when, &self->context, &known))
            emit (self, condition->note, BEDSIDE_ORIGIN_CAUTION, index);
          else if (!known && self->partial)
            self->undecided = TRUE;
          else if (!known)
            {
              g_autofree char *what = g_strdup_printf ("the caution of '%s'", rec->id);
              set_undecided_error (self, condition->when, condition->line, what, error);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* A recommendation that needs others (a combination of two drugs) stays
 * only if they all made it into the plan.  Requirements do not chain
 * (the loader refuses that), so one pass is enough. */
static void
apply_requires (BedsideEvaluator *self)
{
  guint kept = 0;

  for (guint i = 0; i < self->n_out; i++)
    {
      const BedsideRecommendation *rec = self->recs[self->out[i]];
      gboolean keep = TRUE;

      for (guint r = 0; r < rec->n_requires; r++)
        if (self->state[rec->requires[r]] != STATE_IN_PLAN)
          keep = FALSE;
      if (!keep)
        continue;
      self->out[kept] = self->out[i];
      self->out_origin[kept] = self->out_origin[i];
      self->out_subject[kept] = self->out_subject[i];
      kept++;
    }
  /* States of removed entries stay IN_PLAN: nothing later reads them,
   * and requirements do not chain. */
  self->n_out = kept;
}

gboolean
bedside_evaluator_run_partial (BedsideEvaluator    *self,
                               const BedsideValue  *values,
                               const guint        **out,
                               guint               *n_out)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  self->partial = TRUE;
  self->undecided = FALSE;
  ok = bedside_evaluator_run (self, values, out, n_out, NULL);
  self->partial = FALSE;
  /* A runtime error (division by zero) is not partial knowledge. */
  if (!ok)
    {
      if (n_out != NULL)
        *n_out = 0;
      return FALSE;
    }
  self->have_run = FALSE;
  return !self->undecided;
}

gboolean
bedside_evaluator_run (BedsideEvaluator    *self,
                       const BedsideValue  *values,
                       const guint        **out,
                       guint               *n_out,
                       GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  self->have_run = FALSE;
  self->context.items = values;
  memset (self->definition_done, 0, MAX (self->n_definitions, 1));
  memset (self->state, 0, MAX (self->n_recommendations, 1));
  self->n_added = 0;
  self->n_out = 0;
  self->n_taken = 0;
  self->pathway = NULL;

  if (walk_sequence (self, bedside_guideline_get_tree (self->guideline), error) == WALK_ERROR)
    return FALSE;
  if (!apply_safety (self, error))
    return FALSE;
  apply_requires (self);

  self->have_run = TRUE;
  if (out != NULL)
    *out = self->out;
  if (n_out != NULL)
    *n_out = self->n_out;
  return TRUE;
}

BedsideCarePlan *
bedside_evaluator_to_plan (BedsideEvaluator *self)
{
  BedsideCarePlan *plan;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->have_run, NULL);

  plan = bedside_care_plan_new (self->guideline, self->context.items, self->pathway,
                                self->taken, self->n_taken);
  for (guint i = 0; i < self->n_out; i++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, self->out[i]);
      const BedsideRecommendation *subject = bedside_guideline_get_recommendation (self->guideline, self->out_subject[i]);
      BedsideOrigin origin = (BedsideOrigin) self->out_origin[i];
      g_autoptr(GPtrArray) conditions = g_ptr_array_new ();

      if (origin != BEDSIDE_ORIGIN_TREE)
        {
          const BedsideCondition *list = origin == BEDSIDE_ORIGIN_CONTRAINDICATION
            ? subject->contraindications : subject->cautions;
          guint n = origin == BEDSIDE_ORIGIN_CONTRAINDICATION
            ? subject->n_contraindications : subject->n_cautions;

          memset (self->definition_done, 0, MAX (self->n_definitions, 1));
          for (guint c = 0; c < n; c++)
            {
              gboolean known;
              if (list[c].note == rec->index &&
                  bedside_expr_evaluate_boolean (list[c].when, &self->context, &known))
                g_ptr_array_add (conditions, (gpointer) &list[c]);
            }
        }
      bedside_care_plan_add_entry (plan, rec, origin, self->added_by[subject->index],
                                   self->added_after[subject->index],
                                   origin == BEDSIDE_ORIGIN_TREE ? NULL : subject,
                                   (const BedsideCondition **) conditions->pdata, conditions->len);
    }
  for (guint i = 0; i < self->n_added; i++)
    if (self->state[self->added[i]] == STATE_DROPPED)
      bedside_care_plan_add_dropped (plan, bedside_guideline_get_recommendation (self->guideline, self->added[i]));
  return plan;
}

BedsideCarePlan *
bedside_evaluate (BedsideSession  *session,
                  GError         **error)
{
  g_autoptr(BedsideEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) missing = NULL;

  g_return_val_if_fail (session != NULL, NULL);

  missing = bedside_session_get_missing_items (session);
  if (missing->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      for (guint i = 0; i < missing->len; i++)
        {
          const BedsideItem *item = missing->pdata[i];
          if (i > 0)
            g_string_append (list, ", ");
          g_string_append (list, item->id);
        }
      g_set_error (error, BEDSIDE_EVALUATOR_ERROR, BEDSIDE_EVALUATOR_ERROR_INCOMPLETE,
                   "incomplete answers: missing %s", list->str);
      return NULL;
    }

  evaluator = bedside_evaluator_new (bedside_session_get_guideline (session));
  if (!bedside_evaluator_run (evaluator, bedside_session_get_values (session), NULL, NULL, error))
    return NULL;
  return bedside_evaluator_to_plan (evaluator);
}
