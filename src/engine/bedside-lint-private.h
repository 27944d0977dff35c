/* bedside-lint-private.h: the linter's state, shared by the simple checks and the reachability analysis. */
#pragma once

#include "bedside-lint.h"

G_BEGIN_DECLS

/* ---- limits of the reachability analysis ---------------------------- */

/* Beyond this many combinations of answers one question is not enumerated;
 * a note says so. */
#define MAX_COMBINATIONS   (G_GUINT64_CONSTANT (1) << 22)
/* A decision whose tests (with what constrains them) have at most this
 * many combinations is swept: every combination once, each taking its
 * first true branch.  That serves decisions with many branches on the
 * same items, which branch-by-branch questions would make quadratic. */
#define MAX_SWEEP          (G_GUINT64_CONSTANT (1) << 14)
/* Expression evaluations one question may spend (pruning usually keeps it
 * far lower); beyond, the question is given up with a note. */
#define MAX_EVALUATIONS    (G_GUINT64_CONSTANT (1) << 24)
/* Atoms one question may have to satisfy together. */
#define MAX_ATOMS          4096
/* Items one atom may depend on, enable-when included. */
#define MAX_CLOSURE        64

/* ---- what an expression depends on ---------------------------------- */

typedef struct {
  guint    *items;          /* read directly or through definitions; sorted */
  guint     n_items;
  guint    *defs;           /* definitions read, directly or through others */
  guint     n_defs;
  guint    *closure;        /* items plus, upstream, those their enable-when reads */
  guint     n_closure;
  gboolean  closure_done;
  gboolean  closure_huge;   /* more than MAX_CLOSURE items: closure is cut */
} Deps;

/* ---- atoms ------------------------------------------------------------ */

typedef enum {
  ATOM_TRUE,   /* the test is true (known) */
  ATOM_FALSE,  /* the test is false (known) */
  ATOM_PASS,   /* walking the decision ends without a stop or an error */
  ATOM_JOIN,   /* always holds: joins the items of a decision's tests */
} AtomKind;

typedef struct {
  AtomKind           kind;
  const BedsideExpr *expr;      /* ATOM_TRUE, ATOM_FALSE */
  const BedsideNode *node;      /* ATOM_PASS, ATOM_JOIN */
  Deps              *deps;
  guint              n_unions;  /* undo entries its push made */
} Atom;

typedef enum {
  SEARCH_SAT,
  SEARCH_UNSAT,
  SEARCH_SKIPPED,
} SearchResult;

typedef enum {
  SKIP_NONE,
  SKIP_COMBINATIONS,
  SKIP_ATOMS,
  SKIP_EVALUATIONS,
  SKIP_CLOSURE,
} SkipReason;

typedef struct {
  SearchResult result;
  SkipReason   skip;
  guint        n_vars;
  guint64      combinations;
  guint        n_inexact;       /* variables whose domain is only sampled */
  guint        first_inexact;   /* one of them, for messages */
} Outcome;

typedef struct {
  guint big;     /* G_MAXUINT: the union was a no-op */
  guint small;
} UndoEntry;

typedef enum {
  REASON_UNKNOWN,
  REASON_NEVER_TRUE,
  REASON_EARLIER,
  REASON_CONTEXT,
} Reason;

typedef struct {
  BedsideGuideline   *guideline;
  guint               n_items;
  guint               n_defs;
  guint               n_recs;
  guint               n_refs;
  GPtrArray          *issues;

  /* Dependencies: BedsideExpr * or BedsideNode * (stop) → Deps *. */
  GHashTable         *deps;
  Deps              **def_deps;
  GHashTable         *can_stop;     /* BedsideNode * → 1 (no) or 2 (yes) */
  GHashTable         *test_deps;    /* decision → Deps of its own tests */

  /* Collecting a dependency set without duplicates. */
  guint              *item_stamp;
  guint              *def_stamp;
  guint               collect_gen;
  GArray             *collect_items;
  GArray             *collect_defs;
  guint              *closure_stamp;
  guint               closure_gen;

  /* Finite domains: the values of item i are domain[start[i]] ... */
  GArray             *domain;
  guint              *domain_start;
  guint              *domain_len;
  GArray            **numbers;       /* per item: constants compared with (double) */
  GPtrArray         **texts;         /* per item: text constants */
  gboolean           *inexact;
  guint              *inexact_line;  /* an expression that made it so */
  GPtrArray          *strings;       /* text values we own */
  guint               current_line;

  /* Evaluation over a scratch assignment. */
  BedsideValue       *values;
  BedsideValue       *def_values;
  guint8             *def_done;
  BedsideEvalContext  context;

  /* Union-find over items and atoms, with undo (no path compression). */
  guint              *parent;
  guint              *size;
  guint              *next;          /* circular list of each component */
  GArray             *undo;
  Atom               *atoms;
  guint               n_atoms;
  guint               max_atoms;

  /* One search at a time uses these. */
  GArray             *search_vars;
  GPtrArray          *search_atoms;
  guint              *pos;
  guint              *pos_stamp;
  guint               pos_gen;
  GArray             *bucket_start;
  GPtrArray          *bucket_atoms;
  guint64             evaluations;
  gboolean            aborted;
  /* Sweeping: at each complete assignment, the branch the decision takes
   * is marked in sweep_reached. */
  const BedsideNode  *sweep_decision;
  const Deps         *sweep_deps;
  gboolean           *sweep_reached;
  guint               sweep_left;

  /* Results. */
  gboolean           *rec_in_tree;
  gboolean           *rec_reached;
} Lint;

static inline const BedsideItem *
get_item (Lint  *self,
          guint  index)
{
  return bedside_guideline_get_item (self->guideline, index);
}

/* bedside-lint.c */
void  bedside_lint_add_issue     (Lint                *self,
                                  BedsideLintSeverity  severity,
                                  const char          *code,
                                  guint                line,
                                  const char          *format,
                                  ...) G_GNUC_PRINTF (5, 6);
void  bedside_lint_collect_begin (Lint                *self);
void  bedside_lint_collect_deps  (Lint                *self,
                                  const Deps          *deps);
Deps *bedside_lint_collect_end   (Lint                *self);
gint  bedside_lint_compare_guint (gconstpointer        a,
                                  gconstpointer        b);
Deps *bedside_lint_expr_deps     (Lint                *self,
                                  const BedsideExpr   *expr);

/* bedside-lint-domains.c: the finite domain of every item. */
void  bedside_lint_build_domains (Lint                *self);

/* bedside-lint-reach.c: dead branches and recommendations never reached. */
void  bedside_lint_check_reachability (Lint           *self);

/* bedside-lint-reach-search.c: the atoms that hold on the way, and whether
 * they can hold together. */
gboolean bedside_lint_can_stop       (Lint              *self,
                                      const BedsideNode *node);
Atom    *bedside_lint_push_atom      (Lint              *self,
                                      AtomKind           kind,
                                      const BedsideExpr *expr,
                                      const BedsideNode *node);
void     bedside_lint_pop_atom       (Lint              *self);
Outcome  bedside_lint_check_atom     (Lint              *self,
                                      const Atom        *atom);
Outcome  bedside_lint_check_alone    (Lint              *self,
                                      Atom              *atoms,
                                      guint              n);
gboolean bedside_lint_sweep_decision (Lint              *self,
                                      const BedsideNode *decision,
                                      gboolean          *reached,
                                      Outcome           *outcome);

G_END_DECLS
