/* bedside-lint.c: finds what a valid guideline can still get wrong (dead branches, unused or uncited parts, hard patient text). */

#include "bedside-lint.h"

#include <math.h>
#include <stdarg.h>
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
/* Integer and decimal items without @min/@max are taken to lie in
 * [-WIDE_RANGE, WIDE_RANGE] (widened to cover the guideline's constants). */
#define WIDE_RANGE         1e9
/* GDate julian days of 0001-01-01 and 9999-12-31. */
#define FIRST_DAY          1.0
#define LAST_DAY           3652059.0

void
bedside_lint_issue_free (BedsideLintIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->code);
  g_free (issue->message);
  g_free (issue);
}

/* ---- what an expression depends on ---------------------------------- */

typedef struct {
  guint    *items;          /* read directly or through definitions; sorted */
  guint     n_items;
  guint    *defs;           /* definitions read, directly or through others */
  guint     n_defs;
  guint    *closure;        /* items plus, upstream, those their enable-when reads */
  guint     n_closure;
  gboolean  closure_done;
  gboolean  closure_huge;   /* more than MAX_CLOSURE items: closure is cut */
} Deps;

static void
deps_free (gpointer data)
{
  Deps *deps = data;

  g_free (deps->items);
  g_free (deps->defs);
  g_free (deps->closure);
  g_free (deps);
}

/* ---- atoms ------------------------------------------------------------ */

typedef enum {
  ATOM_TRUE,   /* the test is true (known) */
  ATOM_FALSE,  /* the test is false (known) */
  ATOM_PASS,   /* walking the decision ends without a stop or an error */
  ATOM_JOIN,   /* always holds: joins the items of a decision's tests */
} AtomKind;

typedef struct {
  AtomKind           kind;
  const BedsideExpr *expr;      /* ATOM_TRUE, ATOM_FALSE */
  const BedsideNode *node;      /* ATOM_PASS, ATOM_JOIN */
  Deps              *deps;
  guint              n_unions;  /* undo entries its push made */
} Atom;

typedef enum {
  SEARCH_SAT,
  SEARCH_UNSAT,
  SEARCH_SKIPPED,
} SearchResult;

typedef enum {
  SKIP_NONE,
  SKIP_COMBINATIONS,
  SKIP_ATOMS,
  SKIP_EVALUATIONS,
  SKIP_CLOSURE,
} SkipReason;

typedef struct {
  SearchResult result;
  SkipReason   skip;
  guint        n_vars;
  guint64      combinations;
  guint        n_inexact;       /* variables whose domain is only sampled */
  guint        first_inexact;   /* one of them, for messages */
} Outcome;

typedef struct {
  guint big;     /* G_MAXUINT: the union was a no-op */
  guint small;
} UndoEntry;

typedef enum {
  REASON_UNKNOWN,
  REASON_NEVER_TRUE,
  REASON_EARLIER,
  REASON_CONTEXT,
} Reason;

typedef struct {
  BedsideGuideline   *guideline;
  guint               n_items;
  guint               n_defs;
  guint               n_recs;
  guint               n_refs;
  GPtrArray          *issues;

  /* Dependencies: BedsideExpr * or BedsideNode * (stop) → Deps *. */
  GHashTable         *deps;
  Deps              **def_deps;
  GHashTable         *can_stop;     /* BedsideNode * → 1 (no) or 2 (yes) */
  GHashTable         *test_deps;    /* decision → Deps of its own tests */

  /* Collecting a dependency set without duplicates. */
  guint              *item_stamp;
  guint              *def_stamp;
  guint               collect_gen;
  GArray             *collect_items;
  GArray             *collect_defs;
  guint              *closure_stamp;
  guint               closure_gen;

  /* Finite domains: the values of item i are domain[start[i]] ... */
  GArray             *domain;
  guint              *domain_start;
  guint              *domain_len;
  GArray            **numbers;       /* per item: constants compared with (double) */
  GPtrArray         **texts;         /* per item: text constants */
  gboolean           *inexact;
  guint              *inexact_line;  /* an expression that made it so */
  GPtrArray          *strings;       /* text values we own */
  guint               current_line;

  /* Evaluation over a scratch assignment. */
  BedsideValue       *values;
  BedsideValue       *def_values;
  guint8             *def_done;
  BedsideEvalContext  context;

  /* Union-find over items and atoms, with undo (no path compression). */
  guint              *parent;
  guint              *size;
  guint              *next;          /* circular list of each component */
  GArray             *undo;
  Atom               *atoms;
  guint               n_atoms;
  guint               max_atoms;

  /* One search at a time uses these. */
  GArray             *search_vars;
  GPtrArray          *search_atoms;
  guint              *pos;
  guint              *pos_stamp;
  guint               pos_gen;
  GArray             *bucket_start;
  GPtrArray          *bucket_atoms;
  guint64             evaluations;
  gboolean            aborted;
  /* Sweeping: at each complete assignment, the branch the decision takes
   * is marked in sweep_reached. */
  const BedsideNode  *sweep_decision;
  const Deps         *sweep_deps;
  gboolean           *sweep_reached;
  guint               sweep_left;

  /* Results. */
  gboolean           *rec_in_tree;
  gboolean           *rec_reached;
} Lint;

