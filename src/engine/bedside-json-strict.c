/* bedside-json-strict.c: RFC 8259 JSON only, checked before json-glib sees it.
 *
 * json-glib 1.6 parses with GScanner, which reads 020 as octal, 0x28 as
 * hex, 'text' as a string, skips comments, and keeps the last of two equal
 * keys without a word: an answers file could then say one thing to a
 * reader and another to Bedside.  Every JSON text Bedside reads passes this
 * tokenizer first, so json-glib only ever builds a tree from text that is
 * RFC 8259 with no duplicate keys, nested at most BEDSIDE_JSON_MAX_DEPTH
 * deep (json-glib recurses without a limit).  The tokenizer is a loop over
 * an explicit stack, never recursion. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "bedside-json-strict.h"

G_DEFINE_QUARK (bedside-json-error-quark, bedside_json_error)

typedef enum {
  EXPECT_VALUE,              /* at the top, after ':' */
  EXPECT_VALUE_OR_END,       /* after '[' */
  EXPECT_VALUE_AFTER_COMMA,  /* in a list, after ',' */
  EXPECT_KEY_OR_END,         /* after '{' */
  EXPECT_KEY_AFTER_COMMA,    /* in an object, after ',' */
  EXPECT_COLON,
  EXPECT_COMMA_OR_END,       /* after a value inside a list or an object */
  EXPECT_NOTHING,            /* after the top-level value */
} Expect;

typedef struct {
  gboolean    is_object;
  GHashTable *keys;          /* GBytes → NULL, decoded keys of this object */
} Container;

typedef struct {
  const char             *data;
  gsize                   length;
  gsize                   pos;
  const char             *name;
  guint                   line;
  gsize                   line_start;
  BedsideJsonStrictFlags  flags;
  Container               stack[BEDSIDE_JSON_MAX_DEPTH];
  guint                   depth;
  GString                *key;   /* the key being read, decoded */
  GError                **error;
} Scanner;

G_GNUC_PRINTF (4, 5)
static gboolean
fail_at (Scanner    *scanner,
         gsize       pos,
         int         code,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  glong column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* The text is valid UTF-8 by now, so characters can be counted. */
  column = g_utf8_strlen (scanner->data + scanner->line_start, (gssize) (pos - scanner->line_start)) + 1;
  g_set_error (scanner->error, BEDSIDE_JSON_ERROR, code, _("%s:%u:%ld: %s"),
               scanner->name, scanner->line, column, message);
  return FALSE;
}

/* A character as the message shows it: printable as itself, else a code. */
static char *
describe_char (const char *at)
{
  gunichar c = g_utf8_get_char (at);

  if (g_unichar_isgraph (c))
    {
      char buffer[8] = { 0 };
      g_unichar_to_utf8 (c, buffer);
      return g_strdup_printf ("'%s'", buffer);
    }
  return g_strdup_printf ("U+%04X", c);
}

static void
skip_white_space (Scanner *scanner)
{
  while (scanner->pos < scanner->length)
    {
      char c = scanner->data[scanner->pos];

      if (c == '\n')
        {
          scanner->line++;
          scanner->line_start = scanner->pos + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        return;
      scanner->pos++;
    }
}

/* What went wrong where a value or a key was expected: the usual ways a
 * hand-written or JavaScript-like file strays from JSON get their own words. */
static gboolean
fail_unexpected (Scanner    *scanner,
                 const char *expected)
{
  const char *at = scanner->data + scanner->pos;
  gsize left = scanner->length - scanner->pos;
  g_autofree char *shown = NULL;

  if (*at == '\'')
    return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX,
                    _("single quotes are not JSON: write text and keys in double quotes"));
  if (*at == '/' || *at == '#')
    return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX, _("comments are not allowed in JSON"));
  if (*at == '+')
    return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX, _("a number may not start with '+'"));
  if (*at == '.')
    return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX, _("a number must start with a digit"));
  if ((left >= 3 && memcmp (at, "NaN", 3) == 0) || (left >= 8 && memcmp (at, "Infinity", 8) == 0))
    return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX, _("NaN and Infinity are not JSON numbers"));
  if (g_ascii_isalpha (*at) || *at == '_' || *at == '$')
    {
      gsize n = 0;

      while (n < left && n < 40 && (g_ascii_isalnum (at[n]) || at[n] == '_' || at[n] == '$'))
        n++;
      return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX,
                      _("unexpected word '%.*s': %s"), (int) n, at, expected);
    }
  shown = describe_char (at);
  return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX, _("unexpected %s: %s"), shown, expected);
}

