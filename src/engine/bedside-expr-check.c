/* bedside-expr-check.c: the type checker, which resolves names and gives every node a type. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bedside-expr-private.h"

#include <stdarg.h>
#include <string.h>

static const char *
operator_name (NodeKind kind)
{
  switch (kind)
    {
    case NODE_NOT: return "not";
    case NODE_NEG: return "-";
    case NODE_AND: return "and";
    case NODE_OR: return "or";
    case NODE_EQ: return "=";
    case NODE_NE: return "!=";
    case NODE_LT: return "<";
    case NODE_LE: return "<=";
    case NODE_GT: return ">";
    case NODE_GE: return ">=";
    case NODE_ADD: return "+";
    case NODE_SUB: return "-";
    case NODE_MUL: return "*";
    case NODE_DIV: return "/";
    case NODE_IN: return "in";
    case NODE_NOT_IN: return "not in";
    default:
      return "?";
    }
}

/* Strict YYYY-MM-DD.  @shape_ok tells a malformed string (plain text) from a
 * well-formed one that names no day, such as 2024-02-30. */
static gboolean
parse_iso_date (const char *text,
                gint32     *julian,
                gboolean   *shape_ok)
{
  GDate date;
  guint year, month, day;

  *shape_ok = FALSE;
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  *shape_ok = TRUE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (year < 1 || month < 1 || month > 12 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  *julian = (gint32) g_date_get_julian (&date);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Checker                                                                   */

typedef struct {
  BedsideExpr           *expr;
  BedsideSymbolResolver  resolve;
  gpointer               user_data;
  GError               **error;
} Checker;

static gboolean G_GNUC_PRINTF (4, 5)
check_fail (Checker          *c,
            const Node       *at,
            BedsideExprError  code,
            const char       *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (c->error, BEDSIDE_EXPR_ERROR, code, _("column %u: %s"), at->column, message);
  return FALSE;
}

static const char *
type_name (const Node *node)
{
  return bedside_value_type_to_string ((BedsideValueType) node->type);
}

static gboolean
resolve_name (Checker *c,
              Node    *node)
{
  GError *local_error = NULL;

  memset (&node->symbol, 0, sizeof node->symbol);
  if (!c->resolve (node->text, &node->symbol, c->user_data, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (c->error, local_error);
          return FALSE;
        }
      return check_fail (c, node, BEDSIDE_EXPR_ERROR_UNKNOWN_NAME, _("unknown name '%s'"), node->text);
    }
  g_clear_error (&local_error);

  if (node->symbol.type <= BEDSIDE_TYPE_INVALID || node->symbol.type > BEDSIDE_TYPE_DATE)
    return check_fail (c, node, BEDSIDE_EXPR_ERROR_TYPE, _("'%s' has no type"), node->text);
  return TRUE;
}

/* Gives a string literal the meaning it has next to @other: a code of a
 * choice, or a date.  A string that is plainly not a date stays text, and
 * the caller reports the mismatch of types. */
static gboolean
coerce_string (Checker    *c,
               Node       *literal,
               const Node *other)
{
  if (literal->kind != NODE_STRING)
    return TRUE;

  if (other->type == BEDSIDE_TYPE_CHOICE && other->kind == NODE_SYMBOL)
    {
      const BedsideSymbol *symbol = &other->symbol;
      g_autoptr(GString) codes = NULL;

      for (guint i = 0; i < symbol->n_codes; i++)
        if (g_strcmp0 (symbol->codes[i], literal->text) == 0)
          {
            literal->type = BEDSIDE_TYPE_CHOICE;
            literal->value.type = BEDSIDE_TYPE_CHOICE;
            literal->value.code = (gint) i;
            return TRUE;
          }

      codes = g_string_new (NULL);
      for (guint i = 0; i < symbol->n_codes; i++)
        g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", symbol->codes[i]);
      return check_fail (c, literal, BEDSIDE_EXPR_ERROR_LITERAL, _("'%s' is not a code of %s (%s)"),
                         literal->text, other->text, codes->str);
    }

  if (other->type == BEDSIDE_TYPE_DATE)
    {
      gboolean shape_ok;
      gint32 julian;

      if (parse_iso_date (literal->text, &julian, &shape_ok))
        {
          literal->type = BEDSIDE_TYPE_DATE;
          literal->value.type = BEDSIDE_TYPE_DATE;
          literal->value.date = julian;
        }
      else if (shape_ok)
        {
          return check_fail (c, literal, BEDSIDE_EXPR_ERROR_LITERAL, _("'%s' is not a date"), literal->text);
        }
    }

  return TRUE;
}

static gboolean check_node (Checker *c, guint32 index);

/* Catches what is certain to fail whenever the expression runs. */
static gboolean
check_constant_arithmetic (Checker *c,
                           Node    *node,
                           const guint32 *k)
{
  const Node *divisor = &c->expr->nodes[k[node->n_kids - 1]];
  BedsideValue v;

  if (node->kind == NODE_DIV && divisor->constant)
    {
      v = bedside_expr_evaluate_subtree (c->expr, k[1], NULL);
      if (v.state == BEDSIDE_VALUE_KNOWN &&
          ((v.type == BEDSIDE_TYPE_INTEGER && v.integer == 0) ||
           (v.type == BEDSIDE_TYPE_DECIMAL && v.decimal == 0.0)))
        return check_fail (c, node, BEDSIDE_EXPR_ERROR_LITERAL, _("division by zero"));
    }

  if (node->constant)
    {
      v = bedside_expr_evaluate_subtree (c->expr, (guint32) (node - c->expr->nodes), NULL);
      if (v.state == BEDSIDE_VALUE_ERROR)
        return check_fail (c, node, BEDSIDE_EXPR_ERROR_LITERAL, _("%s overflow"),
                           node->type == BEDSIDE_TYPE_INTEGER ? "integer" : "decimal");
    }
  return TRUE;
}

/* Operand @i of @node, or NULL when it has fewer. */
static Node *
operand_of (Checker    *c,
            const Node *node,
            guint       i)
{
  return i < node->n_kids ? &c->expr->nodes[c->expr->kids[node->first_kid + i]] : NULL;
}

/* Literals: numbers and booleans keep the parser's type, a string starts
 * as text, date('...') becomes a julian day. */
static gboolean
check_literal (Checker *c,
               Node    *n)
{
  gboolean shape_ok;
  gint32 julian;

  switch ((NodeKind) n->kind)
    {
    case NODE_LITERAL:
      n->type = n->value.type;
      return TRUE;

    case NODE_STRING:
      /* Reset, so that checking again starts from the text. */
      n->type = BEDSIDE_TYPE_TEXT;
      n->value.state = BEDSIDE_VALUE_KNOWN;
      n->value.type = BEDSIDE_TYPE_TEXT;
      n->value.text = n->text;
      return TRUE;

    case NODE_DATE:
      if (!parse_iso_date (n->text, &julian, &shape_ok))
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_LITERAL, _("'%s' is not a date (YYYY-MM-DD)"), n->text);
      n->type = BEDSIDE_TYPE_DATE;
      n->value.state = BEDSIDE_VALUE_KNOWN;
      n->value.type = BEDSIDE_TYPE_DATE;
      n->value.date = julian;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* A name, or answered(name), whose name must be an item's. */
static gboolean
check_name (Checker *c,
            Node    *n)
{
  if (!resolve_name (c, n))
    return FALSE;
  if (n->kind == NODE_SYMBOL)
    {
      n->type = n->symbol.type;
      return TRUE;
    }
  if (n->symbol.is_definition)
    return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE,
                       _("answered() needs an item, but '%s' is a definition"), n->text);
  n->type = BEDSIDE_TYPE_BOOLEAN;
  return TRUE;
}

/* not, and, or: booleans in, a boolean out. */
static gboolean
check_logical (Checker *c,
               Node    *n)
{
  if (n->kind == NODE_NOT)
    {
      const Node *operand = operand_of (c, n, 0);

      g_assert (operand != NULL);
      if (operand->type != BEDSIDE_TYPE_BOOLEAN)
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, _("'not' needs a boolean, not %s"), type_name (operand));
    }
  else
    {
      for (guint i = 0; i < n->n_kids; i++)
        if (operand_of (c, n, i)->type != BEDSIDE_TYPE_BOOLEAN)
          return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, _("'%s' needs booleans, not %s"),
                             operator_name ((NodeKind) n->kind), type_name (operand_of (c, n, i)));
    }
  n->type = BEDSIDE_TYPE_BOOLEAN;
  return TRUE;
}

