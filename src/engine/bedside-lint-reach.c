/* bedside-lint-reach.c: the reachability analysis, which finds dead branches and recommendations no answers reach. */

#include "bedside-lint-private.h"

#include <string.h>

/* How the reachability analysis works, and why it is exact when every
 * comparison is with a constant, is explained in docs/lint.md.  In short:
 * what must hold on the way to a branch is a conjunction of "atoms" (a test
 * is TRUE, a test is FALSE, an earlier decision does not stop).  Atoms that
 * share no item (after adding, upstream, the items that decide whether an
 * item is enabled) are independent, so a union-find groups them into
 * components and only the component a new atom joins is enumerated, over
 * the finite domains of its items. */

/* Beyond this many combinations of answers one question is not enumerated;
 * a note says so. */
#define MAX_COMBINATIONS   (G_GUINT64_CONSTANT (1) << 22)
/* A decision whose tests (with what constrains them) have at most this
 * many combinations is swept: every combination once, each taking its
 * first true branch.  That serves decisions with many branches on the
 * same items, which branch-by-branch questions would make quadratic. */
#define MAX_SWEEP          (G_GUINT64_CONSTANT (1) << 14)
/* Expression evaluations one question may spend (pruning usually keeps it
 * far lower); beyond, the question is given up with a note. */
#define MAX_EVALUATIONS    (G_GUINT64_CONSTANT (1) << 24)
/* Atoms one question may have to satisfy together. */
#define MAX_ATOMS          4096
/* Items one atom may depend on, enable-when included. */
#define MAX_CLOSURE        64

/* ---- what a walk depends on ------------------------------------------ */

/* Items upstream of @deps: for each item, what its enable-when reads, and
 * so on.  Items downstream (those that an item enables) are left out on
 * purpose: whatever the upstream answers, a downstream item can always be
 * answered or left unasked validly, so it never constrains them. */
static void
deps_close (Lint *self,
            Deps *deps)
{
  g_autoptr(GArray) stack = NULL;
  g_autoptr(GArray) result = NULL;

  if (deps->closure_done)
    return;
  deps->closure_done = TRUE;

  stack = g_array_new (FALSE, FALSE, sizeof (guint));
  result = g_array_new (FALSE, FALSE, sizeof (guint));
  self->closure_gen++;
  g_array_append_vals (stack, deps->items, deps->n_items);

  while (stack->len > 0)
    {
      guint item = g_array_index (stack, guint, stack->len - 1);
      const BedsideItem *it;

      g_array_set_size (stack, stack->len - 1);
      if (self->closure_stamp[item] == self->closure_gen)
        continue;
      self->closure_stamp[item] = self->closure_gen;
      if (result->len >= MAX_CLOSURE)
        {
          deps->closure_huge = TRUE;
          break;
        }
      g_array_append_val (result, item);

      it = get_item (self, item);
      if (it->enable_when != NULL)
        {
          Deps *upstream = bedside_lint_expr_deps (self, it->enable_when);

          for (guint i = 0; i < upstream->n_items; i++)
            if (self->closure_stamp[upstream->items[i]] != self->closure_gen)
              g_array_append_val (stack, upstream->items[i]);
        }
    }

  g_array_sort (result, bedside_lint_compare_guint);
  deps->n_closure = result->len;
  deps->closure = (guint *) (void *) g_array_free (g_steal_pointer (&result), FALSE);
}

static gboolean
can_stop (Lint              *self,
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
      stops |= can_stop (self, node->branches[b]->children[c]);

  g_hash_table_insert (self->can_stop, (gpointer) node, GINT_TO_POINTER (stops ? 2 : 1));
  return stops;
}

/* The tests a walk through @node can evaluate before it stops or not:
 * its own, and those of the decisions inside it that can stop (decisions
 * that cannot stop do not change whether the walk goes on). */
static void
collect_pass (Lint              *self,
              const BedsideNode *node)
{
  for (guint b = 0; b < node->n_branches; b++)
    {
      const BedsideBranch *branch = node->branches[b];

      if (branch->when != NULL)
        bedside_lint_collect_deps (self, bedside_lint_expr_deps (self, branch->when));
      for (guint c = 0; c < branch->n_children; c++)
        if (branch->children[c]->type == BEDSIDE_NODE_DECISION &&
            can_stop (self, branch->children[c]))
          collect_pass (self, branch->children[c]);
    }
}

