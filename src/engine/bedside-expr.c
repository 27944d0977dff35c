/* bedside-expr.c: tokenizer, parser, type checker and evaluator for guideline expressions. */

#include "bedside-expr.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

G_DEFINE_QUARK (bedside-expr-error-quark, bedside_expr_error)

/* ------------------------------------------------------------------------ */
/* The tree                                                                  */

typedef enum {
  NODE_LITERAL,   /* boolean or number, fixed by the parser */
  NODE_STRING,    /* quoted text; the checker may make it a choice code or a date */
  NODE_DATE,      /* date('...'); the checker makes it a julian day */
  NODE_SYMBOL,
  NODE_ANSWERED,
  NODE_NOT,
  NODE_NEG,
  NODE_AND,       /* n-ary, so that long chains stay shallow */
  NODE_OR,
  NODE_EQ,
  NODE_NE,
  NODE_LT,
  NODE_LE,
  NODE_GT,
  NODE_GE,
  NODE_ADD,
  NODE_SUB,
  NODE_MUL,
  NODE_DIV,
  NODE_IN,        /* operand, then the literals */
  NODE_NOT_IN,
} NodeKind;

/* Nodes live in one array in post-order (children before parents), so the
 * leaves appear in source order and freeing needs no recursion.  Operands are
 * indices into a second array so that n-ary nodes need no allocation of their
 * own. */
typedef struct {
  guint8        kind;      /* NodeKind */
  guint8        type;      /* BedsideValueType, set by the checker */
  guint8        depth;     /* height of the subtree, bounded by the parser */
  guint8        constant;  /* no names below: the checker may evaluate it */
  guint16       n_kids;
  guint32       first_kid; /* into BedsideExpr.kids */
  guint32       column;    /* 1-based, of the operator or the leaf token */
  BedsideValue  value;     /* literals */
  BedsideSymbol symbol;    /* names, filled in by the checker */
  char         *text;      /* name, string literal or date() argument */
} Node;

struct _BedsideExpr {
  char             *source;
  Node             *nodes;
  guint             n_nodes;
  guint32          *kids;
  guint32           root;
  BedsideValueType  type;
  gboolean          checked;
};

#define NO_NODE G_MAXUINT32

static gboolean
is_number (guint type)
{
  return type == BEDSIDE_TYPE_INTEGER || type == BEDSIDE_TYPE_DECIMAL;
}

static gboolean
is_literal (const Node *node)
{
  return node->kind == NODE_LITERAL || node->kind == NODE_STRING || node->kind == NODE_DATE;
}

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
/* Tokenizer and parser                                                      */

typedef enum {
  TOK_EOF,
  TOK_INTEGER,
  TOK_DECIMAL,
  TOK_STRING,
  TOK_NAME,
  TOK_AND,
  TOK_OR,
  TOK_NOT,
  TOK_IN,
  TOK_TRUE,
  TOK_FALSE,
  TOK_DATE,
  TOK_ANSWERED,
  TOK_EQ,
  TOK_NE,
  TOK_LT,
  TOK_LE,
  TOK_GT,
  TOK_GE,
  TOK_PLUS,
  TOK_MINUS,
  TOK_STAR,
  TOK_SLASH,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_COMMA,
} TokenKind;

static const struct {
  const char *word;
  TokenKind   token;
} keywords[] = {
  { "and", TOK_AND },
  { "or", TOK_OR },
  { "not", TOK_NOT },
  { "in", TOK_IN },
  { "true", TOK_TRUE },
  { "false", TOK_FALSE },
  { "date", TOK_DATE },
  { "answered", TOK_ANSWERED },
};

typedef struct {
  const char  *text;
  const char  *pos;          /* where the next token starts scanning */
  TokenKind    tok;          /* the current token */
  const char  *tok_start;
  const char  *tok_end;
  gint64       tok_integer;
  double       tok_decimal;
  guint        nesting;      /* recursion through '(', 'not' and '-' */
  GArray      *nodes;        /* Node */
  GArray      *kids;         /* guint32 */
  GArray      *pending;      /* guint32: operands of n-ary nodes being built */
  guint       *error_column;
  GError     **error;
} Parser;

/* Columns count characters from the start of the text, not bytes and not
 * lines: an expression is usually one attribute value, and where it spans
 * lines the offset still locates it exactly. */
static guint
column_at (const char *text,
           const char *at)
{
  return (guint) g_utf8_pointer_to_offset (text, at) + 1;
}