static const BedsideItem *
get_item (Lint  *self,
          guint  index)
{
  return bedside_guideline_get_item (self->guideline, index);
}

static void add_issue (Lint                *self,
                       BedsideLintSeverity  severity,
                       const char          *code,
                       guint                line,
                       const char          *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
add_issue (Lint                *self,
           BedsideLintSeverity  severity,
           const char          *code,
           guint                line,
           const char          *format,
           ...)
{
  BedsideLintIssue *issue = g_new0 (BedsideLintIssue, 1);
  va_list args;

  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);
  issue->severity = severity;
  issue->code = g_strdup (code);
  issue->line = line;
  g_ptr_array_add (self->issues, issue);
}

/* ---- collecting dependencies ------------------------------------------ */

static void
collect_begin (Lint *self)
{
  self->collect_gen++;
  g_array_set_size (self->collect_items, 0);
  g_array_set_size (self->collect_defs, 0);
}

static void
collect_item (Lint  *self,
              guint  item)
{
  if (self->item_stamp[item] == self->collect_gen)
    return;
  self->item_stamp[item] = self->collect_gen;
  g_array_append_val (self->collect_items, item);
}

static void
collect_def (Lint  *self,
             guint  def)
{
  if (self->def_stamp[def] == self->collect_gen)
    return;
  self->def_stamp[def] = self->collect_gen;
  g_array_append_val (self->collect_defs, def);
}

static void
collect_deps (Lint       *self,
              const Deps *deps)
{
  for (guint i = 0; i < deps->n_items; i++)
    collect_item (self, deps->items[i]);
  for (guint i = 0; i < deps->n_defs; i++)
    collect_def (self, deps->defs[i]);
}

static gint
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static Deps *
collect_end (Lint *self)
{
  Deps *deps = g_new0 (Deps, 1);

  g_array_sort (self->collect_items, compare_guint);
  deps->n_items = self->collect_items->len;
  deps->items = g_memdup2 (self->collect_items->data, sizeof (guint) * MAX (deps->n_items, 1));
  deps->n_defs = self->collect_defs->len;
  deps->defs = g_memdup2 (self->collect_defs->data, sizeof (guint) * MAX (deps->n_defs, 1));
  return deps;
}

static void
on_symbol (const BedsideSymbol *symbol,
           gpointer             user_data)
{
  Lint *self = user_data;

  if (symbol->is_definition)
    {
      if (symbol->index >= self->n_defs)
        return;
      collect_def (self, symbol->index);
      /* Definitions only read earlier ones, so theirs are known already. */
      if (self->def_deps[symbol->index] != NULL)
        collect_deps (self, self->def_deps[symbol->index]);
    }
  else if (symbol->index < self->n_items)
    collect_item (self, symbol->index);
}

