/* bedside-guideline.h: a guideline loaded from XML, checked, and read-only after. */
#pragma once

#include <glib.h>
#include <glib-object.h>

#include "bedside-expr.h"

G_BEGIN_DECLS

#define BEDSIDE_GUIDELINE_ERROR (bedside_guideline_error_quark ())

typedef enum {
  BEDSIDE_GUIDELINE_ERROR_IO,                /* cannot read, a directory, ... */
  BEDSIDE_GUIDELINE_ERROR_TOO_LARGE,         /* file size, nesting depth */
  BEDSIDE_GUIDELINE_ERROR_ENCODING,          /* not UTF-8, NUL bytes */
  BEDSIDE_GUIDELINE_ERROR_MALFORMED,         /* not well-formed XML */
  BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,         /* DOCTYPE, entities, XInclude */
  BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
  BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,     /* unknown, missing or bad value */
  BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
  BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE, /* item, recommendation, reference */
  BEDSIDE_GUIDELINE_ERROR_EXPRESSION,        /* does not parse or type-check */
  BEDSIDE_GUIDELINE_ERROR_MISSING_OTHERWISE,
  BEDSIDE_GUIDELINE_ERROR_SCHEMA,            /* anything else the RELAX NG schema refuses */
  BEDSIDE_GUIDELINE_ERROR_NOT_FOUND,         /* no bundled guideline of that id */
} BedsideGuidelineError;

/**
 * bedside_guideline_error_quark:
 *
 * The error domain of guideline files (#BedsideGuidelineError).
 *
 * Returns: the quark of %BEDSIDE_GUIDELINE_ERROR
 */
GQuark bedside_guideline_error_quark (void);

#define BEDSIDE_GUIDELINE_NAMESPACE   "urn:bedside:guideline:1"
#define BEDSIDE_GUIDELINE_MAX_SIZE    (8 * 1024 * 1024)
#define BEDSIDE_GUIDELINE_MAX_DEPTH   64
#define BEDSIDE_GUIDELINE_MAX_ERRORS  20

typedef enum {
  BEDSIDE_STATUS_DRAFT,
  BEDSIDE_STATUS_UNDER_REVIEW,
  BEDSIDE_STATUS_APPROVED,
  BEDSIDE_STATUS_RETIRED,
} BedsideReviewStatus;

typedef enum {
  BEDSIDE_KIND_URGENT,
  BEDSIDE_KIND_DO,
  BEDSIDE_KIND_CONSIDER,
  BEDSIDE_KIND_AVOID,
  BEDSIDE_KIND_CAUTION,
  BEDSIDE_KIND_INFO,
  BEDSIDE_N_KINDS
} BedsideRecommendationKind;

typedef enum {
  BEDSIDE_TOPIC_GENERAL,
  BEDSIDE_TOPIC_ACTIVITY,
  BEDSIDE_TOPIC_MEDICINE,
  BEDSIDE_TOPIC_REFERRAL,
  BEDSIDE_TOPIC_FOLLOW_UP,
  BEDSIDE_TOPIC_SAFETY_NET,
} BedsideTopic;

/**
 * bedside_review_status_to_string:
 * @status: a review status
 *
 * Returns: (transfer none): its name in the guideline format: "draft",
 *   "under-review", "approved" or "retired"
 */
const char *bedside_review_status_to_string (BedsideReviewStatus status);

/**
 * bedside_kind_to_string:
 * @kind: a recommendation kind
 *
 * Returns: (transfer none): its name in the guideline format: "urgent", "do",
 *   "consider", "avoid", "caution" or "info"
 */
const char *bedside_kind_to_string          (BedsideRecommendationKind kind);

/**
 * bedside_topic_to_string:
 * @topic: a recommendation topic
 *
 * Returns: (transfer none): its name in the guideline format: "general",
 *   "activity", "medicine", "referral", "follow-up" or "safety-net"
 */
const char *bedside_topic_to_string         (BedsideTopic topic);

/* The structures below are owned by the guideline and read-only. */

