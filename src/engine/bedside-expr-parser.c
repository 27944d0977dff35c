/* bedside-expr-parser.c: the recursive-descent parser that builds an expression tree from the tokens of bedside-expr-lexer.c. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bedside-expr-lexer-private.h"

#include <string.h>

static Node *
parser_node (Parser  *p,
             guint32  index)
{
  return &g_array_index (p->nodes, Node, index);
}

/* Appends a node whose operands are @kids.  The limits are checked here, as
 * the tree grows, so hostile input costs at most MAX_NODES nodes of work. */
static guint32
add_node (Parser         *p,
          NodeKind        kind,
          const char     *at,
          const guint32  *kids,
          guint           n_kids)
{
  Node node = { 0 };
  guint depth = 0;

  if (p->nodes->len >= BEDSIDE_EXPR_MAX_NODES)
    {
      bedside_parser_fail (p, at, BEDSIDE_EXPR_ERROR_LIMIT,
                           _("expression has more than %d nodes"), BEDSIDE_EXPR_MAX_NODES);
      return NO_NODE;
    }

  for (guint i = 0; i < n_kids; i++)
    depth = MAX (depth, parser_node (p, kids[i])->depth);
  if (depth + 1 > BEDSIDE_EXPR_MAX_DEPTH)
    {
      bedside_parser_fail (p, at, BEDSIDE_EXPR_ERROR_LIMIT,
                           _("expression is nested more than %d deep"), BEDSIDE_EXPR_MAX_DEPTH);
      return NO_NODE;
    }

  node.kind = kind;
  node.depth = (guint8) (depth + 1);
  node.n_kids = (guint16) n_kids;
  node.first_kid = p->kids->len;
  node.column = bedside_parser_column (p, at);
  g_array_append_vals (p->kids, kids, n_kids);
  g_array_append_val (p->nodes, node);
  return p->nodes->len - 1;
}

/* Bounds the recursion of the parser itself, which nested parentheses drive
 * without adding nodes: 10,000 '(' must fail here, not exhaust the stack. */
static gboolean
enter (Parser     *p,
       const char *at)
{
  if (++p->nesting > BEDSIDE_EXPR_MAX_DEPTH)
    {
      bedside_parser_fail (p, at, BEDSIDE_EXPR_ERROR_LIMIT,
                           _("expression is nested more than %d deep"), BEDSIDE_EXPR_MAX_DEPTH);
      return FALSE;
    }
  return TRUE;
}

static guint32 parse_or (Parser *p);

static guint32
parse_leaf_with_text (Parser     *p,
                      NodeKind    kind,
                      const char *at,
                      const char *text,
                      gsize       len)
{
  guint32 n = add_node (p, kind, at, NULL, 0);

  if (n == NO_NODE)
    return NO_NODE;
  parser_node (p, n)->text = g_strndup (text, len);
  parser_node (p, n)->constant = (kind != NODE_SYMBOL && kind != NODE_ANSWERED);
  return n;
}

/* date ( STRING ) and answered ( NAME ): a keyword, then one token in parentheses. */
static guint32
parse_call (Parser    *p,
            NodeKind   kind,
            TokenKind  argument,
            const char *what)
{
  const char *at = p->tok_start;
  const char *arg_start;
  gsize arg_len;
  guint32 n;

  if (!bedside_parser_advance (p) || !bedside_parser_expect (p, TOK_LPAREN, "'('"))
    return NO_NODE;
  if (p->tok != argument)
    {
      g_autofree char *found = bedside_parser_describe_token (p);

      bedside_parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX,
                           _("expected %s but found %s"), what, found);
      return NO_NODE;
    }

  arg_start = p->tok_start;
  arg_len = (gsize) (p->tok_end - p->tok_start);
  if (argument == TOK_STRING)
    {
      arg_start++;
      arg_len -= 2;
    }
  n = parse_leaf_with_text (p, kind, at, arg_start, arg_len);
  if (n == NO_NODE || !bedside_parser_advance (p) || !bedside_parser_expect (p, TOK_RPAREN, "')'"))
    return NO_NODE;
  return n;
}

