/* bedside-guideline.c: loads a guideline from XML safely and checks everything a schema can't. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "bedside-engine-resources.h"
#include "bedside-guideline-private.h"

G_DEFINE_QUARK (bedside-guideline-error-quark, bedside_guideline_error)

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
  BedsideBranch         *tree;

  GHashTable            *names;          /* item and definition ids → BedsideSymbolTarget */
  GHashTable            *recommendation_ids;
  GHashTable            *reference_ids;
};

/* ---- small tables ---------------------------------------------------- */

static const char * const status_names[] = { "draft", "under-review", "approved", "retired" };
static const char * const kind_names[] = { "urgent", "do", "consider", "avoid", "caution", "info" };
static const char * const topic_names[] = { "general", "activity", "medicine", "referral", "follow-up", "safety-net" };
static const char * const type_names[] = { NULL, "boolean", "integer", "decimal", "text", "choice", "date" };
static const char * const quality_names[] = { "high", "moderate", "low", "very-low", "consensus", "label", "none", NULL };
static const char * const strength_names[] = { "strong", "weak", "none", NULL };

const char *
bedside_review_status_to_string (BedsideReviewStatus status)
{
  g_return_val_if_fail (status <= BEDSIDE_STATUS_RETIRED, NULL);
  return status_names[status];
}

const char *
bedside_kind_to_string (BedsideRecommendationKind kind)
{
  g_return_val_if_fail (kind < BEDSIDE_N_KINDS, NULL);
  return kind_names[kind];
}

const char *
bedside_topic_to_string (BedsideTopic topic)
{
  g_return_val_if_fail (topic <= BEDSIDE_TOPIC_SAFETY_NET, NULL);
  return topic_names[topic];
}

static gint
lookup_name (const char * const *names,
             guint               n_names,
             const char         *value)
{
  for (guint i = 0; i < n_names; i++)
    if (names[i] != NULL && g_strcmp0 (names[i], value) == 0)
      return (gint) i;
  return -1;
}

static char *
join_names (const char * const *names,
            guint               n_names)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n_names; i++)
    {
      if (names[i] == NULL)
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, names[i]);
    }
  return g_string_free (s, FALSE);
}

/* ---- freeing --------------------------------------------------------- */

static void
reference_free (BedsideReference *ref)
{
  g_free (ref->id);
  g_free (ref->text);
  g_free (ref);
}

static void
section_free (BedsideSection *section)
{
  g_free (section->id);
  g_free (section->title);
  g_free (section->description);
  g_free (section);
}

static void
item_free (BedsideItem *item)
{
  g_free (item->id);
  g_free (item->unit);
  g_free (item->label);
  g_free (item->help);
  for (guint i = 0; i < item->n_options; i++)
    {
      g_free (item->options[i].code);
      g_free (item->options[i].label);
    }
  g_free (item->options);
  g_free (item->codes);
  g_clear_pointer (&item->enable_when, bedside_expr_free);
  g_free (item);
}

static void
definition_free (BedsideDefinition *def)
{
  g_free (def->id);
  g_clear_pointer (&def->expr, bedside_expr_free);
  g_free (def);
}

static void
conditions_free (BedsideCondition *conditions,
                 guint             n)
{
  for (guint i = 0; i < n; i++)
    {
      g_clear_pointer (&conditions[i].when, bedside_expr_free);
      g_free (conditions[i].reason);
    }
  g_free (conditions);
}

static void
recommendation_free (BedsideRecommendation *rec)
{
  g_free (rec->id);
  g_free (rec->title);
  g_free (rec->clinician);
  g_free (rec->dose);
  g_free (rec->duration);
  g_free (rec->patient_title);
  g_free (rec->patient);
  g_free (rec->patient_dose);
  g_free (rec->patient_duration);
  g_free (rec->patient_watch);
  g_free (rec->evidence_quality);
  g_free (rec->evidence_strength);
  g_free (rec->evidence_note);
  g_free (rec->citations);
  conditions_free (rec->contraindications, rec->n_contraindications);
  conditions_free (rec->cautions, rec->n_cautions);
  g_free (rec->requires);
  g_free (rec);
}

static void branch_free (BedsideBranch *branch);

static void
node_free (BedsideNode *node)
{
  if (node == NULL)
    return;
  g_free (node->id);
  g_free (node->label);
  for (guint i = 0; i < node->n_branches; i++)
    branch_free (node->branches[i]);
  g_free (node->branches);
  g_free (node);
}

static void
branch_free (BedsideBranch *branch)
{
  if (branch == NULL)
    return;
  g_free (branch->id);
  g_free (branch->label);
  g_free (branch->pathway);
  g_clear_pointer (&branch->when, bedside_expr_free);
  for (guint i = 0; i < branch->n_children; i++)
    node_free (branch->children[i]);
  g_free (branch->children);
  g_free (branch);
}

static BedsideGuideline *
guideline_alloc (void)
{
  BedsideGuideline *self = g_new0 (BedsideGuideline, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->max_grade = -1;
  self->reviewers = g_ptr_array_new_with_free_func (g_free);
  self->references = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->definitions = g_ptr_array_new_with_free_func ((GDestroyNotify) definition_free);
  self->definition_exprs = g_ptr_array_new ();
  self->recommendations = g_ptr_array_new_with_free_func ((GDestroyNotify) recommendation_free);
  self->branches = g_ptr_array_new ();
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->recommendation_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->reference_ids = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

BedsideGuideline *
bedside_guideline_ref (BedsideGuideline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bedside_guideline_unref (BedsideGuideline *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->names);
  g_hash_table_unref (self->recommendation_ids);
  g_hash_table_unref (self->reference_ids);
  branch_free (self->tree);
  g_ptr_array_unref (self->branches);
  g_ptr_array_unref (self->recommendations);
  g_ptr_array_unref (self->definition_exprs);
  g_ptr_array_unref (self->definitions);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->references);
  g_ptr_array_unref (self->reviewers);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self->sha256);
  g_free (self->id);
  g_free (self->version);
  g_free (self->language);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->review_date);
  g_free (self->next_review);
  g_free (self->audience);
  g_free (self->population);
  g_free (self->disclaimer);
  g_free (self);
}

/* ---- the loader's state and its error list --------------------------- */

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
} Loader;

G_GNUC_PRINTF (4, 5)
static void
loader_error (Loader     *loader,
              guint       line,
              gint        code,
              const char *format,
              ...)
{
  va_list args;

  loader->n_errors++;
  if (loader->first_code < 0)
    loader->first_code = code;
  if (loader->n_errors > BEDSIDE_GUIDELINE_MAX_ERRORS)
    return;

  if (loader->errors->len > 0)
    g_string_append_c (loader->errors, '\n');
  if (line > 0)
    g_string_append_printf (loader->errors, "%s:%u: ", loader->name, line);
  else
    g_string_append_printf (loader->errors, "%s: ", loader->name);

  va_start (args, format);
  g_string_append_vprintf (loader->errors, format, args);
  va_end (args);
}

static guint
node_line (xmlNode *node)
{
  long line = xmlGetLineNo (node);
  return line > 0 ? (guint) MIN (line, G_MAXUINT) : 0;
}

/* ---- XML helpers ----------------------------------------------------- */

static gboolean
is_ours (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE &&
         node->ns != NULL &&
         xmlStrEqual (node->ns->href, (const xmlChar *) BEDSIDE_GUIDELINE_NAMESPACE);
}

static gboolean
node_is (xmlNode    *node,
         const char *name)
{
  return is_ours (node) && xmlStrEqual (node->name, (const xmlChar *) name);
}

static char *
describe_element (xmlNode *node)
{
  if (node->ns != NULL && node->ns->prefix != NULL)
    return g_strdup_printf ("<%s:%s>", node->ns->prefix, node->name);
  return g_strdup_printf ("<%s>", node->name);
}

static gboolean
is_blank (const xmlChar *text)
{
  for (const xmlChar *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Element children in order; refuses text between elements and foreign
 * elements, so that nothing in the file is silently ignored. */
static GPtrArray *
element_children (Loader  *loader,
                  xmlNode *parent)
{
  GPtrArray *children = g_ptr_array_new ();

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      switch (child->type)
        {
        case XML_ELEMENT_NODE:
          if (!is_ours (child))
            {
              g_autofree char *what = describe_element (child);
              if (child->ns != NULL &&
                  xmlStrEqual (child->ns->href, (const xmlChar *) "http://www.w3.org/2001/XInclude"))
                loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
                              "XInclude (%s) is not allowed in a guideline", what);
              else
                loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                              "unknown element %s in <%s> (elements must be in the namespace %s)",
                              what, parent->name, BEDSIDE_GUIDELINE_NAMESPACE);
              continue;
            }
          g_ptr_array_add (children, child);
          break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (!is_blank (child->content))
            loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                          "unexpected text in <%s>", parent->name);
          break;
        case XML_ENTITY_REF_NODE:
          loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
                        "entity reference &%s; is not allowed", child->name);
          break;
        case XML_COMMENT_NODE:
        case XML_PI_NODE:
        default:
          break;
        }
    }
  return children;
}

