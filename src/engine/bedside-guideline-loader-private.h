/* bedside-guideline-loader-private.h: the loader's state and what its files share (libxml2 stays behind it): the element and attribute readers, expression compiling, and the parts the document driver calls. */
#pragma once

#include <libxml/tree.h>

#include "bedside-guideline-private.h"

G_BEGIN_DECLS

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
BedsideExpr *bedside_loader_compile_expression (Loader     *loader,
                                                const char *source,
                                                guint       line,
                                                const char *what,
                                                gboolean    need_boolean);
guint        bedside_loader_name_line          (BedsideGuideline *g,
                                                const char       *id);

/* bedside-guideline-loader-questionnaire.c */
/* Loads the sections and items; each item's enable-when source and line
 * are added to @enable_when_sources and @enable_when_lines, by item index. */
void         bedside_loader_load_questionnaire (Loader    *loader,
                                                xmlNode   *node,
                                                GPtrArray *enable_when_sources,
                                                GArray    *enable_when_lines);

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

/* bedside-guideline-loader-xml.c */
gint       bedside_loader_lookup_name       (const char * const  *names,
                                             guint                n_names,
                                             const char          *value);
gboolean   bedside_loader_node_is           (xmlNode             *node,
                                             const char          *name);
char      *bedside_loader_describe_element  (xmlNode             *node);
GPtrArray *bedside_loader_element_children  (Loader              *loader,
                                             xmlNode             *parent);
char      *bedside_loader_element_text      (Loader              *loader,
                                             xmlNode             *node);
void       bedside_loader_read_text_element (Loader              *loader,
                                             xmlNode             *node,
                                             char               **field);
gboolean   bedside_loader_check_attributes  (Loader              *loader,
                                             xmlNode             *node,
                                             const char * const  *allowed);
char      *bedside_loader_get_attr          (xmlNode             *node,
                                             const char          *name);
char      *bedside_loader_quote_value       (const char          *value);
char      *bedside_loader_get_id            (Loader              *loader,
                                             xmlNode             *node,
                                             const char          *attr_name);
char      *bedside_loader_get_name_id       (Loader              *loader,
                                             xmlNode             *node);
char      *bedside_loader_get_child_id      (Loader              *loader,
                                             xmlNode             *child,
                                             const char          *name,
                                             const char          *parent,
                                             gboolean             is_name);
gint       bedside_loader_get_enum          (Loader              *loader,
                                             xmlNode             *node,
                                             const char          *attr_name,
                                             const char * const  *names,
                                             guint                n_names,
                                             gint                 fallback);
gboolean   bedside_loader_get_boolean       (Loader              *loader,
                                             xmlNode             *node,
                                             const char          *attr_name,
                                             gboolean             fallback);
gboolean   bedside_loader_get_number        (Loader              *loader,
                                             xmlNode             *node,
                                             const char          *attr_name,
                                             double              *out);
char      *bedside_loader_get_date          (Loader              *loader,
                                             xmlNode             *node,
                                             const char          *attr_name);
gboolean   bedside_loader_register_id       (Loader              *loader,
                                             GHashTable          *table,
                                             const char          *kind,
                                             const char          *id,
                                             gpointer             value,
                                             guint                line,
                                             guint                first_line);

/* bedside-guideline-loader-tree.c */
void bedside_loader_load_recommendations (Loader  *loader,
                                          xmlNode *node);
/* Loads <recommendation> elements (of a guideline or a records file). */
void bedside_loader_load_recommendation_nodes (Loader    *loader,
                                               GPtrArray *nodes);
void bedside_loader_load_tree            (Loader  *loader,
                                          xmlNode *node);

G_END_DECLS