static Deps *
pass_deps (Lint              *self,
           const BedsideNode *node)
{
  Deps *deps = g_hash_table_lookup (self->deps, node);

  if (deps == NULL)
    {
      /* Branch tests are all known already: no nested collection. */
      bedside_lint_collect_begin (self);
      collect_pass (self, node);
      deps = bedside_lint_collect_end (self);
      g_hash_table_insert (self->deps, (gpointer) node, deps);
    }
  return deps;
}

static Deps *
test_deps (Lint              *self,
           const BedsideNode *decision)
{
  Deps *deps = g_hash_table_lookup (self->test_deps, decision);

  if (deps == NULL)
    {
      bedside_lint_collect_begin (self);
      for (guint b = 0; b < decision->n_branches; b++)
        if (decision->branches[b]->when != NULL)
          bedside_lint_collect_deps (self, bedside_lint_expr_deps (self, decision->branches[b]->when));
      deps = bedside_lint_collect_end (self);
      g_hash_table_insert (self->test_deps, (gpointer) decision, deps);
    }
  return deps;
}

/* ---- union-find with undo ----------------------------------------------- */

static guint
uf_find (Lint  *self,
         guint  x)
{
  while (self->parent[x] != x)
    x = self->parent[x];
  return x;
}

static void
uf_union (Lint  *self,
          guint  a,
          guint  b)
{
  UndoEntry entry = { G_MAXUINT, G_MAXUINT };

  a = uf_find (self, a);
  b = uf_find (self, b);
  if (a != b)
    {
      guint t;

      if (self->size[a] < self->size[b])
        {
          t = a;
          a = b;
          b = t;
        }
      self->parent[b] = a;
      self->size[a] += self->size[b];
      /* Swapping successors joins two circular lists; doing it again
       * splits them back, which is what undo does. */
      t = self->next[a];
      self->next[a] = self->next[b];
      self->next[b] = t;
      entry.big = a;
      entry.small = b;
    }
  g_array_append_val (self->undo, entry);
}

static void
uf_undo (Lint  *self,
         guint  n)
{
  while (n-- > 0)
    {
      UndoEntry entry = g_array_index (self->undo, UndoEntry, self->undo->len - 1);

      g_array_set_size (self->undo, self->undo->len - 1);
      if (entry.big != G_MAXUINT)
        {
          guint t = self->next[entry.big];

          self->next[entry.big] = self->next[entry.small];
          self->next[entry.small] = t;
          self->size[entry.big] -= self->size[entry.small];
          self->parent[entry.small] = entry.small;
        }
    }
}

static Atom *
push_atom (Lint              *self,
           AtomKind           kind,
           const BedsideExpr *expr,
           const BedsideNode *node)
{
  Atom *atom;
  guint id, before;

  g_assert (self->n_atoms < self->max_atoms);
  atom = &self->atoms[self->n_atoms];
  id = self->n_items + self->n_atoms;
  self->n_atoms++;

  atom->kind = kind;
  atom->expr = expr;
  atom->node = node;
  if (kind == ATOM_PASS)
    atom->deps = pass_deps (self, node);
  else if (kind == ATOM_JOIN)
    atom->deps = test_deps (self, node);
  else
    atom->deps = bedside_lint_expr_deps (self, expr);
  deps_close (self, atom->deps);

  before = self->undo->len;
  for (guint i = 0; i < atom->deps->n_closure; i++)
    uf_union (self, id, atom->deps->closure[i]);
  atom->n_unions = self->undo->len - before;
  return atom;
}

static void
pop_atom (Lint *self)
{
  g_assert (self->n_atoms > 0);
  self->n_atoms--;
  uf_undo (self, self->atoms[self->n_atoms].n_unions);
}