/* The text of an element that must contain only text; whitespace runs
 * collapse to one space, since files are wrapped for people to read. */
static char *
element_text (Loader  *loader,
              xmlNode *node)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        {
          g_autofree char *what = describe_element (child);
          loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                        "unexpected element %s inside <%s>, which holds text only",
                        what, node->name);
          continue;
        }
      if (child->type == XML_ENTITY_REF_NODE)
        {
          loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
                        "entity reference &%s; is not allowed", child->name);
          continue;
        }
      if (child->type != XML_TEXT_NODE && child->type != XML_CDATA_SECTION_NODE)
        continue;
      for (const xmlChar *p = child->content; p != NULL && *p != '\0'; p++)
        {
          if (g_ascii_isspace (*p))
            {
              space = s->len > 0;
              continue;
            }
          if (space)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, (char) *p);
        }
    }
  return g_string_free (s, FALSE);
}

/* Refuses attributes the element does not have; names end with '?' when optional. */
static gboolean
check_attributes (Loader              *loader,
                  xmlNode             *node,
                  const char * const  *allowed)
{
  gboolean ok = TRUE;

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      gboolean found = FALSE;

      if (attr->ns != NULL)
        {
          if (xmlStrEqual (attr->ns->href, XML_XML_NAMESPACE) &&
              xmlStrEqual (attr->name, (const xmlChar *) "lang"))
            continue;
          loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                        "unknown attribute '%s:%s' on <%s>",
                        attr->ns->prefix ? (const char *) attr->ns->prefix : "?",
                        attr->name, node->name);
          ok = FALSE;
          continue;
        }

      for (guint i = 0; allowed[i] != NULL; i++)
        {
          gsize len = strlen (allowed[i]);
          if (allowed[i][len - 1] == '?')
            len--;
          if (strlen ((const char *) attr->name) == len &&
              strncmp ((const char *) attr->name, allowed[i], len) == 0)
            found = TRUE;
        }
      if (!found)
        {
          loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                        "unknown attribute '%s' on <%s>", attr->name, node->name);
          ok = FALSE;
        }
    }

  for (guint i = 0; allowed[i] != NULL; i++)
    {
      gsize len = strlen (allowed[i]);
      if (allowed[i][len - 1] == '?')
        continue;
      if (!xmlHasNsProp (node, (const xmlChar *) allowed[i], NULL))
        {
          loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                        "<%s> needs the attribute '%s'", node->name, allowed[i]);
          ok = FALSE;
        }
    }
  return ok;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
is_valid_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64 || !g_ascii_islower (id[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_islower (id[i]) && !g_ascii_isdigit (id[i]) && id[i] != '_' && id[i] != '-')
      return FALSE;
  return TRUE;
}

/* Prints an attribute value safely in a message: hostile files may put
 * control characters or megabytes in it. */
static char *
quote_value (const char *value)
{
  GString *s = g_string_new ("'");
  guint n = 0;

  for (const char *p = value; *p != '\0' && n < 60; p++, n++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (s, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
  if (strlen (value) > 60)
    g_string_append (s, "…");
  g_string_append_c (s, '\'');
  return g_string_free (s, FALSE);
}

static char *
get_id (Loader     *loader,
        xmlNode    *node,
        const char *attr_name)
{
  g_autofree char *id = get_attr (node, attr_name);

  if (id == NULL)
    return NULL;
  if (!is_valid_id (id))
    {
      g_autofree char *quoted = quote_value (id);
      loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                    "%s %s on <%s> is not a valid id (a lower-case letter, then letters, digits, '_' or '-', at most 64)",
                    attr_name, quoted, node->name);
      return NULL;
    }
  return g_steal_pointer (&id);
}

/* Items and definitions are named in expressions, where '-' is minus. */
static char *
get_name_id (Loader  *loader,
             xmlNode *node)
{
  char *id = get_id (loader, node, "id");

  if (id != NULL && strchr (id, '-') != NULL)
    {
      loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                    "id '%s' on <%s> cannot contain '-': expressions use this name, and '-' means minus there "
                    "(use '_')", id, node->name);
      g_clear_pointer (&id, g_free);
    }
  return id;
}

static gint
get_enum (Loader             *loader,
          xmlNode            *node,
          const char         *attr_name,
          const char * const *names,
          guint               n_names,
          gint                fallback)
{
  g_autofree char *value = get_attr (node, attr_name);
  gint found;

  if (value == NULL)
    return fallback;
  found = lookup_name (names, n_names, value);
  if (found < 0)
    {
      g_autofree char *quoted = quote_value (value);
      g_autofree char *allowed = join_names (names, n_names);
      loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                    "%s=%s on <%s> is not one of %s", attr_name, quoted, node->name, allowed);
    }
  return found;
}

static gboolean
get_boolean (Loader     *loader,
             xmlNode    *node,
             const char *attr_name,
             gboolean    fallback)
{
  g_autofree char *value = get_attr (node, attr_name);

  if (value == NULL)
    return fallback;
  if (g_str_equal (value, "true"))
    return TRUE;
  if (g_str_equal (value, "false"))
    return FALSE;
  {
    g_autofree char *quoted = quote_value (value);
    loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                  "%s=%s on <%s> must be true or false", attr_name, quoted, node->name);
  }
  return fallback;
}

static gboolean
get_number (Loader     *loader,
            xmlNode    *node,
            const char *attr_name,
            double     *out)
{
  g_autofree char *value = get_attr (node, attr_name);
  char *end = NULL;
  double number;

  if (value == NULL)
    return FALSE;
  errno = 0;
  number = g_ascii_strtod (value, &end);
  if (errno != 0 || end == value || *end != '\0' || !isfinite (number) ||
      strpbrk (value, "xXpPnNiI") != NULL)
    {
      g_autofree char *quoted = quote_value (value);
      loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                    "%s=%s on <%s> is not a number", attr_name, quoted, node->name);
      return FALSE;
    }
  *out = number;
  return TRUE;
}

static char *
get_date (Loader     *loader,
          xmlNode    *node,
          const char *attr_name)
{
  g_autofree char *value = get_attr (node, attr_name);

  if (value == NULL)
    return NULL;
  if (!bedside_parse_iso_date (value, NULL))
    {
      g_autofree char *quoted = quote_value (value);
      loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                    "%s=%s on <%s> is not a date (YYYY-MM-DD)", attr_name, quoted, node->name);
      return NULL;
    }
  return g_steal_pointer (&value);
}

gboolean
bedside_parse_iso_date (const char *text,
                        gint32     *julian)
{
  guint year, month, day;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  if (year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  if (julian != NULL)
    {
      GDate date;
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
      *julian = (gint32) g_date_get_julian (&date);
    }
  return TRUE;
}

/* Registers an id; reports a duplicate with the line of the first. */
static gboolean
register_id (Loader     *loader,
             GHashTable *table,
             const char *kind,
             const char *id,
             gpointer    value,
             guint       line,
             guint       first_line)
{
  if (g_hash_table_contains (table, id))
    {
      loader_error (loader, line, BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                    "duplicate %s id '%s' (first defined at line %u)", kind, id, first_line);
      return FALSE;
    }
  g_hash_table_insert (table, (gpointer) id, value);
  return TRUE;
}

/* ---- metadata -------------------------------------------------------- */

static void
load_metadata (Loader  *loader,
               xmlNode *node)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = element_children (loader, node);
  gboolean have_status = FALSE, have_review = FALSE;

  check_attributes (loader, node, (const char * const []) { NULL });

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (node_is (child, "title"))
        {
          check_attributes (loader, child, (const char * const []) { NULL });
          g_free (g->title);
          g->title = element_text (loader, child);
        }
      else if (node_is (child, "summary"))
        {
          check_attributes (loader, child, (const char * const []) { NULL });
          g_free (g->summary);
          g->summary = element_text (loader, child);
        }
      else if (node_is (child, "status"))
        {
          g_autofree char *text = element_text (loader, child);
          gint status = lookup_name (status_names, G_N_ELEMENTS (status_names), text);

          check_attributes (loader, child, (const char * const []) { NULL });
          if (status < 0)
            {
              g_autofree char *quoted = quote_value (text);
              loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            "status %s is not one of draft, under-review, approved, retired", quoted);
            }
          else
            g->status = (BedsideReviewStatus) status;
          have_status = TRUE;
        }
      else if (node_is (child, "review"))
        {
          g_autoptr(GPtrArray) reviewers = element_children (loader, child);

          check_attributes (loader, child, (const char * const []) { "date", "next?", NULL });
          g->review_date = get_date (loader, child, "date");
          g->next_review = get_date (loader, child, "next");
          for (guint j = 0; j < reviewers->len; j++)
            {
              xmlNode *r = reviewers->pdata[j];
              if (!node_is (r, "reviewer"))
                {
                  loader_error (loader, node_line (r), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                "unknown element <%s> in <review>", r->name);
                  continue;
                }
              check_attributes (loader, r, (const char * const []) { NULL });
              g_ptr_array_add (g->reviewers, element_text (loader, r));
            }
          have_review = TRUE;
        }
      else if (node_is (child, "audience"))
        {
          check_attributes (loader, child, (const char * const []) { NULL });
          g->audience = element_text (loader, child);
        }
      else if (node_is (child, "population"))
        {
          check_attributes (loader, child, (const char * const []) { NULL });
          g->population = element_text (loader, child);
        }
      else if (node_is (child, "disclaimer"))
        {
          check_attributes (loader, child, (const char * const []) { NULL });
          g->disclaimer = element_text (loader, child);
        }
      else if (node_is (child, "readability"))
        {
          double grade;
          check_attributes (loader, child, (const char * const []) { "max-grade", NULL });
          if (get_number (loader, child, "max-grade", &grade))
            g->max_grade = grade;
        }
      else
        loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                      "unknown element <%s> in <metadata>", child->name);
    }

  if (g->title == NULL || *g->title == '\0')
    loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<metadata> needs a <title>");
  if (!have_status)
    loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<metadata> needs a <status>");
  if (!have_review)
    loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<metadata> needs a <review date=\"…\">");
  if (g->disclaimer == NULL)
    loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<metadata> needs a <disclaimer>");
  g_ptr_array_add (g->reviewers, NULL);
}

