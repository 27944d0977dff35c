/* bedside-guideline-private.h: what only the engine's own files may call. */
#pragma once

#include <libxml/tree.h>

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

/* The loader's state while it builds one guideline. */
typedef struct
{
  BedsideGuideline *guideline;
  const char       *name;         /* for messages */
  GString          *errors;
  guint             n_errors;
  gint              first_code;
  gint              current_item; /* while checking an enable-when: its index */
  GHashTable       *tree_ids;     /* decision and branch ids */
  GArray           *failed_definitions; /* gboolean by definition index */
  gboolean          cascade;      /* the last error only repeats an earlier one */
  char             *base_dir;     /* the guideline's folder; NULL when loaded from memory */
  GHashTable       *name_map;     /* while compiling a record: its names → the guideline's */
  gboolean          in_record;    /* compiling a medicine record's condition */
  GPtrArray        *medicine_states; /* MedicineState *, by medicine index (loader-medicines.c) */
} Loader;

/* bedside-guideline.c */
gboolean bedside_guideline_read_file (const char  *path,
                                      char       **contents,
                                      gsize       *length,
                                      GError     **error);

/* bedside-guideline-loader.c */
void     bedside_loader_clear  (Loader     *loader);
G_GNUC_PRINTF (4, 5)
void     bedside_loader_error  (Loader     *loader,
                                guint       line,
                                gint        code,
                                const char *format,
                                ...);
guint    bedside_node_line     (xmlNode    *node);
void     bedside_load_document (Loader     *loader,
                                xmlNode    *root);

/* bedside-guideline-loader-xml.c */
gboolean bedside_is_valid_id   (const char *id);

/* bedside-guideline-loader-medicines.c */
void     bedside_loader_read_medicines    (Loader     *loader,
                                           xmlNode   **uses,
                                           guint       n_uses);
void     bedside_loader_compile_medicines (Loader     *loader);
/* A synthetic definition "suitable(MEDICINE)"; NULL (and @error set) when
 * MEDICINE is not one the guideline uses. */
NameTarget *bedside_loader_define_suitable (Loader      *loader,
                                            const char  *medicine_id,
                                            GError     **error);

/* bedside-guideline-xml.c */
gboolean bedside_check_encoding  (Loader     *loader,
                                  const char *data,
                                  gsize       length);
xmlDoc  *bedside_parse_xml       (Loader     *loader,
                                  const char *data,
                                  gsize       length);
void     bedside_validate_schema (Loader     *loader,
                                  xmlDoc     *doc);

G_END_DECLS