/* ---- evaluation and search ----------------------------------------------- */

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
      if (child->type == BEDSIDE_NODE_DECISION && can_stop (self, child) &&
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
    case ATOM_PASS:
      return node_passes (self, atom->node);
    case ATOM_JOIN:
      return TRUE;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
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

/* Is there a complete, valid set of answers to the items in search_vars
 * (closed upstream) for which every atom in search_atoms holds? */
static Outcome
search (Lint *self)
{
  Outcome outcome = { SEARCH_UNSAT, SKIP_NONE, 0, 1, 0, G_MAXUINT };
  GArray *vars = self->search_vars;
  GPtrArray *atoms = self->search_atoms;
  g_autofree guint *last = NULL;
  guint *start;
  gboolean sat;

  g_array_sort (vars, bedside_lint_compare_guint);
  outcome.n_vars = vars->len;
  self->pos_gen++;
  for (guint i = 0; i < vars->len; i++)
    {
      guint v = g_array_index (vars, guint, i);

      self->pos[v] = i;
      self->pos_stamp[v] = self->pos_gen;
      outcome.combinations *= MAX (self->domain_len[v], 1);
      if (self->inexact[v])
        {
          if (outcome.n_inexact++ == 0)
            outcome.first_inexact = v;
        }
    }
  if (outcome.combinations > MAX_COMBINATIONS)
    {
      outcome.result = SEARCH_SKIPPED;
      outcome.skip = SKIP_COMBINATIONS;
      return outcome;
    }

  /* Bucket the atoms by the position of their last item: 0 holds those
   * with no item, d + 1 those complete at depth d. */
  last = g_new (guint, MAX (atoms->len, 1));
  g_array_set_size (self->bucket_start, vars->len + 2);
  start = (guint *) (void *) self->bucket_start->data;
  memset (start, 0, sizeof (guint) * (vars->len + 2));
  for (guint a = 0; a < atoms->len; a++)
    {
      const Atom *atom = atoms->pdata[a];
      guint at = 0;

      if (atom->deps->closure_huge)
        {
          outcome.result = SEARCH_SKIPPED;
          outcome.skip = SKIP_CLOSURE;
          return outcome;
        }
      for (guint i = 0; i < atom->deps->n_items; i++)
        {
          guint item = atom->deps->items[i];

          if (self->pos_stamp[item] != self->pos_gen)
            {
              /* Cannot happen: atoms join the items they read. */
              outcome.result = SEARCH_SKIPPED;
              outcome.skip = SKIP_CLOSURE;
              return outcome;
            }
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

  self->evaluations = 0;
  self->aborted = FALSE;
  sat = TRUE;
  for (guint a = start[0]; a < start[1] && sat; a++)
    sat = atom_holds (self, self->bucket_atoms->pdata[a]);
  if (sat)
    sat = search_from (self, 0);

  for (guint i = 0; i < vars->len; i++)
    self->values[g_array_index (vars, guint, i)] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;

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
          product *= MAX (self->domain_len[m], 1);
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
static Outcome
check_atom (Lint       *self,
            const Atom *atom)
{
  Outcome outcome = gather_component (self, atom, MAX_COMBINATIONS);

  if (outcome.skip != SKIP_NONE)
    return outcome;
  return search (self);
}

/* The same question for a few atoms alone, outside the walk's context:
 * used to say why a branch is unreachable. */
static Outcome
check_alone (Lint  *self,
             Atom  *atoms,
             guint  n)
{
  Outcome outcome = { SEARCH_SKIPPED, SKIP_ATOMS, 0, 1, 0, G_MAXUINT };

  if (n > MAX_ATOMS)
    return outcome;
  g_array_set_size (self->search_vars, 0);
  g_ptr_array_set_size (self->search_atoms, 0);
  for (guint a = 0; a < n; a++)
    deps_close (self, atoms[a].deps);
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
  return search (self);
}

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
                          "the finding on %s is approximate: item '%s'%s %s used in arithmetic or "
                          "compared with another value (line %u), so only values around the "
                          "guideline's constants were tried",
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
                              "reachability of %s was not checked: it depends on %u or more "
                              "questionnaire items together (over %" G_GUINT64_FORMAT " combinations of answers)",
                              what, outcome->n_vars, (guint64) MAX_COMBINATIONS);
      break;
    case SKIP_ATOMS:
      bedside_lint_add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
                              "reachability of %s was not checked: over %u conditions on the way to it "
                              "depend on each other", what, MAX_ATOMS);
      break;
    case SKIP_CLOSURE:
      bedside_lint_add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
                              "reachability of %s was not checked: a test on the way to it depends, "
                              "through enable-when, on over %u questionnaire items", what, MAX_CLOSURE);
      break;
    case SKIP_EVALUATIONS:
      bedside_lint_add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
                              "reachability of %s was not checked: its %u questionnaire items took "
                              "too long to enumerate", what, outcome->n_vars);
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
      outcome = check_alone (self, atoms, 1);
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
  outcome = check_alone (self, atoms, n);
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
                              "%s is never reached: %s; it is empty, so nothing is lost%s",
                              what, why, suffix);
    }
  else
    {
      bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-branch", branch->line,
                              "%s is never %s: %s%s", what, branch->when ? "taken" : "reached", why, suffix);
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
                            "%s and what follows it are never reached: the stop at line %u always ends the walk first",
                            what, stopper->line);
  else
    bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-node", first->line,
                            "%s and what follows it are never reached: wherever decision '%s' (line %u) "
                            "is reached, it ends the walk with a stop (or cannot be decided)%s",
                            what, stopper->id, stopper->line, approximate ? " (approximate: see the note)" : "");
  if (approximate)
    note_approximate (self, first->line, what, outcome);
}

