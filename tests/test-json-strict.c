/* test-json-strict.c: the strict RFC 8259 reader, against the public
 * JSONTestSuite (tests/data/JSONTestSuite, MIT, see its LICENSE) and the
 * ways issue 13 found to make json-glib read a file differently from its
 * author.
 *
 * JSONTestSuite (nst/JSONTestSuite, test_parsing/ at 1ef36fa) names each
 * case y_ (must be accepted), n_ (must be refused) or i_ (the parser may
 * choose).  Every n_ case is refused and every y_ case parsed, by RFC 8259's
 * grammar alone (BEDSIDE_JSON_STRICT_SYNTAX_ONLY).  Bedside's own reading
 * (BEDSIDE_JSON_STRICT_DEFAULT) also refuses what RFC 8259 leaves to the
 * parser, and so refuses exactly four y_ cases, listed below with why.
 * Bedside refuses every i_ case except those listed in i_accepted: bytes
 * that are not UTF-8, UTF-16, a byte order mark, half a surrogate pair and
 * nesting past 32 are refused; numbers past the range of a double are read
 * (to infinity or zero, which the answers reader then refuses for an item
 * or accepts as 0); whole numbers past 64 bits are refused by Bedside's
 * reading, accepted by the grammar alone. */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "bedside-json-strict.h"
#include "bedside-session.h"

/* y_ cases that RFC 8259's grammar accepts and Bedside refuses. */
static const struct {
  const char *file;
  int         code;
} y_refused_by_bedside[] = {
  /* §4: names SHOULD be unique; a second "a" would silently win. */
  { "y_object_duplicated_key.json", BEDSIDE_JSON_ERROR_DUPLICATE_KEY },
  { "y_object_duplicated_key_and_value.json", BEDSIDE_JSON_ERROR_DUPLICATE_KEY },
  /* A C string ends at the NUL: the text or the key would be cut short. */
  { "y_object_escaped_null_in_key.json", BEDSIDE_JSON_ERROR_NUL },
  { "y_string_null_escape.json", BEDSIDE_JSON_ERROR_NUL },
};

/* i_ cases Bedside's reading accepts (all others are refused). */
static const char * const i_accepted[] = {
  "i_number_double_huge_neg_exp.json",
  "i_number_huge_exp.json",
  "i_number_neg_int_huge_exp.json",
  "i_number_pos_double_huge_exp.json",
  "i_number_real_neg_overflow.json",
  "i_number_real_pos_overflow.json",
  "i_number_real_underflow.json",
};

static char *
suite_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "JSONTestSuite", NULL);
}

static GPtrArray *
list_cases (const char *prefix)
{
  g_autofree char *dir_path = suite_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

static JsonNode *
parse_case (const char              *name,
            BedsideJsonStrictFlags   flags,
            GError                 **error)
{
  g_autofree char *dir = suite_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return bedside_json_parse_strict (contents, length, name, 1, flags, error);
}

static gboolean
is_listed (const char         *name,
           const char * const *list,
           gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (list[i], name))
      return TRUE;
  return FALSE;
}

static void
test_suite_y (void)
{
  g_autoptr(GPtrArray) cases = list_cases ("y_");

  g_assert_cmpuint (cases->len, ==, 95);
  for (guint i = 0; i < cases->len; i++)
    {
      const char *name = g_ptr_array_index (cases, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) syntax = parse_case (name, BEDSIDE_JSON_STRICT_SYNTAX_ONLY, &error);
      g_autoptr(JsonNode) strict = NULL;
      int refused_code = -1;

      g_test_message ("%s", name);
      g_assert_no_error (error);
      g_assert_nonnull (syntax);

      for (guint j = 0; j < G_N_ELEMENTS (y_refused_by_bedside); j++)
        if (g_str_equal (y_refused_by_bedside[j].file, name))
          refused_code = y_refused_by_bedside[j].code;
      strict = parse_case (name, BEDSIDE_JSON_STRICT_DEFAULT, &error);
      if (refused_code >= 0)
        {
          g_assert_error (error, BEDSIDE_JSON_ERROR, refused_code);
          g_assert_null (strict);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_nonnull (strict);
        }
    }
}