static gint
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits after "\u" at @pos; -1 when they are not there. */
static gint32
read_hex4 (Scanner *scanner,
           gsize    pos)
{
  gint32 value = 0;

  if (scanner->length - pos < 4)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      gint digit = hex_value (scanner->data[pos + i]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A string from its opening quote; decoded into @out when it is not NULL. */
static gboolean
scan_string (Scanner *scanner,
             GString *out)
{
  gsize start = scanner->pos;

  scanner->pos++;
  while (scanner->pos < scanner->length)
    {
      guchar c = (guchar) scanner->data[scanner->pos];

      if (c == '"')
        {
          scanner->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX,
                        c == '\n' ? "a line break inside text: is a closing quote missing?"
                                  : "a control character (U+%04X) inside text must be written as an escape",
                        c);
      if (c != '\\')
        {
          if (out != NULL)
            g_string_append_c (out, (char) c);
          scanner->pos++;
          continue;
        }

      /* An escape. */
      if (scanner->pos + 1 >= scanner->length)
        break;
      c = (guchar) scanner->data[scanner->pos + 1];
      if (c == 'u')
        {
          gint32 unit = read_hex4 (scanner, scanner->pos + 2);
          gunichar character;

          if (unit < 0)
            return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX,
                            _("\\u must be followed by four hexadecimal digits"));
          character = (gunichar) unit;
          if (unit >= 0xDC00 && unit <= 0xDFFF)
            return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_ENCODING,
                            _("\\u%04X is half a surrogate pair, not a character"), (guint) unit);
          if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              gint32 low = -1;

              if (scanner->length - scanner->pos >= 12 && scanner->data[scanner->pos + 6] == '\\' &&
                  scanner->data[scanner->pos + 7] == 'u')
                low = read_hex4 (scanner, scanner->pos + 8);
              if (low < 0xDC00 || low > 0xDFFF)
                return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_ENCODING,
                                _("\\u%04X is half a surrogate pair, not a character"), (guint) unit);
              character = 0x10000 + (((gunichar) unit - 0xD800) << 10) + ((gunichar) low - 0xDC00);
              scanner->pos += 6;
            }
          /* C strings end at a NUL: the text would be cut short. */
          if (character == 0 && !(scanner->flags & BEDSIDE_JSON_STRICT_SYNTAX_ONLY))
            return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_NUL,
                            _("a text holds a NUL character (\\u0000)"));
          if (out != NULL)
            {
              if (character == 0)
                g_string_append_c (out, '\0');
              else
                g_string_append_unichar (out, character);
            }
          scanner->pos += 6;
          continue;
        }
      if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        {
          g_autofree char *shown = describe_char (scanner->data + scanner->pos + 1);
          return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX,
                          _("\\ followed by %s is not a JSON escape"), shown);
        }
      if (out != NULL)
        {
          static const char from[] = "\"\\/bfnrt";
          static const char to[] = "\"\\/\b\f\n\r\t";
          g_string_append_c (out, to[strchr (from, c) - from]);
        }
      scanner->pos += 2;
    }

  return fail_at (scanner, start, BEDSIDE_JSON_ERROR_SYNTAX, _("text without its closing quote"));
}