/* ---- references ------------------------------------------------------ */

static void
load_references (Loader  *loader,
                 xmlNode *node)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = element_children (loader, node);

  check_attributes (loader, node, (const char * const []) { NULL });
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      BedsideReference *ref;
      char *id;

      if (!node_is (child, "reference"))
        {
          loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                        "unknown element <%s> in <references>", child->name);
          continue;
        }
      if (!check_attributes (loader, child, (const char * const []) { "id", NULL }))
        continue;
      id = get_id (loader, child, "id");
      if (id == NULL)
        continue;

      ref = g_new0 (BedsideReference, 1);
      ref->id = id;
      ref->line = node_line (child);
      ref->text = element_text (loader, child);
      ref->index = g->references->len;
      {
        BedsideReference *first = g_hash_table_lookup (g->reference_ids, id);
        if (!register_id (loader, g->reference_ids, "reference", id, ref, ref->line,
                          first ? first->line : 0))
          {
            reference_free (ref);
            continue;
          }
      }
      g_ptr_array_add (g->references, ref);
    }
}

/* ---- questionnaire --------------------------------------------------- */

/* What a name in an expression stands for. */
typedef struct
{
  gboolean is_definition;
  guint    index;
  guint    line;
} NameTarget;

static guint
name_line (BedsideGuideline *g,
           const char       *id)
{
  NameTarget *target = g_hash_table_lookup (g->names, id);
  return target ? target->line : 0;
}

static void
load_item (Loader         *loader,
           xmlNode        *node,
           BedsideSection *section,
           GPtrArray      *enable_when_sources,
           GArray         *enable_when_lines)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = NULL;
  BedsideItem *item;
  gint type;
  char *id;
  GPtrArray *options;

  if (!check_attributes (loader, node, (const char * const []) {
        "id", "type", "required?", "min?", "max?", "unit?", "enable-when?", NULL }))
    return;
  id = get_name_id (loader, node);
  type = get_enum (loader, node, "type", type_names, G_N_ELEMENTS (type_names), -1);
  if (id == NULL || type < 0)
    {
      g_free (id);
      return;
    }

  item = g_new0 (BedsideItem, 1);
  item->id = id;
  item->line = node_line (node);
  item->type = (BedsideValueType) type;
  item->section = section->index;
  item->index = g->items->len;
  item->required = get_boolean (loader, node, "required", TRUE);
  item->unit = get_attr (node, "unit");
  item->has_min = get_number (loader, node, "min", &item->min);
  item->has_max = get_number (loader, node, "max", &item->max);

  if ((item->has_min || item->has_max) &&
      item->type != BEDSIDE_TYPE_INTEGER && item->type != BEDSIDE_TYPE_DECIMAL)
    loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                  "item '%s': min and max apply only to integer and decimal items", id);
  if (item->has_min && item->has_max && item->min > item->max)
    loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                  "item '%s': min (%g) is greater than max (%g)", id, item->min, item->max);
  if (item->type == BEDSIDE_TYPE_INTEGER &&
      ((item->has_min && item->min != (double) (gint64) item->min) ||
       (item->has_max && item->max != (double) (gint64) item->max)))
    loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                  "item '%s': min and max of an integer item must be whole numbers", id);

  options = g_ptr_array_new ();
  children = element_children (loader, node);
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (node_is (child, "label"))
        {
          check_attributes (loader, child, (const char * const []) { NULL });
          g_free (item->label);
          item->label = element_text (loader, child);
        }
      else if (node_is (child, "help"))
        {
          check_attributes (loader, child, (const char * const []) { NULL });
          g_free (item->help);
          item->help = element_text (loader, child);
        }
      else if (node_is (child, "option"))
        {
          char *code;

          if (!check_attributes (loader, child, (const char * const []) { "code", NULL }))
            continue;
          code = get_id (loader, child, "code");
          if (code == NULL)
            continue;
          for (guint j = 0; j < options->len; j += 2)
            if (g_str_equal (options->pdata[j], code))
              {
                loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                              "item '%s': duplicate option code '%s'", id, code);
                g_clear_pointer (&code, g_free);
                break;
              }
          if (code == NULL)
            continue;
          g_ptr_array_add (options, code);
          g_ptr_array_add (options, element_text (loader, child));
        }
      else
        loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                      "unknown element <%s> in <item>", child->name);
    }

  if (item->label == NULL)
    loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, "item '%s' needs a <label>", id);

  if (item->type == BEDSIDE_TYPE_CHOICE)
    {
      if (options->len == 0)
        loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                      "choice item '%s' needs at least one <option>", id);
      item->n_options = options->len / 2;
      item->options = g_new0 (BedsideOption, item->n_options);
      item->codes = g_new0 (const char *, item->n_options + 1);
      for (guint j = 0; j < item->n_options; j++)
        {
          item->options[j].code = options->pdata[2 * j];
          item->options[j].label = options->pdata[2 * j + 1];
          item->codes[j] = item->options[j].code;
        }
    }
  else
    {
      if (options->len > 0)
        loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                      "item '%s' has options but is of type %s, not choice", id, type_names[item->type]);
      g_ptr_array_set_free_func (options, g_free);
    }
  g_ptr_array_unref (options);

  {
    NameTarget *target = g_new0 (NameTarget, 1);
    target->index = item->index;
    target->line = item->line;
    if (!register_id (loader, g->names, "item", item->id, target, item->line,
                      name_line (g, item->id)))
      {
        g_free (target);
        item_free (item);
        return;
      }
  }

  g_ptr_array_add (g->items, item);
  g_ptr_array_add (enable_when_sources, get_attr (node, "enable-when"));
  g_array_append_val (enable_when_lines, item->line);
}

static void
load_questionnaire (Loader    *loader,
                    xmlNode   *node,
                    GPtrArray *enable_when_sources,
                    GArray    *enable_when_lines)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = element_children (loader, node);
  g_autoptr(GHashTable) section_ids = g_hash_table_new (g_str_hash, g_str_equal);

  check_attributes (loader, node, (const char * const []) { NULL });
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      g_autoptr(GPtrArray) parts = NULL;
      BedsideSection *section;
      char *id;

      if (!node_is (child, "section"))
        {
          loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                        "unknown element <%s> in <questionnaire>", child->name);
          continue;
        }
      if (!check_attributes (loader, child, (const char * const []) { "id", NULL }))
        continue;
      id = get_id (loader, child, "id");
      if (id == NULL)
        continue;

      section = g_new0 (BedsideSection, 1);
      section->id = id;
      section->line = node_line (child);
      section->index = g->sections->len;
      section->first_item = g->items->len;
      if (!register_id (loader, section_ids, "section", id, GUINT_TO_POINTER (section->line),
                        section->line,
                        GPOINTER_TO_UINT (g_hash_table_lookup (section_ids, id))))
        {
          section_free (section);
          continue;
        }
      g_ptr_array_add (g->sections, section);

      parts = element_children (loader, child);
      for (guint j = 0; j < parts->len; j++)
        {
          xmlNode *part = parts->pdata[j];

          if (node_is (part, "title"))
            {
              check_attributes (loader, part, (const char * const []) { NULL });
              g_free (section->title);
              section->title = element_text (loader, part);
            }
          else if (node_is (part, "description"))
            {
              check_attributes (loader, part, (const char * const []) { NULL });
              g_free (section->description);
              section->description = element_text (loader, part);
            }
          else if (node_is (part, "item"))
            load_item (loader, part, section, enable_when_sources, enable_when_lines);
          else
            loader_error (loader, node_line (part), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                          "unknown element <%s> in <section>", part->name);
        }
      section->n_items = g->items->len - section->first_item;
      if (section->title == NULL)
        loader_error (loader, section->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                      "section '%s' needs a <title>", id);
      if (section->n_items == 0)
        loader_error (loader, section->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                      "section '%s' has no items", id);
    }
  if (g->sections->len == 0)
    loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                  "<questionnaire> needs at least one <section>");
}

