/* bedside-guideline-loader.c: walks a parsed guideline, checks everything a schema can't, and builds the BedsideGuideline. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "bedside-guideline-private.h"

/* ---- small tables ---------------------------------------------------- */

static const char * const type_names[] = { NULL, "boolean", "integer", "decimal", "text", "choice", "date" };
static const char * const quality_names[] = { "high", "moderate", "low", "very-low", "consensus", "label", "none", NULL };
static const char * const strength_names[] = { "strong", "weak", "none", NULL };

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

/* ---- the loader's error list ----------------------------------------- */

G_GNUC_PRINTF (4, 5)
void
bedside_loader_error (Loader     *loader,
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

guint
bedside_node_line (xmlNode *node)
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
                bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
                                      "XInclude (%s) is not allowed in a guideline", what);
              else
                bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                      "unknown element %s in <%s> (elements must be in the namespace %s)",
                                      what, parent->name, BEDSIDE_GUIDELINE_NAMESPACE);
              continue;
            }
          g_ptr_array_add (children, child);
          break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (!is_blank (child->content))
            bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                                  "unexpected text in <%s>", parent->name);
          break;
        case XML_ENTITY_REF_NODE:
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
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
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                "unexpected element %s inside <%s>, which holds text only",
                                what, node->name);
          continue;
        }
      if (child->type == XML_ENTITY_REF_NODE)
        {
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
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

/* A text-only element with no attributes, read into @field (a later
 * duplicate replaces an earlier one, as the schema then refuses it). */
static gboolean check_attributes (Loader *loader, xmlNode *node, const char * const *allowed);

static void
read_text_element (Loader   *loader,
                   xmlNode  *node,
                   char    **field)
{
  check_attributes (loader, node, (const char * const []) { NULL });
  g_free (*field);
  *field = element_text (loader, node);
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
          bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
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
          bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
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
          bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
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

gboolean
bedside_is_valid_id (const char *id)
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
  if (!bedside_is_valid_id (id))
    {
      g_autofree char *quoted = quote_value (id);
      bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
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
      bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            "id '%s' on <%s> cannot contain '-': expressions use this name, and '-' means minus there "
                            "(use '_')", id, node->name);
      g_clear_pointer (&id, g_free);
    }
  return id;
}

/* The id of a child that must be <name> in <parent> and have only an id:
 * NULL, with the error reported, when it is anything else. */