static gboolean
scan_digits (Scanner *scanner)
{
  gsize start = scanner->pos;

  while (scanner->pos < scanner->length && g_ascii_isdigit (scanner->data[scanner->pos]))
    scanner->pos++;
  return scanner->pos > start;
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static gboolean
scan_number (Scanner *scanner)
{
  const char *data = scanner->data;
  gsize start = scanner->pos;
  gsize int_start;
  gboolean whole = TRUE;

  if (data[scanner->pos] == '-')
    {
      scanner->pos++;
      if (scanner->pos < scanner->length && data[scanner->pos] == 'I')
        return fail_at (scanner, start, BEDSIDE_JSON_ERROR_SYNTAX, _("NaN and Infinity are not JSON numbers"));
      if (scanner->pos >= scanner->length || !g_ascii_isdigit (data[scanner->pos]))
        return fail_at (scanner, start, BEDSIDE_JSON_ERROR_SYNTAX, _("'-' must be followed by digits"));
    }
  int_start = scanner->pos;
  if (data[scanner->pos] == '0')
    {
      scanner->pos++;
      if (scanner->pos < scanner->length && (data[scanner->pos] == 'x' || data[scanner->pos] == 'X'))
        return fail_at (scanner, start, BEDSIDE_JSON_ERROR_SYNTAX, _("hexadecimal numbers are not JSON"));
      if (scanner->pos < scanner->length && g_ascii_isdigit (data[scanner->pos]))
        return fail_at (scanner, start, BEDSIDE_JSON_ERROR_SYNTAX,
                        _("a number may not start with 0 (leading zeros are not JSON)"));
    }
  else
    scan_digits (scanner);

  if (scanner->pos < scanner->length && data[scanner->pos] == '.')
    {
      whole = FALSE;
      scanner->pos++;
      if (!scan_digits (scanner))
        return fail_at (scanner, start, BEDSIDE_JSON_ERROR_SYNTAX, _("a decimal point must be followed by digits"));
    }
  if (scanner->pos < scanner->length && (data[scanner->pos] == 'e' || data[scanner->pos] == 'E'))
    {
      whole = FALSE;
      scanner->pos++;
      if (scanner->pos < scanner->length && (data[scanner->pos] == '+' || data[scanner->pos] == '-'))
        scanner->pos++;
      if (!scan_digits (scanner))
        return fail_at (scanner, start, BEDSIDE_JSON_ERROR_SYNTAX, _("an exponent must have digits"));
    }

  /* json-glib saturates a whole number past 64 bits (to -1, or to the
   * largest value) instead of refusing it; RFC 8259 §9 allows a limit. */
  if (whole && !(scanner->flags & BEDSIDE_JSON_STRICT_SYNTAX_ONLY))
    {
      gsize digits = scanner->pos - int_start;
      const char *limit = data[start] == '-' ? "9223372036854775808" : "9223372036854775807";

      if (digits > 19 || (digits == 19 && memcmp (data + int_start, limit, 19) > 0))
        return fail_at (scanner, start, BEDSIDE_JSON_ERROR_NUMBER_RANGE, _("the number %.*s is too large"),
                        (int) MIN (scanner->pos - start, 40), data + start);
    }
  return TRUE;
}

static gboolean
scan_literal (Scanner *scanner)
{
  static const char * const literals[] = { "true", "false", "null" };
  const char *at = scanner->data + scanner->pos;
  gsize left = scanner->length - scanner->pos;

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if (left >= n && memcmp (at, literals[i], n) == 0 &&
          (left == n || !g_ascii_isalnum (at[n])))
        {
          scanner->pos += n;
          return TRUE;
        }
    }
  return fail_unexpected (scanner, _("expected a value (an object, a list, text in double quotes, "
                                   "a number, true, false or null)"));
}

static gboolean
push (Scanner  *scanner,
      gboolean  is_object)
{
  if (scanner->depth == BEDSIDE_JSON_MAX_DEPTH)
    return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_TOO_DEEP,
                    _("JSON nested more than %d deep"), BEDSIDE_JSON_MAX_DEPTH);
  scanner->stack[scanner->depth].is_object = is_object;
  scanner->stack[scanner->depth].keys = NULL;
  scanner->depth++;
  scanner->pos++;
  return TRUE;
}

static void
pop (Scanner *scanner)
{
  scanner->depth--;
  g_clear_pointer (&scanner->stack[scanner->depth].keys, g_hash_table_unref);
}