static void G_GNUC_PRINTF (4, 5)
parser_fail (Parser           *p,
             const char       *at,
             BedsideExprError  code,
             const char       *format,
             ...)
{
  g_autofree char *message = NULL;
  guint column = column_at (p->text, at);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (p->error_column != NULL)
    *p->error_column = column;
  g_set_error (p->error, BEDSIDE_EXPR_ERROR, code, "column %u: %s", column, message);
}

/* For messages: the current token as the author wrote it. */
static char *
describe_token (const Parser *p)
{
  gsize len = (gsize) (p->tok_end - p->tok_start);

  if (p->tok == TOK_EOF)
    return g_strdup ("end of expression");
  if (p->tok == TOK_STRING)
    return len > 32 ? g_strdup ("a long string") : g_strndup (p->tok_start, len);
  return g_strdup_printf ("'%.*s'", (int) len, p->tok_start);
}

static gboolean
lex_number (Parser      *p,
            const char **cursor)
{
  const char *start = *cursor;
  const char *s = start;

  while (g_ascii_isdigit (*s))
    s++;

  if (*s == '.')
    {
      g_autofree char *copy = NULL;

      if (!g_ascii_isdigit (s[1]))
        {
          parser_fail (p, s, BEDSIDE_EXPR_ERROR_SYNTAX, "expected a digit after '.'");
          return FALSE;
        }
      s++;
      while (g_ascii_isdigit (*s))
        s++;
      copy = g_strndup (start, (gsize) (s - start));
      p->tok_decimal = g_ascii_strtod (copy, NULL);
      if (!isfinite (p->tok_decimal))
        {
          parser_fail (p, start, BEDSIDE_EXPR_ERROR_LITERAL, "decimal literal too large");
          return FALSE;
        }
      p->tok = TOK_DECIMAL;
    }
  else
    {
      gint64 value = 0;

      for (const char *q = start; q < s; q++)
        {
          int digit = *q - '0';

          if (value > (G_MAXINT64 - digit) / 10)
            {
              parser_fail (p, start, BEDSIDE_EXPR_ERROR_LITERAL, "integer literal too large");
              return FALSE;
            }
          value = value * 10 + digit;
        }
      p->tok_integer = value;
      p->tok = TOK_INTEGER;
    }

  *cursor = s;
  return TRUE;
}

static gboolean
lex_operator (Parser      *p,
              const char **cursor)
{
  const char *s = *cursor;
  TokenKind tok;
  int len = 1;

  switch (*s)
    {
    case '=': tok = TOK_EQ; break;
    case '<': tok = s[1] == '=' ? TOK_LE : TOK_LT; break;
    case '>': tok = s[1] == '=' ? TOK_GE : TOK_GT; break;
    case '+': tok = TOK_PLUS; break;
    case '-': tok = TOK_MINUS; break;
    case '*': tok = TOK_STAR; break;
    case '/': tok = TOK_SLASH; break;
    case '(': tok = TOK_LPAREN; break;
    case ')': tok = TOK_RPAREN; break;
    case ',': tok = TOK_COMMA; break;
    case '!':
      if (s[1] == '=')
        {
          tok = TOK_NE;
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      parser_fail (p, s, BEDSIDE_EXPR_ERROR_SYNTAX, "unexpected character '%.*s'",
                   (int) (g_utf8_next_char (s) - s), s);
      return FALSE;
    }

  if (tok == TOK_LE || tok == TOK_GE || tok == TOK_NE)
    len = 2;
  p->tok = tok;
  *cursor = s + len;
  return TRUE;
}

/* Moves to the next token. */
static gboolean
advance (Parser *p)
{
  const char *s = p->pos;

  for (;;)
    {
      while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
      if (s[0] != '-' || s[1] != '-')
        break;
      while (*s != '\0' && *s != '\n')
        s++;
    }

  p->tok_start = s;

  if (*s == '\0')
    {
      p->tok = TOK_EOF;
    }
  else if (g_ascii_isdigit (*s))
    {
      if (!lex_number (p, &s))
        return FALSE;
    }
  else if (*s == '\'' || *s == '"')
    {
      char quote = *s++;

      while (*s != '\0' && *s != quote)
        s++;
      if (*s == '\0')
        {
          parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX, "unterminated string");
          return FALSE;
        }
      s++;
      p->tok = TOK_STRING;
    }
  else if (g_ascii_isalpha (*s) || *s == '_')
    {
      gsize len;

      while (g_ascii_isalnum (*s) || *s == '_')
        s++;
      len = (gsize) (s - p->tok_start);
      p->tok = TOK_NAME;
      for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
        if (strlen (keywords[i].word) == len && memcmp (keywords[i].word, p->tok_start, len) == 0)
          p->tok = keywords[i].token;
    }
  else if (!lex_operator (p, &s))
    {
      return FALSE;
    }

  p->tok_end = s;
  p->pos = s;
  return TRUE;
}

