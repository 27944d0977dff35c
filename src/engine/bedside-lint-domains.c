/* bedside-lint-domains.c: the finite domains the reachability analysis enumerates, cut at the guideline's constants. */

#include "bedside-lint-private.h"

#include <math.h>

/* Integer and decimal items without @min/@max are taken to lie in
 * [-WIDE_RANGE, WIDE_RANGE] (widened to cover the guideline's constants). */
#define WIDE_RANGE         1e9
/* GDate julian days of 0001-01-01 and 9999-12-31. */
#define FIRST_DAY          1.0
#define LAST_DAY           3652059.0

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
  deps = bedside_lint_expr_deps (self, expr);
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

  /* Clamped: a constant near the ends of gint64 puts its neighbours outside
   * it, and casting such a double is undefined behaviour (on x86 it gave
   * G_MININT64 for a value above G_MAXINT64, a sample on the wrong side). */
  if (item->type == BEDSIDE_TYPE_INTEGER)
    value.integer = v >= 9223372036854775807.0 ? G_MAXINT64
                  : v <= -9223372036854775808.0 ? G_MININT64 : (gint64) v;
  else if (item->type == BEDSIDE_TYPE_DATE)
    value.date = (gint32) v;
  else
    value.decimal = v;
  g_array_append_val (self->domain, value);
}

/* Sorts @numbers and drops repeats; returns how many are left. */
static guint
sort_unique (GArray *numbers)
{
  guint n = 0;

  g_array_sort (numbers, compare_double);
  for (guint i = 0; i < numbers->len; i++)
    if (n == 0 || g_array_index (numbers, double, i) != g_array_index (numbers, double, n - 1))
      g_array_index (numbers, double, n++) = g_array_index (numbers, double, i);
  g_array_set_size (numbers, n);
  return n;
}

/* The range [*@lo, *@hi] the item's values are taken from: every day for a
 * date, else its @min and @max or a wide range that takes in the sorted
 * constants @c; whole numbers unless the item is a decimal. */
static void
numeric_range (const BedsideItem *item,
               gboolean           has_min,
               gboolean           has_max,
               const double      *c,
               guint              n,
               double            *lo,
               double            *hi)
{
  if (item->type == BEDSIDE_TYPE_DATE)
    {
      *lo = FIRST_DAY;
      *hi = LAST_DAY;
    }
  else
    {
      *lo = has_min ? item->min : -WIDE_RANGE;
      *hi = has_max ? item->max : WIDE_RANGE;
      if (!has_min && n > 0)
        *lo = MIN (*lo, floor (c[0]) - 1);
      if (!has_max && n > 0)
        *hi = MAX (*hi, ceil (c[n - 1]) + 1);
    }
  if (item->type != BEDSIDE_TYPE_DECIMAL)
    {
      *lo = ceil (*lo);
      *hi = floor (*hi);
    }
}

/* Candidates around the sorted constants @c: for whole numbers those on
 * either side of each; for decimals each constant, the midpoints between
 * them and a value beyond each end. */
static void
add_neighbours (GArray       *candidates,
                const double *c,
                guint         n,
                gboolean      integral)
{
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
}

/* Adds the sorted @candidates within [@lo, @hi] to the domain: one of each
 * region the constants @c cut the line into (all of them when the domain
 * is @inexact), since comparisons with the constants treat every value of
 * a region alike. */
static void
add_one_per_region (Lint              *self,
                    const BedsideItem *item,
                    GArray            *candidates,
                    const double      *c,
                    guint              n,
                    double             lo,
                    double             hi,
                    gboolean           inexact)
{
  gboolean integral = item->type != BEDSIDE_TYPE_DECIMAL;
  guint last_region = G_MAXUINT;
  double last_value = 0;
  gboolean have_last = FALSE;

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
      region = region_of (c, n, v);
      if (region == last_region && !inexact)
        continue;
      last_region = region;
      last_value = v;
      have_last = TRUE;
      add_number (self, item, v);
    }
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
  gboolean has_min = item->has_min && item->type != BEDSIDE_TYPE_DATE;
  gboolean has_max = item->has_max && item->type != BEDSIDE_TYPE_DATE;
  gboolean inexact = self->inexact[index];
  guint n = sort_unique (numbers);
  const double *c = (const double *) (void *) numbers->data;
  double lo, hi;

  numeric_range (item, has_min, has_max, c, n, &lo, &hi);
  add_neighbours (candidates, c, n, item->type != BEDSIDE_TYPE_DECIMAL);
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
  add_one_per_region (self, item, candidates, c, n, lo, hi, inexact);
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
  for (guint m = 0; m < self->n_medicines; m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline, m);

      /* A caution with only @with has no @when: scan_constants skips it. */
      for (guint k = 0; k < medicine->n_against + medicine->n_cautions; k++)
        {
          const BedsideCondition *condition = bedside_lint_medicine_condition (medicine, k);

          func (self, condition->when, condition->line);
        }
    }
}

void
bedside_lint_build_domains (Lint *self)
{
  foreach_expression (self, scan_constants);
  build_domains (self);
}