/* ---- expressions ----------------------------------------------------- */

/* Resolves a name for an expression.  While checking an item's
 * enable-when, only earlier items, and definitions built only from earlier
 * items, are visible: the questionnaire is answered in order. */
static gboolean
resolve_name (const char     *name,
              BedsideSymbol  *symbol,
              gpointer        user_data,
              GError        **error)
{
  Loader *loader = user_data;
  BedsideGuideline *g = loader->guideline;
  NameTarget *target = g_hash_table_lookup (g->names, name);

  if (target == NULL)
    return FALSE;

  memset (symbol, 0, sizeof *symbol);
  symbol->is_definition = target->is_definition;
  symbol->index = target->index;

  if (target->is_definition)
    {
      BedsideDefinition *def;

      if (target->index >= g->definitions->len)
        return FALSE;
      def = g->definitions->pdata[target->index];
      if (loader->failed_definitions != NULL && target->index < loader->failed_definitions->len &&
          g_array_index (loader->failed_definitions, gboolean, target->index))
        {
          /* Already reported where it is defined. */
          loader->cascade = TRUE;
          g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNKNOWN_NAME,
                       "definition '%s' has errors", name);
          return FALSE;
        }
      if (def->expr == NULL || bedside_expr_get_type (def->expr) == BEDSIDE_TYPE_INVALID)
        {
          g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNKNOWN_NAME,
                       "definition '%s' is used before it is defined (definitions may only use earlier ones)",
                       name);
          return FALSE;
        }
      if (loader->current_item >= 0 && def->last_item >= loader->current_item)
        {
          BedsideItem *later = g->items->pdata[def->last_item];
          g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNKNOWN_NAME,
                       "definition '%s' depends on item '%s', which is not asked before this one",
                       name, later->id);
          return FALSE;
        }
      symbol->type = bedside_expr_get_type (def->expr);
      if (symbol->type == BEDSIDE_TYPE_CHOICE)
        return FALSE; /* definitions are never bare choice values: not reached */
      return TRUE;
    }
  else
    {
      BedsideItem *item = g->items->pdata[target->index];

      if (loader->current_item >= 0 && (gint) item->index >= loader->current_item)
        {
          g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNKNOWN_NAME,
                       (gint) item->index == loader->current_item
                       ? "item '%s' cannot depend on itself"
                       : "'%s' is asked later in the questionnaire; enable-when may only use earlier items",
                       name);
          return FALSE;
        }
      symbol->type = item->type;
      symbol->codes = item->codes;
      symbol->n_codes = item->n_options;
      return TRUE;
    }
}

/* Parses and checks one boolean expression; NULL on error (reported). */
static BedsideExpr *
compile_expression (Loader     *loader,
                    const char *source,
                    guint       line,
                    const char *what,
                    gboolean    need_boolean)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideExpr) expr = NULL;
  guint column = 0;

  if (source == NULL)
    return NULL;
  expr = bedside_expr_parse (source, &column, &error);
  if (expr == NULL)
    {
      loader_error (loader, line, BEDSIDE_GUIDELINE_ERROR_EXPRESSION,
                    "%s does not parse: %s", what, error->message);
      return NULL;
    }
  loader->cascade = FALSE;
  if (!bedside_expr_check (expr, resolve_name, loader, &error))
    {
      if (loader->cascade)
        return NULL;
      gint code = BEDSIDE_GUIDELINE_ERROR_EXPRESSION;
      if (error->domain == BEDSIDE_EXPR_ERROR && error->code == BEDSIDE_EXPR_ERROR_UNKNOWN_NAME &&
          strstr (error->message, "unknown name") != NULL)
        code = BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE;
      loader_error (loader, line, code, "%s: %s", what, error->message);
      return NULL;
    }
  if (need_boolean && bedside_expr_get_type (expr) != BEDSIDE_TYPE_BOOLEAN)
    {
      loader_error (loader, line, BEDSIDE_GUIDELINE_ERROR_EXPRESSION,
                    "%s must be a condition (boolean), but '%s' is %s",
                    what, source, bedside_value_type_to_string (bedside_expr_get_type (expr)));
      return NULL;
    }
  return g_steal_pointer (&expr);
}

typedef struct
{
  BedsideGuideline *guideline;
  gint              last_item;
} LastItemData;

static void
note_last_item (const BedsideSymbol *symbol,
                gpointer             user_data)
{
  LastItemData *data = user_data;
  gint last;

  if (symbol->is_definition)
    last = ((BedsideDefinition *) data->guideline->definitions->pdata[symbol->index])->last_item;
  else
    last = (gint) symbol->index;
  data->last_item = MAX (data->last_item, last);
}

static void
load_definitions (Loader  *loader,
                  xmlNode *node)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = element_children (loader, node);

  check_attributes (loader, node, (const char * const []) { NULL });

  /* Register every name first, so that a later definition used too
   * early gets a clear message rather than "unknown name". */
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      BedsideDefinition *def;
      NameTarget *target;
      char *id;

      if (!node_is (child, "define"))
        {
          loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                        "unknown element <%s> in <definitions>", child->name);
          children->pdata[i] = NULL;
          continue;
        }
      if (!check_attributes (loader, child, (const char * const []) { "id", NULL }) ||
          (id = get_name_id (loader, child)) == NULL)
        {
          children->pdata[i] = NULL;
          continue;
        }
      def = g_new0 (BedsideDefinition, 1);
      def->id = id;
      def->line = node_line (child);
      def->index = g->definitions->len;
      def->last_item = -1;
      target = g_new0 (NameTarget, 1);
      target->is_definition = TRUE;
      target->index = def->index;
      target->line = def->line;
      if (!register_id (loader, g->names, "definition", id, target, def->line, name_line (g, id)))
        {
          g_free (target);
          definition_free (def);
          children->pdata[i] = NULL;
          continue;
        }
      g_ptr_array_add (g->definitions, def);
      g_ptr_array_add (g->definition_exprs, NULL);
    }

  for (guint i = 0, d = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      BedsideDefinition *def;
      g_autofree char *source = NULL;
      g_autofree char *what = NULL;

      if (child == NULL)
        continue;
      def = g->definitions->pdata[d++];
      source = element_text (loader, child);
      what = g_strdup_printf ("definition '%s'", def->id);
      loader->current_item = -1;
      def->expr = compile_expression (loader, source, def->line, what, FALSE);
      if (def->expr == NULL)
        {
          gboolean failed = TRUE;
          if (loader->failed_definitions == NULL)
            loader->failed_definitions = g_array_new (FALSE, TRUE, sizeof (gboolean));
          if (loader->failed_definitions->len <= def->index)
            g_array_set_size (loader->failed_definitions, def->index + 1);
          g_array_index (loader->failed_definitions, gboolean, def->index) = failed;
        }
      if (def->expr != NULL)
        {
          LastItemData data = { g, -1 };

          if (bedside_expr_get_type (def->expr) == BEDSIDE_TYPE_CHOICE)
            {
              loader_error (loader, def->line, BEDSIDE_GUIDELINE_ERROR_EXPRESSION,
                            "definition '%s' cannot be a bare choice value; compare it with a code", def->id);
              g_clear_pointer (&def->expr, bedside_expr_free);
              if (loader->failed_definitions == NULL)
                loader->failed_definitions = g_array_new (FALSE, TRUE, sizeof (gboolean));
              if (loader->failed_definitions->len <= def->index)
                g_array_set_size (loader->failed_definitions, def->index + 1);
              g_array_index (loader->failed_definitions, gboolean, def->index) = TRUE;
              continue;
            }
          bedside_expr_foreach_symbol (def->expr, note_last_item, &data);
          def->last_item = data.last_item;
          g->definition_exprs->pdata[def->index] = def->expr;
        }
    }
}

static void
compile_enable_when (Loader    *loader,
                     GPtrArray *sources,
                     GArray    *lines)
{
  BedsideGuideline *g = loader->guideline;

  for (guint i = 0; i < g->items->len; i++)
    {
      BedsideItem *item = g->items->pdata[i];
      g_autofree char *what = NULL;

      if (sources->pdata[i] == NULL)
        continue;
      what = g_strdup_printf ("enable-when of item '%s'", item->id);
      loader->current_item = (gint) item->index;
      item->enable_when = compile_expression (loader, sources->pdata[i],
                                              g_array_index (lines, guint, i), what, TRUE);
      loader->current_item = -1;
    }
}

/* ---- recommendations ------------------------------------------------- */

typedef struct
{
  xmlNode *node;
  char    *ref;
  guint    line;
} PendingRef;

