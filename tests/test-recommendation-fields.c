/* test-recommendation-fields.c: the table of a recommendation's text fields agrees with the schema, the ITS rules and the loader. */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "bedside-guideline.h"
#include "bedside-recommendation-fields-private.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

/* The children of <recommendation> that are not texts of the table. */
static const char * const other_children[] = { "cite", "offers", "mentions", "contraindication", "caution", NULL };

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathContext, xmlXPathFreeContext)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathObject, xmlXPathFreeObject)

static const BedsideRecommendationField *
lookup_field (const char *element)
{
  for (const BedsideRecommendationField *field = bedside_recommendation_fields; field->element != NULL; field++)
    if (g_str_equal (field->element, element))
      return field;
  return NULL;
}

static xmlDoc *
read_xml (const char *path)
{
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static guint
count_nodes (xmlXPathContext *context,
             const char      *expression,
             xmlNode         *node)
{
  g_autoptr(xmlXPathObject) result = NULL;

  context->node = node;
  result = xmlXPathEvalExpression ((const xmlChar *) expression, context);
  g_assert_nonnull (result);
  return result->nodesetval != NULL ? (guint) result->nodesetval->nodeNr : 0;
}

/* The table itself: distinct elements and offsets, each a char * inside
 * BedsideRecommendation; a required text has its message, a graded one
 * is for the patient. */
static void
test_table (void)
{
  g_autoptr(GHashTable) elements = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) offsets = g_hash_table_new (NULL, NULL);
  guint n = 0;

  for (const BedsideRecommendationField *field = bedside_recommendation_fields; field->element != NULL; field++, n++)
    {
      g_test_message ("field <%s>", field->element);
      g_assert_true (g_hash_table_add (elements, (gpointer) field->element));
      g_assert_true (g_hash_table_add (offsets, GSIZE_TO_POINTER (field->offset + 1)));
      g_assert_cmpint (field->offset, >=, 0);
      g_assert_cmpint (field->offset + (glong) sizeof (char *), <=, (glong) sizeof (BedsideRecommendation));
      g_assert_cmpint (field->offset % G_ALIGNOF (char *), ==, 0);
      g_assert_nonnull (field->what);
      if (field->flags & BEDSIDE_FIELD_REQUIRED)
        {
          const char *format = field->missing;

          /* The loader passes the id, and nothing else, to this format. */
          g_assert_nonnull (format);
          g_assert_nonnull (strstr (format, "%s"));
          g_assert_null (strchr (strstr (format, "%s") + 2, '%'));
          g_assert_true (strchr (format, '%') == strstr (format, "%s"));
        }
      else
        g_assert_null (field->missing);
      if (field->flags & BEDSIDE_FIELD_READABILITY)
        g_assert_cmpint (field->audience, ==, BEDSIDE_FIELD_AUDIENCE_PATIENT);
    }
  g_assert_cmpuint (n, >, 0);
}

/* data/bedside-guideline.rng: each field is an element of <recommendation>,
 * optional unless required; and each element there that holds only text
 * is a field. */
static void
test_schema (void)
{
  g_autofree char *path = g_build_filename (BEDSIDE_SOURCE_DATADIR, "bedside-guideline.rng", NULL);
  g_autoptr(xmlDoc) doc = read_xml (path);
  g_autoptr(xmlXPathContext) context = xmlXPathNewContext (doc);
  g_autoptr(xmlXPathObject) recommendation = NULL;
  g_autoptr(xmlXPathObject) texts = NULL;
  xmlNode *element;

  xmlXPathRegisterNs (context, (const xmlChar *) "rng", (const xmlChar *) RNG_NS);
  recommendation = xmlXPathEvalExpression ((const xmlChar *)
    "//rng:define[@name='recommendation']/rng:element[@name='recommendation']", context);
  g_assert_nonnull (recommendation->nodesetval);
  g_assert_cmpint (recommendation->nodesetval->nodeNr, ==, 1);
  element = recommendation->nodesetval->nodeTab[0];

  for (const BedsideRecommendationField *field = bedside_recommendation_fields; field->element != NULL; field++)
    {
      g_autofree char *required = g_strdup_printf ("rng:element[@name='%s']", field->element);
      g_autofree char *optional = g_strdup_printf ("rng:optional/rng:element[@name='%s']", field->element);
      gboolean is_required = (field->flags & BEDSIDE_FIELD_REQUIRED) != 0;

      g_test_message ("field <%s>", field->element);
      g_assert_cmpuint (count_nodes (context, required, element), ==, is_required ? 1 : 0);
      g_assert_cmpuint (count_nodes (context, optional, element), ==, is_required ? 0 : 1);
    }

  /* Children of <recommendation> (under optional, zeroOrMore or choice
   * too) whose content is text, without attributes. */
  context->node = element;
  texts = xmlXPathEvalExpression ((const xmlChar *)
    ".//rng:element[rng:ref[starts-with(@name, 'text.')] and not(rng:attribute)]", context);
  g_assert_nonnull (texts->nodesetval);
  g_assert_cmpint (texts->nodesetval->nodeNr, >, 0);
  for (int i = 0; i < texts->nodesetval->nodeNr; i++)
    {
      xmlNode *text = texts->nodesetval->nodeTab[i];
      g_autofree char *name = (char *) xmlGetProp (text, (const xmlChar *) "name");
      xmlNode *owner = text->parent;

      while (!xmlStrEqual (owner->name, (const xmlChar *) "element"))
        owner = owner->parent;
      if (owner != element)
        continue;   /* inside a child of <recommendation>, not one */
      g_test_message ("schema element <%s>", name);
      g_assert_nonnull (lookup_field (name));
    }
}