/* A key just read into scanner->key, starting at @pos. */
static gboolean
add_key (Scanner *scanner,
         gsize    pos)
{
  Container *container = &scanner->stack[scanner->depth - 1];
  GBytes *key;

  if (scanner->flags & BEDSIDE_JSON_STRICT_SYNTAX_ONLY)
    return TRUE;
  if (container->keys == NULL)
    container->keys = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  key = g_bytes_new (scanner->key->str, scanner->key->len);
  if (!g_hash_table_add (container->keys, key))
    {
      g_autofree char *shown = g_strescape (scanner->key->str, NULL);

      if (strlen (shown) > 60)
        shown[60] = '\0';
      return fail_at (scanner, pos, BEDSIDE_JSON_ERROR_DUPLICATE_KEY, _("the key \"%s\" appears twice"), shown);
    }
  return TRUE;
}

/* The value starting here; containers are pushed, not recursed into. */
static gboolean
scan_value (Scanner *scanner,
            Expect  *expect)
{
  char c = scanner->data[scanner->pos];

  switch (c)
    {
    case '{':
      *expect = EXPECT_KEY_OR_END;
      return push (scanner, TRUE);
    case '[':
      *expect = EXPECT_VALUE_OR_END;
      return push (scanner, FALSE);
    case '"':
      *expect = EXPECT_COMMA_OR_END;
      return scan_string (scanner, NULL);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      *expect = EXPECT_COMMA_OR_END;
      return scan_number (scanner);
    default:
      *expect = EXPECT_COMMA_OR_END;
      return scan_literal (scanner);
    }
}

/* Where a value may come: after '[' (where the list may end instead),
 * after a comma in a list, at the top or after ':'. */
static gboolean
scan_expected_value (Scanner *scanner,
                     char     c,
                     Expect  *expect)
{
  if (*expect == EXPECT_VALUE_OR_END && c == ']')
    {
      scanner->pos++;
      pop (scanner);
      *expect = EXPECT_COMMA_OR_END;
      return TRUE;
    }
  if (*expect == EXPECT_VALUE_AFTER_COMMA && c == ']')
    return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX, _("a comma before ']' (trailing commas are not JSON)"));
  if (*expect != EXPECT_VALUE_OR_END && (c == ']' || c == '}' || c == ',' || c == ':'))
    return fail_unexpected (scanner, _("expected a value"));
  return scan_value (scanner, expect);
}

/* Where a key may come: after '{' (where the object may end instead) or
 * after a comma in an object. */
static gboolean
scan_expected_key (Scanner *scanner,
                   char     c,
                   Expect  *expect)
{
  gsize key_pos = scanner->pos;

  if (*expect == EXPECT_KEY_AFTER_COMMA && c == '}')
    return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX, _("a comma before '}' (trailing commas are not JSON)"));
  if (*expect == EXPECT_KEY_OR_END && c == '}')
    {
      scanner->pos++;
      pop (scanner);
      *expect = EXPECT_COMMA_OR_END;
      return TRUE;
    }
  if (c != '"')
    return fail_unexpected (scanner, _("expected a key in double quotes"));

  g_string_truncate (scanner->key, 0);
  if (!scan_string (scanner, scanner->key) || !add_key (scanner, key_pos))
    return FALSE;
  *expect = EXPECT_COLON;
  return TRUE;
}

/* After a value inside a list or an object: a comma, or the end of it. */
static gboolean
scan_comma_or_end (Scanner *scanner,
                   char     c,
                   Expect  *expect)
{
  gboolean in_object = scanner->stack[scanner->depth - 1].is_object;

  if (c == ',')
    {
      scanner->pos++;
      *expect = in_object ? EXPECT_KEY_AFTER_COMMA : EXPECT_VALUE_AFTER_COMMA;
      return TRUE;
    }
  if (c == (in_object ? '}' : ']'))
    {
      scanner->pos++;
      pop (scanner);
      return TRUE;
    }
  return fail_unexpected (scanner, in_object ? "expected ',' or '}'" : "expected ',' or ']'");
}