static Deps *
expr_deps (Lint              *self,
           const BedsideExpr *expr)
{
  Deps *deps = g_hash_table_lookup (self->deps, expr);

  if (deps == NULL)
    {
      collect_begin (self);
      bedside_expr_foreach_symbol (expr, on_symbol, self);
      deps = collect_end (self);
      g_hash_table_insert (self->deps, (gpointer) expr, deps);
    }
  return deps;
}

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
          Deps *upstream = expr_deps (self, it->enable_when);

          for (guint i = 0; i < upstream->n_items; i++)
            if (self->closure_stamp[upstream->items[i]] != self->closure_gen)
              g_array_append_val (stack, upstream->items[i]);
        }
    }

  g_array_sort (result, compare_guint);
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
        collect_deps (self, expr_deps (self, branch->when));
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
      collect_begin (self);
      collect_pass (self, node);
      deps = collect_end (self);
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
      collect_begin (self);
      for (guint b = 0; b < decision->n_branches; b++)
        if (decision->branches[b]->when != NULL)
          collect_deps (self, expr_deps (self, decision->branches[b]->when));
      deps = collect_end (self);
      g_hash_table_insert (self->test_deps, (gpointer) decision, deps);
    }
  return deps;
}

/* ---- constants and domains -------------------------------------------- */

static gboolean
type_is_sampled (BedsideValueType type)
{
  return type == BEDSIDE_TYPE_INTEGER || type == BEDSIDE_TYPE_DECIMAL ||
         type == BEDSIDE_TYPE_DATE || type == BEDSIDE_TYPE_TEXT;
}

static void
mark_inexact (Lint       *self,
              const Deps *deps)
{
  for (guint i = 0; i < deps->n_items; i++)
    {
      guint item = deps->items[i];

      if (type_is_sampled (get_item (self, item)->type) && !self->inexact[item])
        {
          self->inexact[item] = TRUE;
          self->inexact_line[item] = self->current_line;
        }
    }
}

static void
on_constant (const BedsideSymbol *symbol,
             const BedsideValue  *constant,
             gpointer             user_data)
{
  Lint *self = user_data;
  const BedsideItem *item;
  double number;

  if (symbol->is_definition)
    {
      /* A boolean definition is computed exactly from its items; a number
       * compared with a constant is not split at the right points. */
      if (symbol->type != BEDSIDE_TYPE_BOOLEAN && symbol->index < self->n_defs)
        mark_inexact (self, self->def_deps[symbol->index]);
      return;
    }
  if (symbol->index >= self->n_items || constant->state != BEDSIDE_VALUE_KNOWN)
    return;
  item = get_item (self, symbol->index);

  switch (item->type)
    {
    case BEDSIDE_TYPE_INTEGER:
    case BEDSIDE_TYPE_DECIMAL:
      if (constant->type == BEDSIDE_TYPE_INTEGER)
        number = (double) constant->integer;
      else if (constant->type == BEDSIDE_TYPE_DECIMAL)
        number = constant->decimal;
      else
        return;
      g_array_append_val (self->numbers[symbol->index], number);
      break;

    case BEDSIDE_TYPE_DATE:
      if (constant->type != BEDSIDE_TYPE_DATE)
        return;
      number = constant->date;
      g_array_append_val (self->numbers[symbol->index], number);
      break;

    case BEDSIDE_TYPE_TEXT:
      if (constant->type == BEDSIDE_TYPE_TEXT && constant->text != NULL)
        g_ptr_array_add (self->texts[symbol->index], g_strdup (constant->text));
      break;

    case BEDSIDE_TYPE_BOOLEAN:
    case BEDSIDE_TYPE_CHOICE:
    case BEDSIDE_TYPE_INVALID:
    default:
      /* Finite domains: every value is tried anyway. */
      break;
    }
}

static void
scan_constants (Lint              *self,
                const BedsideExpr *expr,
                guint              line)
{
  Deps *deps;

  if (expr == NULL)
    return;
  /* Every expression's dependencies are computed here, once: later
   * lookups then never start a collection in the middle of another. */
  deps = expr_deps (self, expr);
  self->current_line = line;
  if (!bedside_expr_foreach_constant (expr, on_constant, self))
    mark_inexact (self, deps);
}

static gint
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Which piece of the line cut at the sorted constants @v falls in: the
 * open interval below constant k is 2k, constant k itself is 2k + 1. */