static void
load_condition (Loader           *loader,
                xmlNode          *node,
                BedsideCondition *condition,
                GPtrArray        *pending_notes,
                const char       *rec_id)
{
  g_autofree char *source = get_attr (node, "when");
  g_autofree char *what = g_strdup_printf ("%s of recommendation '%s'", node->name, rec_id);
  g_autofree char *reason = element_text (loader, node);

  condition->line = node_line (node);
  condition->when = compile_expression (loader, source, condition->line, what, TRUE);
  condition->reason = *reason != '\0' ? g_steal_pointer (&reason) : NULL;
  g_ptr_array_add (pending_notes, condition);
}

static void
load_recommendation (Loader    *loader,
                     xmlNode   *node,
                     GPtrArray *pending_notes,
                     GHashTable *pending_requires)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GArray) citations = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) contraindications = g_array_new (FALSE, TRUE, sizeof (BedsideCondition));
  g_autoptr(GArray) cautions = g_array_new (FALSE, TRUE, sizeof (BedsideCondition));
  g_autoptr(GPtrArray) condition_nodes = g_ptr_array_new ();
  BedsideRecommendation *rec;
  gint kind, topic;
  char *id;

  if (!check_attributes (loader, node, (const char * const []) { "id", "kind", "topic?", "requires?", NULL }))
    return;
  id = get_id (loader, node, "id");
  kind = get_enum (loader, node, "kind", kind_names, G_N_ELEMENTS (kind_names), -1);
  topic = get_enum (loader, node, "topic", topic_names, G_N_ELEMENTS (topic_names), BEDSIDE_TOPIC_GENERAL);
  if (id == NULL || kind < 0 || topic < 0)
    {
      g_free (id);
      return;
    }

  rec = g_new0 (BedsideRecommendation, 1);
  rec->id = id;
  rec->line = node_line (node);
  rec->kind = (BedsideRecommendationKind) kind;
  rec->topic = (BedsideTopic) topic;
  rec->index = g->recommendations->len;

  {
    BedsideRecommendation *first = g_hash_table_lookup (g->recommendation_ids, id);
    if (!register_id (loader, g->recommendation_ids, "recommendation", id, rec, rec->line,
                      first ? first->line : 0))
      {
        recommendation_free (rec);
        return;
      }
  }
  g_ptr_array_add (g->recommendations, rec);

  {
    g_autofree char *requires = get_attr (node, "requires");
    if (requires != NULL)
      g_hash_table_insert (pending_requires, rec, g_steal_pointer (&requires));
  }

  children = element_children (loader, node);
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      static const struct { const char *name; gsize offset; } texts[] = {
        { "title", G_STRUCT_OFFSET (BedsideRecommendation, title) },
        { "clinician", G_STRUCT_OFFSET (BedsideRecommendation, clinician) },
        { "dose", G_STRUCT_OFFSET (BedsideRecommendation, dose) },
        { "duration", G_STRUCT_OFFSET (BedsideRecommendation, duration) },
        { "patient-title", G_STRUCT_OFFSET (BedsideRecommendation, patient_title) },
        { "patient", G_STRUCT_OFFSET (BedsideRecommendation, patient) },
        { "patient-dose", G_STRUCT_OFFSET (BedsideRecommendation, patient_dose) },
        { "patient-duration", G_STRUCT_OFFSET (BedsideRecommendation, patient_duration) },
        { "patient-watch", G_STRUCT_OFFSET (BedsideRecommendation, patient_watch) },
      };
      gboolean done = FALSE;

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        if (node_is (child, texts[t].name))
          {
            char **field = G_STRUCT_MEMBER_P (rec, texts[t].offset);
            check_attributes (loader, child, (const char * const []) { NULL });
            g_free (*field);
            *field = element_text (loader, child);
            done = TRUE;
          }
      if (done)
        continue;

      if (node_is (child, "evidence"))
        {
          gint q, s;
          check_attributes (loader, child, (const char * const []) { "quality", "strength", NULL });
          q = get_enum (loader, child, "quality", quality_names, G_N_ELEMENTS (quality_names) - 1, -1);
          s = get_enum (loader, child, "strength", strength_names, G_N_ELEMENTS (strength_names) - 1, -1);
          if (q >= 0)
            rec->evidence_quality = g_strdup (quality_names[q]);
          if (s >= 0)
            rec->evidence_strength = g_strdup (strength_names[s]);
          rec->evidence_note = element_text (loader, child);
          if (*rec->evidence_note == '\0')
            g_clear_pointer (&rec->evidence_note, g_free);
        }
      else if (node_is (child, "cite"))
        {
          g_autofree char *ref = NULL;
          BedsideReference *reference;

          if (!check_attributes (loader, child, (const char * const []) { "ref", NULL }))
            continue;
          ref = get_attr (child, "ref");
          reference = g_hash_table_lookup (g->reference_ids, ref);
          if (reference == NULL)
            {
              g_autofree char *quoted = quote_value (ref);
              loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                            "recommendation '%s' cites %s, which is not in <references>", id, quoted);
              continue;
            }
          g_array_append_val (citations, reference->index);
        }
      else if (node_is (child, "contraindication") || node_is (child, "caution"))
        {
          BedsideCondition condition = { 0 };

          if (!check_attributes (loader, child, (const char * const []) { "when", "note", NULL }))
            continue;
          condition.line = node_line (child);
          if (node_is (child, "contraindication"))
            g_array_append_val (contraindications, condition);
          else
            g_array_append_val (cautions, condition);
          g_ptr_array_add (condition_nodes, child);
        }
      else
        loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                      "unknown element <%s> in <recommendation>", child->name);
    }

  if (rec->title == NULL)
    loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, "recommendation '%s' needs a <title>", id);
  if (rec->clinician == NULL)
    loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, "recommendation '%s' needs <clinician> text", id);
  if (rec->patient == NULL)
    loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, "recommendation '%s' needs <patient> text", id);

  rec->n_citations = citations->len;
  rec->citations = (guint *) g_array_free (g_steal_pointer (&citations), FALSE);
  rec->n_contraindications = contraindications->len;
  rec->contraindications = (BedsideCondition *) g_array_free (g_steal_pointer (&contraindications), FALSE);
  rec->n_cautions = cautions->len;
  rec->cautions = (BedsideCondition *) g_array_free (g_steal_pointer (&cautions), FALSE);

  /* Conditions are compiled once the arrays have their final addresses. */
  for (guint i = 0, c = 0, k = 0; i < condition_nodes->len; i++)
    {
      xmlNode *child = condition_nodes->pdata[i];
      BedsideCondition *condition = node_is (child, "contraindication")
        ? &rec->contraindications[c++] : &rec->cautions[k++];
      PendingRef *pending = g_new0 (PendingRef, 1);

      load_condition (loader, child, condition, pending_notes, id);
      /* load_condition queued the condition; queue its note too. */
      pending->node = child;
      pending->ref = get_attr (child, "note");
      pending->line = condition->line;
      g_ptr_array_add (pending_notes, pending);
    }
}

static void
resolve_notes (Loader    *loader,
               GPtrArray *pending_notes)
{
  BedsideGuideline *g = loader->guideline;

  /* Pairs: the condition, then its PendingRef. */
  for (guint i = 0; i + 1 < pending_notes->len; i += 2)
    {
      BedsideCondition *condition = pending_notes->pdata[i];
      PendingRef *pending = pending_notes->pdata[i + 1];
      BedsideRecommendation *note = g_hash_table_lookup (g->recommendation_ids, pending->ref);

      if (note == NULL)
        {
          g_autofree char *quoted = quote_value (pending->ref);
          loader_error (loader, pending->line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                        "<%s> note=%s is not a recommendation", pending->node->name, quoted);
        }
      else
        condition->note = note->index;
      g_free (pending->ref);
      g_free (pending);
    }
}

static void
resolve_requires (Loader     *loader,
                  GHashTable *pending_requires)
{
  BedsideGuideline *g = loader->guideline;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, pending_requires);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      BedsideRecommendation *rec = key;
      g_auto(GStrv) ids = g_strsplit_set (value, " \t\n", -1);
      g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; ids[i] != NULL; i++)
        {
          BedsideRecommendation *required;

          if (*ids[i] == '\0')
            continue;
          required = g_hash_table_lookup (g->recommendation_ids, ids[i]);
          if (required == NULL)
            {
              g_autofree char *quoted = quote_value (ids[i]);
              loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                            "recommendation '%s' requires %s, which is not a recommendation",
                            rec->id, quoted);
              continue;
            }
          if (required == rec || required->n_requires > 0 ||
              g_hash_table_contains (pending_requires, required))
            {
              loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            "recommendation '%s' requires '%s', which itself has requirements; "
                            "requirements may not chain", rec->id, required->id);
              continue;
            }
          g_array_append_val (indices, required->index);
        }
      rec->n_requires = indices->len;
      rec->requires = (guint *) g_array_free (g_steal_pointer (&indices), FALSE);
    }
}

