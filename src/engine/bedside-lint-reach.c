/* bedside-lint-reach.c: the reachability analysis's walk of the tree, which finds dead branches and recommendations no answers reach. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bedside-lint-private.h"

/* How the reachability analysis works, and why it is exact when every
 * comparison is with a constant, is explained in docs/lint.md.  In short:
 * what must hold on the way to a branch is a conjunction of "atoms" (a test
 * is TRUE, a test is FALSE, an earlier decision does not stop).  Atoms that
 * share no item (after adding, upstream, the items that decide whether an
 * item is enabled) are independent, so a union-find groups them into
 * components and only the component a new atom joins is enumerated, over
 * the finite domains of its items. */

/* ---- reporting the walk -------------------------------------------------- */

static char *
describe_branch (const BedsideNode *decision,
                 guint              j)
{
  const BedsideBranch *branch = decision->branches[j];

  if (branch->when == NULL)
    return g_strdup_printf ("the otherwise of decision '%s'", decision->id);
  if (branch->id != NULL)
    return g_strdup_printf ("branch '%s' of decision '%s'", branch->id, decision->id);
  return g_strdup_printf ("branch %u of decision '%s'", j + 1, decision->id);
}

static char *
describe_node (Lint              *self,
               const BedsideNode *node)
{
  switch (node->type)
    {
    case BEDSIDE_NODE_DECISION:
      return g_strdup_printf ("decision '%s'", node->id);
    case BEDSIDE_NODE_RECOMMEND:
      return g_strdup_printf ("the recommend of '%s'",
                              bedside_guideline_get_recommendation (self->guideline,
                                                                    node->recommendation)->id);
    case BEDSIDE_NODE_STOP:
    default:
      return g_strdup ("a stop");
    }
}

static void
note_approximate (Lint          *self,
                  guint          line,
                  const char    *what,
                  const Outcome *outcome)
{
  const BedsideItem *item = get_item (self, outcome->first_inexact);

  bedside_lint_add_issue (self, BEDSIDE_LINT_NOTE, "reachability-approximate", line,
                          _("the finding on %s is approximate: item '%s'%s %s used in arithmetic or "
                          "compared with another value (line %u), so only values around the "
                          "guideline's constants were tried"),
                          what, item->id, outcome->n_inexact > 1 ? " and others" : "",
                          outcome->n_inexact > 1 ? "are" : "is",
                          self->inexact_line[outcome->first_inexact]);
}

static void
note_skipped (Lint          *self,
              guint          line,
              const char    *what,
              const Outcome *outcome)
{
  switch (outcome->skip)
    {
    case SKIP_COMBINATIONS:
      bedside_lint_add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
                              _("reachability of %s was not checked: it depends on %u or more "
                              "questionnaire items together (over 2^%d combinations of answers)"),
                              what, outcome->n_vars, MAX_COMBINATIONS_LOG2);
      break;
    case SKIP_ATOMS:
      bedside_lint_add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
                              _("reachability of %s was not checked: over %u conditions on the way to it "
                              "depend on each other"), what, MAX_ATOMS);
      break;
    case SKIP_CLOSURE:
      bedside_lint_add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
                              _("reachability of %s was not checked: a test on the way to it depends, "
                              "through enable-when, on over %u questionnaire items"), what, MAX_CLOSURE);
      break;
    case SKIP_EVALUATIONS:
      bedside_lint_add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
                              _("reachability of %s was not checked: its %u questionnaire items took "
                              "too long to enumerate"), what, outcome->n_vars);
      break;
    case SKIP_NONE:
    default:
      break;
    }
}

static Reason
explain (Lint              *self,
         const BedsideNode *decision,
         guint              j)
{
  const BedsideBranch *branch = decision->branches[j];
  g_autofree Atom *atoms = g_new0 (Atom, j + 1);
  guint n = 0;
  Outcome outcome;

  if (branch->when != NULL)
    {
      atoms[0].kind = ATOM_TRUE;
      atoms[0].expr = branch->when;
      atoms[0].deps = bedside_lint_expr_deps (self, branch->when);
      outcome = bedside_lint_check_alone (self, atoms, 1);
      if (outcome.result == SEARCH_UNSAT)
        return REASON_NEVER_TRUE;
      if (outcome.result == SEARCH_SKIPPED)
        return REASON_UNKNOWN;
      if (j == 0)
        return REASON_CONTEXT;
      n = 1;
    }
  /* Long decisions: keep explaining cheap. */
  if (j > 64)
    return REASON_UNKNOWN;
  for (guint b = 0; b < j; b++)
    {
      Atom *atom = &atoms[n++];

      atom->kind = ATOM_FALSE;
      atom->expr = decision->branches[b]->when;
      atom->deps = bedside_lint_expr_deps (self, atom->expr);
    }
  outcome = bedside_lint_check_alone (self, atoms, n);
  if (outcome.result == SEARCH_UNSAT)
    return REASON_EARLIER;
  if (outcome.result == SEARCH_SKIPPED)
    return REASON_UNKNOWN;
  return REASON_CONTEXT;
}