static gboolean
expect (Parser     *p,
        TokenKind   tok,
        const char *what)
{
  if (p->tok != tok)
    {
      g_autofree char *found = describe_token (p);

      parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX, "expected %s but found %s", what, found);
      return FALSE;
    }
  return advance (p);
}

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
      parser_fail (p, at, BEDSIDE_EXPR_ERROR_LIMIT,
                   "expression has more than %d nodes", BEDSIDE_EXPR_MAX_NODES);
      return NO_NODE;
    }

  for (guint i = 0; i < n_kids; i++)
    depth = MAX (depth, parser_node (p, kids[i])->depth);
  if (depth + 1 > BEDSIDE_EXPR_MAX_DEPTH)
    {
      parser_fail (p, at, BEDSIDE_EXPR_ERROR_LIMIT,
                   "expression is nested more than %d deep", BEDSIDE_EXPR_MAX_DEPTH);
      return NO_NODE;
    }

  node.kind = kind;
  node.depth = (guint8) (depth + 1);
  node.n_kids = (guint16) n_kids;
  node.first_kid = p->kids->len;
  node.column = column_at (p->text, at);
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
      parser_fail (p, at, BEDSIDE_EXPR_ERROR_LIMIT,
                   "expression is nested more than %d deep", BEDSIDE_EXPR_MAX_DEPTH);
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

  if (!advance (p) || !expect (p, TOK_LPAREN, "'('"))
    return NO_NODE;
  if (p->tok != argument)
    {
      g_autofree char *found = describe_token (p);

      parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX, "expected %s but found %s", what, found);
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
  if (n == NO_NODE || !advance (p) || !expect (p, TOK_RPAREN, "')'"))
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
      return advance (p) ? n : NO_NODE;

    case TOK_STRING:
      n = parse_leaf_with_text (p, NODE_STRING, at, at + 1, (gsize) (p->tok_end - at) - 2);
      return n != NO_NODE && advance (p) ? n : NO_NODE;

    case TOK_NAME:
      n = parse_leaf_with_text (p, NODE_SYMBOL, at, at, (gsize) (p->tok_end - at));
      return n != NO_NODE && advance (p) ? n : NO_NODE;

    case TOK_DATE:
      return parse_call (p, NODE_DATE, TOK_STRING, "a date string");

    case TOK_ANSWERED:
      return parse_call (p, NODE_ANSWERED, TOK_NAME, "a name");

    case TOK_LPAREN:
      if (!enter (p, at) || !advance (p))
        return NO_NODE;
      n = parse_or (p);
      if (n == NO_NODE || !expect (p, TOK_RPAREN, "')'"))
        return NO_NODE;
      p->nesting--;
      return n;

    default:
      {
        g_autofree char *found = describe_token (p);

        parser_fail (p, at, BEDSIDE_EXPR_ERROR_SYNTAX, "expected an expression but found %s", found);
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

  if (!enter (p, at) || !advance (p))
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
      node->column = column_at (p->text, at);
      return operand;
    }
  if (node->kind == NODE_LITERAL && node->value.type == BEDSIDE_TYPE_DECIMAL)
    {
      node->value.decimal = -node->value.decimal;
      node->column = column_at (p->text, at);
      return operand;
    }

  return add_node (p, NODE_NEG, at, &operand, 1);
}

static guint32
parse_multiplicative (Parser *p)
{
  guint32 left = parse_unary (p);

  while (left != NO_NODE && (p->tok == TOK_STAR || p->tok == TOK_SLASH))
    {
      const char *at = p->tok_start;
      NodeKind kind = p->tok == TOK_STAR ? NODE_MUL : NODE_DIV;
      guint32 kids[2] = { left, NO_NODE };

      if (!advance (p) || (kids[1] = parse_unary (p)) == NO_NODE)
        return NO_NODE;
      left = add_node (p, kind, at, kids, 2);
    }
  return left;
}