typedef struct {
  char  *id;
  char  *text;
  guint  index;
  guint  line;
} BedsideReference;

typedef struct {
  char *code;
  char *label;
} BedsideOption;

typedef struct {
  char             *id;
  guint             index;          /* position in questionnaire order */
  guint             section;        /* index of its section */
  guint             line;
  BedsideValueType  type;
  gboolean          required;
  gboolean          has_min;
  gboolean          has_max;
  double            min;
  double            max;
  char             *unit;
  char             *label;
  char             *short_label;    /* "leg weakness": how reasons name it; may be NULL */
  char             *help;
  BedsideOption    *options;
  guint             n_options;
  const char      **codes;          /* NULL-terminated, choice only */
  BedsideExpr      *enable_when;    /* NULL: always enabled */
} BedsideItem;

typedef struct {
  char  *id;
  char  *title;
  char  *description;
  guint  index;
  guint  first_item;
  guint  n_items;
  guint  line;
} BedsideSection;

typedef struct {
  char        *id;
  guint        index;
  guint        line;
  BedsideExpr *expr;
  gint         last_item;   /* highest item index it depends on, -1 if none */
} BedsideDefinition;

/* A contraindication or a caution attached to a recommendation (format 1
 * and 2), or a reason against a medicine or one of its cautions (a medicine
 * record, format 2). */
typedef struct {
  BedsideExpr *when;        /* NULL: a record's caution that has only @with */
  guint        note;        /* index of the recommendation added */
  char        *reason;      /* clinician text; may be NULL */
  guint        line;
  /* Medicine records only (NULL/0/-1 on a recommendation's own). */
  char        *id;          /* the reason's id within its record, may be NULL */
  char        *patient;     /* the patient's own reason ("you are pregnant"), may be NULL */
  guint       *citations;   /* reference indices */
  guint        n_citations;
  guint       *with;        /* medicine indices: the caution holds only when one of them is offered in the plan too */
  guint        n_with;
  gint         medicine;    /* index of the medicine whose record holds it, or -1 */
} BedsideCondition;

/* A medicine's safety record, from a records file the guideline uses
 * (format 2): doses, reasons against it, cautions.  A group's reasons and
 * cautions are copied into each of its medicines, group's first. */
typedef struct {
  char             *id;
  guint             index;
  guint             line;
  guint             source;          /* index of its records file (bedside_guideline_get_medicine_source) */
  char             *name;            /* "Ibuprofen" */
  char             *group;           /* group id ("nsaid"), may be NULL */
  char             *group_name;      /* "NSAID", may be NULL */
  char             *dose;            /* clinician: adult dose */
  char             *max_daily;       /* clinician: maximum daily dose */
  char             *course;          /* clinician: course length */
  char             *strength;        /* patient: "200 mg tablet" (a strength sold in the US) */
  gboolean          prescription;    /* that strength needs a prescription */
  char             *patient_dose;    /* patient: "1 or 2 tablets every 4 to 6 hours" */
  char             *patient_max;     /* patient: "at most 6 tablets a day" */
  BedsideCondition *against;         /* reasons against, in order */
  guint             n_against;
  BedsideCondition *cautions;
  guint             n_cautions;
} BedsideMedicine;

/* A records file a guideline uses. */
typedef struct {
  char  *id;
  char  *version;
  char  *path;
  char  *sha256;                     /* of the file's bytes, lower-case hex */
} BedsideMedicineSource;

