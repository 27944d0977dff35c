/* bedside-expr.c: the expression tree, its public entry points, the evaluator and introspection. */

#include "bedside-expr-private.h"

#include <math.h>

G_DEFINE_QUARK (bedside-expr-error-quark, bedside_expr_error)

static gboolean
is_literal (const Node *node)
{
  return node->kind == NODE_LITERAL || node->kind == NODE_STRING || node->kind == NODE_DATE;
}

const char *
bedside_value_type_to_string (BedsideValueType type)
{
  switch (type)
    {
    case BEDSIDE_TYPE_BOOLEAN: return "boolean";
    case BEDSIDE_TYPE_INTEGER: return "integer";
    case BEDSIDE_TYPE_DECIMAL: return "decimal";
    case BEDSIDE_TYPE_TEXT: return "text";
    case BEDSIDE_TYPE_CHOICE: return "choice";
    case BEDSIDE_TYPE_DATE: return "date";
    case BEDSIDE_TYPE_INVALID:
    default:
      return "invalid";
    }
}

static void
free_nodes (Node  *nodes,
            guint  n_nodes)
{
  for (guint i = 0; i < n_nodes; i++)
    g_free (nodes[i].text);
  g_free (nodes);
}

void
bedside_expr_free (BedsideExpr *expr)
{
  if (expr == NULL)
    return;
  free_nodes (expr->nodes, expr->n_nodes);
  g_free (expr->kids);
  g_free (expr->source);
  g_free (expr);
}

const char *
bedside_expr_get_source (const BedsideExpr *expr)
{
  g_return_val_if_fail (expr != NULL, NULL);
  return expr->source;
}

BedsideValueType
bedside_expr_get_type (const BedsideExpr *expr)
{
  g_return_val_if_fail (expr != NULL, BEDSIDE_TYPE_INVALID);
  return expr->checked ? expr->type : BEDSIDE_TYPE_INVALID;
}

/* ------------------------------------------------------------------------ */
/* Evaluator                                                                 */

static inline BedsideValue
value_of_state (BedsideValueState state)
{
  BedsideValue v = { .state = state };
  return v;
}

/* Unknown and error both make an operator's result unknowable; an error is
 * the stronger statement (answering more items will not fix it). */
static inline BedsideValue
not_known (BedsideValue a,
           BedsideValue b)
{
  if (a.state == BEDSIDE_VALUE_ERROR || b.state == BEDSIDE_VALUE_ERROR)
    return value_of_state (BEDSIDE_VALUE_ERROR);
  return value_of_state (BEDSIDE_VALUE_UNKNOWN);
}

static inline double
as_double (const BedsideValue *v)
{
  return v->type == BEDSIDE_TYPE_INTEGER ? (double) v->integer : v->decimal;
}

/* -1, 0 or 1.  The checker has made the types comparable; integers are
 * compared exactly, mixed numbers as doubles. */
static int
compare_values (const BedsideValue *a,
                const BedsideValue *b)
{
  switch (a->type)
    {
    case BEDSIDE_TYPE_INTEGER:
      if (b->type == BEDSIDE_TYPE_INTEGER)
        return (a->integer > b->integer) - (a->integer < b->integer);
      G_GNUC_FALLTHROUGH;
    case BEDSIDE_TYPE_DECIMAL:
      {
        double x = as_double (a), y = as_double (b);
        return (x > y) - (x < y);
      }
    case BEDSIDE_TYPE_BOOLEAN:
      return (a->boolean > b->boolean) - (a->boolean < b->boolean);
    case BEDSIDE_TYPE_CHOICE:
      return (a->code > b->code) - (a->code < b->code);
    case BEDSIDE_TYPE_DATE:
      return (a->date > b->date) - (a->date < b->date);
    case BEDSIDE_TYPE_TEXT:
      {
        int c = g_strcmp0 (a->text, b->text);
        return (c > 0) - (c < 0);
      }
    case BEDSIDE_TYPE_INVALID:
    default:
      return 0;
    }
}

static BedsideValue evaluate_node (const BedsideExpr        *expr,
                                   guint32                   index,
                                   const BedsideEvalContext *context);

static BedsideValue
evaluate_symbol (const BedsideSymbol      *symbol,
                 const BedsideEvalContext *context)
{
  BedsideValue v;
  guint i = symbol->index;

  if (context == NULL)
    return value_of_state (BEDSIDE_VALUE_UNKNOWN);
  if (!symbol->is_definition)
    return context->items[i];

  if (context->definition_done[i] == 1)
    return context->definition_values[i];
  /* 2 marks a definition being evaluated: a cycle the loader should have
   * refused; failing beats recursing forever. */
  if (context->definition_done[i] == 2 || context->definitions[i] == NULL ||
      !context->definitions[i]->checked)
    return value_of_state (BEDSIDE_VALUE_ERROR);

  context->definition_done[i] = 2;
  v = evaluate_node (context->definitions[i], context->definitions[i]->root, context);
  context->definition_values[i] = v;
  context->definition_done[i] = 1;
  return v;
}

