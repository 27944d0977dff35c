/* bedside-expr-lexer-private.h: the tokens of the expression language and the parser state the tokenizer advances, shared by bedside-expr-lexer.c and bedside-expr-parser.c. */
#pragma once

#include "bedside-expr-private.h"

G_BEGIN_DECLS

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
  TOK_SUITABLE,
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

/* One parse: where the tokenizer is and its current token, and the tree
 * being built. */
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

/* The 1-based column of @at in the text: characters, not bytes. */
guint     bedside_parser_column         (const Parser     *p,
                                         const char       *at);
/* Sets the error, "column N: message", and the error column. */
void      bedside_parser_fail           (Parser           *p,
                                         const char       *at,
                                         BedsideExprError  code,
                                         const char       *format,
                                         ...) G_GNUC_PRINTF (4, 5);
/* For messages: the current token as the author wrote it. */
char     *bedside_parser_describe_token (const Parser     *p);
/* Moves to the next token; FALSE (and the error set) when the text has none
 * that the language knows. */
gboolean  bedside_parser_advance        (Parser           *p);
/* Moves past the current token when it is @tok; otherwise fails with
 * "expected @what but found ...". */
gboolean  bedside_parser_expect         (Parser           *p,
                                         TokenKind         tok,
                                         const char       *what);

G_END_DECLS
