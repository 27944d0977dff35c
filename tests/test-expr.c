/* test-expr.c: tests of the guideline expression language (bedside-expr). */

#include "bedside-expr.h"

#include <string.h>

/* The world the expressions see: a few items of every type and three
 * definitions over them. */

enum {
  ITEM_A,
  ITEM_B,
  ITEM_C,
  ITEM_AGE,
  ITEM_TEMP,
  ITEM_HEPATIC,
  ITEM_NAME,
  ITEM_ONSET,
  ITEM_SEVERITY,
  N_ITEMS
};

enum {
  DEF_ADULT,
  DEF_RISKY,
  DEF_DOUBLE_AGE,
  N_DEFS
};

static const char * const hepatic_codes[] = { "none", "mild", "moderate_severe", NULL };
static const char * const severity_codes[] = { "low", "high", NULL };

typedef struct {
  const char         *name;
  BedsideValueType    type;
  gboolean            is_definition;
  guint               index;
  const char * const *codes;
  guint               n_codes;
} TestSymbol;

static const TestSymbol test_symbols[] = {
  { "a", BEDSIDE_TYPE_BOOLEAN, FALSE, ITEM_A, NULL, 0 },
  { "b", BEDSIDE_TYPE_BOOLEAN, FALSE, ITEM_B, NULL, 0 },
  { "c", BEDSIDE_TYPE_BOOLEAN, FALSE, ITEM_C, NULL, 0 },
  { "age", BEDSIDE_TYPE_INTEGER, FALSE, ITEM_AGE, NULL, 0 },
  { "temp", BEDSIDE_TYPE_DECIMAL, FALSE, ITEM_TEMP, NULL, 0 },
  { "hepatic", BEDSIDE_TYPE_CHOICE, FALSE, ITEM_HEPATIC, hepatic_codes, 3 },
  { "name", BEDSIDE_TYPE_TEXT, FALSE, ITEM_NAME, NULL, 0 },
  { "onset", BEDSIDE_TYPE_DATE, FALSE, ITEM_ONSET, NULL, 0 },
  { "severity", BEDSIDE_TYPE_CHOICE, FALSE, ITEM_SEVERITY, severity_codes, 2 },
  { "adult", BEDSIDE_TYPE_BOOLEAN, TRUE, DEF_ADULT, NULL, 0 },
  { "risky", BEDSIDE_TYPE_BOOLEAN, TRUE, DEF_RISKY, NULL, 0 },
  { "double_age", BEDSIDE_TYPE_INTEGER, TRUE, DEF_DOUBLE_AGE, NULL, 0 },
};

static const char * const definition_sources[N_DEFS] = {
  "age >= 18",
  "adult and hepatic != 'none'",
  "age * 2",
};

#define TEST_RESOLVER_ERROR (g_quark_from_static_string ("test-resolver-error"))
#define TEST_RESOLVER_ERROR_LATER 7

static gboolean
resolve (const char     *name,
         BedsideSymbol  *symbol,
         gpointer        user_data,
         GError        **error)
{
  if (g_str_equal (name, "later"))
    {
      g_set_error (error, TEST_RESOLVER_ERROR, TEST_RESOLVER_ERROR_LATER, "'%s' refers to a later item", name);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (test_symbols); i++)
    if (g_str_equal (name, test_symbols[i].name))
      {
        symbol->type = test_symbols[i].type;
        symbol->is_definition = test_symbols[i].is_definition;
        symbol->index = test_symbols[i].index;
        symbol->codes = test_symbols[i].codes;
        symbol->n_codes = test_symbols[i].n_codes;
        return TRUE;
      }
  return FALSE;
}

static gboolean
resolve_nothing (const char     *name,
                 BedsideSymbol  *symbol,
                 gpointer        user_data,
                 GError        **error)
{
  return FALSE;
}

static const char *
symbol_name (const BedsideSymbol *symbol)
{
  for (guint i = 0; i < G_N_ELEMENTS (test_symbols); i++)
    if (test_symbols[i].is_definition == symbol->is_definition && test_symbols[i].index == symbol->index)
      return test_symbols[i].name;
  return "?";
}

static BedsideValue items[N_ITEMS];
static BedsideExpr *definitions[N_DEFS];
static BedsideValue definition_values[N_DEFS];
static guint8 definition_done[N_DEFS];
static const BedsideEvalContext context = { items, definitions, definition_values, definition_done };

static gint32
julian (guint year, guint month, guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return (gint32) g_date_get_julian (&date);
}

static BedsideValue
known (BedsideValueType type)
{
  BedsideValue v = { .state = BEDSIDE_VALUE_KNOWN, .type = type };
  return v;
}

static void
set_integer (guint item, gint64 value)
{
  items[item] = known (BEDSIDE_TYPE_INTEGER);
  items[item].integer = value;
}

static void
set_decimal (guint item, double value)
{
  items[item] = known (BEDSIDE_TYPE_DECIMAL);
  items[item].decimal = value;
}

static void
set_choice (guint item, gint code)
{
  items[item] = known (BEDSIDE_TYPE_CHOICE);
  items[item].code = code;
}

static void
set_unknown (guint item)
{
  BedsideValue unknown = BEDSIDE_VALUE_INIT_UNKNOWN;
  items[item] = unknown;
}

/* 'T', 'F' or 'U'. */
static void
set_truth (guint item, char truth)
{
  if (truth == 'U')
    set_unknown (item);
  else
    items[item] = bedside_value_boolean (truth == 'T');
}

static void
reset_items (void)
{
  items[ITEM_A] = bedside_value_boolean (TRUE);
  items[ITEM_B] = bedside_value_boolean (FALSE);
  set_unknown (ITEM_C);
  set_integer (ITEM_AGE, 40);
  set_decimal (ITEM_TEMP, 37.5);
  set_choice (ITEM_HEPATIC, 1);
  items[ITEM_NAME] = known (BEDSIDE_TYPE_TEXT);
  items[ITEM_NAME].text = "Ann";
  items[ITEM_ONSET] = known (BEDSIDE_TYPE_DATE);
  items[ITEM_ONSET].date = julian (2024, 3, 1);
  set_choice (ITEM_SEVERITY, 0);
  memset (definition_done, 0, sizeof definition_done);
}