static BedsideValue
evaluate_arithmetic (NodeKind     kind,
                     BedsideValue a,
                     BedsideValue b)
{
  BedsideValue r = { .state = BEDSIDE_VALUE_KNOWN };
  double x, y;

  if (!is_number (a.type) || !is_number (b.type))
    return value_of_state (BEDSIDE_VALUE_ERROR);

  if (a.type == BEDSIDE_TYPE_INTEGER && b.type == BEDSIDE_TYPE_INTEGER && kind != NODE_DIV)
    {
      gboolean overflow;

      r.type = BEDSIDE_TYPE_INTEGER;
      if (kind == NODE_ADD)
        overflow = __builtin_add_overflow (a.integer, b.integer, &r.integer);
      else if (kind == NODE_SUB)
        overflow = __builtin_sub_overflow (a.integer, b.integer, &r.integer);
      else
        overflow = __builtin_mul_overflow (a.integer, b.integer, &r.integer);
      return overflow ? value_of_state (BEDSIDE_VALUE_ERROR) : r;
    }

  x = as_double (&a);
  y = as_double (&b);
  r.type = BEDSIDE_TYPE_DECIMAL;
  switch (kind)
    {
    case NODE_ADD: r.decimal = x + y; break;
    case NODE_SUB: r.decimal = x - y; break;
    case NODE_MUL: r.decimal = x * y; break;
    case NODE_DIV:
      if (y == 0.0)
        return value_of_state (BEDSIDE_VALUE_ERROR);
      r.decimal = x / y;
      break;
    default:
      return value_of_state (BEDSIDE_VALUE_ERROR);
    }
  return isfinite (r.decimal) ? r : value_of_state (BEDSIDE_VALUE_ERROR);
}

/* and, or: Kleene's logic, in which one operand equal to the deciding value
 * settles the result even if others are unknown or in error. */
static BedsideValue
evaluate_logical (const BedsideExpr        *expr,
                  const Node               *n,
                  const BedsideEvalContext *context)
{
  const guint32 *k = &expr->kids[n->first_kid];
  gboolean decisive = (n->kind == NODE_OR);
  guint8 worst = BEDSIDE_VALUE_KNOWN;

  for (guint i = 0; i < n->n_kids; i++)
    {
      BedsideValue a = evaluate_node (expr, k[i], context);

      if (a.state == BEDSIDE_VALUE_KNOWN)
        {
          if (a.boolean == decisive)
            return a;
        }
      else if (a.state == BEDSIDE_VALUE_ERROR)
        worst = BEDSIDE_VALUE_ERROR;
      else if (worst != BEDSIDE_VALUE_ERROR)
        worst = BEDSIDE_VALUE_UNKNOWN;
    }
  return worst == BEDSIDE_VALUE_KNOWN ? bedside_value_boolean (!decisive) : value_of_state (worst);
}

/* Unary minus; negating the smallest integer overflows. */
static BedsideValue
evaluate_negation (const BedsideExpr        *expr,
                   const Node               *n,
                   const BedsideEvalContext *context)
{
  BedsideValue a = evaluate_node (expr, expr->kids[n->first_kid], context);

  if (a.state != BEDSIDE_VALUE_KNOWN)
    return a;
  if (a.type == BEDSIDE_TYPE_INTEGER)
    {
      if (__builtin_sub_overflow ((gint64) 0, a.integer, &a.integer))
        return value_of_state (BEDSIDE_VALUE_ERROR);
    }
  else
    {
      a.decimal = -a.decimal;
    }
  return a;
}

/* =, !=, <, <=, >, >=: known only when both operands are. */
static BedsideValue
evaluate_comparison (const BedsideExpr        *expr,
                     const Node               *n,
                     const BedsideEvalContext *context)
{
  const guint32 *k = &expr->kids[n->first_kid];
  BedsideValue a = evaluate_node (expr, k[0], context);
  BedsideValue b = evaluate_node (expr, k[1], context);
  int c;

  if (a.state != BEDSIDE_VALUE_KNOWN || b.state != BEDSIDE_VALUE_KNOWN)
    return not_known (a, b);
  c = compare_values (&a, &b);
  switch ((NodeKind) n->kind)
    {
    case NODE_EQ: return bedside_value_boolean (c == 0);
    case NODE_NE: return bedside_value_boolean (c != 0);
    case NODE_LT: return bedside_value_boolean (c < 0);
    case NODE_LE: return bedside_value_boolean (c <= 0);
    case NODE_GT: return bedside_value_boolean (c > 0);
    default:
      return bedside_value_boolean (c >= 0);
    }
}

