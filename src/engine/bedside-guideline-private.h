/* bedside-guideline-private.h: the guideline's fields and what the engine's files share about a guideline (no libxml2: the loader's state is in bedside-guideline-loader-private.h). */
#pragma once

#include "bedside-guideline.h"

G_BEGIN_DECLS

/* Parses a strict ISO date (YYYY-MM-DD) into a GDate julian day. */
gboolean bedside_parse_iso_date (const char *text,
                                 gint32     *julian);

/* What a name in an expression stands for. */
typedef struct
{
  gboolean is_definition;
  guint    index;
  guint    line;
} NameTarget;

/* The guideline's fields: the loader fills them, the accessors read them. */
struct _BedsideGuideline
{
  gatomicrefcount        ref_count;

  char                  *path;
  char                  *display_name;
  char                  *sha256;

  char                  *id;
  char                  *version;
  char                  *language;
  char                  *title;
  char                  *summary;
  BedsideReviewStatus    status;
  char                  *review_date;
  char                  *next_review;
  GPtrArray             *reviewers;      /* NULL-terminated char * */
  char                  *audience;
  char                  *population;
  char                  *disclaimer;
  double                 max_grade;

  GPtrArray             *references;     /* BedsideReference * */
  GPtrArray             *sections;       /* BedsideSection * */
  GPtrArray             *items;          /* BedsideItem * */
  GPtrArray             *definitions;    /* BedsideDefinition * */
  GPtrArray             *definition_exprs; /* BedsideExpr *, not owned */
  GPtrArray             *recommendations; /* BedsideRecommendation * */
  GPtrArray             *branches;       /* BedsideBranch *, not owned, by index */
  GPtrArray             *medicines;      /* BedsideMedicine * */
  GPtrArray             *medicine_sources; /* BedsideMedicineSource * */
  GHashTable            *medicine_ids;   /* id → BedsideMedicine * */
  GHashTable            *medicine_groups; /* group id → itself, groups of used medicines */
  BedsideBranch         *tree;

  GHashTable            *names;          /* item and definition ids → BedsideSymbolTarget */
  GHashTable            *recommendation_ids;
  GHashTable            *reference_ids;
};

extern const char * const bedside_status_names[BEDSIDE_STATUS_RETIRED + 1];
extern const char * const bedside_kind_names[BEDSIDE_N_KINDS];
extern const char * const bedside_topic_names[BEDSIDE_TOPIC_SAFETY_NET + 1];

void bedside_reference_free      (BedsideReference      *ref);
void bedside_section_free        (BedsideSection        *section);
void bedside_item_free           (BedsideItem           *item);
void bedside_definition_free     (BedsideDefinition     *def);
void bedside_recommendation_free (BedsideRecommendation *rec);
void bedside_medicine_free       (BedsideMedicine       *medicine);
void bedside_medicine_source_free (BedsideMedicineSource *source);
void bedside_condition_clear     (BedsideCondition      *condition);

/* bedside-guideline.c */
gboolean bedside_guideline_read_file (const char  *path,
                                      char       **contents,
                                      gsize       *length,
                                      GError     **error);

/* bedside-guideline-loader-xml.c */
gboolean bedside_is_valid_id   (const char *id);

G_END_DECLS