static char *
get_child_id (Loader     *loader,
              xmlNode    *child,
              const char *name,
              const char *parent,
              gboolean    is_name)
{
  if (!node_is (child, name))
    {
      bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                            "unknown element <%s> in <%s>", child->name, parent);
      return NULL;
    }
  if (!check_attributes (loader, child, (const char * const []) { "id", NULL }))
    return NULL;
  return is_name ? get_name_id (loader, child) : get_id (loader, child, "id");
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
      bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
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
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
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
      bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
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
      bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
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
      bedside_loader_error (loader, line, BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
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
        read_text_element (loader, child, &g->title);
      else if (node_is (child, "summary"))
        read_text_element (loader, child, &g->summary);
      else if (node_is (child, "status"))
        {
          g_autofree char *text = element_text (loader, child);
          gint status = lookup_name (bedside_status_names, G_N_ELEMENTS (bedside_status_names), text);

          check_attributes (loader, child, (const char * const []) { NULL });
          if (status < 0)
            {
              g_autofree char *quoted = quote_value (text);
              bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
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
          /* A second <review>, <audience>, ... (the schema refuses it
           * later) must not leak the first one's text (found by
           * fuzz-guideline in CI). */
          g_free (g->review_date);
          g_free (g->next_review);
          g->review_date = get_date (loader, child, "date");
          g->next_review = get_date (loader, child, "next");
          for (guint j = 0; j < reviewers->len; j++)
            {
              xmlNode *r = reviewers->pdata[j];
              if (!node_is (r, "reviewer"))
                {
                  bedside_loader_error (loader, bedside_node_line (r), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
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
          g_free (g->audience);
          g->audience = element_text (loader, child);
        }
      else if (node_is (child, "population"))
        {
          check_attributes (loader, child, (const char * const []) { NULL });
          g_free (g->population);
          g->population = element_text (loader, child);
        }
      else if (node_is (child, "disclaimer"))
        {
          check_attributes (loader, child, (const char * const []) { NULL });
          g_free (g->disclaimer);
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
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                              "unknown element <%s> in <metadata>", child->name);
    }

  if (g->title == NULL || *g->title == '\0')
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<metadata> needs a <title>");
  if (!have_status)
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<metadata> needs a <status>");
  if (!have_review)
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<metadata> needs a <review date=\"…\">");
  if (g->disclaimer == NULL)
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<metadata> needs a <disclaimer>");
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

      id = get_child_id (loader, child, "reference", "references", FALSE);
      if (id == NULL)
        continue;

      ref = g_new0 (BedsideReference, 1);
      ref->id = id;
      ref->line = bedside_node_line (child);
      ref->text = element_text (loader, child);
      ref->index = g->references->len;
      {
        BedsideReference *first = g_hash_table_lookup (g->reference_ids, id);
        if (!register_id (loader, g->reference_ids, "reference", id, ref, ref->line,
                          first ? first->line : 0))
          {
            bedside_reference_free (ref);
            continue;
          }
      }
      g_ptr_array_add (g->references, ref);
    }
}

/* ---- questionnaire --------------------------------------------------- */

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
  item->line = bedside_node_line (node);
  item->type = (BedsideValueType) type;
  item->section = section->index;
  item->index = g->items->len;
  item->required = get_boolean (loader, node, "required", TRUE);
  item->unit = get_attr (node, "unit");
  item->has_min = get_number (loader, node, "min", &item->min);
  item->has_max = get_number (loader, node, "max", &item->max);

  if ((item->has_min || item->has_max) &&
      item->type != BEDSIDE_TYPE_INTEGER && item->type != BEDSIDE_TYPE_DECIMAL)
    bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                          "item '%s': min and max apply only to integer and decimal items", id);
  if (item->has_min && item->has_max && item->min > item->max)
    bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                          "item '%s': min (%g) is greater than max (%g)", id, item->min, item->max);
  /* The range test comes first: casting a double outside gint64 to gint64
   * is undefined behaviour (found by fuzz-guideline). */