static guint
region_of (const double *constants,
           guint         n,
           double        v)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (constants[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 2 * lo + (lo < n && constants[lo] == v ? 1 : 0);
}

static void
add_number (Lint              *self,
            const BedsideItem *item,
            double             v)
{
  BedsideValue value = { .state = BEDSIDE_VALUE_KNOWN, .type = item->type };

  if (item->type == BEDSIDE_TYPE_INTEGER)
    value.integer = (gint64) v;
  else if (item->type == BEDSIDE_TYPE_DATE)
    value.date = (gint32) v;
  else
    value.decimal = v;
  g_array_append_val (self->domain, value);
}

/* One value of each region the constants cut [lo, hi] into: comparisons of
 * the item with those constants then take every combination of truth
 * values they can take. */
static void
build_numeric_domain (Lint              *self,
                      guint              index,
                      const BedsideItem *item)
{
  GArray *numbers = self->numbers[index];
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean integral = item->type != BEDSIDE_TYPE_DECIMAL;
  gboolean has_min = item->has_min && item->type != BEDSIDE_TYPE_DATE;
  gboolean has_max = item->has_max && item->type != BEDSIDE_TYPE_DATE;
  gboolean inexact = self->inexact[index];
  const double *c;
  guint n = 0;
  double lo, hi;
  guint last_region = G_MAXUINT;
  double last_value = 0;
  gboolean have_last = FALSE;

  g_array_sort (numbers, compare_double);
  for (guint i = 0; i < numbers->len; i++)
    if (n == 0 || g_array_index (numbers, double, i) != g_array_index (numbers, double, n - 1))
      g_array_index (numbers, double, n++) = g_array_index (numbers, double, i);
  g_array_set_size (numbers, n);
  c = (const double *) (void *) numbers->data;

  if (item->type == BEDSIDE_TYPE_DATE)
    {
      lo = FIRST_DAY;
      hi = LAST_DAY;
    }
  else
    {
      lo = has_min ? item->min : -WIDE_RANGE;
      hi = has_max ? item->max : WIDE_RANGE;
      if (!has_min && n > 0)
        lo = MIN (lo, floor (c[0]) - 1);
      if (!has_max && n > 0)
        hi = MAX (hi, ceil (c[n - 1]) + 1);
    }
  if (integral)
    {
      lo = ceil (lo);
      hi = floor (hi);
    }

  for (guint i = 0; i < n; i++)
    {
      if (integral)
        {
          double f = floor (c[i]), e = ceil (c[i]);
          double more[] = { f - 1, f, e, e + 1 };

          g_array_append_vals (candidates, more, G_N_ELEMENTS (more));
        }
      else
        {
          g_array_append_val (candidates, c[i]);
          if (i + 1 < n)
            {
              double mid = c[i] + (c[i + 1] - c[i]) / 2;
              g_array_append_val (candidates, mid);
            }
        }
    }
  if (!integral && n > 0)
    {
      double below = c[0] - 1, above = c[n - 1] + 1;

      g_array_append_val (candidates, below);
      g_array_append_val (candidates, above);
    }
  /* The bounds stand for a region the constants leave partly outside. */
  if (has_min || item->type == BEDSIDE_TYPE_DATE || inexact)
    g_array_append_val (candidates, lo);
  if (has_max || item->type == BEDSIDE_TYPE_DATE || inexact)
    g_array_append_val (candidates, hi);
  if (inexact)
    {
      /* Arithmetic or a comparison with another item: no finite split is
       * exact, so sample more widely (the finding is marked approximate). */
      double more[] = { -1, 0, 1, lo + (hi - lo) / 2 };

      g_array_append_vals (candidates, more, G_N_ELEMENTS (more));
    }
  if (candidates->len == 0)
    {
      double zero = CLAMP (0.0, lo, hi);
      g_array_append_val (candidates, zero);
    }

  g_array_sort (candidates, compare_double);
  for (guint i = 0; i < candidates->len; i++)
    {
      double v = g_array_index (candidates, double, i);
      guint region;

      if (v < lo || v > hi)
        continue;
      if (integral)
        v = floor (v);
      if (have_last && v == last_value)
        continue;
      /* Comparisons with constants treat every value of a region alike:
       * one of each is enough. */
      region = region_of (c, n, v);
      if (region == last_region && !inexact)
        continue;
      last_region = region;
      last_value = v;
      have_last = TRUE;
      add_number (self, item, v);
    }
}

static void
build_text_domain (Lint              *self,
                   guint              index)
{
  GPtrArray *texts = self->texts[index];
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) other = g_string_new ("\001other");

  /* Each constant, and one text equal to none of them. */
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = texts->pdata[i];
      BedsideValue value = { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_TEXT };

      if (!g_hash_table_add (seen, (gpointer) text))
        continue;
      value.text = text;
      g_array_append_val (self->domain, value);
    }
  while (g_hash_table_contains (seen, other->str))
    g_string_append_c (other, '\001');
  {
    char *owned = g_strdup (other->str);
    BedsideValue value = { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_TEXT };

    g_ptr_array_add (self->strings, owned);
    value.text = owned;
    g_array_append_val (self->domain, value);
  }
}