/* ---- the walk --------------------------------------------------------- */

static void
reach_recommendation (Lint  *self,
                      guint  index)
{
  const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, index);

  self->rec_in_tree[index] = TRUE;
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

      if (self->rec_reached[condition->note])
        continue;
      atom = push_atom (self, ATOM_TRUE, condition->when, NULL);
      outcome = check_atom (self, atom);
      pop_atom (self);
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
        reach_recommendation (self, node->recommendation);
      else if (node->type == BEDSIDE_NODE_STOP)
        {
          if (more)
            report_after_stop (self, sequence->children[k + 1], node, NULL);
          break;
        }
      else if (node->type == BEDSIDE_NODE_DECISION)
        {
          analyze_decision (self, node);
          if (more && can_stop (self, node))
            {
              Atom *pass = push_atom (self, ATOM_PASS, NULL, node);
              Outcome outcome = check_atom (self, pass);

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
    pop_atom (self);
}

/* Sweeps @decision (see MAX_SWEEP): fills @reached, the branches some
 * complete, valid assignment takes here.  FALSE when it is too big to. */
static gboolean
sweep_decision (Lint              *self,
                const BedsideNode *decision,
                gboolean          *reached,
                Outcome           *outcome)
{
  Atom *join = push_atom (self, ATOM_JOIN, NULL, decision);

  *outcome = gather_component (self, join, MAX_SWEEP);
  if (outcome->skip == SKIP_NONE)
    {
      self->sweep_decision = decision;
      self->sweep_deps = join->deps;
      self->sweep_reached = reached;
      self->sweep_left = decision->n_branches;
      *outcome = search (self);
      self->sweep_decision = NULL;
      self->sweep_deps = NULL;
      self->sweep_reached = NULL;
    }
  pop_atom (self);
  return outcome->skip == SKIP_NONE;
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
          push_atom (self, ATOM_TRUE, branch->when, NULL);
          analyze_sequence (self, branch);
          pop_atom (self);
        }
      if (branch->when != NULL)
        {
          push_atom (self, ATOM_FALSE, branch->when, NULL);
          n_false++;
        }
    }

  while (n_false-- > 0)
    pop_atom (self);
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

      atom = push_atom (self, ATOM_TRUE, branch->when, NULL);
      outcome = check_atom (self, atom);
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
      pop_atom (self);

      atom = push_atom (self, ATOM_FALSE, branch->when, NULL);
      n_false++;
      outcome = check_atom (self, atom);
      if (outcome.result == SEARCH_UNSAT)
        {
          exhausted = TRUE;
          exhausted_outcome = outcome;
        }
    }

  while (n_false-- > 0)
    pop_atom (self);
}

static void
analyze_decision (Lint              *self,
                  const BedsideNode *decision)
{
  g_autofree gboolean *reached = g_new0 (gboolean, decision->n_branches);
  Outcome outcome;

  if (sweep_decision (self, decision, reached, &outcome) && outcome.result != SEARCH_SKIPPED)
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