/* Whether ITS rules mark @node translatable: the last rule that selects
 * it decides, else the nearest ancestor's (ITS 2.0 inheritance). */
static gboolean
its_translates (GPtrArray *rules,
                GPtrArray *selected,
                xmlNode   *node)
{
  for (xmlNode *n = node; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    for (guint r = rules->len; r > 0; r--)
      {
        xmlXPathObject *set = selected->pdata[r - 1];

        if (set->nodesetval != NULL && xmlXPathNodeSetContains (set->nodesetval, n))
          {
            g_autofree char *value = (char *) xmlGetProp (rules->pdata[r - 1], (const xmlChar *) "translate");
            return g_strcmp0 (value, "yes") == 0;
          }
      }
  return TRUE;   /* ITS's default for elements */
}

/* data/its/bedside-guideline.its selects exactly the translatable fields,
 * in a recommendation of a guideline. */
static void
test_its_rules (void)
{
  g_autofree char *path = g_build_filename (BEDSIDE_SOURCE_DATADIR, "its", "bedside-guideline.its", NULL);
  g_autoptr(xmlDoc) its = read_xml (path);
  g_autoptr(GString) xml = g_string_new ("<guideline xmlns='" BEDSIDE_GUIDELINE_NAMESPACE "'>"
                                         "<recommendations><recommendation id='r' kind='do'>");
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlXPathContext) context = NULL;
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  g_autoptr(GPtrArray) selected = g_ptr_array_new_with_free_func ((GDestroyNotify) xmlXPathFreeObject);
  xmlNode *recommendation;

  for (const BedsideRecommendationField *field = bedside_recommendation_fields; field->element != NULL; field++)
    g_string_append_printf (xml, "<%s>text</%s>", field->element, field->element);
  g_string_append (xml, "</recommendation></recommendations></guideline>");
  doc = xmlReadMemory (xml->str, (int) xml->len, "fields.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  context = xmlXPathNewContext (doc);
  for (xmlNs *ns = xmlDocGetRootElement (its)->nsDef; ns != NULL; ns = ns->next)
    if (ns->prefix != NULL)
      xmlXPathRegisterNs (context, ns->prefix, ns->href);

  for (xmlNode *rule = xmlDocGetRootElement (its)->children; rule != NULL; rule = rule->next)
    {
      g_autofree char *selector = NULL;
      xmlXPathObject *set;

      if (rule->type != XML_ELEMENT_NODE || !xmlStrEqual (rule->name, (const xmlChar *) "translateRule"))
        continue;
      selector = (char *) xmlGetProp (rule, (const xmlChar *) "selector");
      set = xmlXPathEvalExpression ((const xmlChar *) selector, context);
      g_assert_nonnull (set);
      g_ptr_array_add (rules, rule);
      g_ptr_array_add (selected, set);
    }
  g_assert_cmpuint (rules->len, >, 0);

  recommendation = xmlDocGetRootElement (doc)->children->children;
  g_assert_cmpstr ((const char *) recommendation->name, ==, "recommendation");
  for (xmlNode *child = recommendation->children; child != NULL; child = child->next)
    {
      const BedsideRecommendationField *field = lookup_field ((const char *) child->name);

      g_test_message ("field <%s>", child->name);
      g_assert_nonnull (field);
      g_assert_cmpint (its_translates (rules, selected, child), ==,
                       (field->flags & BEDSIDE_FIELD_TRANSLATABLE) != 0);
    }
}

/* An element's text as the loader reads it: whitespace runs collapse to
 * one space, none at either end. */
static char *
collapsed_text (xmlNode *node)
{
  g_autofree char *content = (char *) xmlNodeGetContent (node);
  g_auto(GStrv) words = g_strsplit_set (content, " \t\n\r", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (" ", (char **) kept->pdata);
}

/* Each <recommendation> of @path against the loaded one of that id: every
 * child is a field of the table, with the loaded text, or one of
 * other_children; a field without its element is NULL. */
static void
check_recommendations (const BedsideGuideline *guideline,
                       const char             *path,
                       GHashTable             *seen_ids,
                       guint                  *seen_fields)
{
  g_autoptr(xmlDoc) doc = read_xml (path);
  g_autoptr(xmlXPathContext) context = xmlXPathNewContext (doc);
  g_autoptr(xmlXPathObject) recommendations = NULL;

  xmlXPathRegisterNs (context, (const xmlChar *) "b", (const xmlChar *) BEDSIDE_GUIDELINE_NAMESPACE);
  recommendations = xmlXPathEvalExpression ((const xmlChar *) "//b:recommendation", context);
  g_assert_nonnull (recommendations->nodesetval);
  for (int i = 0; i < recommendations->nodesetval->nodeNr; i++)
    {
      xmlNode *node = recommendations->nodesetval->nodeTab[i];
      g_autofree char *id = (char *) xmlGetProp (node, (const xmlChar *) "id");
      const BedsideRecommendation *rec = bedside_guideline_lookup_recommendation (guideline, id);

      /* A records file's note is loaded only when a medicine needs it, and
       * never over the guideline's own recommendation of that id. */
      if (rec == NULL || !g_hash_table_add (seen_ids, g_strdup (id)))
        continue;
      g_assert_cmpuint (rec->line, ==, (guint) xmlGetLineNo (node));
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          const BedsideRecommendationField *field;
          g_autofree char *text = NULL;

          if (child->type != XML_ELEMENT_NODE)
            continue;
          field = lookup_field ((const char *) child->name);
          if (field == NULL)
            {
              g_assert_true (g_strv_contains (other_children, (const char *) child->name));
              continue;
            }
          text = collapsed_text (child);
          g_test_message ("%s: recommendation '%s' <%s>", path, id, field->element);
          if (*text == '\0' && (field->flags & BEDSIDE_FIELD_EVIDENCE))
            g_assert_null (bedside_recommendation_field_get (rec, field));
          else
            g_assert_cmpstr (bedside_recommendation_field_get (rec, field), ==, text);
          seen_fields[field - bedside_recommendation_fields]++;
        }
      for (const BedsideRecommendationField *field = bedside_recommendation_fields; field->element != NULL; field++)
        {
          g_autofree char *present = g_strdup_printf ("count(b:%s)", field->element);
          g_autoptr(xmlXPathObject) count = NULL;

          context->node = node;
          count = xmlXPathEvalExpression ((const xmlChar *) present, context);
          if (count->floatval == 0)
            g_assert_null (bedside_recommendation_field_get (rec, field));
        }
    }
}

/* The documented example (and the bundled guideline with its records)
 * loads every field of the table, each with its element's text. */
static void
test_round_trip (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "data", "format-example.xml", NULL);
  g_autofree char *bundled = g_build_filename (BEDSIDE_SOURCE_DATADIR, "guidelines", "back-spasm.xml", NULL);
  g_autofree char *records = g_build_filename (BEDSIDE_SOURCE_DATADIR, "guidelines", "medicines", "analgesics.xml", NULL);
  const struct { const char *guideline; const char *records; } files[] = {
    { example, NULL },
    { bundled, records },
  };
  guint seen_fields[32] = { 0 };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BedsideGuideline) guideline = NULL;
      g_autoptr(GHashTable) seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      guideline = bedside_guideline_new_from_file (files[f].guideline, &error);
      g_assert_no_error (error);
      check_recommendations (guideline, files[f].guideline, seen_ids, seen_fields);
      if (files[f].records != NULL)
        check_recommendations (guideline, files[f].records, seen_ids, seen_fields);
      /* Every recommendation loaded was compared with its element. */
      g_assert_cmpuint (g_hash_table_size (seen_ids), ==, bedside_guideline_get_n_recommendations (guideline));
    }

  for (const BedsideRecommendationField *field = bedside_recommendation_fields; field->element != NULL; field++)
    {
      g_assert_cmpuint (field - bedside_recommendation_fields, <, G_N_ELEMENTS (seen_fields));
      g_test_message ("field <%s> read %u times", field->element, seen_fields[field - bedside_recommendation_fields]);
      g_assert_cmpuint (seen_fields[field - bedside_recommendation_fields], >, 0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recommendation-fields/table", test_table);
  g_test_add_func ("/recommendation-fields/schema", test_schema);
  g_test_add_func ("/recommendation-fields/its-rules", test_its_rules);
  g_test_add_func ("/recommendation-fields/round-trip", test_round_trip);
  return g_test_run ();
}