static void
build_domains (Lint *self)
{
  for (guint i = 0; i < self->n_items; i++)
    {
      const BedsideItem *item = get_item (self, i);

      self->domain_start[i] = self->domain->len;
      switch (item->type)
        {
        case BEDSIDE_TYPE_BOOLEAN:
          {
            BedsideValue no = bedside_value_boolean (FALSE);
            BedsideValue yes = bedside_value_boolean (TRUE);

            g_array_append_val (self->domain, no);
            g_array_append_val (self->domain, yes);
          }
          break;

        case BEDSIDE_TYPE_CHOICE:
          for (guint k = 0; k < item->n_options; k++)
            {
              BedsideValue value = { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_CHOICE };

              value.code = (gint) k;
              g_array_append_val (self->domain, value);
            }
          break;

        case BEDSIDE_TYPE_INTEGER:
        case BEDSIDE_TYPE_DECIMAL:
        case BEDSIDE_TYPE_DATE:
          build_numeric_domain (self, i, item);
          break;

        case BEDSIDE_TYPE_TEXT:
          build_text_domain (self, i);
          break;

        case BEDSIDE_TYPE_INVALID:
        default:
          break;
        }

      /* Unanswered is a value too when the item may be unanswered. */
      if (item->enable_when != NULL || !item->required)
        {
          BedsideValue unknown = BEDSIDE_VALUE_INIT_UNKNOWN;
          g_array_append_val (self->domain, unknown);
        }
      self->domain_len[i] = self->domain->len - self->domain_start[i];
    }
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
    atom->deps = expr_deps (self, expr);
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

      reset_definitions (self, expr_deps (self, item->enable_when));
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

  g_array_sort (vars, compare_guint);
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

  add_issue (self, BEDSIDE_LINT_NOTE, "reachability-approximate", line,
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
      add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
                 "reachability of %s was not checked: it depends on %u or more "
                 "questionnaire items together (over %" G_GUINT64_FORMAT " combinations of answers)",
                 what, outcome->n_vars, (guint64) MAX_COMBINATIONS);
      break;
    case SKIP_ATOMS:
      add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
                 "reachability of %s was not checked: over %u conditions on the way to it "
                 "depend on each other", what, MAX_ATOMS);
      break;
    case SKIP_CLOSURE:
      add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
                 "reachability of %s was not checked: a test on the way to it depends, "
                 "through enable-when, on over %u questionnaire items", what, MAX_CLOSURE);
      break;
    case SKIP_EVALUATIONS:
      add_issue (self, BEDSIDE_LINT_NOTE, "reachability-skipped", line,
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
      atoms[0].deps = expr_deps (self, branch->when);
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
      atom->deps = expr_deps (self, atom->expr);
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
      add_issue (self, BEDSIDE_LINT_NOTE, "unreachable-otherwise", branch->line,
                 "%s is never reached: %s; it is empty, so nothing is lost%s",
                 what, why, suffix);
    }
  else
    {
      add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-branch", branch->line,
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
    add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-node", first->line,
               "%s and what follows it are never reached: the stop at line %u always ends the walk first",
               what, stopper->line);
  else
    add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-node", first->line,
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

/* ---- setup ---------------------------------------------------------------- */

static guint
count_nodes (const BedsideBranch *branch)
{
  guint n = branch->n_children;

  for (guint c = 0; c < branch->n_children; c++)
    {
      const BedsideNode *node = branch->children[c];

      if (node->type == BEDSIDE_NODE_DECISION)
        for (guint b = 0; b < node->n_branches; b++)
          n += count_nodes (node->branches[b]);
    }
  return n;
}