static guint32
parse_primary (Parser *p)
{
  const char *at = p->tok_start;
  guint32 n;

  switch (p->tok)
    {
    case TOK_INTEGER:
    case TOK_DECIMAL:
    case TOK_TRUE:
    case TOK_FALSE:
      n = add_node (p, NODE_LITERAL, at, NULL, 0);
      if (n == NO_NODE)
        return NO_NODE;
      {
        Node *node = parser_node (p, n);

        node->value.state = BEDSIDE_VALUE_KNOWN;
        node->constant = TRUE;
        if (p->tok == TOK_INTEGER)
          {
            node->value.type = BEDSIDE_TYPE_INTEGER;
            node->value.integer = p->tok_integer;
          }
        else if (p->tok == TOK_DECIMAL)
          {
            node->value.type = BEDSIDE_TYPE_DECIMAL;
            node->value.decimal = p->tok_decimal;
          }
        else
          {
            node->value.type = BEDSIDE_TYPE_BOOLEAN;
            node->value.boolean = (p->tok == TOK_TRUE);
          }
      }
      return bedside_parser_advance (p) ? n : NO_NODE;

    case TOK_STRING:
      n = parse_leaf_with_text (p, NODE_STRING, at, at + 1, (gsize) (p->tok_end - at) - 2);
      return n != NO_NODE && bedside_parser_advance (p) ? n : NO_NODE;

    case TOK_NAME:
      n = parse_leaf_with_text (p, NODE_SYMBOL, at, at, (gsize) (p->tok_end - at));
      return n != NO_NODE && bedside_parser_advance (p) ? n : NO_NODE;

    case TOK_DATE:
      return parse_call (p, NODE_DATE, TOK_STRING, "a date string");

    case TOK_ANSWERED:
      return parse_call (p, NODE_ANSWERED, TOK_NAME, "a name");

    case TOK_SUITABLE:
      /* suitable ( MEDICINE ): a name the guideline defines from the
       * medicine's record (docs/medicine-records.md). */
      n = parse_call (p, NODE_SYMBOL, TOK_NAME, "a medicine");
      if (n != NO_NODE)
        {
          Node *node = parser_node (p, n);
          char *name = g_strdup_printf ("suitable(%s)", node->text);

          g_free (node->text);
          node->text = name;
        }
      return n;

    case TOK_LPAREN:
      if (!enter (p, at) || !bedside_parser_advance (p))
        return NO_NODE;
      n = parse_or (p);
      if (n == NO_NODE || !bedside_parser_expect (p, TOK_RPAREN, "')'"))
        return NO_NODE;
      p->nesting--;
      return n;

    default:
      {
        g_autofree char *found = bedside_parser_describe_token (p);

        bedside_parser_fail (p, at, BEDSIDE_EXPR_ERROR_SYNTAX, _("expected an expression but found %s"), found);
        return NO_NODE;
      }
    }
}

static guint32
parse_unary (Parser *p)
{
  const char *at = p->tok_start;
  guint32 operand;
  Node *node;

  if (p->tok != TOK_MINUS)
    return parse_primary (p);

  if (!enter (p, at) || !bedside_parser_advance (p))
    return NO_NODE;
  operand = parse_unary (p);
  if (operand == NO_NODE)
    return NO_NODE;
  p->nesting--;

  /* Folding a negated number into the literal keeps `x in (-1, 1)` a list of
   * literals and `age > -5` a comparison with a constant.  It cannot
   * overflow: literals are at most G_MAXINT64. */
  node = parser_node (p, operand);
  if (node->kind == NODE_LITERAL && node->value.type == BEDSIDE_TYPE_INTEGER)
    {
      node->value.integer = -node->value.integer;
      node->column = bedside_parser_column (p, at);
      return operand;
    }
  if (node->kind == NODE_LITERAL && node->value.type == BEDSIDE_TYPE_DECIMAL)
    {
      node->value.decimal = -node->value.decimal;
      node->column = bedside_parser_column (p, at);
      return operand;
    }

  return add_node (p, NODE_NEG, at, &operand, 1);
}

/* Left-associative binary operators: @op_a makes a @kind_a node, @op_b a
 * @kind_b one. */
static guint32
parse_binary (Parser     *p,
              TokenKind   op_a,
              NodeKind    kind_a,
              TokenKind   op_b,
              NodeKind    kind_b,
              guint32   (*operand) (Parser *p))
{
  guint32 left = operand (p);

  while (left != NO_NODE && (p->tok == op_a || p->tok == op_b))
    {
      const char *at = p->tok_start;
      NodeKind kind = p->tok == op_a ? kind_a : kind_b;
      guint32 kids[2] = { left, NO_NODE };

      if (!bedside_parser_advance (p) || (kids[1] = operand (p)) == NO_NODE)
        return NO_NODE;
      left = add_node (p, kind, at, kids, 2);
    }
  return left;
}