static BedsideExpr *
compile (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideExpr) expr = bedside_expr_parse (text, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (expr);
  g_assert_true (bedside_expr_check (expr, resolve, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&expr);
}

/* "TYPE VALUE", "unanswered" or "error", prefixed with the expression so
 * that a failing assertion says which one. */
static char *
describe (const char *text, const BedsideValue *v)
{
  g_autofree char *value = bedside_value_to_string (v, NULL);

  if (v->state != BEDSIDE_VALUE_KNOWN)
    return g_strdup_printf ("%s => %s", text, value);
  return g_strdup_printf ("%s => %s %s", text,
                          bedside_value_type_to_string ((BedsideValueType) v->type), value);
}

/* Evaluates @text with the current items, clearing the definition cache first. */
static void
assert_eval (const char *text, const char *expected)
{
  g_autoptr(BedsideExpr) expr = compile (text);
  g_autofree char *want = g_strdup_printf ("%s => %s", text, expected);
  g_autofree char *got = NULL;
  BedsideValue v;

  memset (definition_done, 0, sizeof definition_done);
  v = bedside_expr_evaluate (expr, &context);
  got = describe (text, &v);
  g_assert_cmpstr (got, ==, want);
}

static void
assert_true (const char *text)
{
  assert_eval (text, "boolean yes");
}

static void
assert_false (const char *text)
{
  assert_eval (text, "boolean no");
}

static void
assert_parse_error (const char *text, BedsideExprError code, guint column, const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideExpr) expr = NULL;
  guint error_column = 12345;

  expr = bedside_expr_parse (text, &error_column, &error);
  g_assert_null (expr);
  g_assert_error (error, BEDSIDE_EXPR_ERROR, (gint) code);
  g_assert_cmpuint (error_column, ==, column);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
assert_check_error (const char *text, BedsideExprError code, const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideExpr) expr = bedside_expr_parse (text, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (expr);
  g_assert_false (bedside_expr_check (expr, resolve, NULL, &error));
  g_assert_error (error, BEDSIDE_EXPR_ERROR, (gint) code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (bedside_expr_get_type (expr), ==, BEDSIDE_TYPE_INVALID);
}

/* ------------------------------------------------------------------------ */

static void
test_comparison_operators (void)
{
  reset_items ();

  assert_true ("age = 40");
  assert_false ("age = 41");
  assert_true ("age != 41");
  assert_false ("age != 40");
  assert_true ("age < 41");
  assert_false ("age < 40");
  assert_true ("age <= 40");
  assert_false ("age <= 39");
  assert_true ("age > 39");
  assert_false ("age > 40");
  assert_true ("age >= 40");
  assert_false ("age >= 41");

  /* Integer and decimal mix, compared as numbers. */
  assert_true ("age = 40.0");
  assert_true ("age > temp");
  assert_true ("temp = 37.5");
  assert_true ("temp < 38");
  assert_false ("temp >= 38");

  assert_true ("a = true");
  assert_true ("b = false");
  assert_true ("a != b");
  assert_false ("a = b");

  assert_true ("name = 'Ann'");
  assert_true ("name != \"Bob\"");
  assert_false ("name = 'ann'");

  assert_true ("hepatic = 'mild'");
  assert_true ("'mild' = hepatic");
  assert_true ("hepatic != 'none'");
  assert_false ("hepatic = 'moderate_severe'");
  assert_true ("hepatic = hepatic");

  assert_true ("onset = '2024-03-01'");
  assert_true ("onset = date('2024-03-01')");
  assert_true ("onset < date('2024-03-02')");
  assert_true ("onset > '2024-02-29'");
  assert_false ("onset >= '2024-03-02'");
  assert_true ("date('2023-12-31') < date('2024-01-01')");
}

static void
test_in_operator (void)
{
  reset_items ();

  assert_true ("age in (1, 40, 3)");
  assert_false ("age in (1, 2)");
  assert_true ("age not in (1, 2)");
  assert_false ("age not in (40)");
  assert_true ("age in (-1, 40.0)");
  assert_true ("temp in (37.5)");
  assert_true ("hepatic in ('none', 'mild')");
  assert_false ("hepatic in ('none', 'moderate_severe')");
  assert_true ("hepatic not in ('none')");
  assert_true ("name in ('Bob', \"Ann\")");
  assert_true ("onset in ('2024-01-01', date('2024-03-01'))");
  assert_true ("a in (true)");
  assert_true ("age - 50 in (-10)");
}

static void
test_arithmetic (void)
{
  reset_items ();

  assert_eval ("age + 2", "integer 42");
  assert_eval ("age - 50", "integer -10");
  assert_eval ("age * 3", "integer 120");
  assert_eval ("age / 8", "decimal 5");
  assert_eval ("7 / 2", "decimal 3.5");
  assert_eval ("temp + 1", "decimal 38.5");
  assert_eval ("temp * 2", "decimal 75");
  assert_eval ("-age", "integer -40");
  assert_eval ("- temp", "decimal -37.5");
  assert_eval ("2 - -3", "integer 5");
  assert_eval ("double_age", "integer 80");
}

static void
test_logic_and_names (void)
{
  reset_items ();

  assert_true ("a");
  assert_false ("b");
  assert_false ("not a");
  assert_true ("not b");
  assert_true ("not not a");
  assert_true ("a and not b");
  assert_true ("b or a");
  assert_eval ("c", "unanswered");
  assert_eval ("hepatic", "choice 1");
  assert_eval ("name", "text Ann");
  assert_eval ("onset", "date 2024-03-01");
  assert_eval ("age", "integer 40");
}

static void
test_precedence (void)
{
  reset_items ();

  /* a = b = false tells (not a) and b (false) from not (a and b) (true). */
  items[ITEM_A] = bedside_value_boolean (FALSE);
  assert_false ("not a and b");
  assert_true ("not (a and b)");

  /* a = true, b = c = false tells a or (b and c) (true) from (a or b) and c. */
  reset_items ();
  items[ITEM_C] = bedside_value_boolean (FALSE);
  assert_true ("a or b and c");
  assert_false ("(a or b) and c");

  assert_true ("1 + 2 * 3 = 7");
  assert_eval ("1 + 2 * 3", "integer 7");
  assert_eval ("(1 + 2) * 3", "integer 9");
  assert_eval ("- 2 * 3", "integer -6");
  assert_eval ("-(age) * 2", "integer -80");
  assert_eval ("10 - 3 - 2", "integer 5");
  assert_eval ("12 / 4 / 3", "decimal 1");
  assert_eval ("2 * 3 - 4 / 2", "decimal 4");
  /* not is looser than comparison: not (age = 3). */
  assert_true ("not age = 3");
  assert_true ("age + 1 > 40 and temp * 2 < 76");
}

static void
test_comparisons_do_not_chain (void)
{
  assert_parse_error ("age < 50 < 60", BEDSIDE_EXPR_ERROR_SYNTAX, 10,
                      "column 10: comparisons do not chain: found '<' after a comparison; use 'and' or parentheses");
  assert_parse_error ("age = 1 = 1", BEDSIDE_EXPR_ERROR_SYNTAX, 9, NULL);
  assert_parse_error ("age in (1) = true", BEDSIDE_EXPR_ERROR_SYNTAX, 12, NULL);
  assert_parse_error ("age > 1 in (true)", BEDSIDE_EXPR_ERROR_SYNTAX, 9, NULL);

  reset_items ();
  assert_true ("(age < 50) = true");
  assert_true ("age < 50 and 50 < 60");
}

static void
test_type_errors (void)
{
  assert_check_error ("a < 1", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 3: '<' needs numbers or dates, not boolean and integer");
  assert_check_error ("name >= 'b'", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 6: '>=' needs numbers or dates, not text and text");
  assert_check_error ("onset > 5", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 7: '>' needs numbers or dates, not date and integer");
  assert_check_error ("hepatic < 'mild'", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 9: '<' needs numbers or dates, not choice and choice");
  assert_check_error ("age = 'x'", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 5: '=' needs two values of one type, not integer and text");
  assert_check_error ("a != 1", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 3: '!=' needs two values of one type, not boolean and integer");
  assert_check_error ("hepatic = 1", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 9: '=' needs two values of one type, not choice and integer");
  assert_check_error ("hepatic = name", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 9: '=' needs two values of one type, not choice and text");
  assert_check_error ("hepatic = severity", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 9: '=' cannot compare choices hepatic and severity");
  assert_check_error ("onset = 'yesterday'", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 7: '=' needs two values of one type, not date and text");
  assert_check_error ("a and age", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 3: 'and' needs booleans, not integer");
  assert_check_error ("a or b or 1.5", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 3: 'or' needs booleans, not decimal");
  assert_check_error ("not age", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 1: 'not' needs a boolean, not integer");
  assert_check_error ("-a", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 1: '-' needs a number, not boolean");
  assert_check_error ("a + 1", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 3: '+' needs numbers, not boolean and integer");
  assert_check_error ("name * 2 = 4", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 6: '*' needs numbers, not text and integer");
  assert_check_error ("onset - 1 = 4", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 7: '-' needs numbers, not date and integer");
  assert_check_error ("age / a = 4", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 5: '/' needs numbers, not integer and boolean");
  assert_check_error ("age in (1, 'x')", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 12: 'in' needs literals of type integer, not text");
  assert_check_error ("name not in (1)", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 14: 'not in' needs literals of type text, not integer");
  assert_check_error ("a in (date('2024-01-01'))", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 7: 'in' needs literals of type boolean, not date");
  assert_check_error ("answered(adult)", BEDSIDE_EXPR_ERROR_TYPE,
                      "column 1: answered() needs an item, but 'adult' is a definition");
}

static void
test_literal_errors (void)
{
  assert_parse_error ("age = 9223372036854775808", BEDSIDE_EXPR_ERROR_LITERAL, 7,
                      "column 7: integer literal too large");
  assert_parse_error ("age in (99999999999999999999)", BEDSIDE_EXPR_ERROR_LITERAL, 9, NULL);

  assert_check_error ("hepatic = 'severe'", BEDSIDE_EXPR_ERROR_LITERAL,
                      "column 11: 'severe' is not a code of hepatic (none, mild, moderate_severe)");
  assert_check_error ("'severe' != hepatic", BEDSIDE_EXPR_ERROR_LITERAL,
                      "column 1: 'severe' is not a code of hepatic (none, mild, moderate_severe)");
  assert_check_error ("hepatic in ('none', 'Mild')", BEDSIDE_EXPR_ERROR_LITERAL,
                      "column 21: 'Mild' is not a code of hepatic (none, mild, moderate_severe)");
  assert_check_error ("onset < date('2024-02-30')", BEDSIDE_EXPR_ERROR_LITERAL,
                      "column 9: '2024-02-30' is not a date (YYYY-MM-DD)");
  assert_check_error ("onset < date('1 March 2024')", BEDSIDE_EXPR_ERROR_LITERAL,
                      "column 9: '1 March 2024' is not a date (YYYY-MM-DD)");
  assert_check_error ("onset = '2023-02-29'", BEDSIDE_EXPR_ERROR_LITERAL,
                      "column 9: '2023-02-29' is not a date");
  assert_check_error ("age / 0 > 1", BEDSIDE_EXPR_ERROR_LITERAL, "column 5: division by zero");
  assert_check_error ("temp / 0.0 > 1", BEDSIDE_EXPR_ERROR_LITERAL, "column 6: division by zero");
  assert_check_error ("age / (2 - 2) > 1", BEDSIDE_EXPR_ERROR_LITERAL, "column 5: division by zero");
  assert_check_error ("age + 9223372036854775807 * 2 > 1", BEDSIDE_EXPR_ERROR_LITERAL,
                      "column 27: integer overflow");

  /* The largest literal is fine, and so are leap days that exist. */
  reset_items ();
  assert_false ("age = 9223372036854775807");
  assert_eval ("-9223372036854775807", "integer -9223372036854775807");
  assert_true ("onset > '2024-02-29'");
}

static void
test_unknown_names (void)
{
  assert_check_error ("zzz and a", BEDSIDE_EXPR_ERROR_UNKNOWN_NAME, "column 1: unknown name 'zzz'");
  assert_check_error ("a and answered(nope)", BEDSIDE_EXPR_ERROR_UNKNOWN_NAME,
                      "column 7: unknown name 'nope'");
  /* Keywords are lower case; AND is a name. */
  assert_check_error ("AND", BEDSIDE_EXPR_ERROR_UNKNOWN_NAME, "column 1: unknown name 'AND'");

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BedsideExpr) expr = bedside_expr_parse ("a or later", NULL, &error);

    g_assert_no_error (error);
    g_assert_false (bedside_expr_check (expr, resolve, NULL, &error));
    g_assert_error (error, TEST_RESOLVER_ERROR, TEST_RESOLVER_ERROR_LATER);
    g_assert_cmpstr (error->message, ==, "'later' refers to a later item");
  }
}

static const char truths[] = "TFU";

static const char *
truth_result (char truth)
{
  return truth == 'T' ? "boolean yes" : truth == 'F' ? "boolean no" : "unanswered";
}

static void
test_kleene_tables (void)
{
  /* Rows: a = T, F, U; columns: b = T, F, U. */
  static const char and_table[3][4] = { "TFU", "FFF", "UFU" };
  static const char or_table[3][4] = { "TTT", "TFU", "TUU" };
  static const char not_table[4] = "FTU";

  for (guint i = 0; i < 3; i++)
    {
      reset_items ();
      set_truth (ITEM_A, truths[i]);
      assert_eval ("not a", truth_result (not_table[i]));

      for (guint j = 0; j < 3; j++)
        {
          set_truth (ITEM_B, truths[j]);
          g_test_message ("a=%c b=%c", truths[i], truths[j]);
          assert_eval ("a and b", truth_result (and_table[i][j]));
          assert_eval ("a or b", truth_result (or_table[i][j]));
        }
    }
}

static void
test_kleene_with_errors (void)
{
  /* age - age is 0 but not a constant, so the division fails at run time. */
  static const struct { char a; const char *and_result; const char *or_result; } rows[] = {
    { 'T', "error", "boolean yes" },
    { 'F', "boolean no", "error" },
    { 'U', "error", "error" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      reset_items ();
      set_truth (ITEM_A, rows[i].a);
      assert_eval ("a and 1 / (age - age) > 0", rows[i].and_result);
      assert_eval ("a or 1 / (age - age) > 0", rows[i].or_result);
      /* The order of the operands does not change the result. */
      assert_eval ("1 / (age - age) > 0 and a", rows[i].and_result);
      assert_eval ("1 / (age - age) > 0 or a", rows[i].or_result);
    }

  reset_items ();
  assert_eval ("not (1 / (age - age) > 0)", "error");
  assert_eval ("(1 / (age - age) > 0) = true", "error");
}

static void
test_unknown_propagation (void)
{
  reset_items ();
  set_unknown (ITEM_AGE);
  set_unknown (ITEM_HEPATIC);
  set_unknown (ITEM_ONSET);

  assert_eval ("age", "unanswered");
  assert_eval ("age + 1", "unanswered");
  assert_eval ("1 - age", "unanswered");
  assert_eval ("age * 2", "unanswered");
  assert_eval ("age / 2", "unanswered");
  assert_eval ("-age", "unanswered");
  assert_eval ("age > 3", "unanswered");
  assert_eval ("3 = age", "unanswered");
  assert_eval ("age in (1, 2)", "unanswered");
  assert_eval ("age not in (1, 2)", "unanswered");
  assert_eval ("hepatic = 'mild'", "unanswered");
  assert_eval ("onset < '2024-01-01'", "unanswered");
  assert_eval ("c = true", "unanswered");
  assert_eval ("not c", "unanswered");
  assert_eval ("adult", "unanswered");
  assert_eval ("double_age", "unanswered");
  /* An error is the stronger statement. */
  assert_eval ("age + 1 / (temp - temp)", "error");
  /* Kleene still decides around unknowns. */
  assert_false ("age > 3 and b");
  assert_true ("age > 3 or a");
}

static void
test_answered (void)
{
  reset_items ();

  assert_true ("answered(a)");
  assert_true ("answered(b)");
  assert_false ("answered(c)");
  assert_true ("not answered(c)");
  assert_true ("answered(age) and answered(onset)");
  /* answered(c) is false, but c itself stays unknown. */
  assert_eval ("answered(c) or c", "unanswered");
  assert_false ("answered(c) and c");

  set_unknown (ITEM_AGE);
  assert_false ("answered(age) and 100 / age > 2");
}

static void
test_runtime_errors (void)
{
  reset_items ();

  assert_eval ("1 / (age - age) > 0", "error");
  assert_eval ("temp / (age - 40)", "error");
  assert_eval ("age * 9223372036854775807", "error");
  assert_eval ("age + 9223372036854775807", "error");
  assert_eval ("-age - 9223372036854775807", "error");
  assert_eval ("-(age - 41 - 9223372036854775807)", "error");
  /* Exactly G_MININT64 is not an overflow. */
  assert_eval ("(age - 42) * 4611686018427387904", "integer -9223372036854775808");
  assert_eval ("age - 41 - 9223372036854775807", "integer -9223372036854775808");

  set_integer (ITEM_AGE, 0);
  assert_eval ("age / age", "error");
  assert_eval ("age / age in (1)", "error");
}

static void
test_definitions (void)
{
  g_autoptr(BedsideExpr) expr = NULL;
  gboolean is_known = FALSE;

  reset_items ();
  expr = compile ("risky and adult");

  memset (definition_done, 0, sizeof definition_done);
  g_assert_true (bedside_expr_evaluate_boolean (expr, &context, &is_known));
  g_assert_true (is_known);
  g_assert_cmpuint (definition_done[DEF_ADULT], ==, 1);
  g_assert_cmpuint (definition_done[DEF_RISKY], ==, 1);
  g_assert_cmpuint (definition_done[DEF_DOUBLE_AGE], ==, 0);
  g_assert_cmpint (definition_values[DEF_ADULT].state, ==, BEDSIDE_VALUE_KNOWN);
  g_assert_true (definition_values[DEF_ADULT].boolean);

  /* Without clearing the cache, a change of answer is not seen: the values
   * come from the cache, not from a new evaluation. */
  set_integer (ITEM_AGE, 10);
  g_assert_true (bedside_expr_evaluate_boolean (expr, &context, &is_known));
  g_assert_true (is_known);

  memset (definition_done, 0, sizeof definition_done);
  g_assert_false (bedside_expr_evaluate_boolean (expr, &context, &is_known));
  g_assert_true (is_known);
  g_assert_false (definition_values[DEF_ADULT].boolean);

  /* A cached value is used as is. */
  definition_values[DEF_ADULT] = bedside_value_boolean (TRUE);
  definition_done[DEF_ADULT] = 1;
  set_choice (ITEM_HEPATIC, 2);
  definition_done[DEF_RISKY] = 0;
  g_assert_true (bedside_expr_evaluate_boolean (expr, &context, &is_known));
  g_assert_true (is_known);
}

static void
test_short_circuit (void)
{
  g_autoptr(BedsideExpr) and_expr = NULL;
  g_autoptr(BedsideExpr) or_expr = NULL;
  BedsideValue v;

  reset_items ();
  and_expr = compile ("b and adult");
  or_expr = compile ("a or risky");

  v = bedside_expr_evaluate (and_expr, &context);
  g_assert_cmpint (v.state, ==, BEDSIDE_VALUE_KNOWN);
  g_assert_false (v.boolean);
  g_assert_cmpuint (definition_done[DEF_ADULT], ==, 0);

  v = bedside_expr_evaluate (or_expr, &context);
  g_assert_cmpint (v.state, ==, BEDSIDE_VALUE_KNOWN);
  g_assert_true (v.boolean);
  g_assert_cmpuint (definition_done[DEF_RISKY], ==, 0);
  g_assert_cmpuint (definition_done[DEF_ADULT], ==, 0);

  /* When the left side does not decide, the right one is evaluated. */
  items[ITEM_B] = bedside_value_boolean (TRUE);
  v = bedside_expr_evaluate (and_expr, &context);
  g_assert_true (v.boolean);
  g_assert_cmpuint (definition_done[DEF_ADULT], ==, 1);
}

static void
test_evaluate_boolean (void)
{
  g_autoptr(BedsideExpr) unknown_expr = NULL;
  g_autoptr(BedsideExpr) error_expr = NULL;
  g_autoptr(BedsideExpr) false_expr = NULL;
  gboolean is_known = TRUE;

  reset_items ();
  unknown_expr = compile ("c");
  error_expr = compile ("1 / (age - age) > 1");
  false_expr = compile ("b");

  g_assert_false (bedside_expr_evaluate_boolean (unknown_expr, &context, &is_known));
  g_assert_false (is_known);
  is_known = TRUE;
  g_assert_false (bedside_expr_evaluate_boolean (error_expr, &context, &is_known));
  g_assert_false (is_known);
  g_assert_false (bedside_expr_evaluate_boolean (false_expr, &context, &is_known));
  g_assert_true (is_known);
}

static void
test_types_and_source (void)
{
  static const struct { const char *text; BedsideValueType type; } cases[] = {
    { "a and b", BEDSIDE_TYPE_BOOLEAN },
    { "age + 1", BEDSIDE_TYPE_INTEGER },
    { "age / 1", BEDSIDE_TYPE_DECIMAL },
    { "age + temp", BEDSIDE_TYPE_DECIMAL },
    { "hepatic", BEDSIDE_TYPE_CHOICE },
    { "name", BEDSIDE_TYPE_TEXT },
    { "'free text'", BEDSIDE_TYPE_TEXT },
    { "onset", BEDSIDE_TYPE_DATE },
    { "date('2020-01-01')", BEDSIDE_TYPE_DATE },
    { "double_age", BEDSIDE_TYPE_INTEGER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BedsideExpr) expr = compile (cases[i].text);

      g_assert_cmpint (bedside_expr_get_type (expr), ==, cases[i].type);
      g_assert_cmpstr (bedside_expr_get_source (expr), ==, cases[i].text);
    }
}

static void
test_check_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideExpr) expr = bedside_expr_parse ("hepatic = 'mild' and onset > '2024-01-01'", NULL, &error);
  gboolean is_known = FALSE;

  g_assert_no_error (error);
  g_assert_cmpint (bedside_expr_get_type (expr), ==, BEDSIDE_TYPE_INVALID);

  /* A failed check leaves the expression unchecked but checkable. */
  g_assert_false (bedside_expr_check (expr, resolve_nothing, NULL, &error));
  g_assert_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNKNOWN_NAME);
  g_assert_cmpstr (error->message, ==, "column 1: unknown name 'hepatic'");
  g_clear_error (&error);
  g_assert_cmpint (bedside_expr_get_type (expr), ==, BEDSIDE_TYPE_INVALID);

  g_assert_true (bedside_expr_check (expr, resolve, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bedside_expr_check (expr, resolve, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bedside_expr_get_type (expr), ==, BEDSIDE_TYPE_BOOLEAN);

  reset_items ();
  g_assert_true (bedside_expr_evaluate_boolean (expr, &context, &is_known));
  g_assert_true (is_known);
  set_choice (ITEM_HEPATIC, 0);
  g_assert_false (bedside_expr_evaluate_boolean (expr, &context, &is_known));
  g_assert_true (is_known);
}

static void
test_syntax_errors (void)
{
  assert_parse_error ("", BEDSIDE_EXPR_ERROR_SYNTAX, 1, "column 1: expression is empty");
  assert_parse_error ("  -- only a comment", BEDSIDE_EXPR_ERROR_SYNTAX, 20, "column 20: expression is empty");
  assert_parse_error ("a and", BEDSIDE_EXPR_ERROR_SYNTAX, 6,
                      "column 6: expected an expression but found end of expression");
  assert_parse_error ("a and )", BEDSIDE_EXPR_ERROR_SYNTAX, 7,
                      "column 7: expected an expression but found ')'");
  assert_parse_error ("(a and b", BEDSIDE_EXPR_ERROR_SYNTAX, 9,
                      "column 9: expected ')' but found end of expression");
  assert_parse_error ("(a and b c)", BEDSIDE_EXPR_ERROR_SYNTAX, 10,
                      "column 10: expected ')' but found 'c'");
  assert_parse_error ("a b", BEDSIDE_EXPR_ERROR_SYNTAX, 3,
                      "column 3: expected an operator or the end of the expression but found 'b'");
  assert_parse_error ("a)", BEDSIDE_EXPR_ERROR_SYNTAX, 2, NULL);
  assert_parse_error ("1 $ 2", BEDSIDE_EXPR_ERROR_SYNTAX, 3, "column 3: unexpected character '$'");
  assert_parse_error ("a ! b", BEDSIDE_EXPR_ERROR_SYNTAX, 3, "column 3: unexpected character '!'");
  assert_parse_error ("age == 3", BEDSIDE_EXPR_ERROR_SYNTAX, 6,
                      "column 6: expected an expression but found '='");
  assert_parse_error ("name = 'abc", BEDSIDE_EXPR_ERROR_SYNTAX, 8, "column 8: unterminated string");
  assert_parse_error ("name = \"abc'", BEDSIDE_EXPR_ERROR_SYNTAX, 8, "column 8: unterminated string");
  assert_parse_error ("temp > 1.", BEDSIDE_EXPR_ERROR_SYNTAX, 9, "column 9: expected a digit after '.'");
  assert_parse_error ("temp > .5", BEDSIDE_EXPR_ERROR_SYNTAX, 8, "column 8: unexpected character '.'");
  assert_parse_error ("date(1)", BEDSIDE_EXPR_ERROR_SYNTAX, 6,
                      "column 6: expected a date string but found '1'");
  assert_parse_error ("date '2024-01-01'", BEDSIDE_EXPR_ERROR_SYNTAX, 6,
                      "column 6: expected '(' but found '2024-01-01'");
  assert_parse_error ("answered('a')", BEDSIDE_EXPR_ERROR_SYNTAX, 10,
                      "column 10: expected a name but found 'a'");
  assert_parse_error ("answered(a and b)", BEDSIDE_EXPR_ERROR_SYNTAX, 12,
                      "column 12: expected ')' but found 'and'");
  assert_parse_error ("age in ()", BEDSIDE_EXPR_ERROR_SYNTAX, 9,
                      "column 9: expected a literal but found ')'");
  assert_parse_error ("age in (age)", BEDSIDE_EXPR_ERROR_SYNTAX, 9,
                      "column 9: expected a literal but found 'age'");
  assert_parse_error ("age in (1 2)", BEDSIDE_EXPR_ERROR_SYNTAX, 11,
                      "column 11: expected ',' or ')' but found '2'");
  assert_parse_error ("age in (- 'x')", BEDSIDE_EXPR_ERROR_SYNTAX, 11,
                      "column 11: expected a number but found 'x'");
  assert_parse_error ("age in 1", BEDSIDE_EXPR_ERROR_SYNTAX, 8, "column 8: expected '(' but found '1'");
  assert_parse_error ("age not 3", BEDSIDE_EXPR_ERROR_SYNTAX, 9, "column 9: expected 'in' but found '3'");
  /* Columns count characters, not bytes. */
  assert_parse_error ("name = 'é' and $", BEDSIDE_EXPR_ERROR_SYNTAX, 16, "column 16: unexpected character '$'");
  assert_parse_error ("name = é", BEDSIDE_EXPR_ERROR_SYNTAX, 8, "column 8: unexpected character 'é'");
  assert_parse_error ("a = '\xff'", BEDSIDE_EXPR_ERROR_SYNTAX, 6, "column 6: expression is not valid UTF-8");
  /* Names have no '-': rf-cancer is rf minus cancer. */
  assert_check_error ("rf-cancer", BEDSIDE_EXPR_ERROR_UNKNOWN_NAME, "column 1: unknown name 'rf'");
}

static void
test_comments_and_whitespace (void)
{
  reset_items ();

  assert_false ("a -- the first flag\nand b -- the second");
  assert_eval ("age -- 5\n + 1", "integer 41");
  assert_eval ("age--1", "integer 40");
  assert_true ("\tname\r\n=\n'Ann'");
  /* Inside a string, -- is text. */
  assert_false ("name = '--x'");
  assert_true ("name != \"it's\"");
}

static guint64
time_parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideExpr) expr = NULL;
  gint64 start = g_get_monotonic_time ();

  expr = bedside_expr_parse (text, NULL, &error);
  g_assert_null (expr);
  g_assert_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_LIMIT);
  return (guint64) (g_get_monotonic_time () - start);
}

static char *
repeat (const char *piece, guint times, const char *middle, const char *tail)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (s, piece);
  g_string_append (s, middle);
  for (guint i = 0; i < times; i++)
    g_string_append (s, tail);
  return g_string_free (s, FALSE);
}

static void
test_limit_nesting (void)
{
  g_autofree char *deep_10000 = repeat ("(", 10000, "a", ")");
  g_autofree char *open_10000 = repeat ("(", 10000, "a", "");
  g_autofree char *deep_8000 = repeat ("(", 8000, "a", ")");
  g_autofree char *nots = repeat ("not ", 3000, "a", "");
  g_autofree char *minus = repeat ("- ", 5000, "age", "");   /* "--" would be a comment */
  g_autofree char *deep_64 = repeat ("(", 64, "a", ")");
  g_autofree char *deep_65 = repeat ("(", 65, "a", ")");
  g_autofree char *siblings = repeat ("(a) and not (not a) and ", 100, "(a)", "");
  g_autofree char *negations = repeat ("-age < -(1) and ", 100, "- -age = 40", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideExpr) expr = NULL;
  guint column = 0;

  /* Limit errors, not stack exhaustion (time_parse asserts the error).  How
   * fast they fail is measured, not asserted: the suite also runs under
   * ASan and valgrind on a busy machine; with -m perf a slow one fails. */
  {
    const char *inputs[] = { deep_10000, open_10000, deep_8000, nots, minus };

    for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
      {
        guint64 usec = time_parse (inputs[i]);
        gboolean within_a_second = usec < G_USEC_PER_SEC;

        g_test_message ("limit error after %" G_GUINT64_FORMAT " µs", usec);
        if (g_test_perf ())
          g_assert_true (within_a_second);
      }
  }

  /* Within the length limit, it is the depth that fails, at the 65th '('. */
  assert_parse_error (deep_8000, BEDSIDE_EXPR_ERROR_LIMIT, 65, "column 65: expression is nested more than 64 deep");

  reset_items ();
  assert_true (deep_64);
  /* Depth is nesting, not count: many groups side by side are fine. */
  assert_true (siblings);
  assert_true (negations);
  expr = bedside_expr_parse (deep_65, &column, &error);
  g_assert_null (expr);
  g_assert_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_LIMIT);
  g_assert_cmpuint (column, ==, 65);
}

static void
test_limit_tree_depth (void)
{
  /* Left-associative chains deepen the tree without recursion in the parser. */
  g_autofree char *sum_64 = repeat ("1 + ", 63, "1", "");
  g_autofree char *sum_65 = repeat ("1 + ", 64, "1", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideExpr) expr = NULL;

  reset_items ();
  assert_eval (sum_64, "integer 64");

  expr = bedside_expr_parse (sum_65, NULL, &error);
  g_assert_null (expr);
  g_assert_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_LIMIT);
  g_assert_true (g_str_has_suffix (error->message, "expression is nested more than 64 deep"));
}

static void
test_limit_length_and_nodes (void)
{
  g_autofree char *long_chain = repeat ("a and ", 3000, "a", "");
  g_autofree char *nodes_2048 = repeat ("a and ", 2046, "a", "");   /* 2047 names + 1 and */
  g_autofree char *nodes_2049 = repeat ("a and ", 2047, "a", "");
  g_autofree char *at_length = g_strnfill (BEDSIDE_EXPR_MAX_LENGTH, ' ');
  g_autofree char *over_length = g_strnfill (BEDSIDE_EXPR_MAX_LENGTH + 1, ' ');
  g_autoptr(GError) error = NULL;
  BedsideExpr *expr;

  g_assert_cmpuint (strlen (long_chain), >, BEDSIDE_EXPR_MAX_LENGTH);
  expr = bedside_expr_parse (long_chain, NULL, &error);
  g_assert_null (expr);
  g_assert_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, "expression is longer than 16384 bytes");
  g_clear_error (&error);

  /* Exactly at the length limit it is parsed; one more byte is refused. */
  at_length[0] = 'a';
  expr = compile (at_length);
  bedside_expr_free (expr);
  expr = bedside_expr_parse (over_length, NULL, &error);
  g_assert_null (expr);
  g_assert_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_LIMIT);
  g_clear_error (&error);

  g_assert_cmpuint (strlen (nodes_2049), <, BEDSIDE_EXPR_MAX_LENGTH);
  reset_items ();
  assert_true (nodes_2048);
  expr = bedside_expr_parse (nodes_2049, NULL, &error);
  g_assert_null (expr);
  g_assert_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_LIMIT);
  g_assert_true (g_str_has_suffix (error->message, "expression has more than 2048 nodes"));
}

static void
test_long_and_chain (void)
{
  g_autofree char *all_true = repeat ("a and ", 499, "a", "");
  g_autofree char *last_false = repeat ("a and ", 499, "b", "");
  g_autofree char *with_unknown = repeat ("a and ", 499, "c", "");
  g_autofree char *or_chain = repeat ("b or ", 499, "a", "");

  reset_items ();
  assert_true (all_true);
  assert_false (last_false);
  assert_eval (with_unknown, "unanswered");
  assert_true (or_chain);
}

static void
collect_symbol (const BedsideSymbol *symbol,
                gpointer             user_data)
{
  GString *names = user_data;

  if (names->len > 0)
    g_string_append_c (names, ' ');
  g_string_append (names, symbol_name (symbol));
}

static void
test_foreach_symbol (void)
{
  g_autoptr(BedsideExpr) expr = compile ("a and answered(c) or age + double_age > 3 and adult and a");
  g_autoptr(GString) names = g_string_new (NULL);

  bedside_expr_foreach_symbol (expr, collect_symbol, names);
  g_assert_cmpstr (names->str, ==, "a c age double_age adult a");
}

static void
collect_constant (const BedsideSymbol *symbol,
                  const BedsideValue  *constant,
                  gpointer             user_data)
{
  GString *out = user_data;
  g_autofree char *value = bedside_value_to_string (constant, symbol->codes);

  g_string_append_printf (out, "%s%s:%s:%s", out->len > 0 ? " " : "", symbol_name (symbol),
                          bedside_value_type_to_string ((BedsideValueType) constant->type), value);
}

static void
assert_constants (const char *text, gboolean exact, const char *expected)
{
  g_autoptr(BedsideExpr) expr = compile (text);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpint (bedside_expr_foreach_constant (expr, collect_constant, out), ==, exact);
  g_assert_cmpstr (out->str, ==, expected);
}

static void
test_foreach_constant (void)
{
  assert_constants ("age >= 18 and hepatic = 'mild' or 40 < temp and "
                    "onset in ('2024-03-01', date('2024-03-02')) and a",
                    TRUE,
                    "age:integer:18 hepatic:choice:mild temp:decimal:40 "
                    "onset:date:2024-03-01 onset:date:2024-03-02");
  assert_constants ("hepatic not in ('none', 'moderate_severe') or age = -3 or temp > 37.5 or adult = true",
                    TRUE,
                    "hepatic:choice:none hepatic:choice:moderate_severe age:integer:-3 "
                    "temp:decimal:37.5 adult:boolean:yes");
  assert_constants ("a and not b", TRUE, "");
  assert_constants ("answered(age)", TRUE, "");
  assert_constants ("age + 1 > 3", FALSE, "");
  assert_constants ("age > temp", FALSE, "");
  assert_constants ("age > 3 and temp > age * 2", FALSE, "age:integer:3");
  assert_constants ("age > 2 * 3 or temp < 1", FALSE, "temp:decimal:1");
  assert_constants ("-age < 3", FALSE, "");
}

static void
test_value_to_string (void)
{
  static const char * const codes[] = { "none", "mild", NULL };
  static const struct { BedsideValue value; const char * const *codes; const char *expected; } cases[] = {
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_BOOLEAN, .boolean = TRUE }, NULL, "yes" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_BOOLEAN, .boolean = FALSE }, NULL, "no" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_INTEGER, .integer = -12 }, NULL, "-12" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_INTEGER, .integer = G_MAXINT64 }, NULL, "9223372036854775807" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_DECIMAL, .decimal = 1.5 }, NULL, "1.5" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_DECIMAL, .decimal = 0.1 }, NULL, "0.1" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_DECIMAL, .decimal = 1e20 }, NULL, "1e+20" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_TEXT, .text = "Ann" }, NULL, "Ann" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_CHOICE, .code = 1 }, codes, "mild" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_CHOICE, .code = 1 }, NULL, "1" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_CHOICE, .code = 5 }, codes, "5" },
    { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_DATE, .date = 1 }, NULL, "0001-01-01" },
    { { .state = BEDSIDE_VALUE_UNKNOWN }, NULL, "unanswered" },
    { { .state = BEDSIDE_VALUE_ERROR }, NULL, "error" },
  };
  BedsideValue date = known (BEDSIDE_TYPE_DATE);
  g_autofree char *date_text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = bedside_value_to_string (&cases[i].value, cases[i].codes);
      g_assert_cmpstr (s, ==, cases[i].expected);
    }

  date.date = julian (2024, 3, 1);
  date_text = bedside_value_to_string (&date, NULL);
  g_assert_cmpstr (date_text, ==, "2024-03-01");
}