static void
load_recommendations (Loader  *loader,
                      xmlNode *node)
{
  g_autoptr(GPtrArray) children = element_children (loader, node);
  g_autoptr(GPtrArray) pending_notes = g_ptr_array_new ();
  g_autoptr(GHashTable) pending_requires = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  check_attributes (loader, node, (const char * const []) { NULL });
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (node_is (child, "recommendation"))
        load_recommendation (loader, child, pending_notes, pending_requires);
      else
        loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                      "unknown element <%s> in <recommendations>", child->name);
    }
  resolve_notes (loader, pending_notes);
  resolve_requires (loader, pending_requires);
}

/* ---- decision tree --------------------------------------------------- */

static void load_sequence (Loader *loader, xmlNode *node, BedsideBranch *branch, guint depth);

static BedsideBranch *
new_branch (Loader        *loader,
            BedsideNode   *decision,
            BedsideBranch *parent,
            guint          line)
{
  BedsideBranch *branch = g_new0 (BedsideBranch, 1);

  branch->decision = decision;
  branch->parent = parent;
  branch->line = line;
  branch->index = loader->guideline->branches->len;
  g_ptr_array_add (loader->guideline->branches, branch);
  return branch;
}

static BedsideNode *
load_decision (Loader        *loader,
               xmlNode       *node,
               BedsideBranch *parent,
               guint          depth,
               GHashTable    *tree_ids)
{
  g_autoptr(GPtrArray) children = element_children (loader, node);
  g_autoptr(GPtrArray) branches = g_ptr_array_new ();
  BedsideNode *decision = g_new0 (BedsideNode, 1);
  gboolean have_otherwise = FALSE;

  decision->type = BEDSIDE_NODE_DECISION;
  decision->line = node_line (node);
  check_attributes (loader, node, (const char * const []) { "id", "label?", NULL });
  decision->id = get_id (loader, node, "id");
  decision->label = get_attr (node, "label");
  if (decision->id != NULL)
    {
      if (g_hash_table_contains (tree_ids, decision->id))
        loader_error (loader, decision->line, BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                      "duplicate decision id '%s' (first defined at line %u)", decision->id,
                      GPOINTER_TO_UINT (g_hash_table_lookup (tree_ids, decision->id)));
      else
        g_hash_table_insert (tree_ids, decision->id, GUINT_TO_POINTER (decision->line));
    }

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      gboolean is_otherwise = node_is (child, "otherwise");
      BedsideBranch *branch;

      if (!is_otherwise && !node_is (child, "branch"))
        {
          loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                        "unknown element <%s> in <decision>", child->name);
          continue;
        }
      if (have_otherwise)
        {
          loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                        "decision '%s': <%s> after <otherwise> can never be reached; <otherwise> comes last",
                        decision->id ? decision->id : "?", child->name);
          continue;
        }

      branch = new_branch (loader, decision, parent, node_line (child));
      g_ptr_array_add (branches, branch);
      if (is_otherwise)
        {
          have_otherwise = TRUE;
          check_attributes (loader, child, (const char * const []) { "label?", "pathway?", NULL });
        }
      else
        {
          g_autofree char *source = NULL;
          g_autofree char *what = NULL;

          check_attributes (loader, child, (const char * const []) { "when", "id?", "label?", "pathway?", NULL });
          branch->id = get_id (loader, child, "id");
          source = get_attr (child, "when");
          what = g_strdup_printf ("branch test in decision '%s'", decision->id ? decision->id : "?");
          branch->when = compile_expression (loader, source, branch->line, what, TRUE);
          if (branch->id != NULL)
            {
              if (g_hash_table_contains (tree_ids, branch->id))
                loader_error (loader, branch->line, BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                              "duplicate branch id '%s' (first defined at line %u)", branch->id,
                              GPOINTER_TO_UINT (g_hash_table_lookup (tree_ids, branch->id)));
              else
                g_hash_table_insert (tree_ids, branch->id, GUINT_TO_POINTER (branch->line));
            }
        }
      branch->label = get_attr (child, "label");
      branch->pathway = get_attr (child, "pathway");
      load_sequence (loader, child, branch, depth + 1);
    }

  if (!have_otherwise)
    loader_error (loader, decision->line, BEDSIDE_GUIDELINE_ERROR_MISSING_OTHERWISE,
                  "decision '%s' has no <otherwise>: every decision must end with one, so every combination of answers reaches a plan",
                  decision->id ? decision->id : "?");
  if (branches->len == 0 || (branches->len == 1 && have_otherwise))
    loader_error (loader, decision->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                  "decision '%s' needs at least one <branch>", decision->id ? decision->id : "?");

  decision->n_branches = branches->len;
  decision->branches = (BedsideBranch **) g_ptr_array_free (g_steal_pointer (&branches), FALSE);
  return decision;
}

static void
load_sequence (Loader        *loader,
               xmlNode       *node,
               BedsideBranch *branch,
               guint          depth)
{
  g_autoptr(GPtrArray) children = element_children (loader, node);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (node_is (child, "recommend"))
        {
          g_autofree char *ref = NULL;
          BedsideRecommendation *rec;
          BedsideNode *n;

          if (!check_attributes (loader, child, (const char * const []) { "ref", NULL }))
            continue;
          ref = get_attr (child, "ref");
          rec = g_hash_table_lookup (loader->guideline->recommendation_ids, ref);
          if (rec == NULL)
            {
              g_autofree char *quoted = quote_value (ref);
              loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                            "<recommend ref=%s>: no such recommendation", quoted);
              continue;
            }
          n = g_new0 (BedsideNode, 1);
          n->type = BEDSIDE_NODE_RECOMMEND;
          n->line = node_line (child);
          n->recommendation = rec->index;
          g_ptr_array_add (nodes, n);
        }
      else if (node_is (child, "stop"))
        {
          BedsideNode *n = g_new0 (BedsideNode, 1);
          check_attributes (loader, child, (const char * const []) { NULL });
          n->type = BEDSIDE_NODE_STOP;
          n->line = node_line (child);
          g_ptr_array_add (nodes, n);
        }
      else if (node_is (child, "decision"))
        g_ptr_array_add (nodes, load_decision (loader, child, branch, depth, loader->tree_ids));
      else
        loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                      "unknown element <%s> in <%s>", child->name, node->name);
    }
  branch->n_children = nodes->len;
  branch->children = (BedsideNode **) g_ptr_array_free (g_steal_pointer (&nodes), FALSE);
}

static void
load_tree (Loader  *loader,
           xmlNode *node)
{
  g_autoptr(GHashTable) tree_ids = g_hash_table_new (g_str_hash, g_str_equal);
  BedsideGuideline *g = loader->guideline;

  check_attributes (loader, node, (const char * const []) { NULL });
  g->tree = new_branch (loader, NULL, NULL, node_line (node));
  loader->tree_ids = tree_ids;
  load_sequence (loader, node, g->tree, 0);
  loader->tree_ids = NULL;
  if (g->tree->n_children == 0)
    loader_error (loader, node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<decision-tree> is empty");
}

/* ---- the document ---------------------------------------------------- */

static void
load_document (Loader  *loader,
               xmlNode *root)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) enable_when_sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) enable_when_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  xmlNode *parts[6] = { NULL };
  static const char * const part_names[] = {
    "metadata", "references", "questionnaire", "definitions", "recommendations", "decision-tree"
  };
  gint last_part = -1;

  if (!node_is (root, "guideline"))
    {
      g_autofree char *what = describe_element (root);
      loader_error (loader, node_line (root), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                    "the document element is %s%s%s, not a Bedside <guideline> in the namespace %s",
                    what, root->ns ? " in the namespace " : "",
                    root->ns ? (const char *) root->ns->href : "", BEDSIDE_GUIDELINE_NAMESPACE);
      return;
    }

  check_attributes (loader, root, (const char * const []) { "id", "version", "format", NULL });
  g->id = get_id (loader, root, "id");
  g->version = get_attr (root, "version");
  {
    xmlChar *lang = xmlGetNsProp (root, (const xmlChar *) "lang", XML_XML_NAMESPACE);
    g->language = g_strdup (lang ? (const char *) lang : "en");
    xmlFree (lang);
  }
  {
    g_autofree char *format = get_attr (root, "format");
    if (format != NULL && !g_str_equal (format, "1"))
      {
        g_autofree char *quoted = quote_value (format);
        loader_error (loader, node_line (root), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                      "format=%s is not supported (this version of Bedside reads format 1)", quoted);
        return;
      }
  }
  if (g->version != NULL && !g_regex_match_simple ("^[0-9]+\\.[0-9]+\\.[0-9]+$", g->version, 0, 0))
    {
      g_autofree char *quoted = quote_value (g->version);
      loader_error (loader, node_line (root), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                    "version=%s is not a version number like 1.0.0", quoted);
    }

  children = element_children (loader, root);
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      gint part = lookup_name (part_names, G_N_ELEMENTS (part_names), (const char *) child->name);

      if (part < 0)
        {
          loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                        "unknown element <%s> in <guideline>", child->name);
          continue;
        }
      if (parts[part] != NULL)
        {
          loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                        "<%s> appears twice (first at line %u)", child->name, node_line (parts[part]));
          continue;
        }
      if (part < last_part)
        loader_error (loader, node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                      "<%s> must come before <%s>", child->name, part_names[last_part]);
      parts[part] = child;
      last_part = MAX (last_part, part);
    }
  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    if (parts[i] == NULL && i != 3)
      loader_error (loader, node_line (root), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                    "<guideline> needs a <%s>", part_names[i]);
  if (loader->n_errors > 0)
    return;

  load_metadata (loader, parts[0]);
  load_references (loader, parts[1]);
  load_questionnaire (loader, parts[2], enable_when_sources, enable_when_lines);
  if (parts[3] != NULL)
    load_definitions (loader, parts[3]);
  compile_enable_when (loader, enable_when_sources, enable_when_lines);
  load_recommendations (loader, parts[4]);
  load_tree (loader, parts[5]);
}