typedef struct {
  char                      *id;
  guint                      index;
  guint                      line;
  BedsideRecommendationKind  kind;
  BedsideTopic               topic;
  char                      *title;
  char                      *clinician;
  char                      *dose;
  char                      *duration;
  char                      *patient_title;
  char                      *patient;
  char                      *patient_dose;
  char                      *patient_duration;
  char                      *patient_watch;
  char                      *evidence_quality;   /* NULL if not given */
  char                      *evidence_strength;
  char                      *evidence_note;
  guint                     *citations;          /* reference indices */
  guint                      n_citations;
  BedsideCondition          *contraindications;
  guint                      n_contraindications;
  BedsideCondition          *cautions;
  guint                      n_cautions;
  guint                     *requires;           /* recommendation indices */
  guint                      n_requires;
  guint                     *offers;             /* medicine indices (format 2) */
  guint                      n_offers;
  char                     **mentions;           /* medicine or group ids named in the text but not offered, NULL-terminated or NULL */
  gint                       record_medicine;    /* a note of a medicine record: the medicine's index (first one that names it), else -1 */
} BedsideRecommendation;

typedef enum {
  BEDSIDE_NODE_RECOMMEND,
  BEDSIDE_NODE_DECISION,
  BEDSIDE_NODE_STOP,
} BedsideNodeType;

typedef struct _BedsideNode   BedsideNode;
typedef struct _BedsideBranch BedsideBranch;

/* A branch, an otherwise, or the root sequence of the tree. */
struct _BedsideBranch {
  char          *id;          /* may be NULL */
  char          *label;       /* may be NULL */
  char          *pathway;     /* may be NULL */
  BedsideExpr   *when;        /* NULL for otherwise and for the root */
  BedsideNode  **children;
  guint          n_children;
  guint          index;       /* unique over the tree; the root is 0 */
  guint          line;
  BedsideNode   *decision;    /* the decision it belongs to; NULL for root */
  BedsideBranch *parent;      /* the branch that holds that decision */
};

struct _BedsideNode {
  BedsideNodeType  type;
  guint            line;
  /* BEDSIDE_NODE_RECOMMEND */
  guint            recommendation;
  /* BEDSIDE_NODE_DECISION */
  char            *id;
  char            *label;
  BedsideBranch  **branches;  /* the otherwise is last */
  guint            n_branches;
};

typedef struct _BedsideGuideline BedsideGuideline;

/* A boxed type (reference-counted), so that properties and signals can
 * carry a guideline. */
#define BEDSIDE_TYPE_GUIDELINE (bedside_guideline_get_type ())

/**
 * bedside_guideline_get_type:
 *
 * A boxed type (reference-counted), so that properties and signals can carry
 * a guideline.
 *
 * Returns: the #GType of #BedsideGuideline
 */
GType             bedside_guideline_get_type      (void) G_GNUC_CONST;

/**
 * bedside_guideline_new_from_file:
 * @path: a guideline file
 * @error: every problem, "FILE:LINE: message", one per line (at most
 *   %BEDSIDE_GUIDELINE_MAX_ERRORS); the code is the first problem's
 *
 * Reads, checks and compiles a guideline, and the medicine records it uses.
 *
 * Returns: (transfer full) (nullable): the guideline, or %NULL with @error set
 */
BedsideGuideline *bedside_guideline_new_from_file (const char  *path,
                                                   GError     **error);

/**
 * bedside_guideline_new_from_data:
 * @data: (array length=length): the guideline's XML
 * @length: its length in bytes
 * @display_name: (nullable): the name in messages ("FILE:LINE: ...")
 * @error: as bedside_guideline_new_from_file()
 *
 * A guideline from memory has no folder: one that uses records files is
 * refused (BEDSIDE_GUIDELINE_ERROR_IO).
 *
 * Returns: (transfer full) (nullable): the guideline, or %NULL with @error set
 */
BedsideGuideline *bedside_guideline_new_from_data (const char  *data,
                                                   gsize        length,
                                                   const char  *display_name,
                                                   GError     **error);

/**
 * bedside_guideline_ref:
 * @self: a guideline
 *
 * Returns: (transfer full): @self, with one more reference
 */
BedsideGuideline *bedside_guideline_ref           (BedsideGuideline *self);

/**
 * bedside_guideline_unref:
 * @self: (transfer full): a guideline
 *
 * Drops a reference; the last one frees the guideline.
 */
void              bedside_guideline_unref         (BedsideGuideline *self);