static void
lint_init (Lint             *self,
           BedsideGuideline *guideline)
{
  guint n_branches, universe;

  self->guideline = guideline;
  self->n_items = bedside_guideline_get_n_items (guideline);
  self->n_defs = bedside_guideline_get_n_definitions (guideline);
  self->n_recs = bedside_guideline_get_n_recommendations (guideline);
  self->n_refs = bedside_guideline_get_n_references (guideline);
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_lint_issue_free);

  self->deps = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, deps_free);
  self->def_deps = g_new0 (Deps *, MAX (self->n_defs, 1));
  self->can_stop = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->test_deps = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, deps_free);
  self->item_stamp = g_new0 (guint, MAX (self->n_items, 1));
  self->def_stamp = g_new0 (guint, MAX (self->n_defs, 1));
  self->collect_items = g_array_new (FALSE, FALSE, sizeof (guint));
  self->collect_defs = g_array_new (FALSE, FALSE, sizeof (guint));
  self->closure_stamp = g_new0 (guint, MAX (self->n_items, 1));

  self->domain = g_array_new (FALSE, FALSE, sizeof (BedsideValue));
  self->domain_start = g_new0 (guint, MAX (self->n_items, 1));
  self->domain_len = g_new0 (guint, MAX (self->n_items, 1));
  self->numbers = g_new0 (GArray *, MAX (self->n_items, 1));
  self->texts = g_new0 (GPtrArray *, MAX (self->n_items, 1));
  for (guint i = 0; i < self->n_items; i++)
    {
      self->numbers[i] = g_array_new (FALSE, FALSE, sizeof (double));
      self->texts[i] = g_ptr_array_new_with_free_func (g_free);
    }
  self->inexact = g_new0 (gboolean, MAX (self->n_items, 1));
  self->inexact_line = g_new0 (guint, MAX (self->n_items, 1));
  self->strings = g_ptr_array_new_with_free_func (g_free);

  self->values = g_new0 (BedsideValue, MAX (self->n_items, 1));
  self->def_values = g_new0 (BedsideValue, MAX (self->n_defs, 1));
  self->def_done = g_new0 (guint8, MAX (self->n_defs, 1));
  self->context.items = self->values;
  self->context.definitions = bedside_guideline_get_definition_exprs (guideline);
  self->context.definition_values = self->def_values;
  self->context.definition_done = self->def_done;

  /* At most one atom per branch (its test, or its test being false) and
   * one per node (does not stop), plus one for a condition. */
  n_branches = bedside_guideline_get_n_branches (guideline);
  self->max_atoms = n_branches + count_nodes (bedside_guideline_get_tree (guideline)) + 2;
  universe = self->n_items + self->max_atoms;
  self->parent = g_new (guint, universe);
  self->size = g_new (guint, universe);
  self->next = g_new (guint, universe);
  for (guint i = 0; i < universe; i++)
    {
      self->parent[i] = i;
      self->size[i] = 1;
      self->next[i] = i;
    }
  self->undo = g_array_new (FALSE, FALSE, sizeof (UndoEntry));
  self->atoms = g_new0 (Atom, self->max_atoms);

  self->search_vars = g_array_new (FALSE, FALSE, sizeof (guint));
  self->search_atoms = g_ptr_array_new ();
  self->pos = g_new0 (guint, MAX (self->n_items, 1));
  self->pos_stamp = g_new0 (guint, MAX (self->n_items, 1));
  self->bucket_start = g_array_new (FALSE, FALSE, sizeof (guint));
  self->bucket_atoms = g_ptr_array_new ();

  self->rec_in_tree = g_new0 (gboolean, MAX (self->n_recs, 1));
  self->rec_reached = g_new0 (gboolean, MAX (self->n_recs, 1));

  /* Definitions first, in order: each reads only earlier ones. */
  for (guint d = 0; d < self->n_defs; d++)
    {
      const BedsideDefinition *def = bedside_guideline_get_definition (guideline, d);

      if (def->expr != NULL)
        self->def_deps[d] = expr_deps (self, def->expr);
      else
        {
          /* Not in a loaded guideline; an empty set keeps lookups safe.
           * The table owns it, keyed by itself. */
          collect_begin (self);
          self->def_deps[d] = collect_end (self);
          g_hash_table_insert (self->deps, self->def_deps[d], self->def_deps[d]);
        }
    }
}

