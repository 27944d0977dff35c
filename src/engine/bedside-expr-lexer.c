/* bedside-expr-lexer.c: the tokenizer of the expression language, and the errors it reports at a position in the text. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bedside-expr-lexer-private.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

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
  { "suitable", TOK_SUITABLE },
};

/* Columns count characters from the start of the text, not bytes and not
 * lines: an expression is usually one attribute value, and where it spans
 * lines the offset still locates it exactly. */
guint
bedside_parser_column (const Parser *p,
                       const char   *at)
{
  return (guint) g_utf8_pointer_to_offset (p->text, at) + 1;
}

void
bedside_parser_fail (Parser           *p,
                     const char       *at,
                     BedsideExprError  code,
                     const char       *format,
                     ...)
{
  g_autofree char *message = NULL;
  guint column = bedside_parser_column (p, at);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (p->error_column != NULL)
    *p->error_column = column;
  g_set_error (p->error, BEDSIDE_EXPR_ERROR, code, _("column %u: %s"), column, message);
}

char *
bedside_parser_describe_token (const Parser *p)
{
  gsize len = (gsize) (p->tok_end - p->tok_start);

  if (p->tok == TOK_EOF)
    return g_strdup ("end of expression");
  if (p->tok == TOK_STRING)
    return len > 32 ? g_strdup ("a long string") : g_strndup (p->tok_start, len);
  return g_strdup_printf ("'%.*s'", (int) len, p->tok_start);
}

/* A number at *@cursor: an integer, or a decimal with digits after the '.'. */
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
          bedside_parser_fail (p, s, BEDSIDE_EXPR_ERROR_SYNTAX, _("expected a digit after '.'"));
          return FALSE;
        }
      s++;
      while (g_ascii_isdigit (*s))
        s++;
      copy = g_strndup (start, (gsize) (s - start));
      p->tok_decimal = g_ascii_strtod (copy, NULL);
      if (!isfinite (p->tok_decimal))
        {
          bedside_parser_fail (p, start, BEDSIDE_EXPR_ERROR_LITERAL, _("decimal literal too large"));
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
              bedside_parser_fail (p, start, BEDSIDE_EXPR_ERROR_LITERAL, _("integer literal too large"));
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

/* An operator or a punctuation mark at *@cursor; anything else is an error. */
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
      {
        gunichar ch = g_utf8_get_char_validated (s, -1);

        /* A control character goes into the message as its code point, so
         * a hostile file cannot put terminal escapes into an error. */
        if (ch == (gunichar) -1 || ch == (gunichar) -2)
          bedside_parser_fail (p, s, BEDSIDE_EXPR_ERROR_SYNTAX, _("unexpected byte 0x%02x"), (guchar) *s);
        else if (!g_unichar_isprint (ch))
          bedside_parser_fail (p, s, BEDSIDE_EXPR_ERROR_SYNTAX, _("unexpected character U+%04X"), ch);
        else
          bedside_parser_fail (p, s, BEDSIDE_EXPR_ERROR_SYNTAX, _("unexpected character '%.*s'"),
                               (int) (g_utf8_next_char (s) - s), s);
      }
      return FALSE;
    }

  if (tok == TOK_LE || tok == TOK_GE || tok == TOK_NE)
    len = 2;
  p->tok = tok;
  *cursor = s + len;
  return TRUE;
}

gboolean
bedside_parser_advance (Parser *p)
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
          bedside_parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX, _("unterminated string"));
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

gboolean
bedside_parser_expect (Parser     *p,
                       TokenKind   tok,
                       const char *what)
{
  if (p->tok != tok)
    {
      g_autofree char *found = bedside_parser_describe_token (p);

      bedside_parser_fail (p, p->tok_start, BEDSIDE_EXPR_ERROR_SYNTAX,
                           _("expected %s but found %s"), what, found);
      return FALSE;
    }
  return bedside_parser_advance (p);
}