/**
 * bedside_guideline_get_path:
 * @self: a guideline
 *
 * Returns: (transfer none): the file it was read from, or the display name of
 *   one read from memory, owned by the guideline
 */
const char         *bedside_guideline_get_path         (const BedsideGuideline *self);

/**
 * bedside_guideline_get_id:
 * @self: a guideline
 *
 * Returns: (transfer none): its id attribute, owned by the guideline
 */
const char         *bedside_guideline_get_id           (const BedsideGuideline *self);

/**
 * bedside_guideline_get_version:
 * @self: a guideline
 *
 * Returns: (transfer none): its version, owned by the guideline
 */
const char         *bedside_guideline_get_version      (const BedsideGuideline *self);

/**
 * bedside_guideline_get_title:
 * @self: a guideline
 *
 * Returns: (transfer none): its title, owned by the guideline
 */
const char         *bedside_guideline_get_title        (const BedsideGuideline *self);

/**
 * bedside_guideline_get_summary:
 * @self: a guideline
 *
 * Returns: (transfer none) (nullable): its summary, or %NULL, owned by the
 *   guideline
 */
const char         *bedside_guideline_get_summary      (const BedsideGuideline *self);

/**
 * bedside_guideline_get_status:
 * @self: a guideline
 *
 * Returns: its review status
 */
BedsideReviewStatus bedside_guideline_get_status       (const BedsideGuideline *self);

/**
 * bedside_guideline_get_review_date:
 * @self: a guideline
 *
 * Returns: (transfer none): the date of its last review, YYYY-MM-DD, owned by
 *   the guideline
 */
const char         *bedside_guideline_get_review_date  (const BedsideGuideline *self);

/**
 * bedside_guideline_get_next_review:
 * @self: a guideline
 *
 * Returns: (transfer none) (nullable): the date its next review is due,
 *   YYYY-MM-DD, or %NULL when none is set, owned by the guideline
 */
const char         *bedside_guideline_get_next_review  (const BedsideGuideline *self);

/**
 * bedside_guideline_get_reviewers:
 * @self: a guideline
 *
 * Returns: (transfer none) (array zero-terminated=1): its reviewers' names,
 *   owned by the guideline; empty when it names none
 */
const char * const *bedside_guideline_get_reviewers    (const BedsideGuideline *self);

/**
 * bedside_guideline_get_audience:
 * @self: a guideline
 *
 * Returns: (transfer none) (nullable): whom it is for, or %NULL, owned by the
 *   guideline
 */
const char         *bedside_guideline_get_audience     (const BedsideGuideline *self);

/**
 * bedside_guideline_get_population:
 * @self: a guideline
 *
 * Returns: (transfer none) (nullable): the patients it is about, or %NULL,
 *   owned by the guideline
 */
const char         *bedside_guideline_get_population   (const BedsideGuideline *self);

/**
 * bedside_guideline_get_disclaimer:
 * @self: a guideline
 *
 * Returns: (transfer none): its disclaimer, owned by the guideline
 */
const char         *bedside_guideline_get_disclaimer   (const BedsideGuideline *self);

/**
 * bedside_guideline_get_language:
 * @self: a guideline
 *
 * Returns: (transfer none): its language code ("en" unless it says), owned by
 *   the guideline
 */
const char         *bedside_guideline_get_language     (const BedsideGuideline *self);

/**
 * bedside_guideline_get_max_grade:
 * @self: a guideline
 *
 * Returns: the highest reading grade its patient texts may have, or -1 when it
 *   sets no readability limit
 */
double              bedside_guideline_get_max_grade    (const BedsideGuideline *self);

/**
 * bedside_review_is_overdue:
 * @next_review: (nullable): the date a review is due, YYYY-MM-DD; %NULL: none
 *   is set
 * @date: (nullable): the day to judge on, YYYY-MM-DD; %NULL: today, local time
 *
 * A date that is not YYYY-MM-DD counts as overdue, so a wrong date never
 * hides the warning.
 *
 * Returns: TRUE only when @date is after @next_review
 */