/* ---- safe parsing with libxml2 --------------------------------------- */

typedef struct
{
  guint    doctype_line;
  gboolean doctype;
  char    *first_error;
  guint    first_error_line;
} ParseState;

static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;

  /* A DOCTYPE is the door to entity expansion and external DTDs:
   * stop here, before anything in it is read. */
  state->doctype = TRUE;
  state->doctype_line = ctxt->input ? (guint) ctxt->input->line : 0;
  xmlStopParser (ctxt);
}

static void
on_structured_error (void        *user_data,
                     xmlErrorPtr  error)
{
  ParseState *state = user_data;

  if (state->first_error != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;
  state->first_error = g_strchomp (g_strdup (error->message ? error->message : "malformed XML"));
  state->first_error_line = error->line > 0 ? (guint) error->line : 0;
}

static void
on_generic_error (void       *ctx,
                  const char *msg,
                  ...)
{
  /* libxml2 must never print to stderr on its own: errors are ours to report. */
}

static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static gboolean
check_encoding (Loader     *loader,
                const char *data,
                gsize       length)
{
  const char *end = NULL;
  const char *nul;

  if (length >= 2 && (((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff) ||
                      ((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)))
    {
      loader_error (loader, 1, BEDSIDE_GUIDELINE_ERROR_ENCODING,
                    "the file is UTF-16; guidelines must be UTF-8");
      return FALSE;
    }
  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      loader_error (loader, line_of_offset (data, (gsize) (nul - data)), BEDSIDE_GUIDELINE_ERROR_ENCODING,
                    "the file contains a NUL byte; guidelines are UTF-8 text");
      return FALSE;
    }
  if (!g_utf8_validate (data, (gssize) length, &end))
    {
      loader_error (loader, line_of_offset (data, (gsize) (end - data)), BEDSIDE_GUIDELINE_ERROR_ENCODING,
                    "invalid UTF-8 (byte 0x%02x); guidelines must be UTF-8",
                    (guchar) *end);
      return FALSE;
    }
  return TRUE;
}

static guint
max_depth (xmlNode *node,
           guint    depth,
           xmlNode **deepest)
{
  guint deepest_depth = depth;

  if (depth > BEDSIDE_GUIDELINE_MAX_DEPTH)
    {
      *deepest = node;
      return depth;
    }
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      {
        guint d = max_depth (child, depth + 1, deepest);
        deepest_depth = MAX (deepest_depth, d);
        if (deepest_depth > BEDSIDE_GUIDELINE_MAX_DEPTH)
          break;
      }
  return deepest_depth;
}

static xmlDoc *
parse_xml (Loader     *loader,
           const char *data,
           gsize       length)
{
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc = NULL;
  ParseState state = { 0 };
  xmlGenericErrorFunc old_generic = xmlGenericError;
  void *old_generic_ctx = xmlGenericErrorContext;

  if (length > G_MAXINT)
    return NULL;

  ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (ctxt == NULL)
    {
      loader_error (loader, 0, BEDSIDE_GUIDELINE_ERROR_MALFORMED, "cannot create an XML parser");
      return NULL;
    }

  /* No network, no entity substitution, no DTD loading or validation,
   * line numbers past 65535.  Default entity-amplification limits stay on. */
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
  ctxt->_private = &state;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->externalSubset = NULL;
  ctxt->sax->resolveEntity = NULL;
  ctxt->sax->serror = on_structured_error;
  ctxt->sax->error = (errorSAXFunc) on_generic_error;
  ctxt->sax->warning = (warningSAXFunc) on_generic_error;
  ctxt->vctxt.error = on_generic_error;
  ctxt->vctxt.warning = on_generic_error;
  xmlSetGenericErrorFunc (NULL, on_generic_error);
  xmlSetStructuredErrorFunc (&state, on_structured_error);

  xmlParseDocument (ctxt);

  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlSetGenericErrorFunc (old_generic_ctx, old_generic);

  if (state.doctype)
    loader_error (loader, state.doctype_line, BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
                  "a DOCTYPE is not allowed in a guideline (it could declare entities or load external files)");
  else if (!ctxt->wellFormed || ctxt->myDoc == NULL)
    {
      const char *message = state.first_error;
      guint line = state.first_error_line;
      gint code = BEDSIDE_GUIDELINE_ERROR_MALFORMED;

      if (message == NULL && ctxt->lastError.message != NULL)
        {
          message = ctxt->lastError.message;
          line = (guint) MAX (ctxt->lastError.line, 0);
        }
      if (ctxt->lastError.code == XML_ERR_INTERNAL_ERROR && message && strstr (message, "depth"))
        code = BEDSIDE_GUIDELINE_ERROR_TOO_LARGE;
      if (message != NULL && strstr (message, "Excessive depth") != NULL)
        code = BEDSIDE_GUIDELINE_ERROR_TOO_LARGE;
      loader_error (loader, line, code, "not well-formed XML: %s",
                    message ? message : "unknown error");
    }
  else
    doc = g_steal_pointer (&ctxt->myDoc);

  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  ctxt->myDoc = NULL;
  xmlFreeParserCtxt (ctxt);
  g_free (state.first_error);

  if (doc != NULL && doc->encoding != NULL &&
      g_ascii_strcasecmp ((const char *) doc->encoding, "UTF-8") != 0)
    {
      loader_error (loader, 1, BEDSIDE_GUIDELINE_ERROR_ENCODING,
                    "the file declares encoding '%s'; guidelines must be UTF-8",
                    (const char *) doc->encoding);
      xmlFreeDoc (doc);
      return NULL;
    }

  if (doc != NULL)
    {
      xmlNode *deepest = NULL;
      xmlNode *root = xmlDocGetRootElement (doc);

      if (root != NULL && max_depth (root, 1, &deepest) > BEDSIDE_GUIDELINE_MAX_DEPTH)
        {
          loader_error (loader, node_line (deepest), BEDSIDE_GUIDELINE_ERROR_TOO_LARGE,
                        "elements are nested more than %d deep", BEDSIDE_GUIDELINE_MAX_DEPTH);
          xmlFreeDoc (doc);
          return NULL;
        }
    }
  return doc;
}

/* The schema is compiled once and shared: it never changes at run time. */
static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialized = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&initialized))
    {
      /* Looked up in our own resource: a static library would drop a
       * resource that nothing references. */
      g_autoptr(GBytes) bytes = g_resource_lookup_data (bedside_engine_get_resource (),
                                                        "/org/bedside/Bedside/engine/bedside-guideline.rng",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL)
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);
          xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewMemParserCtxt (data, (int) size);

          xmlRelaxNGSetParserErrors (pctxt, (xmlRelaxNGValidityErrorFunc) on_generic_error,
                                     (xmlRelaxNGValidityWarningFunc) on_generic_error, NULL);
          schema = xmlRelaxNGParse (pctxt);
          xmlRelaxNGFreeParserCtxt (pctxt);
        }
      if (schema == NULL)
        g_critical ("The bundled guideline schema could not be loaded");
      g_once_init_leave (&initialized, 1);
    }
  return schema;
}

typedef struct
{
  Loader *loader;
  guint   count;
} SchemaErrors;

static void
on_schema_error (void        *user_data,
                 xmlErrorPtr  error)
{
  SchemaErrors *errors = user_data;

  if (error == NULL || error->level < XML_ERR_ERROR || errors->count++ >= 5)
    return;
  loader_error (errors->loader, error->line > 0 ? (guint) error->line : 0,
                BEDSIDE_GUIDELINE_ERROR_SCHEMA, "does not match the schema: %s",
                g_strchomp (error->message ? error->message : (char *) "invalid"));
}

static void
validate_schema (Loader *loader,
                 xmlDoc *doc)
{
  xmlRelaxNGPtr schema = get_schema ();
  xmlRelaxNGValidCtxtPtr vctxt;
  SchemaErrors errors = { loader, 0 };
  int result;

  if (schema == NULL)
    {
      loader_error (loader, 0, BEDSIDE_GUIDELINE_ERROR_SCHEMA, "the guideline schema is not available");
      return;
    }
  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (vctxt, on_schema_error, &errors);
  result = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  if (result != 0 && errors.count == 0)
    loader_error (loader, 0, BEDSIDE_GUIDELINE_ERROR_SCHEMA, "does not match the schema");
}