#define FITS_GINT64(x) ((x) >= -9223372036854775808.0 && (x) < 9223372036854775808.0)
  if (item->type == BEDSIDE_TYPE_INTEGER &&
      ((item->has_min && (!FITS_GINT64 (item->min) || item->min != (double) (gint64) item->min)) ||
       (item->has_max && (!FITS_GINT64 (item->max) || item->max != (double) (gint64) item->max))))
    bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                          "item '%s': min and max of an integer item must be whole numbers", id);

  options = g_ptr_array_new ();
  children = element_children (loader, node);
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (node_is (child, "label"))
        read_text_element (loader, child, &item->label);
      else if (node_is (child, "help"))
        read_text_element (loader, child, &item->help);
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
                bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
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
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                              "unknown element <%s> in <item>", child->name);
    }

  if (item->label == NULL)
    bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, "item '%s' needs a <label>", id);

  if (item->type == BEDSIDE_TYPE_CHOICE)
    {
      if (options->len == 0)
        bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
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
        bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
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
        bedside_item_free (item);
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

      id = get_child_id (loader, child, "section", "questionnaire", FALSE);
      if (id == NULL)
        continue;

      section = g_new0 (BedsideSection, 1);
      section->id = id;
      section->line = bedside_node_line (child);
      section->index = g->sections->len;
      section->first_item = g->items->len;
      if (!register_id (loader, section_ids, "section", id, GUINT_TO_POINTER (section->line),
                        section->line,
                        GPOINTER_TO_UINT (g_hash_table_lookup (section_ids, id))))
        {
          bedside_section_free (section);
          continue;
        }
      g_ptr_array_add (g->sections, section);

      parts = element_children (loader, child);
      for (guint j = 0; j < parts->len; j++)
        {
          xmlNode *part = parts->pdata[j];

          if (node_is (part, "title"))
            read_text_element (loader, part, &section->title);
          else if (node_is (part, "description"))
            read_text_element (loader, part, &section->description);
          else if (node_is (part, "item"))
            load_item (loader, part, section, enable_when_sources, enable_when_lines);
          else
            bedside_loader_error (loader, bedside_node_line (part), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                  "unknown element <%s> in <section>", part->name);
        }
      section->n_items = g->items->len - section->first_item;
      if (section->title == NULL)
        bedside_loader_error (loader, section->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                              "section '%s' needs a <title>", id);
      if (section->n_items == 0)
        bedside_loader_error (loader, section->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                              "section '%s' has no items", id);
    }
  if (g->sections->len == 0)
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
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
      bedside_loader_error (loader, line, BEDSIDE_GUIDELINE_ERROR_EXPRESSION,
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
      bedside_loader_error (loader, line, code, "%s: %s", what, error->message);
      return NULL;
    }
  if (need_boolean && bedside_expr_get_type (expr) != BEDSIDE_TYPE_BOOLEAN)
    {
      bedside_loader_error (loader, line, BEDSIDE_GUIDELINE_ERROR_EXPRESSION,
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

      id = get_child_id (loader, child, "define", "definitions", TRUE);
      if (id == NULL)
        {
          children->pdata[i] = NULL;
          continue;
        }
      def = g_new0 (BedsideDefinition, 1);
      def->id = id;
      def->line = bedside_node_line (child);
      def->index = g->definitions->len;
      def->last_item = -1;
      target = g_new0 (NameTarget, 1);
      target->is_definition = TRUE;
      target->index = def->index;
      target->line = def->line;
      if (!register_id (loader, g->names, "definition", id, target, def->line, name_line (g, id)))
        {
          g_free (target);
          bedside_definition_free (def);
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
              bedside_loader_error (loader, def->line, BEDSIDE_GUIDELINE_ERROR_EXPRESSION,
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

  condition->line = bedside_node_line (node);
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
  kind = get_enum (loader, node, "kind", bedside_kind_names, G_N_ELEMENTS (bedside_kind_names), -1);
  topic = get_enum (loader, node, "topic", bedside_topic_names, G_N_ELEMENTS (bedside_topic_names), BEDSIDE_TOPIC_GENERAL);
  if (id == NULL || kind < 0 || topic < 0)
    {
      g_free (id);
      return;
    }

  rec = g_new0 (BedsideRecommendation, 1);
  rec->id = id;
  rec->line = bedside_node_line (node);
  rec->kind = (BedsideRecommendationKind) kind;
  rec->topic = (BedsideTopic) topic;
  rec->index = g->recommendations->len;

  {
    BedsideRecommendation *first = g_hash_table_lookup (g->recommendation_ids, id);
    if (!register_id (loader, g->recommendation_ids, "recommendation", id, rec, rec->line,
                      first ? first->line : 0))
      {
        bedside_recommendation_free (rec);
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
            read_text_element (loader, child, &*field);
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
          /* A second <evidence> (the schema refuses it later) must not
           * leak the first one's strings (found by fuzz-guideline). */
          g_clear_pointer (&rec->evidence_quality, g_free);
          g_clear_pointer (&rec->evidence_strength, g_free);
          g_clear_pointer (&rec->evidence_note, g_free);
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
              bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
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
          condition.line = bedside_node_line (child);
          if (node_is (child, "contraindication"))
            g_array_append_val (contraindications, condition);
          else
            g_array_append_val (cautions, condition);
          g_ptr_array_add (condition_nodes, child);
        }
      else
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                              "unknown element <%s> in <recommendation>", child->name);
    }

  if (rec->title == NULL)
    bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, "recommendation '%s' needs a <title>", id);
  if (rec->clinician == NULL)
    bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, "recommendation '%s' needs <clinician> text", id);
  if (rec->patient == NULL)
    bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, "recommendation '%s' needs <patient> text", id);

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
          bedside_loader_error (loader, pending->line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
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
              bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                                    "recommendation '%s' requires %s, which is not a recommendation",
                                    rec->id, quoted);
              continue;
            }
          if (required == rec || required->n_requires > 0 ||
              g_hash_table_contains (pending_requires, required))
            {
              bedside_loader_error (loader, rec->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
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
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
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
  decision->line = bedside_node_line (node);
  check_attributes (loader, node, (const char * const []) { "id", "label?", NULL });
  decision->id = get_id (loader, node, "id");
  decision->label = get_attr (node, "label");
  if (decision->id != NULL)
    {
      if (g_hash_table_contains (tree_ids, decision->id))
        bedside_loader_error (loader, decision->line, BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
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
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                "unknown element <%s> in <decision>", child->name);
          continue;
        }
      if (have_otherwise)
        {
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                                "decision '%s': <%s> after <otherwise> can never be reached; <otherwise> comes last",
                                decision->id ? decision->id : "?", child->name);
          continue;
        }

      branch = new_branch (loader, decision, parent, bedside_node_line (child));
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
                bedside_loader_error (loader, branch->line, BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
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
    bedside_loader_error (loader, decision->line, BEDSIDE_GUIDELINE_ERROR_MISSING_OTHERWISE,
                          "decision '%s' has no <otherwise>: every decision must end with one, so every combination of answers reaches a plan",
                          decision->id ? decision->id : "?");
  if (branches->len == 0 || (branches->len == 1 && have_otherwise))
    bedside_loader_error (loader, decision->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
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
              bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE,
                                    "<recommend ref=%s>: no such recommendation", quoted);
              continue;
            }
          n = g_new0 (BedsideNode, 1);
          n->type = BEDSIDE_NODE_RECOMMEND;
          n->line = bedside_node_line (child);
          n->recommendation = rec->index;
          g_ptr_array_add (nodes, n);
        }
      else if (node_is (child, "stop"))
        {
          BedsideNode *n = g_new0 (BedsideNode, 1);
          check_attributes (loader, child, (const char * const []) { NULL });
          n->type = BEDSIDE_NODE_STOP;
          n->line = bedside_node_line (child);
          g_ptr_array_add (nodes, n);
        }
      else if (node_is (child, "decision"))
        g_ptr_array_add (nodes, load_decision (loader, child, branch, depth, loader->tree_ids));
      else
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
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
  g->tree = new_branch (loader, NULL, NULL, bedside_node_line (node));
  loader->tree_ids = tree_ids;
  load_sequence (loader, node, g->tree, 0);
  loader->tree_ids = NULL;
  if (g->tree->n_children == 0)
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, "<decision-tree> is empty");
}