gboolean            bedside_review_is_overdue          (const char             *next_review,
                                                        const char             *date);

/**
 * bedside_guideline_is_review_overdue:
 * @self: a guideline
 * @date: (nullable): the day to judge on, YYYY-MM-DD; %NULL: today
 *
 * Returns: bedside_review_is_overdue() of the guideline's next review
 */
gboolean            bedside_guideline_is_review_overdue (const BedsideGuideline *self,
                                                         const char             *date);

/**
 * bedside_guideline_get_sha256:
 * @self: a guideline
 *
 * Returns: (transfer none): the SHA-256 of the file's bytes, lower-case hex,
 *   owned by the guideline
 */
const char         *bedside_guideline_get_sha256       (const BedsideGuideline *self);

/**
 * bedside_guideline_get_n_sections:
 * @self: a guideline
 *
 * Returns: how many sections the guideline has
 */
guint                        bedside_guideline_get_n_sections        (const BedsideGuideline *self);

/**
 * bedside_guideline_get_section:
 * @self: a guideline
 * @index: from 0 to bedside_guideline_get_n_sections() - 1
 *
 * Returns: (transfer none): the section, owned by the guideline
 */
const BedsideSection        *bedside_guideline_get_section           (const BedsideGuideline *self, guint index);

/**
 * bedside_guideline_get_n_items:
 * @self: a guideline
 *
 * Returns: how many items (questions) the guideline has
 */
guint                        bedside_guideline_get_n_items           (const BedsideGuideline *self);

/**
 * bedside_guideline_get_item:
 * @self: a guideline
 * @index: from 0 to bedside_guideline_get_n_items() - 1
 *
 * Returns: (transfer none): the item, in questionnaire order, owned by the
 *   guideline
 */
const BedsideItem           *bedside_guideline_get_item              (const BedsideGuideline *self, guint index);

/**
 * bedside_guideline_lookup_item:
 * @self: a guideline
 * @id: the item's id
 *
 * Returns: (transfer none) (nullable): the item of that id, owned by the
 *   guideline, or %NULL
 */
const BedsideItem           *bedside_guideline_lookup_item           (const BedsideGuideline *self, const char *id);

/**
 * bedside_guideline_get_n_definitions:
 * @self: a guideline
 *
 * Returns: how many definitions (named conditions) the guideline has
 */
guint                        bedside_guideline_get_n_definitions     (const BedsideGuideline *self);

/**
 * bedside_guideline_get_definition:
 * @self: a guideline
 * @index: from 0 to bedside_guideline_get_n_definitions() - 1
 *
 * Returns: (transfer none): the definition, owned by the guideline
 */
const BedsideDefinition     *bedside_guideline_get_definition        (const BedsideGuideline *self, guint index);

/**
 * bedside_guideline_get_definition_exprs:
 * @self: a guideline
 *
 * The definitions' expressions, indexed like the definitions, for
 * #BedsideEvalContext.
 *
 * Returns: (transfer none) (array): the expressions, owned by the guideline
 */
BedsideExpr * const         *bedside_guideline_get_definition_exprs  (const BedsideGuideline *self);

/**
 * bedside_guideline_get_n_recommendations:
 * @self: a guideline
 *
 * Returns: how many recommendations the guideline has
 */
guint                        bedside_guideline_get_n_recommendations (const BedsideGuideline *self);

/**
 * bedside_guideline_get_recommendation:
 * @self: a guideline
 * @index: from 0 to bedside_guideline_get_n_recommendations() - 1
 *
 * Returns: (transfer none): the recommendation, owned by the guideline
 */
const BedsideRecommendation *bedside_guideline_get_recommendation    (const BedsideGuideline *self, guint index);

/**
 * bedside_guideline_lookup_recommendation:
 * @self: a guideline
 * @id: the recommendation's id
 *
 * Returns: (transfer none) (nullable): the recommendation of that id, owned by
 *   the
 *   guideline, or %NULL
 */