static void
report_unreachable_branch (Lint              *self,
                           const BedsideNode *decision,
                           guint              j,
                           const Outcome     *outcome)
{
  const BedsideBranch *branch = decision->branches[j];
  g_autofree char *what = describe_branch (decision, j);
  g_autofree char *why = NULL;
  gboolean approximate = outcome->n_inexact > 0;
  const char *suffix = approximate ? " (approximate: see the note)" : "";

  switch (explain (self, decision, j))
    {
    case REASON_NEVER_TRUE:
      why = g_strdup_printf ("its test \"%s\" is not true for any complete, valid set of "
                             "answers (check the items' ranges and when they are asked)",
                             bedside_expr_get_source (branch->when));
      break;
    case REASON_EARLIER:
      if (branch->when != NULL)
        why = g_strdup_printf ("whenever \"%s\" is true, an earlier branch of '%s' is taken first",
                               bedside_expr_get_source (branch->when), decision->id);
      else
        why = g_strdup ("the branches before it cover every complete set of answers");
      break;
    case REASON_CONTEXT:
      if (branch->when != NULL)
        why = g_strdup_printf ("\"%s\" cannot be true where '%s' is reached and its earlier "
                               "branches are false (the enclosing branches or an earlier stop "
                               "rule it out)",
                               bedside_expr_get_source (branch->when), decision->id);
      else
        why = g_strdup_printf ("wherever '%s' is reached, one of its branches is taken",
                               decision->id);
      break;
    case REASON_UNKNOWN:
    default:
      why = g_strdup ("no complete, valid set of answers leads to it");
      break;
    }

  if (branch->when == NULL && branch->n_children == 0)
    {
      /* Every decision needs an otherwise, even when its branches cover
       * every case: an empty one there is how authors say so. */
      bedside_lint_add_issue (self, BEDSIDE_LINT_NOTE, "unreachable-otherwise", branch->line,
                              _("%s is never reached: %s; it is empty, so nothing is lost%s"),
                              what, why, suffix);
    }
  else
    {
      bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-branch", branch->line,
                              _("%s is never %s: %s%s"), what, branch->when ? "taken" : "reached", why, suffix);
    }
  if (approximate)
    note_approximate (self, branch->line, what, outcome);
}

static void
report_after_stop (Lint              *self,
                   const BedsideNode *first,
                   const BedsideNode *stopper,
                   const Outcome     *outcome)
{
  g_autofree char *what = describe_node (self, first);
  gboolean approximate = outcome != NULL && outcome->n_inexact > 0;

  if (stopper->type == BEDSIDE_NODE_STOP)
    bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-node", first->line,
                            _("%s and what follows it are never reached: the stop at line %u always ends the walk first"),
                            what, stopper->line);
  else
    bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-node", first->line,
                            _("%s and what follows it are never reached: wherever decision '%s' (line %u) "
                            "is reached, it ends the walk with a stop (or cannot be decided)%s"),
                            what, stopper->id, stopper->line, approximate ? " (approximate: see the note)" : "");
  if (approximate)
    note_approximate (self, first->line, what, outcome);
}

/* ---- the walk --------------------------------------------------------- */

static void
reach_recommendation (Lint              *self,
                      const BedsideNode *node)
{
  guint index = node->recommendation;
  const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, index);

  self->rec_in_tree[index] = TRUE;
  /* A recommendation that offers medicines is in the plan only where one
   * of them has no reason against it; their records are proved here too. */
  if (bedside_lint_reach_medicines (self, index, node))
    self->rec_reached[index] = TRUE;

  /* A note counts when its condition can hold here (the evaluator applies
   * conditions to what the tree adds, not to notes). */
  for (guint k = 0; k < rec->n_contraindications + rec->n_cautions; k++)
    {
      const BedsideCondition *condition = k < rec->n_contraindications
        ? &rec->contraindications[k]
        : &rec->cautions[k - rec->n_contraindications];
      Atom *atom;
      Outcome outcome;

      if (self->rec_reached[condition->note] || condition->when == NULL)
        continue;
      atom = bedside_lint_push_atom (self, ATOM_TRUE, condition->when, NULL);
      outcome = bedside_lint_check_atom (self, atom);
      bedside_lint_pop_atom (self);
      if (outcome.result != SEARCH_UNSAT)
        self->rec_reached[condition->note] = TRUE;
    }
}

static void analyze_decision (Lint *self, const BedsideNode *decision);

