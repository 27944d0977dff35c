/* bedside-lint-private.h: the linter's state, shared by the simple checks and the reachability analysis. */
#pragma once

#include "bedside-lint.h"

G_BEGIN_DECLS

/* ---- limits of the reachability analysis ---------------------------- */

/* Beyond this many combinations of answers one question is not enumerated;
 * a note says so.  Far fewer are ever visited: the search cuts an
 * assignment as soon as one atom fails, often before the atom is complete
 * (see search_from), so MAX_EVALUATIONS is what bounds a question. */
#define MAX_COMBINATIONS_LOG2 60
#define MAX_COMBINATIONS   (G_GUINT64_CONSTANT (1) << MAX_COMBINATIONS_LOG2)
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
  guint8    monotone;       /* 0: not yet known; 1: no answered() (see search_from); 2: answered() */
} Deps;

/* ---- atoms ------------------------------------------------------------ */

typedef enum {
  ATOM_TRUE,   /* the test is true (known) */
  ATOM_FALSE,  /* the test is false (known) */
  ATOM_PASS,   /* walking the decision ends without a stop or an error */
  ATOM_JOIN,   /* always holds: joins the items of a decision's tests */
  ATOM_NOT_TRUE, /* the expression is false or unknown: an item's enable-when, for "not asked" */
} AtomKind;

typedef struct {
  AtomKind           kind;
  const BedsideExpr *expr;      /* ATOM_TRUE, ATOM_FALSE */
  const BedsideNode *node;      /* ATOM_PASS, ATOM_JOIN */
  Deps              *deps;
  guint              n_unions;  /* undo entries its push made */
  guint64            serial;    /* unique over the run: the stack up to it is one context */
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

/* ---- the medicine proof (bedside-lint-medicines.c) -------------------- */

typedef enum {
  PROOF_OPEN        = 0,        /* no gap found (yet) */
  PROOF_GAP         = 1 << 0,   /* a gap was reported */
  PROOF_SKIPPED     = 1 << 1,   /* a question was too large somewhere */
  PROOF_APPROXIMATE = 1 << 2,   /* "no gap" rests on sampled values somewhere */
} ProofState;

/* An item a medicine's record reads that is not always asked. */
typedef struct {
  guint    item;
  gboolean caution_only;   /* read only by cautions: needed where the medicine is kept */
  guint8   state;          /* ProofState */
  guint    where;          /* the recommendation where it was skipped or approximate */
  Outcome  outcome;        /* ... and how */
} ProofItem;

typedef struct {
  ProofItem *items;
  guint      n_items;
  gboolean   can_be_kept;       /* some place offers it with no reason against it */
  gboolean  *caution_can_hold;  /* per caution: its @when can hold where it is kept */
} MedicineFacts;

typedef struct {
  BedsideGuideline   *guideline;
  guint               n_items;
  guint               n_defs;
  guint               n_recs;
  guint               n_refs;
  guint               n_medicines;
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
  guint64             push_serial;

  /* One search at a time uses these. */
  GArray             *search_vars;
  GPtrArray          *search_atoms;
  guint              *pos;
  guint              *pos_stamp;
  guint               pos_gen;
  GArray             *bucket_start;
  GPtrArray          *bucket_atoms;
  GArray             *early_start;   /* by depth: atoms that may fail before they are complete */
  GPtrArray          *early_atoms;
  guint64             evaluations;
  gboolean            aborted;
  /* Sweeping: at each complete assignment, the branch the decision takes
   * is marked in sweep_reached. */
  const BedsideNode  *sweep_decision;
  const Deps         *sweep_deps;
  gboolean           *sweep_reached;
  guint               sweep_left;
  /* An example: a satisfying search copies its answers into witness
   * (stamped with witness_gen) when capture is set. */
  gboolean            capture;
  BedsideValue       *witness;
  guint              *witness_stamp;
  guint               witness_gen;

  /* Results. */
  gboolean           *rec_in_tree;
  gboolean           *rec_reached;
  MedicineFacts      *medicines;
  /* (context, item) pairs the proof has shown asked: the same context
   * comes back for each medicine a recommendation offers and for
   * recommendations side by side. */
  GHashTable         *proven;
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
guint bedside_lint_recommendation_line (Lint                        *self,
                                        const BedsideRecommendation *rec,
                                        char                       **where);

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
gboolean bedside_lint_find_example   (Lint              *self);
Outcome  bedside_lint_check_alone    (Lint              *self,
                                      Atom              *atoms,
                                      guint              n);
gboolean bedside_lint_sweep_decision (Lint              *self,
                                      const BedsideNode *decision,
                                      gboolean          *reached,
                                      Outcome           *outcome);

/* bedside-lint-medicines.c: the proof that a medicine's record can always
 * be decided where it is offered, and medicines named in texts. */
void     bedside_lint_medicines_init   (Lint              *self);
void     bedside_lint_medicines_clear  (Lint              *self);
guint    bedside_lint_medicines_max_atoms (Lint           *self);
gboolean bedside_lint_reach_medicines  (Lint              *self,
                                        guint              recommendation,
                                        const BedsideNode *node);
void     bedside_lint_medicines_finish (Lint              *self);
void     bedside_lint_check_mentions   (Lint              *self);
const BedsideCondition *bedside_lint_medicine_condition (const BedsideMedicine *medicine,
                                                         guint                  k);

G_END_DECLS
