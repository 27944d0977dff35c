/* bedside-evaluator.c: walks the decision tree, then applies each recommendation's safety rules. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "bedside-care-plan-private.h"
#include "bedside-evaluator.h"

G_DEFINE_QUARK (bedside-evaluator-error-quark, bedside_evaluator_error)

enum {
  MEDICINE_UNDECIDED = 0,
  MEDICINE_OK,         /* no reason against it holds */
  MEDICINE_LEFT_OUT,   /* a reason against it holds (or, in a partial run, may) */
};

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
  guint                 n_medicines;
  const BedsideMedicine **medicines;   /* by index */
  guint8               *medicine_state; /* by medicine, per run: MEDICINE_* */
  guint8               *offered;       /* by medicine, per run: offered by a recommendation kept */
  guint8               *offered_after; /* by medicine: offered once requires is applied */
  guint8               *decided;       /* by recommendation: the states after decide_recommendations */
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
  self->n_medicines = bedside_guideline_get_n_medicines (guideline);
  self->medicines = g_new0 (const BedsideMedicine *, MAX (self->n_medicines, 1));
  for (guint i = 0; i < self->n_medicines; i++)
    self->medicines[i] = bedside_guideline_get_medicine (guideline, i);
  self->medicine_state = g_new0 (guint8, MAX (self->n_medicines, 1));
  self->offered = g_new0 (guint8, MAX (self->n_medicines, 1));
  self->offered_after = g_new0 (guint8, MAX (self->n_medicines, 1));
  self->decided = g_new0 (guint8, MAX (n, 1));
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
  g_free (self->medicines);
  g_free (self->medicine_state);
  g_free (self->offered);
  g_free (self->offered_after);
  g_free (self->decided);
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
set_undecided_error_in (BedsideEvaluator  *self,
                        const char        *file,
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
                 _("%s:%u: %s '%s' cannot be evaluated (division by zero or overflow)"),
                 file, line, what, bedside_expr_get_source (expr));
  else
    {
      g_ptr_array_add (names, NULL);
      {
        g_autofree char *list = g_strjoinv (", ", (char **) names->pdata);
        g_set_error (error, BEDSIDE_EVALUATOR_ERROR, BEDSIDE_EVALUATOR_ERROR_INCOMPLETE,
                     _("incomplete answers: %s '%s' (%s line %u) cannot be decided without %s"),
                     what, bedside_expr_get_source (expr),
                     file, line,
                     *list ? list : _("more answers"));
      }
    }
}

static void
set_undecided_error (BedsideEvaluator  *self,
                     const BedsideExpr *expr,
                     guint              line,
                     const char        *what,
                     GError           **error)
{
  set_undecided_error_in (self, bedside_guideline_get_path (self->guideline), expr, line, what, error);
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
                                           _("the branch test"), error);
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

/* Evaluates one condition: TRUE, FALSE, or FALSE with *failed set (an
 * unknown in a full run: the error is set), or with self->undecided set
 * (an unknown in a partial run). */
static gboolean
condition_holds (BedsideEvaluator        *self,
                 const BedsideCondition  *condition,
                 const char              *what,
                 const char              *subject,
                 gboolean                *failed,
                 GError                 **error)
{
  gboolean known;
  gboolean holds;

  if (condition->n_with > 0)
    {
      gboolean with = FALSE;
      for (guint w = 0; w < condition->n_with; w++)
        with = with || self->offered[condition->with[w]];
      if (!with)
        return FALSE;
    }
  if (condition->when == NULL)
    return TRUE;
  holds = bedside_expr_evaluate_boolean (condition->when, &self->context, &known);
  if (known)
    return holds;
  if (self->partial)
    self->undecided = TRUE;
  else
    {
      g_autofree char *description = g_strdup_printf ("%s '%s'", what, subject);
      /* A medicine record's line is a line of its records file. */
      const char *file = condition->medicine >= 0
        ? bedside_guideline_get_medicine_source (self->guideline,
                                                 self->medicines[condition->medicine]->source)->path
        : bedside_guideline_get_path (self->guideline);

      set_undecided_error_in (self, file, condition->when, condition->line, description, error);
      *failed = TRUE;
    }
  return FALSE;
}

/* A medicine's reasons against it, once per run: they read answers only.
 * A medicine is never offered unscreened: an unknown reason is an error
 * (in a partial run, it is left out for now). */