static guint32
parse_multiplicative (Parser *p)
{
  return parse_binary (p, TOK_STAR, NODE_MUL, TOK_SLASH, NODE_DIV, parse_unary);
}

static guint32
parse_additive (Parser *p)
{
  return parse_binary (p, TOK_PLUS, NODE_ADD, TOK_MINUS, NODE_SUB, parse_multiplicative);
}

static gboolean
is_comparison_token (TokenKind tok)
{
  return tok >= TOK_EQ && tok <= TOK_GE;
}

/* literal := "-"? number | STRING | true | false | date ( STRING ) */
static guint32
parse_literal (Parser *p)
{
  switch (p->tok)
    {
    case TOK_MINUS:
    case TOK_INTEGER:
    case TOK_DECIMAL:
    case TOK_STRING:
    case TOK_TRUE:
    case TOK_FALSE:
    case TOK_DATE:
      break;
    default:
      {
        g_autofree char *found = bedside_parser_describe_token (p);

        bedside_parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX,
                             _("expected a literal but found %s"), found);
        return NO_NODE;
      }
    }

  if (p->tok == TOK_MINUS)
    {
      const char *at = p->tok_start;
      guint32 n;

      if (!bedside_parser_advance (p))
        return NO_NODE;
      if (p->tok != TOK_INTEGER && p->tok != TOK_DECIMAL)
        {
          g_autofree char *found = bedside_parser_describe_token (p);

          bedside_parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX,
                               _("expected a number but found %s"), found);
          return NO_NODE;
        }
      n = parse_primary (p);
      if (n != NO_NODE)
        {
          Node *node = parser_node (p, n);

          if (node->value.type == BEDSIDE_TYPE_INTEGER)
            node->value.integer = -node->value.integer;
          else
            node->value.decimal = -node->value.decimal;
          node->column = bedside_parser_column (p, at);
        }
      return n;
    }

  return parse_primary (p);
}

static gboolean
reject_chain (Parser *p)
{
  if (is_comparison_token (p->tok) || p->tok == TOK_IN || p->tok == TOK_NOT)
    {
      g_autofree char *found = bedside_parser_describe_token (p);

      bedside_parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX,
                           _("comparisons do not chain: found %s after a comparison; use 'and' or parentheses"),
                           found);
      return FALSE;
    }
  return TRUE;
}

static guint32
parse_comparison (Parser *p)
{
  guint32 left = parse_additive (p);
  const char *at = p->tok_start;
  guint32 n;

  if (left == NO_NODE)
    return NO_NODE;

  if (is_comparison_token (p->tok))
    {
      static const NodeKind kinds[] = { NODE_EQ, NODE_NE, NODE_LT, NODE_LE, NODE_GT, NODE_GE };
      NodeKind kind = kinds[p->tok - TOK_EQ];
      guint32 kids[2] = { left, NO_NODE };

      if (!bedside_parser_advance (p) || (kids[1] = parse_additive (p)) == NO_NODE)
        return NO_NODE;
      n = add_node (p, kind, at, kids, 2);
    }
  else if (p->tok == TOK_IN || p->tok == TOK_NOT)
    {
      NodeKind kind = NODE_IN;
      guint base = p->pending->len;

      if (p->tok == TOK_NOT)
        {
          kind = NODE_NOT_IN;
          if (!bedside_parser_advance (p))
            return NO_NODE;
        }
      if (!bedside_parser_expect (p, TOK_IN, "'in'") || !bedside_parser_expect (p, TOK_LPAREN, "'('"))
        return NO_NODE;

      g_array_append_val (p->pending, left);
      for (;;)
        {
          guint32 literal = parse_literal (p);

          if (literal == NO_NODE)
            return NO_NODE;
          g_array_append_val (p->pending, literal);
          if (p->tok != TOK_COMMA)
            break;
          if (!bedside_parser_advance (p))
            return NO_NODE;
        }
      if (!bedside_parser_expect (p, TOK_RPAREN, "',' or ')'"))
        return NO_NODE;

      n = add_node (p, kind, at, &g_array_index (p->pending, guint32, base), p->pending->len - base);
      g_array_set_size (p->pending, base);
    }
  else
    {
      return left;
    }

  if (n == NO_NODE || !reject_chain (p))
    return NO_NODE;
  return n;
}

