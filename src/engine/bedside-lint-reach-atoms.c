/* bedside-lint-reach-atoms.c: the atoms of the reachability analysis, what each depends on, and the union-find (with undo) that joins them and their items into independent components. */

#include "bedside-lint-reach-atoms-private.h"

/* ---- what a walk depends on ------------------------------------------ */

/* Items upstream of @deps: for each item, what its enable-when reads, and
 * so on.  Items downstream (those that an item enables) are left out on
 * purpose: whatever the upstream answers, a downstream item can always be
 * answered or left unasked validly, so it never constrains them. */
void
bedside_lint_deps_close (Lint *self,
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
            bedside_lint_can_stop (self, branch->children[c]))
          collect_pass (self, branch->children[c]);
    }
}

/* What an ATOM_PASS at @node depends on, kept in self->deps. */
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

/* What an ATOM_JOIN at @decision depends on: its branch tests, kept in
 * self->test_deps. */
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

guint
bedside_lint_component_of (Lint  *self,
                           guint  x)
{
  while (self->parent[x] != x)
    x = self->parent[x];
  return x;
}

/* Joins the components of @a and @b and pushes an undo entry (one that
 * does nothing when they are one already). */
static void
uf_union (Lint  *self,
          guint  a,
          guint  b)
{
  UndoEntry entry = { G_MAXUINT, G_MAXUINT };

  a = bedside_lint_component_of (self, a);
  b = bedside_lint_component_of (self, b);
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

/* Undoes the last @n unions. */
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

Atom *
bedside_lint_push_atom (Lint              *self,
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
  atom->serial = ++self->push_serial;
  if (kind == ATOM_PASS)
    atom->deps = pass_deps (self, node);
  else if (kind == ATOM_JOIN)
    atom->deps = test_deps (self, node);
  else
    atom->deps = bedside_lint_expr_deps (self, expr);
  bedside_lint_deps_close (self, atom->deps);

  before = self->undo->len;
  for (guint i = 0; i < atom->deps->n_closure; i++)
    uf_union (self, id, atom->deps->closure[i]);
  atom->n_unions = self->undo->len - before;
  return atom;
}

void
bedside_lint_pop_atom (Lint *self)
{
  g_assert (self->n_atoms > 0);
  self->n_atoms--;
  uf_undo (self, self->atoms[self->n_atoms].n_unions);
}
