/* bedside-lint-reach-search.c: the questions of the reachability analysis: the search for answers under which the atoms of a component (bedside-lint-reach-atoms.c) hold together. */

#include "bedside-lint-reach-atoms-private.h"

#include <string.h>

/* ---- evaluation and search ----------------------------------------------- */

/* Whether walking @node can end at a stop: it is one, or a decision with one
 * inside (remembered in can_stop). */
gboolean
bedside_lint_can_stop (Lint              *self,
                       const BedsideNode *node)
{
  gpointer known;
  gboolean stops = FALSE;

  if (node->type == BEDSIDE_NODE_STOP)
    return TRUE;
  if (node->type != BEDSIDE_NODE_DECISION)
    return FALSE;

  known = g_hash_table_lookup (self->can_stop, node);
  if (known != NULL)
    return GPOINTER_TO_INT (known) == 2;

  for (guint b = 0; b < node->n_branches; b++)
    for (guint c = 0; c < node->branches[b]->n_children; c++)
      stops |= bedside_lint_can_stop (self, node->branches[b]->children[c]);

  g_hash_table_insert (self->can_stop, (gpointer) node, GINT_TO_POINTER (stops ? 2 : 1));
  return stops;
}

static void
reset_definitions (Lint       *self,
                   const Deps *deps)
{
  for (guint i = 0; i < deps->n_defs; i++)
    self->def_done[deps->defs[i]] = 0;
}

static gboolean node_passes (Lint *self, const BedsideNode *node);

static gboolean
sequence_passes (Lint                *self,
                 const BedsideBranch *sequence)
{
  for (guint c = 0; c < sequence->n_children; c++)
    {
      const BedsideNode *child = sequence->children[c];

      if (child->type == BEDSIDE_NODE_STOP)
        return FALSE;
      if (child->type == BEDSIDE_NODE_DECISION && bedside_lint_can_stop (self, child) &&
          !node_passes (self, child))
        return FALSE;
    }
  return TRUE;
}

/* Whether walking @node goes on after it: no stop, and no unknown test
 * (which is an evaluation error, so nothing after it is reached either). */
static gboolean
node_passes (Lint              *self,
             const BedsideNode *node)
{
  for (guint b = 0; b < node->n_branches; b++)
    {
      const BedsideBranch *branch = node->branches[b];
      gboolean known, taken;

      if (branch->when == NULL)
        return sequence_passes (self, branch);
      taken = bedside_expr_evaluate_boolean (branch->when, &self->context, &known);
      self->evaluations++;
      if (!known)
        return FALSE;
      if (taken)
        return sequence_passes (self, branch);
    }
  return TRUE;
}

