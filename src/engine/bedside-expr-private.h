/* bedside-expr-private.h: the expression tree shared by the parser, the checker and the evaluator. */
#pragma once

#include "bedside-expr.h"

G_BEGIN_DECLS

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

static inline gboolean
is_number (guint type)
{
  return type == BEDSIDE_TYPE_INTEGER || type == BEDSIDE_TYPE_DECIMAL;
}

/* Evaluates the subtree rooted at @index, for the checker, which folds
 * constants before the expression counts as checked. */
BedsideValue bedside_expr_evaluate_subtree (const BedsideExpr        *expr,
                                            guint32                   index,
                                            const BedsideEvalContext *context);

G_END_DECLS