static guint32
parse_not (Parser *p)
{
  const char *at = p->tok_start;
  guint32 operand;

  if (p->tok != TOK_NOT)
    return parse_comparison (p);

  if (!enter (p, at) || !bedside_parser_advance (p))
    return NO_NODE;
  operand = parse_not (p);
  if (operand == NO_NODE)
    return NO_NODE;
  p->nesting--;
  return add_node (p, NODE_NOT, at, &operand, 1);
}

/* and/or chains: one node with all the operands. */
static guint32
parse_chain (Parser     *p,
             TokenKind   op,
             NodeKind    kind,
             guint32   (*operand) (Parser *p))
{
  guint base = p->pending->len;
  const char *at;
  guint32 n = operand (p);

  if (n == NO_NODE || p->tok != op)
    return n;

  at = p->tok_start;
  g_array_append_val (p->pending, n);
  while (p->tok == op)
    {
      if (!bedside_parser_advance (p) || (n = operand (p)) == NO_NODE)
        return NO_NODE;
      g_array_append_val (p->pending, n);
    }

  n = add_node (p, kind, at, &g_array_index (p->pending, guint32, base), p->pending->len - base);
  g_array_set_size (p->pending, base);
  return n;
}

static guint32
parse_and (Parser *p)
{
  return parse_chain (p, TOK_AND, NODE_AND, parse_not);
}

static guint32
parse_or (Parser *p)
{
  return parse_chain (p, TOK_OR, NODE_OR, parse_and);
}

BedsideExpr *
bedside_expr_parse (const char  *text,
                    guint       *error_column,
                    GError     **error)
{
  g_autoptr(GArray) nodes = NULL;
  g_autoptr(GArray) kids = NULL;
  g_autoptr(GArray) pending = NULL;
  BedsideExpr *expr;
  const char *invalid;
  Parser p = { 0 };
  guint32 root;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (error_column != NULL)
    *error_column = 0;

  if (strlen (text) > BEDSIDE_EXPR_MAX_LENGTH)
    {
      g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_LIMIT,
                   _("expression is longer than %d bytes"), BEDSIDE_EXPR_MAX_LENGTH);
      return NULL;
    }

  p.text = text;
  p.error_column = error_column;
  p.error = error;

  if (!g_utf8_validate (text, -1, &invalid))
    {
      /* Column of the first bad byte: the text before it is valid. */
      bedside_parser_fail (&p, invalid, BEDSIDE_EXPR_ERROR_SYNTAX, _("expression is not valid UTF-8"));
      return NULL;
    }

  nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  kids = g_array_new (FALSE, FALSE, sizeof (guint32));
  pending = g_array_new (FALSE, FALSE, sizeof (guint32));
  p.nodes = nodes;
  p.kids = kids;
  p.pending = pending;
  p.pos = text;

  if (!bedside_parser_advance (&p))
    goto fail;
  if (p.tok == TOK_EOF)
    {
      bedside_parser_fail (&p, p.tok_start, BEDSIDE_EXPR_ERROR_SYNTAX, _("expression is empty"));
      goto fail;
    }

  root = parse_or (&p);
  if (root == NO_NODE)
    goto fail;
  if (p.tok != TOK_EOF)
    {
      g_autofree char *found = bedside_parser_describe_token (&p);

      bedside_parser_fail (&p, p.tok_start, BEDSIDE_EXPR_ERROR_SYNTAX,
                           _("expected an operator or the end of the expression but found %s"), found);
      goto fail;
    }

  expr = g_new0 (BedsideExpr, 1);
  expr->source = g_strdup (text);
  expr->n_nodes = nodes->len;
  expr->nodes = (Node *) g_array_free (g_steal_pointer (&nodes), FALSE);
  expr->kids = (guint32 *) g_array_free (g_steal_pointer (&kids), FALSE);
  /* An expression with no operator has no kids, and GArray then hands back
   * NULL; &kids[0] on NULL is undefined behaviour (found by fuzz-expr). */
  if (expr->kids == NULL)
    expr->kids = g_new0 (guint32, 1);
  expr->root = root;
  expr->type = BEDSIDE_TYPE_INVALID;
  return expr;

fail:
  for (guint i = 0; i < nodes->len; i++)
    g_free (g_array_index (nodes, Node, i).text);
  return NULL;
}