/* =, !=: two values of one type (any two numbers), a string taking the
 * meaning of the other side. */
static gboolean
check_equality (Checker *c,
                Node    *n)
{
  const char *op = operator_name ((NodeKind) n->kind);
  Node *left = operand_of (c, n, 0), *right = operand_of (c, n, 1);

  g_assert (left != NULL && right != NULL);
  if (!coerce_string (c, right, left) || !coerce_string (c, left, right))
    return FALSE;
  if (!(is_number (left->type) && is_number (right->type)) && left->type != right->type)
    return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, _("'%s' needs two values of one type, not %s and %s"),
                       op, type_name (left), type_name (right));
  /* Codes of different choices mean different things even when they
   * share a number. */
  if (left->type == BEDSIDE_TYPE_CHOICE && left->kind == NODE_SYMBOL && right->kind == NODE_SYMBOL &&
      (left->symbol.is_definition || right->symbol.is_definition ||
       left->symbol.index != right->symbol.index))
    return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, _("'%s' cannot compare choices %s and %s"),
                       op, left->text, right->text);
  n->type = BEDSIDE_TYPE_BOOLEAN;
  return TRUE;
}

/* <, <=, >, >=: two numbers or two dates. */
static gboolean
check_ordering (Checker *c,
                Node    *n)
{
  Node *left = operand_of (c, n, 0), *right = operand_of (c, n, 1);

  g_assert (left != NULL && right != NULL);
  if (!coerce_string (c, right, left) || !coerce_string (c, left, right))
    return FALSE;
  if (!(is_number (left->type) && is_number (right->type)) &&
      !(left->type == BEDSIDE_TYPE_DATE && right->type == BEDSIDE_TYPE_DATE))
    return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, _("'%s' needs numbers or dates, not %s and %s"),
                       operator_name ((NodeKind) n->kind), type_name (left), type_name (right));
  n->type = BEDSIDE_TYPE_BOOLEAN;
  return TRUE;
}