/* in, not in: the operand against the list of literals after it. */
static BedsideValue
evaluate_membership (const BedsideExpr        *expr,
                     const Node               *n,
                     const BedsideEvalContext *context)
{
  const guint32 *k = &expr->kids[n->first_kid];
  BedsideValue a = evaluate_node (expr, k[0], context);
  gboolean found = FALSE;

  if (a.state != BEDSIDE_VALUE_KNOWN)
    return a;
  for (guint i = 1; i < n->n_kids && !found; i++)
    found = compare_values (&a, &expr->nodes[k[i]].value) == 0;
  return bedside_value_boolean (n->kind == NODE_IN ? found : !found);
}

/* Must not allocate: this runs for every node on every answer change. */
static BedsideValue
evaluate_node (const BedsideExpr        *expr,
               guint32                   index,
               const BedsideEvalContext *context)
{
  const Node *n = &expr->nodes[index];
  const guint32 *k = &expr->kids[n->first_kid];
  BedsideValue a, b;

  switch ((NodeKind) n->kind)
    {
    case NODE_LITERAL:
    case NODE_STRING:
    case NODE_DATE:
      return n->value;

    case NODE_SYMBOL:
      return evaluate_symbol (&n->symbol, context);

    case NODE_ANSWERED:
      if (context == NULL)
        return value_of_state (BEDSIDE_VALUE_UNKNOWN);
      return bedside_value_boolean (context->items[n->symbol.index].state == BEDSIDE_VALUE_KNOWN);

    case NODE_NOT:
      a = evaluate_node (expr, k[0], context);
      if (a.state == BEDSIDE_VALUE_KNOWN)
        a.boolean = !a.boolean;
      return a;

    case NODE_AND:
    case NODE_OR:
      return evaluate_logical (expr, n, context);

    case NODE_NEG:
      return evaluate_negation (expr, n, context);

    case NODE_EQ:
    case NODE_NE:
    case NODE_LT:
    case NODE_LE:
    case NODE_GT:
    case NODE_GE:
      return evaluate_comparison (expr, n, context);

    case NODE_ADD:
    case NODE_SUB:
    case NODE_MUL:
    case NODE_DIV:
      a = evaluate_node (expr, k[0], context);
      b = evaluate_node (expr, k[1], context);
      if (a.state != BEDSIDE_VALUE_KNOWN || b.state != BEDSIDE_VALUE_KNOWN)
        return not_known (a, b);
      return evaluate_arithmetic ((NodeKind) n->kind, a, b);

    case NODE_IN:
    case NODE_NOT_IN:
      return evaluate_membership (expr, n, context);

    default:
      return value_of_state (BEDSIDE_VALUE_ERROR);
    }
}

BedsideValue
bedside_expr_evaluate (const BedsideExpr        *expr,
                       const BedsideEvalContext *context)
{
  g_return_val_if_fail (expr != NULL, value_of_state (BEDSIDE_VALUE_ERROR));
  g_return_val_if_fail (expr->checked, value_of_state (BEDSIDE_VALUE_ERROR));

  return evaluate_node (expr, expr->root, context);
}

/* The truth of a boolean subtree: TRUTH_FALSE, TRUTH_TRUE or TRUTH_NOT_KNOWN
 * (unknown or error: the callers of evaluate_boolean do not tell them
 * apart, and Kleene and/or settle the same way for both).  The hot path of
 * every branch test: operands that are items or literals are read in place
 * rather than through evaluate_node(), and no BedsideValue is passed around
 * for and/or/not.  Definitions go through evaluate_symbol() so that their
 * cache holds the full value for any later evaluate_node(). */
enum { TRUTH_FALSE = 0, TRUTH_TRUE = 1, TRUTH_NOT_KNOWN = 2 };

static inline guint
truth_of (BedsideValue v)
{
  if (v.state != BEDSIDE_VALUE_KNOWN || v.type != BEDSIDE_TYPE_BOOLEAN)
    return TRUTH_NOT_KNOWN;
  return v.boolean ? TRUTH_TRUE : TRUTH_FALSE;
}

