/* fuzz-expr.c: libFuzzer target for the expression language: the input is
 * the source text; it is parsed, checked against a fixed set of names of
 * every type, introspected as lint does, and evaluated over answers that
 * include unknowns, zeros and the extremes of each type. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"

#include "bedside-expr.h"

enum { ITEM_A, ITEM_B, ITEM_AGE, ITEM_TEMP, ITEM_HEPATIC, ITEM_NAME, ITEM_ONSET, N_ITEMS };
enum { DEF_ADULT, DEF_DOUBLE_AGE, DEF_RATIO, N_DEFS };

static const char * const hepatic_codes[] = { "none", "mild", "moderate_severe", NULL };

typedef struct {
  const char         *name;
  BedsideValueType    type;
  gboolean            is_definition;
  guint               index;
  const char * const *codes;
  guint               n_codes;
} FuzzSymbol;

static const FuzzSymbol symbols[] = {
  { "a", BEDSIDE_TYPE_BOOLEAN, FALSE, ITEM_A, NULL, 0 },
  { "b", BEDSIDE_TYPE_BOOLEAN, FALSE, ITEM_B, NULL, 0 },
  { "age", BEDSIDE_TYPE_INTEGER, FALSE, ITEM_AGE, NULL, 0 },
  { "temp", BEDSIDE_TYPE_DECIMAL, FALSE, ITEM_TEMP, NULL, 0 },
  { "hepatic", BEDSIDE_TYPE_CHOICE, FALSE, ITEM_HEPATIC, hepatic_codes, 3 },
  { "name", BEDSIDE_TYPE_TEXT, FALSE, ITEM_NAME, NULL, 0 },
  { "onset", BEDSIDE_TYPE_DATE, FALSE, ITEM_ONSET, NULL, 0 },
  { "adult", BEDSIDE_TYPE_BOOLEAN, TRUE, DEF_ADULT, NULL, 0 },
  { "double_age", BEDSIDE_TYPE_INTEGER, TRUE, DEF_DOUBLE_AGE, NULL, 0 },
  { "ratio", BEDSIDE_TYPE_DECIMAL, TRUE, DEF_RATIO, NULL, 0 },
};

static const char * const definition_sources[N_DEFS] = {
  "age >= 18",
  "age * 2",
  "temp / age",
};

static BedsideExpr *definitions[N_DEFS];

static gboolean
resolve (const char *name, BedsideSymbol *symbol, gpointer user_data, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_str_equal (name, symbols[i].name))
      {
        symbol->type = symbols[i].type;
        symbol->is_definition = symbols[i].is_definition;
        symbol->index = symbols[i].index;
        symbol->codes = symbols[i].codes;
        symbol->n_codes = symbols[i].n_codes;
        return TRUE;
      }
  return FALSE;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_make_warnings_fatal ();
  for (guint i = 0; i < N_DEFS; i++)
    {
      definitions[i] = bedside_expr_parse (definition_sources[i], NULL, NULL);
      g_assert_nonnull (definitions[i]);
      g_assert_true (bedside_expr_check (definitions[i], resolve, NULL, NULL));
    }
  return 0;
}

static void
on_symbol (const BedsideSymbol *symbol, gpointer user_data)
{
  g_assert (symbol->index < (symbol->is_definition ? N_DEFS : N_ITEMS));
}

static void
on_constant (const BedsideSymbol *symbol, const BedsideValue *constant, gpointer user_data)
{
  g_autofree char *text = bedside_value_to_string (constant, symbol->codes);
  g_assert_nonnull (text);
}

static void
evaluate_with (const BedsideExpr *expr, const BedsideValue *items)
{
  BedsideValue definition_values[N_DEFS];
  guint8 definition_done[N_DEFS] = { 0 };
  BedsideEvalContext context = { items, definitions, definition_values, definition_done };
  BedsideValue value = bedside_expr_evaluate (expr, &context);
  gboolean known;

  if (value.state == BEDSIDE_VALUE_KNOWN)
    {
      g_autofree char *text = NULL;

      /* A known value has the type the checker promised. */
      g_assert_cmpint (value.type, ==, bedside_expr_get_type (expr));
      text = bedside_value_to_string (&value, value.type == BEDSIDE_TYPE_CHOICE ? hepatic_codes : NULL);
    }
  if (bedside_expr_get_type (expr) == BEDSIDE_TYPE_BOOLEAN)
    {
      memset (definition_done, 0, sizeof definition_done);
      bedside_expr_evaluate_boolean (expr, &context, &known);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(BedsideExpr) expr = NULL;
  g_autoptr(GError) error = NULL;
  guint column = 0;
  BedsideValue items[N_ITEMS];
  GDate date;

  expr = bedside_expr_parse (text, &column, &error);
  g_assert ((expr == NULL) == (error != NULL));
  if (expr == NULL)
    return 0;
  g_assert_cmpstr (bedside_expr_get_source (expr), !=, NULL);
  if (!bedside_expr_check (expr, resolve, NULL, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }

  bedside_expr_foreach_symbol (expr, on_symbol, NULL);
  bedside_expr_foreach_constant (expr, on_constant, NULL);

  /* Nothing answered. */
  for (guint i = 0; i < N_ITEMS; i++)
    items[i] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
  evaluate_with (expr, items);

  /* Ordinary answers. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 29, G_DATE_FEBRUARY, 2024);
  items[ITEM_A] = bedside_value_boolean (TRUE);
  items[ITEM_B] = bedside_value_boolean (FALSE);
  items[ITEM_AGE] = (BedsideValue) { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_INTEGER, .integer = 40 };
  items[ITEM_TEMP] = (BedsideValue) { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_DECIMAL, .decimal = 37.5 };
  items[ITEM_HEPATIC] = (BedsideValue) { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_CHOICE, .code = 1 };
  items[ITEM_NAME] = (BedsideValue) { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_TEXT, .text = "Ada" };
  items[ITEM_ONSET] = (BedsideValue) { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_DATE, .date = (gint32) g_date_get_julian (&date) };
  evaluate_with (expr, items);

  /* Zeros: division by zero. */
  items[ITEM_AGE].integer = 0;
  items[ITEM_TEMP].decimal = 0.0;
  items[ITEM_HEPATIC].code = 0;
  items[ITEM_NAME].text = "";
  items[ITEM_ONSET].date = 1;
  evaluate_with (expr, items);

  /* Extremes: overflow in arithmetic and in dates. */
  items[ITEM_AGE].integer = G_MAXINT64;
  items[ITEM_TEMP].decimal = G_MAXDOUBLE;
  items[ITEM_HEPATIC].code = 2;
  g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 9999);   /* the latest date an answer can hold */
  items[ITEM_ONSET].date = (gint32) g_date_get_julian (&date);
  evaluate_with (expr, items);
  items[ITEM_AGE].integer = G_MININT64;
  items[ITEM_TEMP].decimal = -G_MAXDOUBLE;
  evaluate_with (expr, items);
  return 0;
}