static void
lint_clear (Lint *self)
{
  g_hash_table_unref (self->deps);
  g_free (self->def_deps);
  g_hash_table_unref (self->can_stop);
  g_hash_table_unref (self->test_deps);
  g_free (self->item_stamp);
  g_free (self->def_stamp);
  g_array_unref (self->collect_items);
  g_array_unref (self->collect_defs);
  g_free (self->closure_stamp);
  g_array_unref (self->domain);
  g_free (self->domain_start);
  g_free (self->domain_len);
  for (guint i = 0; i < self->n_items; i++)
    {
      g_array_unref (self->numbers[i]);
      g_ptr_array_unref (self->texts[i]);
    }
  g_free (self->numbers);
  g_free (self->texts);
  g_free (self->inexact);
  g_free (self->inexact_line);
  g_ptr_array_unref (self->strings);
  g_free (self->values);
  g_free (self->def_values);
  g_free (self->def_done);
  g_free (self->parent);
  g_free (self->size);
  g_free (self->next);
  g_array_unref (self->undo);
  g_free (self->atoms);
  g_array_unref (self->search_vars);
  g_ptr_array_unref (self->search_atoms);
  g_free (self->pos);
  g_free (self->pos_stamp);
  g_array_unref (self->bucket_start);
  g_ptr_array_unref (self->bucket_atoms);
  g_free (self->rec_in_tree);
  g_free (self->rec_reached);
}

/* Calls @func on every expression of the guideline, with its line. */
typedef void (*ExprFunc) (Lint *self, const BedsideExpr *expr, guint line);

static void
foreach_expression (Lint     *self,
                    ExprFunc  func)
{
  guint n_branches = bedside_guideline_get_n_branches (self->guideline);

  for (guint i = 0; i < self->n_items; i++)
    {
      const BedsideItem *item = get_item (self, i);

      if (item->enable_when != NULL)
        func (self, item->enable_when, item->line);
    }
  for (guint d = 0; d < self->n_defs; d++)
    {
      const BedsideDefinition *def = bedside_guideline_get_definition (self->guideline, d);

      if (def->expr != NULL)
        func (self, def->expr, def->line);
    }
  for (guint b = 0; b < n_branches; b++)
    {
      const BedsideBranch *branch = bedside_guideline_get_branch (self->guideline, b);

      if (branch->when != NULL)
        func (self, branch->when, branch->line);
    }
  for (guint r = 0; r < self->n_recs; r++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, r);

      for (guint k = 0; k < rec->n_contraindications; k++)
        func (self, rec->contraindications[k].when, rec->contraindications[k].line);
      for (guint k = 0; k < rec->n_cautions; k++)
        func (self, rec->cautions[k].when, rec->cautions[k].line);
    }
}

/* ---- the checks ------------------------------------------------------------ */

static void
check_reachability (Lint *self)
{
  foreach_expression (self, scan_constants);
  build_domains (self);
  analyze_sequence (self, bedside_guideline_get_tree (self->guideline));
  g_assert (self->n_atoms == 0 && self->undo->len == 0);
}

static void
check_usage (Lint *self)
{
  g_autofree gboolean *item_used = g_new0 (gboolean, MAX (self->n_items, 1));
  g_autofree gboolean *def_used = g_new0 (gboolean, MAX (self->n_defs, 1));
  guint n_branches = bedside_guideline_get_n_branches (self->guideline);
  GPtrArray *roots = g_ptr_array_new ();

  /* What the guideline reads, from where it reads it: definitions count
   * only through what uses them (their Deps include what they read). */
  for (guint i = 0; i < self->n_items; i++)
    if (get_item (self, i)->enable_when != NULL)
      g_ptr_array_add (roots, get_item (self, i)->enable_when);
  for (guint b = 0; b < n_branches; b++)
    {
      const BedsideBranch *branch = bedside_guideline_get_branch (self->guideline, b);

      if (branch->when != NULL)
        g_ptr_array_add (roots, branch->when);
    }
  for (guint r = 0; r < self->n_recs; r++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, r);

      for (guint k = 0; k < rec->n_contraindications; k++)
        g_ptr_array_add (roots, rec->contraindications[k].when);
      for (guint k = 0; k < rec->n_cautions; k++)
        g_ptr_array_add (roots, rec->cautions[k].when);
    }

  for (guint i = 0; i < roots->len; i++)
    {
      const Deps *deps = expr_deps (self, roots->pdata[i]);

      for (guint k = 0; k < deps->n_items; k++)
        item_used[deps->items[k]] = TRUE;
      for (guint k = 0; k < deps->n_defs; k++)
        def_used[deps->defs[k]] = TRUE;
    }
  g_ptr_array_unref (roots);

  for (guint i = 0; i < self->n_items; i++)
    if (!item_used[i])
      add_issue (self, BEDSIDE_LINT_WARNING, "unused-item", get_item (self, i)->line,
                 "item '%s' is asked but never used: no branch test, contraindication, "
                 "caution, enable-when or used definition reads it",
                 get_item (self, i)->id);
  for (guint d = 0; d < self->n_defs; d++)
    if (!def_used[d])
      {
        const BedsideDefinition *def = bedside_guideline_get_definition (self->guideline, d);

        add_issue (self, BEDSIDE_LINT_WARNING, "unused-definition", def->line,
                   "definition '%s' is never used: no branch test, contraindication, "
                   "caution, enable-when or used definition reads it", def->id);
      }
}