/* An operand of a comparison: items and literals in place. */
static inline BedsideValue
operand_value (const BedsideExpr        *expr,
               guint32                   index,
               const BedsideEvalContext *context)
{
  const Node *n = &expr->nodes[index];

  if (n->kind == NODE_SYMBOL && !n->symbol.is_definition && context != NULL)
    return context->items[n->symbol.index];
  if (n->kind == NODE_LITERAL || n->kind == NODE_STRING || n->kind == NODE_DATE)
    return n->value;
  return evaluate_node (expr, index, context);
}

static guint
evaluate_truth (const BedsideExpr        *expr,
                guint32                   index,
                const BedsideEvalContext *context)
{
  const Node *n = &expr->nodes[index];
  const guint32 *k = &expr->kids[n->first_kid];

  switch ((NodeKind) n->kind)
    {
    case NODE_SYMBOL:
      if (context == NULL)
        return TRUTH_NOT_KNOWN;
      if (!n->symbol.is_definition)
        return truth_of (context->items[n->symbol.index]);
      {
        guint i = n->symbol.index;
        const BedsideExpr *def = context->definitions[i];

        if (context->definition_done[i] == 1)
          return truth_of (context->definition_values[i]);
        /* A boolean definition that settles is cached as such; anything
         * else (unknown, error, a cycle) takes the general path, which
         * caches the exact value. */
        if (context->definition_done[i] == 0 && def != NULL && def->checked &&
            def->type == BEDSIDE_TYPE_BOOLEAN)
          {
            guint t;

            context->definition_done[i] = 2;
            t = evaluate_truth (def, def->root, context);
            context->definition_done[i] = 0;
            if (t != TRUTH_NOT_KNOWN)
              {
                context->definition_values[i] = bedside_value_boolean (t);
                context->definition_done[i] = 1;
                return t;
              }
          }
        return truth_of (evaluate_symbol (&n->symbol, context));
      }

    case NODE_NOT:
      {
        guint t = evaluate_truth (expr, k[0], context);
        return t == TRUTH_NOT_KNOWN ? t : !t;
      }

    case NODE_AND:
    case NODE_OR:
      {
        guint decisive = (n->kind == NODE_OR) ? TRUTH_TRUE : TRUTH_FALSE;
        guint result = !decisive;

        for (guint i = 0; i < n->n_kids; i++)
          {
            guint t = evaluate_truth (expr, k[i], context);
            if (t == decisive)
              return t;
            if (t == TRUTH_NOT_KNOWN)
              result = TRUTH_NOT_KNOWN;
          }
        return result;
      }

    case NODE_EQ:
    case NODE_NE:
    case NODE_LT:
    case NODE_LE:
    case NODE_GT:
    case NODE_GE:
      {
        BedsideValue a = operand_value (expr, k[0], context);
        BedsideValue b;
        int c;

        if (a.state != BEDSIDE_VALUE_KNOWN)
          return TRUTH_NOT_KNOWN;
        b = operand_value (expr, k[1], context);
        if (b.state != BEDSIDE_VALUE_KNOWN)
          return TRUTH_NOT_KNOWN;
        c = compare_values (&a, &b);
        switch ((NodeKind) n->kind)
          {
          case NODE_EQ: return c == 0;
          case NODE_NE: return c != 0;
          case NODE_LT: return c < 0;
          case NODE_LE: return c <= 0;
          case NODE_GT: return c > 0;
          default: return c >= 0;
          }
      }

    default:
      return truth_of (evaluate_node (expr, index, context));
    }
}

gboolean
bedside_expr_evaluate_boolean (const BedsideExpr        *expr,
                               const BedsideEvalContext *context,
                               gboolean                 *known)
{
  guint t;

  if (known != NULL)
    *known = FALSE;
  g_return_val_if_fail (expr != NULL, FALSE);
  g_return_val_if_fail (expr->checked, FALSE);

  t = expr->type == BEDSIDE_TYPE_BOOLEAN ? evaluate_truth (expr, expr->root, context)
                                         : TRUTH_NOT_KNOWN;
  if (known != NULL)
    *known = (t != TRUTH_NOT_KNOWN);
  return t == TRUTH_TRUE;
}

BedsideValue
bedside_expr_evaluate_subtree (const BedsideExpr        *expr,
                               guint32                   index,
                               const BedsideEvalContext *context)
{
  return evaluate_node (expr, index, context);
}

/* ------------------------------------------------------------------------ */
/* Introspection                                                             */

