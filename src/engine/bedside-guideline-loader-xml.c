/* bedside-guideline-loader-xml.c: the loader's readers of elements and attributes, which refuse whatever the format does not allow. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "bedside-guideline-loader-private.h"

/* ---- names in tables ------------------------------------------------- */

gint
bedside_loader_lookup_name (const char * const *names,
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

/* ---- XML helpers ----------------------------------------------------- */

static gboolean
is_ours (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE &&
         node->ns != NULL &&
         xmlStrEqual (node->ns->href, (const xmlChar *) BEDSIDE_GUIDELINE_NAMESPACE);
}

gboolean
bedside_loader_node_is (xmlNode    *node,
                        const char *name)
{
  return is_ours (node) && xmlStrEqual (node->name, (const xmlChar *) name);
}

char *
bedside_loader_describe_element (xmlNode *node)
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
GPtrArray *
bedside_loader_element_children (Loader  *loader,
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
              g_autofree char *what = bedside_loader_describe_element (child);
              if (child->ns != NULL &&
                  xmlStrEqual (child->ns->href, (const xmlChar *) "http://www.w3.org/2001/XInclude"))
                bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
                                      _("XInclude (%s) is not allowed in a guideline"), what);
              else
                bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                      _("unknown element %s in <%s> (elements must be in the namespace %s)"),
                                      what, parent->name, BEDSIDE_GUIDELINE_NAMESPACE);
              continue;
            }
          g_ptr_array_add (children, child);
          break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (!is_blank (child->content))
            bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                                  _("unexpected text in <%s>"), parent->name);
          break;
        case XML_ENTITY_REF_NODE:
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
                                _("entity reference &%s; is not allowed"), child->name);
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
char *
bedside_loader_element_text (Loader  *loader,
                             xmlNode *node)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        {
          g_autofree char *what = bedside_loader_describe_element (child);
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                _("unexpected element %s inside <%s>, which holds text only"),
                                what, node->name);
          continue;
        }
      if (child->type == XML_ENTITY_REF_NODE)
        {
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
                                _("entity reference &%s; is not allowed"), child->name);
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
void
bedside_loader_read_text_element (Loader   *loader,
                                  xmlNode  *node,
                                  char    **field)
{
  bedside_loader_check_attributes (loader, node, (const char * const []) { NULL });
  g_free (*field);
  *field = bedside_loader_element_text (loader, node);
}

/* Refuses attributes the element does not have; names end with '?' when optional. */
gboolean
bedside_loader_check_attributes (Loader              *loader,
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
                                _("unknown attribute '%s:%s' on <%s>"),
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
                                _("unknown attribute '%s' on <%s>"), attr->name, node->name);
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
                                _("<%s> needs the attribute '%s'"), node->name, allowed[i]);
          ok = FALSE;
        }
    }
  return ok;
}

char *
bedside_loader_get_attr (xmlNode    *node,
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
char *
bedside_loader_quote_value (const char *value)
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

char *
bedside_loader_get_id (Loader     *loader,
                       xmlNode    *node,
                       const char *attr_name)
{
  g_autofree char *id = bedside_loader_get_attr (node, attr_name);

  if (id == NULL)
    return NULL;
  if (!bedside_is_valid_id (id))
    {
      g_autofree char *quoted = bedside_loader_quote_value (id);
      bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            _("%s %s on <%s> is not a valid id (a lower-case letter, then letters, digits, '_' or '-', at most 64)"),
                            attr_name, quoted, node->name);
      return NULL;
    }
  return g_steal_pointer (&id);
}

/* Items and definitions are named in expressions, where '-' is minus. */
char *
bedside_loader_get_name_id (Loader  *loader,
                            xmlNode *node)
{
  char *id = bedside_loader_get_id (loader, node, "id");

  if (id != NULL && strchr (id, '-') != NULL)
    {
      bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            _("id '%s' on <%s> cannot contain '-': expressions use this name, and '-' means minus there "
                            "(use '_')"), id, node->name);
      g_clear_pointer (&id, g_free);
    }
  return id;
}

/* The id of a child that must be <name> in <parent> and have only an id:
 * NULL, with the error reported, when it is anything else. */
char *
bedside_loader_get_child_id (Loader     *loader,
                             xmlNode    *child,
                             const char *name,
                             const char *parent,
                             gboolean    is_name)
{
  if (!bedside_loader_node_is (child, name))
    {
      bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                            _("unknown element <%s> in <%s>"), child->name, parent);
      return NULL;
    }
  if (!bedside_loader_check_attributes (loader, child, (const char * const []) { "id", NULL }))
    return NULL;
  return is_name ? bedside_loader_get_name_id (loader, child) : bedside_loader_get_id (loader, child, "id");
}

gint
bedside_loader_get_enum (Loader             *loader,
                         xmlNode            *node,
                         const char         *attr_name,
                         const char * const *names,
                         guint               n_names,
                         gint                fallback)
{
  g_autofree char *value = bedside_loader_get_attr (node, attr_name);
  gint found;

  if (value == NULL)
    return fallback;
  found = bedside_loader_lookup_name (names, n_names, value);
  if (found < 0)
    {
      g_autofree char *quoted = bedside_loader_quote_value (value);
      g_autofree char *allowed = join_names (names, n_names);
      bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            _("%s=%s on <%s> is not one of %s"), attr_name, quoted, node->name, allowed);
    }
  return found;
}

gboolean
bedside_loader_get_boolean (Loader     *loader,
                            xmlNode    *node,
                            const char *attr_name,
                            gboolean    fallback)
{
  g_autofree char *value = bedside_loader_get_attr (node, attr_name);

  if (value == NULL)
    return fallback;
  if (g_str_equal (value, "true"))
    return TRUE;
  if (g_str_equal (value, "false"))
    return FALSE;
  {
    g_autofree char *quoted = bedside_loader_quote_value (value);
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                          _("%s=%s on <%s> must be true or false"), attr_name, quoted, node->name);
  }
  return fallback;
}

gboolean
bedside_loader_get_number (Loader     *loader,
                           xmlNode    *node,
                           const char *attr_name,
                           double     *out)
{
  g_autofree char *value = bedside_loader_get_attr (node, attr_name);
  char *end = NULL;
  double number;

  if (value == NULL)
    return FALSE;
  errno = 0;
  number = g_ascii_strtod (value, &end);
  if (errno != 0 || end == value || *end != '\0' || !isfinite (number) ||
      strpbrk (value, "xXpPnNiI") != NULL)
    {
      g_autofree char *quoted = bedside_loader_quote_value (value);
      bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            _("%s=%s on <%s> is not a number"), attr_name, quoted, node->name);
      return FALSE;
    }
  *out = number;
  return TRUE;
}

char *
bedside_loader_get_date (Loader     *loader,
                         xmlNode    *node,
                         const char *attr_name)
{
  g_autofree char *value = bedside_loader_get_attr (node, attr_name);

  if (value == NULL)
    return NULL;
  if (!bedside_parse_iso_date (value, NULL))
    {
      g_autofree char *quoted = bedside_loader_quote_value (value);
      bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            _("%s=%s on <%s> is not a date (YYYY-MM-DD)"), attr_name, quoted, node->name);
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
gboolean
bedside_loader_register_id (Loader     *loader,
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
                            _("duplicate %s id '%s' (first defined at line %u)"), kind, id, first_line);
      return FALSE;
    }
  g_hash_table_insert (table, (gpointer) id, value);
  return TRUE;
}