static guint32
parse_additive (Parser *p)
{
  guint32 left = parse_multiplicative (p);

  while (left != NO_NODE && (p->tok == TOK_PLUS || p->tok == TOK_MINUS))
    {
      const char *at = p->tok_start;
      NodeKind kind = p->tok == TOK_PLUS ? NODE_ADD : NODE_SUB;
      guint32 kids[2] = { left, NO_NODE };

      if (!advance (p) || (kids[1] = parse_multiplicative (p)) == NO_NODE)
        return NO_NODE;
      left = add_node (p, kind, at, kids, 2);
    }
  return left;
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
        g_autofree char *found = describe_token (p);

        parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX, "expected a literal but found %s", found);
        return NO_NODE;
      }
    }

  if (p->tok == TOK_MINUS)
    {
      const char *at = p->tok_start;
      guint32 n;

      if (!advance (p))
        return NO_NODE;
      if (p->tok != TOK_INTEGER && p->tok != TOK_DECIMAL)
        {
          g_autofree char *found = describe_token (p);

          parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX, "expected a number but found %s", found);
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
          node->column = column_at (p->text, at);
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
      g_autofree char *found = describe_token (p);

      parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX,
                   "comparisons do not chain: found %s after a comparison; use 'and' or parentheses",
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

      if (!advance (p) || (kids[1] = parse_additive (p)) == NO_NODE)
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
          if (!advance (p))
            return NO_NODE;
        }
      if (!expect (p, TOK_IN, "'in'") || !expect (p, TOK_LPAREN, "'('"))
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
          if (!advance (p))
            return NO_NODE;
        }
      if (!expect (p, TOK_RPAREN, "',' or ')'"))
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

  if (!enter (p, at) || !advance (p))
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
      if (!advance (p) || (n = operand (p)) == NO_NODE)
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

static void
free_nodes (Node  *nodes,
            guint  n_nodes)
{
  for (guint i = 0; i < n_nodes; i++)
    g_free (nodes[i].text);
  g_free (nodes);
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
                   "expression is longer than %d bytes", BEDSIDE_EXPR_MAX_LENGTH);
      return NULL;
    }

  p.text = text;
  p.error_column = error_column;
  p.error = error;

  if (!g_utf8_validate (text, -1, &invalid))
    {
      /* Column of the first bad byte: the text before it is valid. */
      parser_fail (&p, invalid, BEDSIDE_EXPR_ERROR_SYNTAX, "expression is not valid UTF-8");
      return NULL;
    }

  nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  kids = g_array_new (FALSE, FALSE, sizeof (guint32));
  pending = g_array_new (FALSE, FALSE, sizeof (guint32));
  p.nodes = nodes;
  p.kids = kids;
  p.pending = pending;
  p.pos = text;

  if (!advance (&p))
    goto fail;
  if (p.tok == TOK_EOF)
    {
      parser_fail (&p, p.tok_start, BEDSIDE_EXPR_ERROR_SYNTAX, "expression is empty");
      goto fail;
    }

  root = parse_or (&p);
  if (root == NO_NODE)
    goto fail;
  if (p.tok != TOK_EOF)
    {
      g_autofree char *found = describe_token (&p);

      parser_fail (&p, p.tok_start, BEDSIDE_EXPR_ERROR_SYNTAX,
                   "expected an operator or the end of the expression but found %s", found);
      goto fail;
    }

  expr = g_new0 (BedsideExpr, 1);
  expr->source = g_strdup (text);
  expr->n_nodes = nodes->len;
  expr->nodes = (Node *) g_array_free (g_steal_pointer (&nodes), FALSE);
  expr->kids = (guint32 *) g_array_free (g_steal_pointer (&kids), FALSE);
  expr->root = root;
  expr->type = BEDSIDE_TYPE_INVALID;
  return expr;

fail:
  for (guint i = 0; i < nodes->len; i++)
    g_free (g_array_index (nodes, Node, i).text);
  return NULL;
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

