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

/* Parses @text.  Errors carry the 1-based column in the message
 * ("column 7: expected ')'") and, where known, in *error_column. */
BedsideExpr     *bedside_expr_parse      (const char             *text,
                                          guint                  *error_column,
                                          GError                **error);
void             bedside_expr_free       (BedsideExpr            *expr);

/* Resolves names and checks types once.  After a successful check the
 * expression can be evaluated any number of times. */
gboolean         bedside_expr_check      (BedsideExpr            *expr,
                                          BedsideSymbolResolver   resolve,
                                          gpointer                user_data,
                                          GError                **error);
BedsideValueType bedside_expr_get_type   (const BedsideExpr      *expr);
const char      *bedside_expr_get_source (const BedsideExpr      *expr);

/* What evaluation reads.  Definitions are evaluated lazily and cached for
 * one evaluation: the caller clears @definition_done before each one. */
typedef struct {
  const BedsideValue  *items;              /* indexed by item index */
  BedsideExpr * const *definitions;        /* indexed by definition index */
  BedsideValue        *definition_values;  /* cache, same length */
  guint8              *definition_done;    /* 0 = not yet evaluated */
} BedsideEvalContext;

BedsideValue     bedside_expr_evaluate   (const BedsideExpr        *expr,
                                          const BedsideEvalContext *context);

/* Three-valued truth of a boolean expression: TRUE, FALSE or unknown
 * (@known set to FALSE; also for runtime errors). */
gboolean         bedside_expr_evaluate_boolean (const BedsideExpr        *expr,
                                                const BedsideEvalContext *context,
                                                gboolean                 *known);

/* Introspection for lint and traces. */
typedef void (*BedsideExprSymbolFunc)     (const BedsideSymbol *symbol,
                                           gpointer             user_data);
/* Calls @func once per reference to a name (item or definition), in source order. */
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
gboolean         bedside_expr_foreach_constant (const BedsideExpr       *expr,
                                                BedsideExprConstantFunc  func,
                                                gpointer                 user_data);

/* Formats a value for people ("yes", "12", "mild", "2024-03-01"). Choice
 * values need the codes; pass NULL otherwise. */
char            *bedside_value_to_string (const BedsideValue *value,
                                          const char * const *codes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideExpr, bedside_expr_free)

G_END_DECLS