void
bedside_expr_foreach_symbol (const BedsideExpr     *expr,
                             BedsideExprSymbolFunc  func,
                             gpointer               user_data)
{
  g_return_if_fail (expr != NULL);
  g_return_if_fail (expr->checked);
  g_return_if_fail (func != NULL);

  /* Post-order keeps the leaves in source order. */
  for (guint i = 0; i < expr->n_nodes; i++)
    if (expr->nodes[i].kind == NODE_SYMBOL || expr->nodes[i].kind == NODE_ANSWERED)
      func (&expr->nodes[i].symbol, user_data);
}

static void
report_constant (const Node              *symbol,
                 const Node              *literal,
                 BedsideExprConstantFunc  func,
                 gpointer                 user_data)
{
  BedsideValue constant = literal->value;

  /* A decimal item is split at decimal points, whatever the author typed. */
  if (symbol->symbol.type == BEDSIDE_TYPE_DECIMAL && constant.type == BEDSIDE_TYPE_INTEGER)
    {
      constant.type = BEDSIDE_TYPE_DECIMAL;
      constant.decimal = (double) literal->value.integer;
    }
  func (&symbol->symbol, &constant, user_data);
}

gboolean
bedside_expr_foreach_constant (const BedsideExpr       *expr,
                               BedsideExprConstantFunc  func,
                               gpointer                 user_data)
{
  gboolean exact = TRUE;

  g_return_val_if_fail (expr != NULL, FALSE);
  g_return_val_if_fail (expr->checked, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  for (guint i = 0; i < expr->n_nodes; i++)
    {
      const Node *n = &expr->nodes[i];
      const guint32 *k = &expr->kids[n->first_kid];
      const Node *left = n->n_kids > 0 ? &expr->nodes[k[0]] : NULL;
      const Node *right = n->n_kids > 1 ? &expr->nodes[k[1]] : NULL;

      switch ((NodeKind) n->kind)
        {
        case NODE_EQ:
        case NODE_NE:
        case NODE_LT:
        case NODE_LE:
        case NODE_GT:
        case NODE_GE:
          g_assert (left != NULL && right != NULL);
          if (left->kind == NODE_SYMBOL && is_literal (right))
            report_constant (left, right, func, user_data);
          else if (right->kind == NODE_SYMBOL && is_literal (left))
            report_constant (right, left, func, user_data);
          else if (left->kind == NODE_SYMBOL || right->kind == NODE_SYMBOL)
            exact = FALSE;
          break;

        case NODE_IN:
        case NODE_NOT_IN:
          g_assert (left != NULL);
          if (left->kind == NODE_SYMBOL)
            for (guint j = 1; j < n->n_kids; j++)
              report_constant (left, &expr->nodes[k[j]], func, user_data);
          break;

        case NODE_ADD:
        case NODE_SUB:
        case NODE_MUL:
        case NODE_DIV:
        case NODE_NEG:
          for (guint j = 0; j < n->n_kids; j++)
            if (expr->nodes[k[j]].kind == NODE_SYMBOL)
              exact = FALSE;
          break;

        default:
          break;
        }
    }

  return exact;
}

/* ------------------------------------------------------------------------ */
/* Values                                                                    */

char *
bedside_value_to_string (const BedsideValue *value,
                         const char * const *codes)
{
  g_return_val_if_fail (value != NULL, NULL);

  if (value->state == BEDSIDE_VALUE_UNKNOWN)
    return g_strdup ("unanswered");
  if (value->state != BEDSIDE_VALUE_KNOWN)
    return g_strdup ("error");

  switch ((BedsideValueType) value->type)
    {
    case BEDSIDE_TYPE_BOOLEAN:
      return g_strdup (value->boolean ? "yes" : "no");

    case BEDSIDE_TYPE_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value->integer);

    case BEDSIDE_TYPE_DECIMAL:
      {
        /* Not printf: the decimal point must not depend on the locale. */
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value->decimal));
      }

    case BEDSIDE_TYPE_TEXT:
      return g_strdup (value->text != NULL ? value->text : "");

    case BEDSIDE_TYPE_CHOICE:
      if (codes != NULL && value->code >= 0)
        {
          /* The code must be within the NULL-terminated list. */
          for (gint i = 0; codes[i] != NULL; i++)
            if (i == value->code)
              return g_strdup (codes[i]);
        }
      return g_strdup_printf ("%d", value->code);

    case BEDSIDE_TYPE_DATE:
      {
        GDate date;

        if (value->date <= 0 || !g_date_valid_julian ((guint32) value->date))
          return g_strdup ("invalid date");
        g_date_clear (&date, 1);
        g_date_set_julian (&date, (guint32) value->date);
        return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (&date),
                                (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
      }

    case BEDSIDE_TYPE_INVALID:
    default:
      return g_strdup ("invalid");
    }
}