/* ---- the document ---------------------------------------------------- */

void
bedside_load_document (Loader  *loader,
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
      bedside_loader_error (loader, bedside_node_line (root), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
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
        bedside_loader_error (loader, bedside_node_line (root), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                              "format=%s is not supported (this version of Bedside reads format 1)", quoted);
        return;
      }
  }
  if (g->version != NULL && !g_regex_match_simple ("^[0-9]+\\.[0-9]+\\.[0-9]+$", g->version, 0, 0))
    {
      g_autofree char *quoted = quote_value (g->version);
      bedside_loader_error (loader, bedside_node_line (root), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            "version=%s is not a version number like 1.0.0", quoted);
    }

  children = element_children (loader, root);
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      gint part = lookup_name (part_names, G_N_ELEMENTS (part_names), (const char *) child->name);

      if (part < 0)
        {
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                "unknown element <%s> in <guideline>", child->name);
          continue;
        }
      if (parts[part] != NULL)
        {
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                                "<%s> appears twice (first at line %u)", child->name, bedside_node_line (parts[part]));
          continue;
        }
      if (part < last_part)
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                              "<%s> must come before <%s>", child->name, part_names[last_part]);
      parts[part] = child;
      last_part = MAX (last_part, part);
    }
  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    if (parts[i] == NULL && i != 3)
      bedside_loader_error (loader, bedside_node_line (root), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
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
