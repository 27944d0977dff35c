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

const char *bedside_review_status_to_string (BedsideReviewStatus status);
const char *bedside_kind_to_string          (BedsideRecommendationKind kind);
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
GType             bedside_guideline_get_type      (void) G_GNUC_CONST;

BedsideGuideline *bedside_guideline_new_from_file (const char  *path,
                                                   GError     **error);
/* @display_name is used in messages ("FILE:LINE: ..."). */
BedsideGuideline *bedside_guideline_new_from_data (const char  *data,
                                                   gsize        length,
                                                   const char  *display_name,
                                                   GError     **error);
BedsideGuideline *bedside_guideline_ref           (BedsideGuideline *self);
void              bedside_guideline_unref         (BedsideGuideline *self);

const char         *bedside_guideline_get_path         (const BedsideGuideline *self);
const char         *bedside_guideline_get_id           (const BedsideGuideline *self);
const char         *bedside_guideline_get_version      (const BedsideGuideline *self);
const char         *bedside_guideline_get_title        (const BedsideGuideline *self);
const char         *bedside_guideline_get_summary      (const BedsideGuideline *self);
BedsideReviewStatus bedside_guideline_get_status       (const BedsideGuideline *self);
const char         *bedside_guideline_get_review_date  (const BedsideGuideline *self);
const char         *bedside_guideline_get_next_review  (const BedsideGuideline *self);
const char * const *bedside_guideline_get_reviewers    (const BedsideGuideline *self);
const char         *bedside_guideline_get_audience     (const BedsideGuideline *self);
const char         *bedside_guideline_get_population   (const BedsideGuideline *self);
const char         *bedside_guideline_get_disclaimer   (const BedsideGuideline *self);
const char         *bedside_guideline_get_language     (const BedsideGuideline *self);
/* -1 when the guideline sets no readability limit. */
double              bedside_guideline_get_max_grade    (const BedsideGuideline *self);
/* Whether a review due on @next_review (YYYY-MM-DD; NULL: none is set) is
 * overdue on @date (YYYY-MM-DD; NULL: today, local time): TRUE only when
 * @date is after it.  A date that is not YYYY-MM-DD counts as overdue, so a
 * wrong date never hides the warning. */
gboolean            bedside_review_is_overdue          (const char             *next_review,
                                                        const char             *date);
/* bedside_review_is_overdue() of the guideline's next review. */
gboolean            bedside_guideline_is_review_overdue (const BedsideGuideline *self,
                                                         const char             *date);
/* SHA-256 of the file's bytes, lower-case hex. */
const char         *bedside_guideline_get_sha256       (const BedsideGuideline *self);

guint                        bedside_guideline_get_n_sections        (const BedsideGuideline *self);
const BedsideSection        *bedside_guideline_get_section           (const BedsideGuideline *self, guint index);
guint                        bedside_guideline_get_n_items           (const BedsideGuideline *self);
const BedsideItem           *bedside_guideline_get_item              (const BedsideGuideline *self, guint index);
const BedsideItem           *bedside_guideline_lookup_item           (const BedsideGuideline *self, const char *id);
guint                        bedside_guideline_get_n_definitions     (const BedsideGuideline *self);
const BedsideDefinition     *bedside_guideline_get_definition        (const BedsideGuideline *self, guint index);
/* The definitions' expressions, indexed like the definitions (for BedsideEvalContext). */
BedsideExpr * const         *bedside_guideline_get_definition_exprs  (const BedsideGuideline *self);
guint                        bedside_guideline_get_n_recommendations (const BedsideGuideline *self);
const BedsideRecommendation *bedside_guideline_get_recommendation    (const BedsideGuideline *self, guint index);
const BedsideRecommendation *bedside_guideline_lookup_recommendation (const BedsideGuideline *self, const char *id);
guint                        bedside_guideline_get_n_references      (const BedsideGuideline *self);
const BedsideReference      *bedside_guideline_get_reference         (const BedsideGuideline *self, guint index);
guint                        bedside_guideline_get_n_medicines       (const BedsideGuideline *self);
const BedsideMedicine       *bedside_guideline_get_medicine          (const BedsideGuideline *self, guint index);
const BedsideMedicine       *bedside_guideline_lookup_medicine       (const BedsideGuideline *self, const char *id);
guint                        bedside_guideline_get_n_medicine_sources (const BedsideGuideline *self);
const BedsideMedicineSource *bedside_guideline_get_medicine_source   (const BedsideGuideline *self, guint index);
/* The root sequence of the decision tree (a branch with no test). */
const BedsideBranch         *bedside_guideline_get_tree              (const BedsideGuideline *self);
guint                        bedside_guideline_get_n_branches        (const BedsideGuideline *self);
const BedsideBranch         *bedside_guideline_get_branch            (const BedsideGuideline *self, guint index);

/* Folders searched for guidelines, most specific first: $BEDSIDE_GUIDELINES_DIR
 * (if set), the user's, $XDG_DATA_DIRS, then the bundled folder. */
GStrv  bedside_guideline_dup_search_dirs (void);
/* Turns a path (it contains / or ends in .xml) or an installed guideline's id
 * (its id attribute, over the library's folders: see bedside-library.h)
 * into a path. */
char  *bedside_guideline_find            (const char  *path_or_id,
                                          GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideGuideline, bedside_guideline_unref)

G_END_DECLS