static gboolean
atom_holds (Lint       *self,
            const Atom *atom)
{
  gboolean known = FALSE, value;

  /* Definitions are cached per evaluation; the assignment has changed. */
  reset_definitions (self, atom->deps);
  switch (atom->kind)
    {
    case ATOM_TRUE:
      value = bedside_expr_evaluate_boolean (atom->expr, &self->context, &known);
      self->evaluations++;
      return known && value;
    case ATOM_FALSE:
      value = bedside_expr_evaluate_boolean (atom->expr, &self->context, &known);
      self->evaluations++;
      return known && !value;
    case ATOM_NOT_TRUE:
      /* As the session decides whether an item is enabled: only a known
       * true enable-when enables it (an earlier item not asked makes it
       * unknown). */
      value = bedside_expr_evaluate_boolean (atom->expr, &self->context, &known);
      self->evaluations++;
      return !(known && value);
    case ATOM_PASS:
      return node_passes (self, atom->node);
    case ATOM_JOIN:
      return TRUE;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* Whether @atom cannot be used before it is complete (see atom_fails_early). */
static gboolean
atom_is_monotone (Lint       *self,
                  const Atom *atom)
{
  Deps *deps = atom->deps;

  if (atom->kind != ATOM_TRUE && atom->kind != ATOM_FALSE && atom->kind != ATOM_NOT_TRUE)
    return FALSE;
  if (deps->monotone == 0)
    {
      /* By the text: a name that merely contains the word only costs the
       * early check. */
      gboolean answered = strstr (bedside_expr_get_source (atom->expr), "answered") != NULL;

      for (guint i = 0; i < deps->n_defs && !answered; i++)
        {
          const BedsideDefinition *def = bedside_guideline_get_definition (self->guideline, deps->defs[i]);

          answered = def->expr != NULL && strstr (bedside_expr_get_source (def->expr), "answered") != NULL;
        }
      deps->monotone = answered ? 2 : 1;
    }
  return deps->monotone == 1;
}

/* Whether @atom already fails while some of its items have no value yet
 * (they read as unknown).  And, or, not and comparisons are monotone in
 * Kleene's logic: a known result stays the same whatever values the
 * unknown operands get, and an unanswered item reads as unknown too.
 * answered() is not (unknown gives a known false), so atoms that use it
 * wait until they are complete. */
static gboolean
atom_fails_early (Lint       *self,
                  const Atom *atom)
{
  gboolean known = FALSE, value;

  reset_definitions (self, atom->deps);
  value = bedside_expr_evaluate_boolean (atom->expr, &self->context, &known);
  self->evaluations++;
  if (!known)
    return FALSE;
  return atom->kind == ATOM_TRUE ? !value : value;
}

static guint64
saturating_product (guint64 product,
                    guint   factor)
{
  factor = MAX (factor, 1);
  return product > G_MAXUINT64 / factor ? G_MAXUINT64 : product * factor;
}

/* At one complete, valid assignment: which branch does the decision take?
 * Returns TRUE (stop enumerating) once every branch has been taken. */
static gboolean
sweep_visit (Lint *self)
{
  const BedsideNode *decision = self->sweep_decision;

  reset_definitions (self, self->sweep_deps);
  for (guint b = 0; b < decision->n_branches; b++)
    {
      const BedsideBranch *branch = decision->branches[b];
      gboolean known = TRUE, taken = TRUE;

      if (branch->when != NULL)
        {
          taken = bedside_expr_evaluate_boolean (branch->when, &self->context, &known);
          self->evaluations++;
        }
      if (!known)
        break;  /* an evaluation error: no branch is taken */
      if (taken)
        {
          if (!self->sweep_reached[b])
            {
              self->sweep_reached[b] = TRUE;
              self->sweep_left--;
            }
          break;
        }
    }
  return self->sweep_left == 0;
}

/* Depth-first over the variables in questionnaire order, so that whether an
 * item is enabled is known when it gets its value; each atom is checked as
 * soon as all its items have one. */
static gboolean
search_from (Lint  *self,
             guint  depth)
{
  const guint *vars = (const guint *) (void *) self->search_vars->data;
  const guint *start = (const guint *) (void *) self->bucket_start->data;
  const guint *early = (const guint *) (void *) self->early_start->data;
  guint index;
  const BedsideItem *item;
  gboolean enabled = TRUE;

  if (depth == self->search_vars->len)
    return self->sweep_decision != NULL ? sweep_visit (self) : TRUE;

  index = vars[depth];
  item = get_item (self, index);
  if (item->enable_when != NULL)
    {
      gboolean known;

      reset_definitions (self, bedside_lint_expr_deps (self, item->enable_when));
      enabled = bedside_expr_evaluate_boolean (item->enable_when, &self->context, &known) && known;
      self->evaluations++;
    }

  for (guint k = 0; k < self->domain_len[index]; k++)
    {
      const BedsideValue *v = &g_array_index (self->domain, BedsideValue, self->domain_start[index] + k);
      gboolean known = v->state == BEDSIDE_VALUE_KNOWN;
      gboolean ok = TRUE;

      /* A valid set of answers: only enabled items are answered, and
       * every enabled required item is. */
      if (known && !enabled)
        continue;
      if (!known && enabled && item->required)
        continue;

      self->values[index] = *v;
      for (guint a = start[depth + 1]; a < start[depth + 2] && ok; a++)
        ok = atom_holds (self, self->bucket_atoms->pdata[a]);
      for (guint a = early[depth]; a < early[depth + 1] && ok; a++)
        ok = !atom_fails_early (self, self->early_atoms->pdata[a]);
      if (self->evaluations > MAX_EVALUATIONS)
        {
          self->aborted = TRUE;
          break;
        }
      if (ok && search_from (self, depth + 1))
        return TRUE;
      if (self->aborted)
        break;
    }
  self->values[index] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
  return FALSE;
}

/* Sorts search_vars into questionnaire order, gives each its depth (pos,
 * stamped pos_gen) and counts their combinations into @outcome. */
static void
place_variables (Lint    *self,
                 Outcome *outcome)
{
  GArray *vars = self->search_vars;

  g_array_sort (vars, bedside_lint_compare_guint);
  outcome->n_vars = vars->len;
  self->pos_gen++;
  for (guint i = 0; i < vars->len; i++)
    {
      guint v = g_array_index (vars, guint, i);

      self->pos[v] = i;
      self->pos_stamp[v] = self->pos_gen;
      outcome->combinations = saturating_product (outcome->combinations, self->domain_len[v]);
      if (self->inexact[v])
        {
          if (outcome->n_inexact++ == 0)
            outcome->first_inexact = v;
        }
    }
}

/* Buckets the atoms by the position of their last item: 0 holds those
 * with no item, d + 1 those complete at depth d; @last gets each atom's
 * bucket.  FALSE when an atom reads an item that is not a variable. */
static gboolean
bucket_atoms (Lint  *self,
              guint *last)
{
  GArray *vars = self->search_vars;
  GPtrArray *atoms = self->search_atoms;
  guint *start;

  g_array_set_size (self->bucket_start, vars->len + 2);
  start = (guint *) (void *) self->bucket_start->data;
  memset (start, 0, sizeof (guint) * (vars->len + 2));
  for (guint a = 0; a < atoms->len; a++)
    {
      const Atom *atom = atoms->pdata[a];
      guint at = 0;

      if (atom->deps->closure_huge)
        return FALSE;
      for (guint i = 0; i < atom->deps->n_items; i++)
        {
          guint item = atom->deps->items[i];

          /* Cannot happen: atoms join the items they read. */
          if (self->pos_stamp[item] != self->pos_gen)
            return FALSE;
          at = MAX (at, self->pos[item] + 1);
        }
      last[a] = at;
      start[at + 1]++;
    }
  for (guint i = 1; i < vars->len + 2; i++)
    start[i] += start[i - 1];
  g_ptr_array_set_size (self->bucket_atoms, atoms->len);
  {
    g_autofree guint *fill = g_memdup2 (start, sizeof (guint) * (vars->len + 2));

    /* Atoms come newest first (gather_component sorts them so): the newest is the
     * question asked, and usually the first to fail. */
    for (guint a = 0; a < atoms->len; a++)
      self->bucket_atoms->pdata[fill[last[a]]++] = atoms->pdata[a];
  }
  return TRUE;
}

/* An atom may fail before it is complete: it is tried at the depth of
 * each of its items but the last (early_start, early_atoms). */
static void
bucket_early_atoms (Lint        *self,
                    const guint *last)
{
  GArray *vars = self->search_vars;
  GPtrArray *atoms = self->search_atoms;
  guint *early;
  g_autofree guint *fill = NULL;
  guint n = 0;

  g_array_set_size (self->early_start, vars->len + 1);
  early = (guint *) (void *) self->early_start->data;
  memset (early, 0, sizeof (guint) * (vars->len + 1));
  for (guint a = 0; a < atoms->len; a++)
    {
      const Atom *atom = atoms->pdata[a];

      if (last[a] < 2 || !atom_is_monotone (self, atom))
        continue;
      for (guint i = 0; i < atom->deps->n_items; i++)
        {
          guint depth = self->pos[atom->deps->items[i]];

          if (depth + 1 < last[a])
            {
              early[depth + 1]++;
              n++;
            }
        }
    }
  for (guint i = 1; i < vars->len + 1; i++)
    early[i] += early[i - 1];
  g_ptr_array_set_size (self->early_atoms, n);
  fill = g_memdup2 (early, sizeof (guint) * (vars->len + 1));
  for (guint a = 0; a < atoms->len; a++)
    {
      Atom *atom = atoms->pdata[a];

      if (last[a] < 2 || !atom_is_monotone (self, atom))
        continue;
      for (guint i = 0; i < atom->deps->n_items; i++)
        {
          guint depth = self->pos[atom->deps->items[i]];

          if (depth + 1 < last[a])
            self->early_atoms->pdata[fill[depth]++] = atom;
        }
    }
}

/* Checks the atoms with no item, then searches; keeps the answers found in
 * witness when capturing, and leaves every variable unknown again. */
static gboolean
run_search (Lint *self)
{
  GArray *vars = self->search_vars;
  const guint *start = (const guint *) (void *) self->bucket_start->data;
  gboolean sat = TRUE;

  self->evaluations = 0;
  self->aborted = FALSE;
  for (guint a = start[0]; a < start[1] && sat; a++)
    sat = atom_holds (self, self->bucket_atoms->pdata[a]);
  if (sat)
    sat = search_from (self, 0);

  if (sat && !self->aborted && self->capture)
    for (guint i = 0; i < vars->len; i++)
      {
        guint v = g_array_index (vars, guint, i);

        self->witness[v] = self->values[v];
        self->witness_stamp[v] = self->witness_gen;
      }
  for (guint i = 0; i < vars->len; i++)
    self->values[g_array_index (vars, guint, i)] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
  return sat;
}

/* Is there a complete, valid set of answers to the items in search_vars
 * (closed upstream) for which every atom in search_atoms holds?  Not
 * enumerated over @max_combinations. */
static Outcome
search (Lint    *self,
        guint64  max_combinations)
{
  Outcome outcome = { SEARCH_UNSAT, SKIP_NONE, 0, 1, 0, G_MAXUINT };
  g_autofree guint *last = NULL;
  gboolean sat;

  place_variables (self, &outcome);
  if (outcome.combinations > max_combinations)
    {
      outcome.result = SEARCH_SKIPPED;
      outcome.skip = SKIP_COMBINATIONS;
      return outcome;
    }

  last = g_new (guint, MAX (self->search_atoms->len, 1));
  if (!bucket_atoms (self, last))
    {
      outcome.result = SEARCH_SKIPPED;
      outcome.skip = SKIP_CLOSURE;
      return outcome;
    }
  bucket_early_atoms (self, last);

  sat = run_search (self);
  if (self->aborted)
    {
      outcome.result = SEARCH_SKIPPED;
      outcome.skip = SKIP_EVALUATIONS;
    }
  else
    outcome.result = sat ? SEARCH_SAT : SEARCH_UNSAT;
  return outcome;
}

static gint
compare_atoms_newest_first (gconstpointer a,
                            gconstpointer b)
{
  const Atom *x = *(Atom * const *) a, *y = *(Atom * const *) b;

  return x > y ? -1 : x < y;
}

/* Gathers the component that holds @atom into search_vars and
 * search_atoms; SKIP_NONE unless it is over @max_product combinations or
 * MAX_ATOMS atoms. */
static Outcome
gather_component (Lint       *self,
                  const Atom *atom,
                  guint64     max_product)
{
  Outcome outcome = { SEARCH_SKIPPED, SKIP_NONE, 0, 1, 0, G_MAXUINT };
  guint node = self->n_items + (guint) (atom - self->atoms);
  guint m = node;
  guint64 product = 1;

  g_array_set_size (self->search_vars, 0);
  g_ptr_array_set_size (self->search_atoms, 0);
  do
    {
      if (m < self->n_items)
        {
          g_array_append_val (self->search_vars, m);
          product = saturating_product (product, self->domain_len[m]);
          if (product > max_product)
            {
              outcome.skip = SKIP_COMBINATIONS;
              break;
            }
        }
      else
        {
          g_ptr_array_add (self->search_atoms, &self->atoms[m - self->n_items]);
          if (self->search_atoms->len > MAX_ATOMS)
            {
              outcome.skip = SKIP_ATOMS;
              break;
            }
        }
      m = self->next[m];
    }
  while (m != node);

  outcome.n_vars = self->search_vars->len;
  outcome.combinations = product;
  g_ptr_array_sort (self->search_atoms, compare_atoms_newest_first);
  return outcome;
}

/* Can the atoms of the component that holds @atom all hold at once? Given
 * that the other components can (an invariant of the walk), this is whether
 * the whole conjunction can. */
Outcome
bedside_lint_check_atom (Lint       *self,
                         const Atom *atom)
{
  Outcome outcome = gather_component (self, atom, MAX_COMBINATIONS);

  if (outcome.skip != SKIP_NONE)
    return outcome;
  return search (self, MAX_COMBINATIONS);
}

/* An example of answers under which every atom on the stack holds: each
 * component is searched once more, keeping what it finds in witness
 * (stamped witness_gen).  Items in no component are free: any valid answer
 * does.  FALSE when some component could not be enumerated; the example
 * then lacks its items. */
gboolean
bedside_lint_find_example (Lint *self)
{
  g_autoptr(GArray) roots = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean complete = TRUE;

  self->witness_gen++;
  self->capture = TRUE;
  for (guint a = self->n_atoms; a-- > 0;)
    {
      guint root = bedside_lint_component_of (self, self->n_items + a);
      gboolean seen = FALSE;
      Outcome outcome;

      for (guint r = 0; r < roots->len && !seen; r++)
        seen = g_array_index (roots, guint, r) == root;
      if (seen)
        continue;
      g_array_append_val (roots, root);

      outcome = gather_component (self, &self->atoms[a], MAX_COMBINATIONS);
      if (outcome.skip == SKIP_NONE)
        outcome = search (self, MAX_COMBINATIONS);
      if (outcome.result != SEARCH_SAT)
        complete = FALSE;
    }
  self->capture = FALSE;
  return complete;
}

/* The same question for a few atoms alone, outside the walk's context:
 * used to say why a branch is unreachable. */
Outcome
bedside_lint_check_alone (Lint  *self,
                          Atom  *atoms,
                          guint  n)
{
  Outcome outcome = { SEARCH_SKIPPED, SKIP_ATOMS, 0, 1, 0, G_MAXUINT };

  if (n > MAX_ATOMS)
    return outcome;
  g_array_set_size (self->search_vars, 0);
  g_ptr_array_set_size (self->search_atoms, 0);
  for (guint a = 0; a < n; a++)
    bedside_lint_deps_close (self, atoms[a].deps);
  self->collect_gen++;
  for (guint a = 0; a < n; a++)
    {
      for (guint i = 0; i < atoms[a].deps->n_closure; i++)
        {
          guint item = atoms[a].deps->closure[i];

          if (self->item_stamp[item] != self->collect_gen)
            {
              self->item_stamp[item] = self->collect_gen;
              g_array_append_val (self->search_vars, item);
            }
        }
      g_ptr_array_add (self->search_atoms, &atoms[a]);
    }
  return search (self, MAX_COMBINATIONS);
}

/* Sweeps @decision (see MAX_SWEEP): fills @reached, the branches some
 * complete, valid assignment takes here.  FALSE when it is too big to. */
gboolean
bedside_lint_sweep_decision (Lint              *self,
                             const BedsideNode *decision,
                             gboolean          *reached,
                             Outcome           *outcome)
{
  Atom *join = bedside_lint_push_atom (self, ATOM_JOIN, NULL, decision);

  *outcome = gather_component (self, join, MAX_SWEEP);
  if (outcome->skip == SKIP_NONE)
    {
      self->sweep_decision = decision;
      self->sweep_deps = join->deps;
      self->sweep_reached = reached;
      self->sweep_left = decision->n_branches;
      *outcome = search (self, MAX_SWEEP);
      self->sweep_decision = NULL;
      self->sweep_deps = NULL;
      self->sweep_reached = NULL;
    }
  bedside_lint_pop_atom (self);
  return outcome->skip == SKIP_NONE;
}