static char *
display_name_for (const char *path)
{
  return g_strdup (path);
}

BedsideGuideline *
bedside_guideline_new_from_data (const char  *data,
                                 gsize        length,
                                 const char  *display_name,
                                 GError     **error)
{
  g_autoptr(BedsideGuideline) self = guideline_alloc ();
  Loader loader = { 0 };
  xmlDoc *doc;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->display_name = g_strdup (display_name ? display_name : "<guideline>");
  loader.guideline = self;
  loader.name = self->display_name;
  loader.errors = g_string_new (NULL);
  loader.first_code = -1;
  loader.current_item = -1;

  if (length == 0)
    loader_error (&loader, 0, BEDSIDE_GUIDELINE_ERROR_MALFORMED, "the file is empty");
  else if (length > BEDSIDE_GUIDELINE_MAX_SIZE)
    loader_error (&loader, 0, BEDSIDE_GUIDELINE_ERROR_TOO_LARGE,
                  "the file is too large (%" G_GSIZE_FORMAT " bytes; the limit is %d MiB)",
                  length, BEDSIDE_GUIDELINE_MAX_SIZE / (1024 * 1024));
  else if (check_encoding (&loader, data, length) &&
           (doc = parse_xml (&loader, data, length)) != NULL)
    {
      load_document (&loader, xmlDocGetRootElement (doc));
      /* Our own walk gives the clearer messages; the schema is the
       * second line of defence for anything it did not look at. */
      if (loader.n_errors == 0)
        validate_schema (&loader, doc);
      xmlFreeDoc (doc);
    }

  if (loader.n_errors > 0)
    {
      if (loader.n_errors > BEDSIDE_GUIDELINE_MAX_ERRORS)
        g_string_append_printf (loader.errors, "\n%s: … and %u more errors", loader.name,
                                loader.n_errors - BEDSIDE_GUIDELINE_MAX_ERRORS);
      g_set_error_literal (error, BEDSIDE_GUIDELINE_ERROR, loader.first_code, loader.errors->str);
      g_string_free (loader.errors, TRUE);
      g_clear_pointer (&loader.failed_definitions, g_array_unref);
      return NULL;
    }
  g_string_free (loader.errors, TRUE);
  g_clear_pointer (&loader.failed_definitions, g_array_unref);

  self->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return g_steal_pointer (&self);
}

BedsideGuideline *
bedside_guideline_new_from_file (const char  *path,
                                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display_name = NULL;
  g_autoptr(GError) local_error = NULL;
  BedsideGuideline *self;
  GStatBuf st;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = display_name_for (path);
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO,
                   "%s: cannot read the file: %s", display_name, g_strerror (saved));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO,
                   "%s: is a folder, not a guideline file", display_name);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO,
                   "%s: is not a regular file", display_name);
      return NULL;
    }
  if (st.st_size > BEDSIDE_GUIDELINE_MAX_SIZE)
    {
      g_set_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_TOO_LARGE,
                   "%s: the file is too large (%" G_GINT64_FORMAT " bytes; the limit is %d MiB)",
                   display_name, (gint64) st.st_size, BEDSIDE_GUIDELINE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO,
                   "%s: cannot read the file: %s", display_name, local_error->message);
      return NULL;
    }
  if (length > BEDSIDE_GUIDELINE_MAX_SIZE)
    {
      g_set_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_TOO_LARGE,
                   "%s: the file is too large (the limit is %d MiB)",
                   display_name, BEDSIDE_GUIDELINE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  self = bedside_guideline_new_from_data (contents, length, display_name, error);
  if (self != NULL)
    self->path = g_strdup (path);
  return self;
}

/* ---- finding guidelines ---------------------------------------------- */

GStrv
bedside_guideline_get_search_dirs (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *override = g_getenv ("BEDSIDE_GUIDELINES_DIR");
  const char * const *system_dirs = g_get_system_data_dirs ();
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "bedside", "guidelines", NULL);
  g_autofree char *bundled = g_build_filename (BEDSIDE_PKGDATADIR, "guidelines", NULL);

  if (override != NULL && *override != '\0')
    g_strv_builder_add (builder, override);
  g_strv_builder_add (builder, user);
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (system_dirs[i], "bedside", "guidelines", NULL);
      if (g_strcmp0 (dir, bundled) != 0)
        g_strv_builder_add (builder, dir);
    }
  g_strv_builder_add (builder, bundled);
  return g_strv_builder_end (builder);
}

char *
bedside_guideline_find (const char  *path_or_id,
                        GError     **error)
{
  g_auto(GStrv) dirs = NULL;
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (path_or_id != NULL, NULL);

  /* Anything that looks like a path is a path, even if it does not exist:
   * the loader then says why it cannot be read. */
  if (strchr (path_or_id, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (path_or_id, ".xml") ||
      !is_valid_id (path_or_id) || g_file_test (path_or_id, G_FILE_TEST_EXISTS))
    return g_strdup (path_or_id);

  file_name = g_strconcat (path_or_id, ".xml", NULL);
  dirs = bedside_guideline_get_search_dirs ();
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *candidate = g_build_filename (dirs[i], file_name, NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);
    }
  g_set_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_NOT_FOUND,
               "%s: no such file, and no installed guideline has this id", path_or_id);
  return NULL;
}

/* ---- accessors ------------------------------------------------------- */

const char *bedside_guideline_get_path (const BedsideGuideline *self) { return self->path ? self->path : self->display_name; }
const char *bedside_guideline_get_id (const BedsideGuideline *self) { return self->id; }
const char *bedside_guideline_get_version (const BedsideGuideline *self) { return self->version; }
const char *bedside_guideline_get_title (const BedsideGuideline *self) { return self->title; }
const char *bedside_guideline_get_summary (const BedsideGuideline *self) { return self->summary; }
BedsideReviewStatus bedside_guideline_get_status (const BedsideGuideline *self) { return self->status; }
const char *bedside_guideline_get_review_date (const BedsideGuideline *self) { return self->review_date; }
const char *bedside_guideline_get_next_review (const BedsideGuideline *self) { return self->next_review; }
const char * const *bedside_guideline_get_reviewers (const BedsideGuideline *self) { return (const char * const *) self->reviewers->pdata; }
const char *bedside_guideline_get_audience (const BedsideGuideline *self) { return self->audience; }
const char *bedside_guideline_get_population (const BedsideGuideline *self) { return self->population; }
const char *bedside_guideline_get_disclaimer (const BedsideGuideline *self) { return self->disclaimer; }
const char *bedside_guideline_get_language (const BedsideGuideline *self) { return self->language; }
double bedside_guideline_get_max_grade (const BedsideGuideline *self) { return self->max_grade; }
const char *bedside_guideline_get_sha256 (const BedsideGuideline *self) { return self->sha256; }

guint bedside_guideline_get_n_sections (const BedsideGuideline *self) { return self->sections->len; }
guint bedside_guideline_get_n_items (const BedsideGuideline *self) { return self->items->len; }
guint bedside_guideline_get_n_definitions (const BedsideGuideline *self) { return self->definitions->len; }
guint bedside_guideline_get_n_recommendations (const BedsideGuideline *self) { return self->recommendations->len; }
guint bedside_guideline_get_n_references (const BedsideGuideline *self) { return self->references->len; }
guint bedside_guideline_get_n_branches (const BedsideGuideline *self) { return self->branches->len; }

const BedsideSection *
bedside_guideline_get_section (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->sections->len, NULL);
  return self->sections->pdata[index];
}

const BedsideItem *
bedside_guideline_get_item (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->items->len, NULL);
  return self->items->pdata[index];
}

const BedsideItem *
bedside_guideline_lookup_item (const BedsideGuideline *self, const char *id)
{
  NameTarget *target = g_hash_table_lookup (self->names, id);
  if (target == NULL || target->is_definition)
    return NULL;
  return self->items->pdata[target->index];
}

const BedsideDefinition *
bedside_guideline_get_definition (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->definitions->len, NULL);
  return self->definitions->pdata[index];
}

BedsideExpr * const *
bedside_guideline_get_definition_exprs (const BedsideGuideline *self)
{
  return (BedsideExpr * const *) self->definition_exprs->pdata;
}

const BedsideRecommendation *
bedside_guideline_get_recommendation (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->recommendations->len, NULL);
  return self->recommendations->pdata[index];
}

const BedsideRecommendation *
bedside_guideline_lookup_recommendation (const BedsideGuideline *self, const char *id)
{
  return g_hash_table_lookup (self->recommendation_ids, id);
}

const BedsideReference *
bedside_guideline_get_reference (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->references->len, NULL);
  return self->references->pdata[index];
}

const BedsideBranch *
bedside_guideline_get_tree (const BedsideGuideline *self)
{
  return self->tree;
}

const BedsideBranch *
bedside_guideline_get_branch (const BedsideGuideline *self, guint index)
{
  g_return_val_if_fail (index < self->branches->len, NULL);
  return self->branches->pdata[index];
}