static void
check_recommendations (Lint *self)
{
  g_autofree gboolean *cited = g_new0 (gboolean, MAX (self->n_refs, 1));

  for (guint r = 0; r < self->n_recs; r++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, r);

      if (!self->rec_reached[r])
        add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-recommendation", rec->line,
                   "recommendation '%s' is never in a plan: no reachable part of the "
                   "decision tree recommends it, and it is not the note of a "
                   "contraindication or caution that can apply", rec->id);
      if (rec->n_citations == 0)
        add_issue (self, BEDSIDE_LINT_WARNING, "uncited-recommendation", rec->line,
                   "recommendation '%s' cites no reference", rec->id);
      for (guint k = 0; k < rec->n_citations; k++)
        if (rec->citations[k] < self->n_refs)
          cited[rec->citations[k]] = TRUE;
    }

  for (guint i = 0; i < self->n_refs; i++)
    if (!cited[i])
      {
        const BedsideReference *ref = bedside_guideline_get_reference (self->guideline, i);

        add_issue (self, BEDSIDE_LINT_WARNING, "uncited-reference", ref->line,
                   "reference '%s' is not cited by any recommendation", ref->id);
      }
}

static void
check_readability (Lint *self)
{
  double max_grade = bedside_guideline_get_max_grade (self->guideline);

  if (max_grade < 0)
    return;

  for (guint r = 0; r < self->n_recs; r++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, r);
      const char *parts[] = { rec->patient_title, rec->patient, rec->patient_dose,
                              rec->patient_duration, rec->patient_watch };
      g_autoptr(GString) text = g_string_new (NULL);
      char grade_text[G_ASCII_DTOSTR_BUF_SIZE];
      char max_text[G_ASCII_DTOSTR_BUF_SIZE];
      double grade;

      /* One text per recommendation: that is what the patient reads
       * together.  A newline ends each part's last sentence (a title has
       * no full stop). */
      for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
        if (parts[k] != NULL)
          g_string_append_printf (text, "%s\n", parts[k]);
      if (text->len == 0)
        continue;

      grade = bedside_readability_grade (text->str);
      if (grade <= max_grade)
        continue;
      g_ascii_formatd (grade_text, sizeof grade_text, "%.1f", grade);
      g_ascii_formatd (max_text, sizeof max_text, "%.1f", max_grade);
      add_issue (self, BEDSIDE_LINT_WARNING, "readability", rec->line,
                 "recommendation '%s': the patient text reads at grade %s, above the "
                 "guideline's limit of %s (use shorter sentences and shorter words)",
                 rec->id, grade_text, max_text);
    }
}

static gint
compare_issues (gconstpointer a,
                gconstpointer b)
{
  const BedsideLintIssue *x = *(BedsideLintIssue * const *) a;
  const BedsideLintIssue *y = *(BedsideLintIssue * const *) b;
  int c;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  c = strcmp (x->code, y->code);
  if (c != 0)
    return c;
  return strcmp (x->message, y->message);
}

GPtrArray *
bedside_lint (BedsideGuideline *guideline)
{
  Lint self = { 0 };
  GPtrArray *issues;

  g_return_val_if_fail (guideline != NULL, NULL);

  lint_init (&self, guideline);
  check_reachability (&self);
  check_usage (&self);
  check_recommendations (&self);
  check_readability (&self);

  issues = g_steal_pointer (&self.issues);
  g_ptr_array_sort (issues, compare_issues);
  lint_clear (&self);
  return issues;
}