/* Runs the children of a branch the walk can reach (the atoms that hold on
 * the way to it are pushed). */
static void
analyze_sequence (Lint                *self,
                  const BedsideBranch *sequence)
{
  guint pushed = 0;

  for (guint k = 0; k < sequence->n_children; k++)
    {
      const BedsideNode *node = sequence->children[k];
      gboolean more = k + 1 < sequence->n_children;

      if (node->type == BEDSIDE_NODE_RECOMMEND)
        reach_recommendation (self, node);
      else if (node->type == BEDSIDE_NODE_STOP)
        {
          if (more)
            report_after_stop (self, sequence->children[k + 1], node, NULL);
          break;
        }
      else if (node->type == BEDSIDE_NODE_DECISION)
        {
          analyze_decision (self, node);
          if (more && bedside_lint_can_stop (self, node))
            {
              Atom *pass = bedside_lint_push_atom (self, ATOM_PASS, NULL, node);
              Outcome outcome = bedside_lint_check_atom (self, pass);

              pushed++;
              if (outcome.result == SEARCH_UNSAT)
                {
                  report_after_stop (self, sequence->children[k + 1], node, &outcome);
                  break;
                }
            }
        }
    }

  while (pushed-- > 0)
    bedside_lint_pop_atom (self);
}

/* Recurses into the branches @reached says the walk can take, with the
 * atoms that hold on the way pushed; reports the others. */
static void
analyze_swept (Lint              *self,
               const BedsideNode *decision,
               const gboolean    *reached,
               const Outcome     *outcome)
{
  guint n_false = 0;

  for (guint j = 0; j < decision->n_branches; j++)
    {
      const BedsideBranch *branch = decision->branches[j];

      if (!reached[j])
        report_unreachable_branch (self, decision, j, outcome);
      else if (branch->when == NULL)
        analyze_sequence (self, branch);
      else
        {
          bedside_lint_push_atom (self, ATOM_TRUE, branch->when, NULL);
          analyze_sequence (self, branch);
          bedside_lint_pop_atom (self);
        }
      if (branch->when != NULL)
        {
          bedside_lint_push_atom (self, ATOM_FALSE, branch->when, NULL);
          n_false++;
        }
    }

  while (n_false-- > 0)
    bedside_lint_pop_atom (self);
}

/* Branch by branch: is "earlier tests false, this one true" possible, and
 * are "all tests so far false" still possible?  Each question only
 * enumerates the component it touches. */
static void
analyze_incrementally (Lint              *self,
                       const BedsideNode *decision)
{
  guint n_false = 0;
  gboolean exhausted = FALSE;
  Outcome exhausted_outcome = { 0 };

  for (guint j = 0; j < decision->n_branches; j++)
    {
      const BedsideBranch *branch = decision->branches[j];
      Atom *atom;
      Outcome outcome;

      if (exhausted)
        {
          /* The earlier tests cannot all be false here. */
          report_unreachable_branch (self, decision, j, &exhausted_outcome);
          continue;
        }
      if (branch->when == NULL)
        {
          analyze_sequence (self, branch);
          continue;
        }

      atom = bedside_lint_push_atom (self, ATOM_TRUE, branch->when, NULL);
      outcome = bedside_lint_check_atom (self, atom);
      if (outcome.result == SEARCH_UNSAT)
        report_unreachable_branch (self, decision, j, &outcome);
      else
        {
          if (outcome.result == SEARCH_SKIPPED)
            {
              g_autofree char *what = describe_branch (decision, j);

              note_skipped (self, branch->line, what, &outcome);
            }
          /* A skipped question counts as reachable: lint never claims
           * what it has not shown. */
          analyze_sequence (self, branch);
        }
      bedside_lint_pop_atom (self);

      atom = bedside_lint_push_atom (self, ATOM_FALSE, branch->when, NULL);
      n_false++;
      outcome = bedside_lint_check_atom (self, atom);
      if (outcome.result == SEARCH_UNSAT)
        {
          exhausted = TRUE;
          exhausted_outcome = outcome;
        }
    }

  while (n_false-- > 0)
    bedside_lint_pop_atom (self);
}

static void
analyze_decision (Lint              *self,
                  const BedsideNode *decision)
{
  g_autofree gboolean *reached = g_new0 (gboolean, decision->n_branches);
  Outcome outcome;

  if (bedside_lint_sweep_decision (self, decision, reached, &outcome) && outcome.result != SEARCH_SKIPPED)
    analyze_swept (self, decision, reached, &outcome);
  else
    analyze_incrementally (self, decision);
}

void
bedside_lint_check_reachability (Lint *self)
{
  bedside_lint_build_domains (self);
  analyze_sequence (self, bedside_guideline_get_tree (self->guideline));
  g_assert (self->n_atoms == 0 && self->undo->len == 0);
}