static gboolean
scan (Scanner *scanner)
{
  Expect expect = EXPECT_VALUE;

  for (;;)
    {
      char c;

      skip_white_space (scanner);
      /* A value just ended: at the top there is no more to come. */
      if (expect == EXPECT_COMMA_OR_END && scanner->depth == 0)
        expect = EXPECT_NOTHING;
      if (scanner->pos == scanner->length)
        {
          if (expect == EXPECT_NOTHING)
            return TRUE;
          return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX,
                          _("the JSON ends too early: %s is missing"),
                          scanner->depth == 0 ? "a value" : scanner->stack[scanner->depth - 1].is_object ? "'}'" : "']'");
        }
      c = scanner->data[scanner->pos];

      switch (expect)
        {
        case EXPECT_NOTHING:
          return fail_at (scanner, scanner->pos, BEDSIDE_JSON_ERROR_SYNTAX,
                          _("text after the end of the JSON value; a JSON text holds one value"));

        case EXPECT_VALUE_OR_END:
        case EXPECT_VALUE_AFTER_COMMA:
        case EXPECT_VALUE:
          if (!scan_expected_value (scanner, c, &expect))
            return FALSE;
          break;

        case EXPECT_KEY_OR_END:
        case EXPECT_KEY_AFTER_COMMA:
          if (!scan_expected_key (scanner, c, &expect))
            return FALSE;
          break;

        case EXPECT_COLON:
          if (c != ':')
            return fail_unexpected (scanner, _("expected ':' after the key"));
          scanner->pos++;
          expect = EXPECT_VALUE;
          break;

        case EXPECT_COMMA_OR_END:
          if (!scan_comma_or_end (scanner, c, &expect))
            return FALSE;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

gboolean
bedside_json_check_strict (const char              *data,
                           gsize                    length,
                           const char              *name,
                           guint                    first_line,
                           BedsideJsonStrictFlags   flags,
                           GError                 **error)
{
  Scanner scanner = {
    .data = data,
    .length = length,
    .name = name != NULL ? name : "<data>",
    .line = first_line > 0 ? first_line : 1,
    .flags = flags,
    .error = error,
  };
  const char *end = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length == 0)
    {
      g_set_error (error, BEDSIDE_JSON_ERROR, BEDSIDE_JSON_ERROR_EMPTY, _("%s: the file is empty"), scanner.name);
      return FALSE;
    }
  /* RFC 8259 §8.1: UTF-8 only.  A NUL byte is not valid here either. */
  if (!g_utf8_validate_len (data, length, &end))
    {
      scanner.length = (gsize) (end - data);
      for (gsize i = 0; i < scanner.length; i++)
        if (data[i] == '\n')
          {
            scanner.line++;
            scanner.line_start = i + 1;
          }
      if (*end == '\0')
        return fail_at (&scanner, scanner.length, BEDSIDE_JSON_ERROR_ENCODING, _("not UTF-8 text (a NUL byte)"));
      return fail_at (&scanner, scanner.length, BEDSIDE_JSON_ERROR_ENCODING, _("not UTF-8 text (byte 0x%02x)"),
                      (guchar) *end);
    }
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return fail_at (&scanner, 0, BEDSIDE_JSON_ERROR_ENCODING,
                    _("starts with a byte order mark; JSON text is UTF-8 without one"));

  skip_white_space (&scanner);
  if (scanner.pos == length)
    {
      g_set_error (error, BEDSIDE_JSON_ERROR, BEDSIDE_JSON_ERROR_EMPTY, _("%s: the file holds no JSON value"),
                   scanner.name);
      return FALSE;
    }

  scanner.key = g_string_new (NULL);
  ok = scan (&scanner);
  while (scanner.depth > 0)
    pop (&scanner);
  g_string_free (scanner.key, TRUE);
  return ok;
}

JsonNode *
bedside_json_parse_strict (const char              *data,
                           gsize                    length,
                           const char              *name,
                           guint                    first_line,
                           BedsideJsonStrictFlags   flags,
                           GError                 **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!bedside_json_check_strict (data, length, name, first_line, flags, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* Not expected after the check: json-glib reads a superset. */
      g_set_error (error, BEDSIDE_JSON_ERROR, BEDSIDE_JSON_ERROR_SYNTAX, _("%s: not valid JSON: %s"),
                   name != NULL ? name : "<data>", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, BEDSIDE_JSON_ERROR, BEDSIDE_JSON_ERROR_EMPTY, _("%s: the file holds no JSON value"),
                   name != NULL ? name : "<data>");
      return NULL;
    }
  return json_node_ref (root);
}