static gboolean
decide_medicine (BedsideEvaluator  *self,
                 guint              index,
                 GError           **error)
{
  const BedsideMedicine *medicine = self->medicines[index];
  gboolean failed = FALSE;
  gboolean left_out = FALSE;

  if (self->medicine_state[index] != MEDICINE_UNDECIDED)
    return TRUE;
  for (guint c = 0; c < medicine->n_against && !failed; c++)
    {
      gboolean was_undecided = self->undecided;

      self->undecided = FALSE;
      if (condition_holds (self, &medicine->against[c], _("a reason against"), medicine->id, &failed, error))
        left_out = TRUE;
      if (self->undecided)
        left_out = TRUE;
      self->undecided = self->undecided || was_undecided;
    }
  if (failed)
    return FALSE;
  self->medicine_state[index] = left_out ? MEDICINE_LEFT_OUT : MEDICINE_OK;
  return TRUE;
}

/* Pass 1: what stays.  A recommendation is dropped when one of its own
 * contraindications holds, or when it offers medicines and every one is
 * left out. */
static gboolean
decide_recommendations (BedsideEvaluator  *self,
                        GError           **error)
{
  for (guint i = 0; i < self->n_added; i++)
    {
      guint index = self->added[i];
      const BedsideRecommendation *rec = self->recs[index];
      gboolean failed = FALSE;
      gboolean kept_one = FALSE;

      for (guint c = 0; c < rec->n_contraindications && !failed; c++)
        {
          gboolean was_undecided = self->undecided;

          self->undecided = FALSE;
          if (condition_holds (self, &rec->contraindications[c], _("the contraindication of"), rec->id, &failed, error) ||
              self->undecided)
            self->state[index] = STATE_DROPPED;
          self->undecided = self->undecided || was_undecided;
        }
      if (failed)
        return FALSE;

      for (guint m = 0; m < rec->n_offers; m++)
        {
          if (!decide_medicine (self, rec->offers[m], error))
            return FALSE;
          kept_one = kept_one || self->medicine_state[rec->offers[m]] == MEDICINE_OK;
        }
      if (rec->n_offers > 0 && !kept_one)
        self->state[index] = STATE_DROPPED;
    }

  /* What the plan offers: cautions with= read it. */
  memset (self->offered, 0, MAX (self->n_medicines, 1));
  for (guint i = 0; i < self->n_added; i++)
    {
      const BedsideRecommendation *rec = self->recs[self->added[i]];

      if (self->state[rec->index] == STATE_DROPPED)
        continue;
      for (guint m = 0; m < rec->n_offers; m++)
        if (self->medicine_state[rec->offers[m]] == MEDICINE_OK)
          self->offered[rec->offers[m]] = TRUE;
    }
  return TRUE;
}

static gboolean
emit_conditions (BedsideEvaluator       *self,
                 const BedsideCondition *conditions,
                 guint                   n_conditions,
                 BedsideOrigin           origin,
                 guint                   subject,
                 const char             *what,
                 const char             *name,
                 GError                **error)
{
  gboolean failed = FALSE;

  for (guint c = 0; c < n_conditions; c++)
    {
      if (condition_holds (self, &conditions[c], what, name, &failed, error))
        emit (self, conditions[c].note, origin, subject);
      if (failed)
        return FALSE;
    }
  return TRUE;
}

/* Pass 2: the plan in the tree's order.  A dropped recommendation's notes
 * take its place; a kept one comes with the notes of the medicines it
 * left out, then its cautions and those of the medicines it offers. */
static gboolean
emit_plan (BedsideEvaluator  *self,
           GError           **error)
{
  for (guint i = 0; i < self->n_added; i++)
    {
      guint index = self->added[i];
      const BedsideRecommendation *rec = self->recs[index];
      gboolean dropped = self->state[index] == STATE_DROPPED;

      if (self->state[index] == STATE_IN_PLAN)
        continue; /* already in as a note of an earlier one */

      if (!dropped)
        emit (self, index, BEDSIDE_ORIGIN_TREE, index);
      else if (!emit_conditions (self, rec->contraindications, rec->n_contraindications,
                                 BEDSIDE_ORIGIN_CONTRAINDICATION, index, _("the contraindication of"), rec->id, error))
        return FALSE;

      for (guint m = 0; m < rec->n_offers; m++)
        {
          const BedsideMedicine *medicine = self->medicines[rec->offers[m]];

          if (self->medicine_state[medicine->index] == MEDICINE_LEFT_OUT &&
              !emit_conditions (self, medicine->against, medicine->n_against,
                                BEDSIDE_ORIGIN_CONTRAINDICATION, index, _("a reason against"), medicine->id, error))
            return FALSE;
        }
      if (dropped)
        continue;

      if (!emit_conditions (self, rec->cautions, rec->n_cautions, BEDSIDE_ORIGIN_CAUTION, index,
                            _("the caution of"), rec->id, error))
        return FALSE;
      for (guint m = 0; m < rec->n_offers; m++)
        {
          const BedsideMedicine *medicine = self->medicines[rec->offers[m]];

          if (self->medicine_state[medicine->index] == MEDICINE_OK &&
              !emit_conditions (self, medicine->cautions, medicine->n_cautions,
                                BEDSIDE_ORIGIN_CAUTION, index, _("a caution of"), medicine->id, error))
            return FALSE;
        }
    }
  return TRUE;
}