static void
test_value_type_to_string (void)
{
  g_assert_cmpstr (bedside_value_type_to_string (BEDSIDE_TYPE_INVALID), ==, "invalid");
  g_assert_cmpstr (bedside_value_type_to_string (BEDSIDE_TYPE_BOOLEAN), ==, "boolean");
  g_assert_cmpstr (bedside_value_type_to_string (BEDSIDE_TYPE_INTEGER), ==, "integer");
  g_assert_cmpstr (bedside_value_type_to_string (BEDSIDE_TYPE_DECIMAL), ==, "decimal");
  g_assert_cmpstr (bedside_value_type_to_string (BEDSIDE_TYPE_TEXT), ==, "text");
  g_assert_cmpstr (bedside_value_type_to_string (BEDSIDE_TYPE_CHOICE), ==, "choice");
  g_assert_cmpstr (bedside_value_type_to_string (BEDSIDE_TYPE_DATE), ==, "date");
  g_assert_cmpstr (bedside_value_type_to_string ((BedsideValueType) 99), ==, "invalid");
}

/* Only with -m perf: a 10-node expression should take well under 100 ns. */
static void
test_performance (void)
{
  g_autoptr(BedsideExpr) expr = NULL;
  const guint rounds = 2000000;
  gboolean is_known = FALSE;
  guint count = 0;
  gint64 start;
  double ns;

  if (!g_test_perf ())
    {
      g_test_skip ("run with -m perf");
      return;
    }

  reset_items ();
  set_decimal (ITEM_TEMP, 38.0);
  expr = compile ("age >= 18 and hepatic != 'none' and temp > 37.5 or not a");
  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      items[ITEM_AGE].integer = (gint64) (i & 63);
      count += bedside_expr_evaluate_boolean (expr, &context, &is_known);
    }
  ns = (double) (g_get_monotonic_time () - start) * 1000.0 / rounds;
  g_test_minimized_result (ns, "%.1f ns per evaluation", ns);
  g_assert_true (is_known);
  g_assert_cmpuint (count, ==, rounds / 64 * 46);
  g_assert_cmpfloat (ns, <, 1000.0);
}