/* Must not allocate: this runs for every node on every answer change. */
static BedsideValue
evaluate_node (const BedsideExpr        *expr,
               guint32                   index,
               const BedsideEvalContext *context)
{
  const Node *n = &expr->nodes[index];
  const guint32 *k = &expr->kids[n->first_kid];
  BedsideValue a, b;
  int c;

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
      {
        /* Kleene: one operand equal to `decisive` settles the result, even
         * if others are unknown or in error. */
        gboolean decisive = (n->kind == NODE_OR);
        guint8 worst = BEDSIDE_VALUE_KNOWN;

        for (guint i = 0; i < n->n_kids; i++)
          {
            a = evaluate_node (expr, k[i], context);
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

    case NODE_NEG:
      a = evaluate_node (expr, k[0], context);
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

    case NODE_EQ:
    case NODE_NE:
    case NODE_LT:
    case NODE_LE:
    case NODE_GT:
    case NODE_GE:
      a = evaluate_node (expr, k[0], context);
      b = evaluate_node (expr, k[1], context);
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
      {
        gboolean found = FALSE;

        a = evaluate_node (expr, k[0], context);
        if (a.state != BEDSIDE_VALUE_KNOWN)
          return a;
        for (guint i = 1; i < n->n_kids && !found; i++)
          found = compare_values (&a, &expr->nodes[k[i]].value) == 0;
        return bedside_value_boolean (n->kind == NODE_IN ? found : !found);
      }

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

gboolean
bedside_expr_evaluate_boolean (const BedsideExpr        *expr,
                               const BedsideEvalContext *context,
                               gboolean                 *known)
{
  BedsideValue v = bedside_expr_evaluate (expr, context);
  gboolean is_known = (v.state == BEDSIDE_VALUE_KNOWN && v.type == BEDSIDE_TYPE_BOOLEAN);

  if (known != NULL)
    *known = is_known;
  return is_known && v.boolean;
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

  g_set_error (c->error, BEDSIDE_EXPR_ERROR, code, "column %u: %s", at->column, message);
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
      return check_fail (c, node, BEDSIDE_EXPR_ERROR_UNKNOWN_NAME, "unknown name '%s'", node->text);
    }
  g_clear_error (&local_error);

  if (node->symbol.type <= BEDSIDE_TYPE_INVALID || node->symbol.type > BEDSIDE_TYPE_DATE)
    return check_fail (c, node, BEDSIDE_EXPR_ERROR_TYPE, "'%s' has no type", node->text);
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
      return check_fail (c, literal, BEDSIDE_EXPR_ERROR_LITERAL, "'%s' is not a code of %s (%s)",
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
          return check_fail (c, literal, BEDSIDE_EXPR_ERROR_LITERAL, "'%s' is not a date", literal->text);
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
      v = evaluate_node (c->expr, k[1], NULL);
      if (v.state == BEDSIDE_VALUE_KNOWN &&
          ((v.type == BEDSIDE_TYPE_INTEGER && v.integer == 0) ||
           (v.type == BEDSIDE_TYPE_DECIMAL && v.decimal == 0.0)))
        return check_fail (c, node, BEDSIDE_EXPR_ERROR_LITERAL, "division by zero");
    }

  if (node->constant)
    {
      v = evaluate_node (c->expr, (guint32) (node - c->expr->nodes), NULL);
      if (v.state == BEDSIDE_VALUE_ERROR)
        return check_fail (c, node, BEDSIDE_EXPR_ERROR_LITERAL, "%s overflow",
                           node->type == BEDSIDE_TYPE_INTEGER ? "integer" : "decimal");
    }
  return TRUE;
}

static gboolean
check_node (Checker *c,
            guint32  index)
{
  Node *n = &c->expr->nodes[index];
  const guint32 *k = &c->expr->kids[n->first_kid];
  NodeKind kind = (NodeKind) n->kind;
  const char *op = operator_name (kind);
  Node *left, *right;

  for (guint i = 0; i < n->n_kids; i++)
    if (!check_node (c, k[i]))
      return FALSE;

  n->constant = (kind != NODE_SYMBOL && kind != NODE_ANSWERED);
  for (guint i = 0; i < n->n_kids; i++)
    n->constant = n->constant && c->expr->nodes[k[i]].constant;

  left = n->n_kids > 0 ? &c->expr->nodes[k[0]] : NULL;
  right = n->n_kids > 1 ? &c->expr->nodes[k[1]] : NULL;

  switch (kind)
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
      {
        gboolean shape_ok;
        gint32 julian;

        if (!parse_iso_date (n->text, &julian, &shape_ok))
          return check_fail (c, n, BEDSIDE_EXPR_ERROR_LITERAL, "'%s' is not a date (YYYY-MM-DD)", n->text);
        n->type = BEDSIDE_TYPE_DATE;
        n->value.state = BEDSIDE_VALUE_KNOWN;
        n->value.type = BEDSIDE_TYPE_DATE;
        n->value.date = julian;
        return TRUE;
      }

    case NODE_SYMBOL:
      if (!resolve_name (c, n))
        return FALSE;
      n->type = n->symbol.type;
      return TRUE;

    case NODE_ANSWERED:
      if (!resolve_name (c, n))
        return FALSE;
      if (n->symbol.is_definition)
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE,
                           "answered() needs an item, but '%s' is a definition", n->text);
      n->type = BEDSIDE_TYPE_BOOLEAN;
      return TRUE;

    case NODE_NOT:
      g_assert (left != NULL);
      if (left->type != BEDSIDE_TYPE_BOOLEAN)
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, "'not' needs a boolean, not %s", type_name (left));
      n->type = BEDSIDE_TYPE_BOOLEAN;
      return TRUE;

    case NODE_AND:
    case NODE_OR:
      for (guint i = 0; i < n->n_kids; i++)
        if (c->expr->nodes[k[i]].type != BEDSIDE_TYPE_BOOLEAN)
          return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, "'%s' needs booleans, not %s",
                             op, type_name (&c->expr->nodes[k[i]]));
      n->type = BEDSIDE_TYPE_BOOLEAN;
      return TRUE;

    case NODE_EQ:
    case NODE_NE:
      g_assert (left != NULL && right != NULL);
      if (!coerce_string (c, right, left) || !coerce_string (c, left, right))
        return FALSE;
      if (!(is_number (left->type) && is_number (right->type)) && left->type != right->type)
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, "'%s' needs two values of one type, not %s and %s",
                           op, type_name (left), type_name (right));
      /* Codes of different choices mean different things even when they
       * share a number. */
      if (left->type == BEDSIDE_TYPE_CHOICE && left->kind == NODE_SYMBOL && right->kind == NODE_SYMBOL &&
          (left->symbol.is_definition || right->symbol.is_definition ||
           left->symbol.index != right->symbol.index))
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, "'%s' cannot compare choices %s and %s",
                           op, left->text, right->text);
      n->type = BEDSIDE_TYPE_BOOLEAN;
      return TRUE;

    case NODE_LT:
    case NODE_LE:
    case NODE_GT:
    case NODE_GE:
      g_assert (left != NULL && right != NULL);
      if (!coerce_string (c, right, left) || !coerce_string (c, left, right))
        return FALSE;
      if (!(is_number (left->type) && is_number (right->type)) &&
          !(left->type == BEDSIDE_TYPE_DATE && right->type == BEDSIDE_TYPE_DATE))
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, "'%s' needs numbers or dates, not %s and %s",
                           op, type_name (left), type_name (right));
      n->type = BEDSIDE_TYPE_BOOLEAN;
      return TRUE;

    case NODE_ADD:
    case NODE_SUB:
    case NODE_MUL:
    case NODE_DIV:
      g_assert (left != NULL && right != NULL);
      if (!is_number (left->type) || !is_number (right->type))
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, "'%s' needs numbers, not %s and %s",
                           op, type_name (left), type_name (right));
      n->type = (kind != NODE_DIV && left->type == BEDSIDE_TYPE_INTEGER && right->type == BEDSIDE_TYPE_INTEGER)
                ? BEDSIDE_TYPE_INTEGER : BEDSIDE_TYPE_DECIMAL;
      return check_constant_arithmetic (c, n, k);

    case NODE_NEG:
      g_assert (left != NULL);
      if (!is_number (left->type))
        return check_fail (c, n, BEDSIDE_EXPR_ERROR_TYPE, "'-' needs a number, not %s", type_name (left));
      n->type = left->type;
      return check_constant_arithmetic (c, n, k);

    case NODE_IN:
    case NODE_NOT_IN:
      g_assert (left != NULL);
      for (guint i = 1; i < n->n_kids; i++)
        {
          Node *literal = &c->expr->nodes[k[i]];

          if (!coerce_string (c, literal, left))
            return FALSE;
          if (!(is_number (left->type) && is_number (literal->type)) && literal->type != left->type)
            return check_fail (c, literal, BEDSIDE_EXPR_ERROR_TYPE, "'%s' needs literals of type %s, not %s",
                               op, type_name (left), type_name (literal));
        }
      n->type = BEDSIDE_TYPE_BOOLEAN;
      return TRUE;

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