const BedsideRecommendation *bedside_guideline_lookup_recommendation (const BedsideGuideline *self, const char *id);

/**
 * bedside_guideline_get_n_references:
 * @self: a guideline
 *
 * Returns: how many references the guideline has
 */
guint                        bedside_guideline_get_n_references      (const BedsideGuideline *self);

/**
 * bedside_guideline_get_reference:
 * @self: a guideline
 * @index: from 0 to bedside_guideline_get_n_references() - 1
 *
 * Returns: (transfer none): the reference, owned by the guideline
 */
const BedsideReference      *bedside_guideline_get_reference         (const BedsideGuideline *self, guint index);

/**
 * bedside_guideline_get_n_medicines:
 * @self: a guideline
 *
 * Returns: how many medicines (from the records files it uses) the guideline
 *   has
 */
guint                        bedside_guideline_get_n_medicines       (const BedsideGuideline *self);

/**
 * bedside_guideline_get_medicine:
 * @self: a guideline
 * @index: from 0 to bedside_guideline_get_n_medicines() - 1
 *
 * Returns: (transfer none): the medicine's record, owned by the guideline
 */
const BedsideMedicine       *bedside_guideline_get_medicine          (const BedsideGuideline *self, guint index);

/**
 * bedside_guideline_lookup_medicine:
 * @self: a guideline
 * @id: the medicine's id
 *
 * Returns: (transfer none) (nullable): the medicine of that id, owned by the
 *   guideline, or %NULL
 */
const BedsideMedicine       *bedside_guideline_lookup_medicine       (const BedsideGuideline *self, const char *id);

/**
 * bedside_guideline_get_n_medicine_sources:
 * @self: a guideline
 *
 * Returns: how many records files the guideline has
 */
guint                        bedside_guideline_get_n_medicine_sources (const BedsideGuideline *self);

/**
 * bedside_guideline_get_medicine_source:
 * @self: a guideline
 * @index: from 0 to bedside_guideline_get_n_medicine_sources() - 1
 *
 * Returns: (transfer none): the records file, owned by the guideline
 */
const BedsideMedicineSource *bedside_guideline_get_medicine_source   (const BedsideGuideline *self, guint index);

/**
 * bedside_guideline_get_tree:
 * @self: a guideline
 *
 * Returns: (transfer none): the root sequence of the decision tree (a branch
 *   with no test), owned by the guideline
 */
const BedsideBranch         *bedside_guideline_get_tree              (const BedsideGuideline *self);

/**
 * bedside_guideline_get_n_branches:
 * @self: a guideline
 *
 * Returns: how many branches, the root included the guideline has
 */
guint                        bedside_guideline_get_n_branches        (const BedsideGuideline *self);

/**
 * bedside_guideline_get_branch:
 * @self: a guideline
 * @index: from 0 to bedside_guideline_get_n_branches() - 1
 *
 * Returns: (transfer none): the branch (by its index; the root is 0), owned by
 *   the guideline
 */
const BedsideBranch         *bedside_guideline_get_branch            (const BedsideGuideline *self, guint index);

/**
 * bedside_guideline_dup_search_dirs:
 *
 * Folders searched for guidelines, most specific first:
 * $BEDSIDE_GUIDELINES_DIR (if set), the user's, $XDG_DATA_DIRS, then the
 * bundled folder.
 *
 * Returns: (transfer full): a new array of paths
 */
GStrv  bedside_guideline_dup_search_dirs (void);

/**
 * bedside_guideline_find:
 * @path_or_id: a path (it contains / or ends in .xml), or an installed
 *   guideline's id
 * @error: BEDSIDE_GUIDELINE_ERROR_NOT_FOUND
 *
 * Turns a path or an id (its id attribute, over the library's folders: see
 * bedside-library.h) into a path.  A path is returned as it is, whether or not
 * the file exists.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL with @error set
 */
char  *bedside_guideline_find            (const char  *path_or_id,
                                          GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideGuideline, bedside_guideline_unref)

G_END_DECLS