int
main (int argc, char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < N_DEFS; i++)
    definitions[i] = compile (definition_sources[i]);

  g_test_add_func ("/expr/operators/comparison", test_comparison_operators);
  g_test_add_func ("/expr/operators/in", test_in_operator);
  g_test_add_func ("/expr/operators/arithmetic", test_arithmetic);
  g_test_add_func ("/expr/operators/logic", test_logic_and_names);
  g_test_add_func ("/expr/precedence", test_precedence);
  g_test_add_func ("/expr/comparisons-do-not-chain", test_comparisons_do_not_chain);
  g_test_add_func ("/expr/errors/type", test_type_errors);
  g_test_add_func ("/expr/errors/literal", test_literal_errors);
  g_test_add_func ("/expr/errors/unknown-name", test_unknown_names);
  g_test_add_func ("/expr/errors/syntax", test_syntax_errors);
  g_test_add_func ("/expr/kleene/tables", test_kleene_tables);
  g_test_add_func ("/expr/kleene/errors", test_kleene_with_errors);
  g_test_add_func ("/expr/kleene/short-circuit", test_short_circuit);
  g_test_add_func ("/expr/unknown-propagation", test_unknown_propagation);
  g_test_add_func ("/expr/answered", test_answered);
  g_test_add_func ("/expr/runtime-errors", test_runtime_errors);
  g_test_add_func ("/expr/definitions", test_definitions);
  g_test_add_func ("/expr/evaluate-boolean", test_evaluate_boolean);
  g_test_add_func ("/expr/types-and-source", test_types_and_source);
  g_test_add_func ("/expr/check-twice", test_check_twice);
  g_test_add_func ("/expr/comments", test_comments_and_whitespace);
  g_test_add_func ("/expr/limits/nesting", test_limit_nesting);
  g_test_add_func ("/expr/limits/tree-depth", test_limit_tree_depth);
  g_test_add_func ("/expr/limits/length-and-nodes", test_limit_length_and_nodes);
  g_test_add_func ("/expr/limits/long-and-chain", test_long_and_chain);
  g_test_add_func ("/expr/introspection/symbols", test_foreach_symbol);
  g_test_add_func ("/expr/introspection/constants", test_foreach_constant);
  g_test_add_func ("/expr/values/to-string", test_value_to_string);
  g_test_add_func ("/expr/values/type-to-string", test_value_type_to_string);
  g_test_add_func ("/expr/performance", test_performance);

  result = g_test_run ();

  for (guint i = 0; i < N_DEFS; i++)
    bedside_expr_free (definitions[i]);
  return result;
}