static void apply_requires (BedsideEvaluator *self);

/* The medicines the plan offers once requires has removed what it removes. */
static void
collect_offered (BedsideEvaluator *self,
                 guint8           *offered)
{
  memset (offered, 0, MAX (self->n_medicines, 1));
  for (guint i = 0; i < self->n_out; i++)
    {
      const BedsideRecommendation *rec = self->recs[self->out[i]];

      if (self->out_origin[i] != BEDSIDE_ORIGIN_TREE)
        continue;
      for (guint m = 0; m < rec->n_offers; m++)
        if (self->medicine_state[rec->offers[m]] == MEDICINE_OK)
          offered[rec->offers[m]] = TRUE;
    }
}

/* Decides what stays, then lays out the plan.  A caution with= reads what
 * the final plan offers, and requires may still remove a recommendation
 * (and its medicines) after the cautions are placed: when that changes
 * what is offered, the plan is laid out again with the final answer.
 * requires does not read cautions, so the second layout is the last. */
static gboolean
apply_safety (BedsideEvaluator  *self,
              GError           **error)
{
  if (!decide_recommendations (self, error))
    return FALSE;
  memcpy (self->decided, self->state, MAX (self->n_recommendations, 1));

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass > 0)
        {
          memcpy (self->state, self->decided, MAX (self->n_recommendations, 1));
          memcpy (self->offered, self->offered_after, MAX (self->n_medicines, 1));
          self->n_out = 0;
        }
      if (!emit_plan (self, error))
        return FALSE;
      apply_requires (self);
      collect_offered (self, self->offered_after);
      if (memcmp (self->offered, self->offered_after, MAX (self->n_medicines, 1)) == 0)
        break;
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
  memset (self->medicine_state, 0, MAX (self->n_medicines, 1));
  self->n_added = 0;
  self->n_out = 0;
  self->n_taken = 0;
  self->pathway = NULL;

  if (walk_sequence (self, bedside_guideline_get_tree (self->guideline), error) == WALK_ERROR)
    return FALSE;
  if (!apply_safety (self, error))
    return FALSE;

  self->have_run = TRUE;
  if (out != NULL)
    *out = self->out;
  if (n_out != NULL)
    *n_out = self->n_out;
  return TRUE;
}

/* The conditions behind a note: whatever held for it, over every
 * recommendation the tree added (a note is shown once, where it was first
 * added, but lists each reason: "No NSAID: pregnant; anticoagulant"). */
