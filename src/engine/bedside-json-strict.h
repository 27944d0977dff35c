/* bedside-json-strict.h: RFC 8259 JSON only, checked before json-glib sees it. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BEDSIDE_JSON_ERROR (bedside_json_error_quark ())

typedef enum {
  BEDSIDE_JSON_ERROR_EMPTY,          /* nothing, or only white space */
  BEDSIDE_JSON_ERROR_ENCODING,       /* not UTF-8, or a lone surrogate escape */
  BEDSIDE_JSON_ERROR_SYNTAX,         /* not RFC 8259: 020, 0x28, 'a', comments, trailing commas… */
  BEDSIDE_JSON_ERROR_DUPLICATE_KEY,  /* one object names a key twice */
  BEDSIDE_JSON_ERROR_TOO_DEEP,       /* nested deeper than BEDSIDE_JSON_MAX_DEPTH */
  BEDSIDE_JSON_ERROR_NUMBER_RANGE,   /* a whole number outside 64 bits */
  BEDSIDE_JSON_ERROR_NUL,            /* "\u0000" in a text */
} BedsideJsonError;

/**
 * bedside_json_error_quark:
 *
 * The error domain of strict JSON (#BedsideJsonError).
 *
 * Returns: the quark of %BEDSIDE_JSON_ERROR
 */
GQuark bedside_json_error_quark (void);

typedef enum {
  /* Bedside's reading: RFC 8259, and no duplicate keys, no "\u0000", no
   * whole number json-glib would saturate. */
  BEDSIDE_JSON_STRICT_DEFAULT     = 0,
  /* RFC 8259's grammar alone (duplicate keys, "\u0000" and any number
   * allowed): what the JSONTestSuite's y_ cases are measured against. */
  BEDSIDE_JSON_STRICT_SYNTAX_ONLY = 1 << 0,
} BedsideJsonStrictFlags;

/* RFC 8259 §9 lets a parser limit nesting; no Bedside file needs more. */
#define BEDSIDE_JSON_MAX_DEPTH 32

/**
 * bedside_json_check_strict:
 * @data: (array length=length): the text
 * @length: its length in bytes
 * @name: the file's name in messages
 * @first_line: the line @data starts on (1 for a file, N for line N of a
 *   batch)
 * @flags: how strict
 * @error: a #BedsideJsonError, "NAME:LINE:COLUMN: message" (the column counts
 *   characters from 1)
 *
 * Checks that @data is one RFC 8259 JSON text.
 *
 * Returns: TRUE when it is
 */
gboolean  bedside_json_check_strict (const char              *data,
                                     gsize                    length,
                                     const char              *name,
                                     guint                    first_line,
                                     BedsideJsonStrictFlags   flags,
                                     GError                 **error);

/**
 * bedside_json_parse_strict:
 * @data: (array length=length): the text
 * @length: its length in bytes
 * @name: the file's name in messages
 * @first_line: the line @data starts on
 * @flags: how strict
 * @error: as bedside_json_check_strict(), or what json-glib says
 *
 * The same check, then json-glib builds the tree.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
JsonNode *bedside_json_parse_strict (const char              *data,
                                     gsize                    length,
                                     const char              *name,
                                     guint                    first_line,
                                     BedsideJsonStrictFlags   flags,
                                     GError                 **error);

G_END_DECLS
