/* bedside-expr.h: the guideline expression language (parse, type-check, evaluate). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BEDSIDE_EXPR_ERROR (bedside_expr_error_quark ())

typedef enum {
  BEDSIDE_EXPR_ERROR_SYNTAX,     /* does not parse */
  BEDSIDE_EXPR_ERROR_LIMIT,      /* too long, too deep, too many nodes */
  BEDSIDE_EXPR_ERROR_UNKNOWN_NAME, /* no item, definition or medicine has the name */
  BEDSIDE_EXPR_ERROR_TYPE,       /* does not type-check */
  BEDSIDE_EXPR_ERROR_LITERAL,    /* integer overflow, bad date, unknown choice code, division by zero constant */
  BEDSIDE_EXPR_ERROR_UNUSABLE_NAME, /* the name is known but may not be used here */
} BedsideExprError;

/**
 * bedside_expr_error_quark:
 *
 * The error domain of expressions (#BedsideExprError).
 *
 * Returns: the quark of %BEDSIDE_EXPR_ERROR
 */
GQuark bedside_expr_error_quark (void);

/* Limits that keep parsing, checking and evaluation bounded for hostile input. */
#define BEDSIDE_EXPR_MAX_LENGTH 16384   /* bytes of source text */
#define BEDSIDE_EXPR_MAX_DEPTH  64      /* nesting of the tree */
#define BEDSIDE_EXPR_MAX_NODES  2048

typedef enum {
  BEDSIDE_TYPE_INVALID = 0,
  BEDSIDE_TYPE_BOOLEAN,
  BEDSIDE_TYPE_INTEGER,
  BEDSIDE_TYPE_DECIMAL,
  BEDSIDE_TYPE_TEXT,
  BEDSIDE_TYPE_CHOICE,
  BEDSIDE_TYPE_DATE,
} BedsideValueType;

/**
 * bedside_value_type_to_string:
 * @type: a value type
 *
 * Returns: (transfer none): its name: "boolean", "integer", "decimal", "text",
 *   "choice", "date" or "invalid"
 */
const char *bedside_value_type_to_string (BedsideValueType type);

typedef enum {
  BEDSIDE_VALUE_UNKNOWN = 0,  /* unanswered, or not enabled */
  BEDSIDE_VALUE_KNOWN,
  BEDSIDE_VALUE_ERROR,        /* runtime error: division by zero, overflow */
} BedsideValueState;

/* A typed value.  Values are small and copied by value; text values point
 * into storage owned by whoever made the value (the session). */
typedef struct {
  guint8 state;   /* BedsideValueState */
  guint8 type;    /* BedsideValueType, meaningful when KNOWN */
  union {
    gboolean    boolean;
    gint64      integer;
    double      decimal;
    const char *text;
    gint        code;     /* index into the choice item's codes */
    gint32      date;     /* days since 0001-01-01 (GDate julian day) */
  };
} BedsideValue;

#define BEDSIDE_VALUE_INIT_UNKNOWN { .state = BEDSIDE_VALUE_UNKNOWN }

/**
 * bedside_value_boolean:
 * @b: a truth value
 *
 * Returns: a known boolean value
 */
static inline BedsideValue
bedside_value_boolean (gboolean b)
{
  BedsideValue v = { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_BOOLEAN };
  v.boolean = !!b;
  return v;
}

/* What a name in an expression refers to, filled in by the resolver. */
typedef struct {
  BedsideValueType    type;
  gboolean            is_definition;  /* a named <define>, else an item */
  guint               index;          /* item index or definition index */
  const char * const *codes;          /* choice only: the allowed codes */
  guint               n_codes;
} BedsideSymbol;

/* Returns FALSE when @name is unknown (or not visible from here). May set
 * @error itself to explain why (e.g. "refers to a later item"); if it returns
 * FALSE without setting @error the checker reports an unknown name. */
typedef gboolean (*BedsideSymbolResolver) (const char     *name,
                                           BedsideSymbol  *symbol,
                                           gpointer        user_data,
                                           GError        **error);

typedef struct _BedsideExpr BedsideExpr;

/**
 * bedside_expr_parse:
 * @text: the expression's source
 * @error_column: (out) (optional): where known, the 1-based column of the
 *   error
 * @error: BEDSIDE_EXPR_ERROR_SYNTAX, _LIMIT or _LITERAL; the message carries
 *   the column ("column 7: expected ')'")
 *
 * Parses @text into a tree; names are resolved by bedside_expr_check().
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL with @error
 *   set
 */
BedsideExpr     *bedside_expr_parse      (const char             *text,
                                          guint                  *error_column,
                                          GError                **error);

/**
 * bedside_expr_free:
 * @expr: (nullable) (transfer full): an expression
 */
void             bedside_expr_free       (BedsideExpr            *expr);