static void
test_suite_n (void)
{
  g_autoptr(GPtrArray) cases = list_cases ("n_");

  g_assert_cmpuint (cases->len, ==, 188);
  for (guint i = 0; i < cases->len; i++)
    {
      const char *name = g_ptr_array_index (cases, i);

      g_test_message ("%s", name);
      for (guint mode = 0; mode < 2; mode++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) root = parse_case (name, mode == 0 ? BEDSIDE_JSON_STRICT_DEFAULT
                                                                 : BEDSIDE_JSON_STRICT_SYNTAX_ONLY, &error);

          g_assert_null (root);
          g_assert_nonnull (error);
          g_assert_true (error->domain == BEDSIDE_JSON_ERROR);
          /* Every message names the file where it went wrong. */
          g_assert_true (g_str_has_prefix (error->message, name));
        }
    }
}

static void
test_suite_i (void)
{
  g_autoptr(GPtrArray) cases = list_cases ("i_");

  g_assert_cmpuint (cases->len, ==, 35);
  for (guint i = 0; i < cases->len; i++)
    {
      const char *name = g_ptr_array_index (cases, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = parse_case (name, BEDSIDE_JSON_STRICT_DEFAULT, &error);

      g_test_message ("%s: %s", name, error != NULL ? error->message : "accepted");
      if (is_listed (name, i_accepted, G_N_ELEMENTS (i_accepted)))
        {
          g_assert_no_error (error);
          g_assert_nonnull (root);
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_null (root);
        }
    }
}

/* What json-glib would have read differently, each refused with its own
 * words and its place in the file. */
static void
test_lenient_json_refused (void)
{
  static const struct {
    const char *text;
    const char *message;
    int         code;
  } cases[] = {
    { "{\"age\": 020}", "<t>:1:9: a number may not start with 0", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"age\": 0x28}", "<t>:1:9: hexadecimal numbers are not JSON", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"age\": +1}", "<t>:1:9: a number may not start with '+'", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"age\": .5}", "<t>:1:9: a number must start with a digit", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"age\": 1.}", "<t>:1:9: a decimal point must be followed by digits", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"a\": true,\n 'a': false}", "<t>:2:2: single quotes are not JSON", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"a\": 'x'}", "<t>:1:7: single quotes are not JSON", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"a\": true /* , \"a\": false */}", "<t>:1:12: comments are not allowed", BEDSIDE_JSON_ERROR_SYNTAX },
    { "// note\n{}", "<t>:1:1: comments are not allowed", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"a\": true,}", "<t>:1:12: a comma before '}'", BEDSIDE_JSON_ERROR_SYNTAX },
    { "[1, 2,]", "<t>:1:7: a comma before ']'", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{age: 40}", "<t>:1:2: unexpected word 'age': expected a key in double quotes", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"w\": NaN}", "<t>:1:7: NaN and Infinity are not JSON numbers", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"w\": -Infinity}", "<t>:1:7: NaN and Infinity are not JSON numbers", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"w\": Infinity}", "<t>:1:7: NaN and Infinity are not JSON numbers", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"a\": True}", "<t>:1:7: unexpected word 'True'", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"a\": 1}{}", "<t>:1:9: text after the end of the JSON value", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"a\": \"x\ty\"}", "<t>:1:9: a control character (U+0009)", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"a\": \"\\x41\"}", "<t>:1:8: \\ followed by 'x' is not a JSON escape", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"a\": \"\\ud800\"}", "<t>:1:8: \\uD800 is half a surrogate pair", BEDSIDE_JSON_ERROR_ENCODING },
    { "{\"a\": 1", "<t>:1:8: the JSON ends too early: '}' is missing", BEDSIDE_JSON_ERROR_SYNTAX },
    { "{\"a\": \"x", "<t>:1:7: text without its closing quote", BEDSIDE_JSON_ERROR_SYNTAX },
    /* Duplicates, however they are written: the parser itself refuses
     * them, on the second one's line and column. */
    { "{\"rf\": true,\n \"rf\": false}", "<t>:2:2: the key \"rf\" appears twice", BEDSIDE_JSON_ERROR_DUPLICATE_KEY },
    { "{\"rf\": true, \"r\\u0066\": false}", "<t>:1:14: the key \"rf\" appears twice", BEDSIDE_JSON_ERROR_DUPLICATE_KEY },
    { "{\"rf\": true, \"r\\/f\": 1, \"r/f\": 2}", "<t>:1:25: the key \"r/f\" appears twice", BEDSIDE_JSON_ERROR_DUPLICATE_KEY },
    { "{\"x\": {\"a\": 1, \"a\": 2}}", "<t>:1:16: the key \"a\" appears twice", BEDSIDE_JSON_ERROR_DUPLICATE_KEY },
    { "{\"a\": \"\\u0000\"}", "<t>:1:8: a text holds a NUL character", BEDSIDE_JSON_ERROR_NUL },
    { "{\"n\": 9223372036854775808}", "<t>:1:7: the number 9223372036854775808 is too large", BEDSIDE_JSON_ERROR_NUMBER_RANGE },
    { "{\"n\": -9223372036854775809}", "<t>:1:7: the number -9223372036854775809 is too large", BEDSIDE_JSON_ERROR_NUMBER_RANGE },
    { "\xEF\xBB\xBF{}", "<t>:1:1: starts with a byte order mark", BEDSIDE_JSON_ERROR_ENCODING },
    { "{\"a\":\n \"caf\xC3\xA9\xFF\"}", "<t>:2:7: not UTF-8 text (byte 0xff)", BEDSIDE_JSON_ERROR_ENCODING },
    { "", "<t>: the file is empty", BEDSIDE_JSON_ERROR_EMPTY },
    { " \n\t", "<t>: the file holds no JSON value", BEDSIDE_JSON_ERROR_EMPTY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *shown = g_strescape (cases[i].text, NULL);

      g_test_message ("%s", shown);
      root = bedside_json_parse_strict (cases[i].text, strlen (cases[i].text), "<t>", 1,
                                        BEDSIDE_JSON_STRICT_DEFAULT, &error);
      g_assert_null (root);
      g_assert_error (error, BEDSIDE_JSON_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("expected '%s…', got '%s'", cases[i].message, error->message);
    }
}

/* Nesting is counted, never recursed into: a million '[' is one error. */
static void
test_depth (void)
{
  g_autofree char *deep = g_strnfill (1000000, '[');
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_false (bedside_json_check_strict (deep, strlen (deep), "<t>", 1, BEDSIDE_JSON_STRICT_DEFAULT, &error));
  g_assert_error (error, BEDSIDE_JSON_ERROR, BEDSIDE_JSON_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==, "<t>:1:33: JSON nested more than 32 deep");
  g_clear_error (&error);

  for (guint i = 0; i < BEDSIDE_JSON_MAX_DEPTH; i++)
    g_string_append (ok, "{\"a\":");
  g_string_append (ok, "1");
  for (guint i = 0; i < BEDSIDE_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, '}');
  root = bedside_json_parse_strict (ok->str, ok->len, "<t>", 1, BEDSIDE_JSON_STRICT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
}

/* What passes reads as its author meant. */
static void
test_values (void)
{
  static const char text[] = "{\"age\": 20, \"w\": -0.5e1, \"t\": \"caf\\u00e9 \\ud83d\\ude00\", "
                             "\"b\": [true, false, null], \"k\\u0065y\": {}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = bedside_json_parse_strict (text, strlen (text), "<t>", 1,
                                                        BEDSIDE_JSON_STRICT_DEFAULT, &error);
  JsonObject *object;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "age"), ==, 20);
  g_assert_cmpfloat (json_object_get_double_member (object, "w"), ==, -5.0);
  g_assert_cmpstr (json_object_get_string_member (object, "t"), ==, "café 😀");
  g_assert_true (json_object_has_member (object, "key"));
}

/* Batch and vignette lines: the line of the file, not of the text. */
static void
test_line_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = bedside_answers_line_read ("{\"age\": 020}", -1, "cases.jsonl", 7, &error);

  g_assert_null (root);
  g_assert_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "cases.jsonl:7:9: a number may not start with 0 (leading zeros are not JSON)");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-strict/JSONTestSuite/y", test_suite_y);
  g_test_add_func ("/json-strict/JSONTestSuite/n", test_suite_n);
  g_test_add_func ("/json-strict/JSONTestSuite/i", test_suite_i);
  g_test_add_func ("/json-strict/lenient-json-refused", test_lenient_json_refused);
  g_test_add_func ("/json-strict/depth", test_depth);
  g_test_add_func ("/json-strict/values", test_values);
  g_test_add_func ("/json-strict/line-numbers", test_line_numbers);

  return g_test_run ();
}