static void
collect_note_conditions (BedsideEvaluator            *self,
                         const BedsideRecommendation *note,
                         BedsideOrigin                origin,
                         const BedsideRecommendation *subject,
                         GPtrArray                   *conditions)
{
  for (guint i = 0; i < self->n_added; i++)
    {
      const BedsideRecommendation *rec = self->recs[self->added[i]];
      gboolean dropped = self->state[rec->index] == STATE_DROPPED;
      const BedsideCondition *own = origin == BEDSIDE_ORIGIN_CONTRAINDICATION
        ? rec->contraindications : rec->cautions;
      guint n_own = origin == BEDSIDE_ORIGIN_CONTRAINDICATION ? rec->n_contraindications : rec->n_cautions;

      /* A recommendation's own conditions speak for it alone. */
      if (rec == subject)
        for (guint c = 0; c < n_own; c++)
          {
            gboolean failed = FALSE;
            if (own[c].note == note->index &&
                condition_holds (self, &own[c], "", "", &failed, NULL))
              g_ptr_array_add (conditions, (gpointer) &own[c]);
          }
      if (origin == BEDSIDE_ORIGIN_CAUTION && dropped)
        continue;
      for (guint m = 0; m < rec->n_offers; m++)
        {
          const BedsideMedicine *medicine = self->medicines[rec->offers[m]];
          gboolean left_out = self->medicine_state[medicine->index] == MEDICINE_LEFT_OUT;
          const BedsideCondition *list = origin == BEDSIDE_ORIGIN_CONTRAINDICATION
            ? medicine->against : medicine->cautions;
          guint n = origin == BEDSIDE_ORIGIN_CONTRAINDICATION ? medicine->n_against : medicine->n_cautions;

          if (left_out != (origin == BEDSIDE_ORIGIN_CONTRAINDICATION))
            continue;
          for (guint c = 0; c < n; c++)
            {
              gboolean failed = FALSE;
              gboolean seen = FALSE;

              if (list[c].note != note->index || !condition_holds (self, &list[c], "", "", &failed, NULL))
                continue;
              /* A group's reason is copied into each of its medicines:
               * list it once. */
              for (guint k = 0; k < conditions->len && !seen; k++)
                {
                  const BedsideCondition *other = conditions->pdata[k];
                  seen = other->medicine >= 0 && g_strcmp0 (other->reason, list[c].reason) == 0 &&
                         g_strcmp0 (other->patient, list[c].patient) == 0;
                }
              if (!seen)
                g_ptr_array_add (conditions, (gpointer) &list[c]);
            }
        }
    }
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
      const BedsideRecommendation *rec = self->recs[self->out[i]];
      const BedsideRecommendation *subject = self->recs[self->out_subject[i]];
      BedsideOrigin origin = (BedsideOrigin) self->out_origin[i];
      g_autoptr(GPtrArray) conditions = g_ptr_array_new ();
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();
      g_autoptr(GPtrArray) left_out = g_ptr_array_new ();

      memset (self->definition_done, 0, MAX (self->n_definitions, 1));
      if (origin != BEDSIDE_ORIGIN_TREE)
        collect_note_conditions (self, rec, origin, subject, conditions);
      else
        for (guint m = 0; m < rec->n_offers; m++)
          {
            const BedsideMedicine *medicine = self->medicines[rec->offers[m]];
            g_ptr_array_add (self->medicine_state[medicine->index] == MEDICINE_OK ? kept : left_out,
                             (gpointer) medicine);
          }
      bedside_care_plan_add_entry (plan, rec, origin, self->added_by[subject->index],
                                   self->added_after[subject->index],
                                   origin == BEDSIDE_ORIGIN_TREE ? NULL : subject,
                                   (const BedsideCondition **) conditions->pdata, conditions->len,
                                   (const BedsideMedicine **) kept->pdata, kept->len,
                                   (const BedsideMedicine **) left_out->pdata, left_out->len);
    }
  for (guint i = 0; i < self->n_added; i++)
    if (self->state[self->added[i]] == STATE_DROPPED)
      bedside_care_plan_add_dropped (plan, self->recs[self->added[i]]);
  return plan;
}

const BedsideRecommendation *
bedside_evaluator_check_urgent (BedsideEvaluator   *self,
                                const BedsideValue *values,
                                BedsideCarePlan   **plan)
{
  const BedsideRecommendation *urgent = NULL;
  const guint *out = NULL;
  guint n_out = 0;
  gboolean settled;

  g_return_val_if_fail (self != NULL && values != NULL, NULL);

  if (plan != NULL)
    *plan = NULL;
  settled = bedside_evaluator_run_partial (self, values, &out, &n_out);
  for (guint i = 0; i < n_out && urgent == NULL; i++)
    if (self->recs[out[i]]->kind == BEDSIDE_KIND_URGENT)
      urgent = self->recs[out[i]];
  if (urgent != NULL && settled && plan != NULL && bedside_evaluator_run (self, values, NULL, NULL, NULL))
    *plan = bedside_evaluator_to_plan (self);
  return urgent;
}

BedsideCarePlan *
bedside_evaluate (BedsideSession  *session,
                  GError         **error)
{
  g_autoptr(BedsideEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  BedsideCarePlan *plan;

  g_return_val_if_fail (session != NULL, NULL);

  missing = bedside_session_collect_missing_items (session);
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
                   _("incomplete answers: missing %s"), list->str);
      return NULL;
    }

  evaluator = bedside_evaluator_new (bedside_session_get_guideline (session));
  if (!bedside_evaluator_run (evaluator, bedside_session_get_values (session), NULL, NULL, error))
    return NULL;
  plan = bedside_evaluator_to_plan (evaluator);
  /* The clinician's decisions go with the consultation's plan. */
  bedside_care_plan_set_decisions (plan, bedside_session_get_decisions (session));
  return plan;
}