/**
 * bedside_expr_check:
 * @expr: a parsed expression
 * @resolve: (scope call): finds what each name refers to
 * @user_data: (closure resolve): for @resolve
 * @error: BEDSIDE_EXPR_ERROR_UNKNOWN_NAME, _UNUSABLE_NAME, _TYPE or _LITERAL,
 *   or the resolver's own error
 *
 * Resolves names and checks types once.  After a successful check the
 * expression can be evaluated any number of times.
 *
 * Returns: TRUE when the expression is well typed
 */
gboolean         bedside_expr_check      (BedsideExpr            *expr,
                                          BedsideSymbolResolver   resolve,
                                          gpointer                user_data,
                                          GError                **error);

/**
 * bedside_expr_get_type:
 * @expr: a checked expression
 *
 * Returns: the type of its value
 */
BedsideValueType bedside_expr_get_type   (const BedsideExpr      *expr);

/**
 * bedside_expr_get_source:
 * @expr: an expression
 *
 * Returns: (transfer none): the text it was parsed from, owned by @expr
 */
const char      *bedside_expr_get_source (const BedsideExpr      *expr);

/* What evaluation reads.  Definitions are evaluated lazily and cached for
 * one evaluation: the caller clears @definition_done before each one. */
typedef struct {
  const BedsideValue  *items;              /* indexed by item index */
  BedsideExpr * const *definitions;        /* indexed by definition index */
  BedsideValue        *definition_values;  /* cache, same length */
  guint8              *definition_done;    /* 0 = not yet evaluated */
} BedsideEvalContext;

/**
 * bedside_expr_evaluate:
 * @expr: a checked expression
 * @context: the values it reads; the caller clears
 *   @context->definition_done before each evaluation
 *
 * Returns: its value: UNKNOWN when it depends on an unknown one, ERROR on a
 *   runtime error (division by zero, overflow)
 */
BedsideValue     bedside_expr_evaluate   (const BedsideExpr        *expr,
                                          const BedsideEvalContext *context);

/**
 * bedside_expr_evaluate_boolean:
 * @expr: a checked boolean expression
 * @context: the values it reads
 * @known: (out) (optional): set to FALSE when the truth is unknown (also for
 *   runtime errors)
 *
 * Three-valued truth of a boolean expression: TRUE, FALSE or unknown.
 *
 * Returns: the truth, FALSE when unknown
 */
gboolean         bedside_expr_evaluate_boolean (const BedsideExpr        *expr,
                                                const BedsideEvalContext *context,
                                                gboolean                 *known);

/* Introspection for lint and traces. */
typedef void (*BedsideExprSymbolFunc)     (const BedsideSymbol *symbol,
                                           gpointer             user_data);

/**
 * bedside_expr_foreach_symbol:
 * @expr: a checked expression
 * @func: (scope call): called once per reference to a name (item or
 *   definition), in source order
 * @user_data: (closure func): for @func
 *
 * Introspection for lint and traces.
 */
void             bedside_expr_foreach_symbol (const BedsideExpr     *expr,
                                              BedsideExprSymbolFunc  func,
                                              gpointer               user_data);

/* Calls @func for each comparison of a symbol with a constant
 * (`age >= 18`, `hepatic = 'mild'`, `x in (1, 2)`): the constants the
 * domain must be split at.  @exact is FALSE when the expression also uses the
 * symbol in a way that constants cannot describe (arithmetic, comparison with
 * another symbol) so an analysis that relies on the split is approximate. */
typedef void (*BedsideExprConstantFunc)   (const BedsideSymbol *symbol,
                                           const BedsideValue  *constant,
                                           gpointer             user_data);

/**
 * bedside_expr_foreach_constant:
 * @expr: a checked expression
 * @func: (scope call): called for each comparison of a symbol with a constant
 * @user_data: (closure func): for @func
 *
 * Calls @func for each comparison of a symbol with a constant (`age >= 18`,
 * `hepatic = 'mild'`, `x in (1, 2)`): the constants the domain must be split
 * at.
 *
 * Returns: FALSE when the expression also uses a symbol in a way that
 *   constants cannot describe (arithmetic, comparison with another symbol), so
 *   an analysis that relies on the split is approximate; else TRUE
 */
gboolean         bedside_expr_foreach_constant (const BedsideExpr       *expr,
                                                BedsideExprConstantFunc  func,
                                                gpointer                 user_data);

/**
 * bedside_value_to_string:
 * @value: a value
 * @codes: (nullable) (array zero-terminated=1): a choice item's codes; %NULL
 *   for other values
 *
 * Formats a value for people ("yes", "12", "mild", "2024-03-01";
 * "unanswered" when it is unknown).
 *
 * Returns: (transfer full): the text
 */
char            *bedside_value_to_string (const BedsideValue *value,
                                          const char * const *codes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideExpr, bedside_expr_free)

G_END_DECLS