/* +, -, *, / and unary minus: numbers; integer unless one side is a
 * decimal or it divides. */
static gboolean
check_arithmetic (Checker *c,
                  Node    *n)
{
  NodeKind kind = (NodeKind) n->kind;
  Node *left = operand_of (c, n, 0), *right = operand_of (c, n, 1);

  if (kind == NODE_NEG)
    {
      g_assert (left != NULL);
      if (!is_number (left->type))
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, _("'-' needs a number, not %s"), type_name (left));
      n->type = left->type;
    }
  else
    {
      g_assert (left != NULL && right != NULL);
      if (!is_number (left->type) || !is_number (right->type))
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, _("'%s' needs numbers, not %s and %s"),
                           operator_name (kind), type_name (left), type_name (right));
      n->type = (kind != NODE_DIV && left->type == BEDSIDE_TYPE_INTEGER && right->type == BEDSIDE_TYPE_INTEGER)
                ? BEDSIDE_TYPE_INTEGER : BEDSIDE_TYPE_DECIMAL;
    }
  return check_constant_arithmetic (c, n, &c->expr->kids[n->first_kid]);
}

/* in, not in: each literal of the list of the operand's type. */
static gboolean
check_membership (Checker *c,
                  Node    *n)
{
  const Node *left = operand_of (c, n, 0);

  g_assert (left != NULL);
  for (guint i = 1; i < n->n_kids; i++)
    {
      Node *literal = operand_of (c, n, i);

      if (!coerce_string (c, literal, left))
        return FALSE;
      if (!(is_number (left->type) && is_number (literal->type)) && literal->type != left->type)
        return check_fail (c, literal, BEDSIDE_EXPR_ERROR_TYPE, _("'%s' needs literals of type %s, not %s"),
                           operator_name ((NodeKind) n->kind), type_name (left), type_name (literal));
    }
  n->type = BEDSIDE_TYPE_BOOLEAN;
  return TRUE;
}

static gboolean
check_node (Checker *c,
            guint32  index)
{
  Node *n = &c->expr->nodes[index];
  const guint32 *k = &c->expr->kids[n->first_kid];
  NodeKind kind = (NodeKind) n->kind;

  for (guint i = 0; i < n->n_kids; i++)
    if (!check_node (c, k[i]))
      return FALSE;

  n->constant = (kind != NODE_SYMBOL && kind != NODE_ANSWERED);
  for (guint i = 0; i < n->n_kids; i++)
    n->constant = n->constant && c->expr->nodes[k[i]].constant;

  switch (kind)
    {
    case NODE_LITERAL:
    case NODE_STRING:
    case NODE_DATE:
      return check_literal (c, n);

    case NODE_SYMBOL:
    case NODE_ANSWERED:
      return check_name (c, n);

    case NODE_NOT:
    case NODE_AND:
    case NODE_OR:
      return check_logical (c, n);

    case NODE_EQ:
    case NODE_NE:
      return check_equality (c, n);

    case NODE_LT:
    case NODE_LE:
    case NODE_GT:
    case NODE_GE:
      return check_ordering (c, n);

    case NODE_ADD:
    case NODE_SUB:
    case NODE_MUL:
    case NODE_DIV:
    case NODE_NEG:
      return check_arithmetic (c, n);

    case NODE_IN:
    case NODE_NOT_IN:
      return check_membership (c, n);

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

gboolean
bedside_expr_check (BedsideExpr            *expr,
                    BedsideSymbolResolver   resolve,
                    gpointer                user_data,
                    GError                **error)
{
  Checker c = { expr, resolve, user_data, error };

  g_return_val_if_fail (expr != NULL, FALSE);
  g_return_val_if_fail (resolve != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  expr->checked = FALSE;
  expr->type = BEDSIDE_TYPE_INVALID;

  /* Recursion is bounded by BEDSIDE_EXPR_MAX_DEPTH, enforced by the parser. */
  if (!check_node (&c, expr->root))
    return FALSE;

  expr->type = (BedsideValueType) expr->nodes[expr->root].type;
  expr->checked = TRUE;
  return TRUE;
}
