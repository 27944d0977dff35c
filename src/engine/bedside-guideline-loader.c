/* bedside-guideline-loader.c: walks a parsed guideline, checks everything a schema can't, and builds the BedsideGuideline. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <libxml/tree.h>

#include "bedside-guideline-loader-private.h"

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

void
bedside_loader_clear (Loader *loader)
{
  if (loader->errors != NULL)
    g_string_free (g_steal_pointer (&loader->errors), TRUE);
  g_clear_pointer (&loader->failed_definitions, g_array_unref);
  g_clear_pointer (&loader->medicine_states, g_ptr_array_unref);
  g_clear_pointer (&loader->base_dir, g_free);
}

guint
bedside_node_line (xmlNode *node)
{
  long line = xmlGetLineNo (node);
  return line > 0 ? (guint) MIN (line, G_MAXUINT) : 0;
}

/* ---- metadata -------------------------------------------------------- */

static void
load_review (Loader  *loader,
             xmlNode *node)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) reviewers = bedside_loader_element_children (loader, node);

  bedside_loader_check_attributes (loader, node, (const char * const []) { "date", "next?", NULL });
  /* A second <review> (the schema refuses it later) must not leak the
   * first one's text (found by fuzz-guideline in CI). */
  g_free (g->review_date);
  g_free (g->next_review);
  g->review_date = bedside_loader_get_date (loader, node, "date");
  g->next_review = bedside_loader_get_date (loader, node, "next");
  for (guint j = 0; j < reviewers->len; j++)
    {
      xmlNode *r = reviewers->pdata[j];
      if (!bedside_loader_node_is (r, "reviewer"))
        {
          bedside_loader_error (loader, bedside_node_line (r), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                _("unknown element <%s> in <review>"), r->name);
          continue;
        }
      bedside_loader_check_attributes (loader, r, (const char * const []) { NULL });
      g_ptr_array_add (g->reviewers, bedside_loader_element_text (loader, r));
    }
}

static void
load_metadata (Loader  *loader,
               xmlNode *node)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, node);
  gboolean have_status = FALSE, have_review = FALSE;

  bedside_loader_check_attributes (loader, node, (const char * const []) { NULL });

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (bedside_loader_node_is (child, "title"))
        bedside_loader_read_text_element (loader, child, &g->title);
      else if (bedside_loader_node_is (child, "summary"))
        bedside_loader_read_text_element (loader, child, &g->summary);
      else if (bedside_loader_node_is (child, "status"))
        {
          g_autofree char *text = bedside_loader_element_text (loader, child);
          gint status = bedside_loader_lookup_name (bedside_status_names, G_N_ELEMENTS (bedside_status_names), text);

          bedside_loader_check_attributes (loader, child, (const char * const []) { NULL });
          if (status < 0)
            {
              g_autofree char *quoted = bedside_loader_quote_value (text);
              bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                                    _("status %s is not one of draft, under-review, approved, retired"), quoted);
            }
          else
            g->status = (BedsideReviewStatus) status;
          have_status = TRUE;
        }
      else if (bedside_loader_node_is (child, "review"))
        {
          load_review (loader, child);
          have_review = TRUE;
        }
      /* A second <audience>, ... (the schema refuses it later) replaces
       * the first one's text, without leaking it. */
      else if (bedside_loader_node_is (child, "audience"))
        bedside_loader_read_text_element (loader, child, &g->audience);
      else if (bedside_loader_node_is (child, "population"))
        bedside_loader_read_text_element (loader, child, &g->population);
      else if (bedside_loader_node_is (child, "disclaimer"))
        bedside_loader_read_text_element (loader, child, &g->disclaimer);
      else if (bedside_loader_node_is (child, "readability"))
        {
          double grade;
          bedside_loader_check_attributes (loader, child, (const char * const []) { "max-grade", NULL });
          if (bedside_loader_get_number (loader, child, "max-grade", &grade))
            g->max_grade = grade;
        }
      else
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                              _("unknown element <%s> in <metadata>"), child->name);
    }

  if (g->title == NULL || *g->title == '\0')
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("<metadata> needs a <title>"));
  if (!have_status)
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("<metadata> needs a <status>"));
  if (!have_review)
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("<metadata> needs a <review date=\"…\">"));
  if (g->disclaimer == NULL)
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("<metadata> needs a <disclaimer>"));
  g_ptr_array_add (g->reviewers, NULL);
}

/* ---- references ------------------------------------------------------ */

static void
load_references (Loader  *loader,
                 xmlNode *node)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, node);

  bedside_loader_check_attributes (loader, node, (const char * const []) { NULL });
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      BedsideReference *ref;
      char *id;

      id = bedside_loader_get_child_id (loader, child, "reference", "references", FALSE);
      if (id == NULL)
        continue;

      ref = g_new0 (BedsideReference, 1);
      ref->id = id;
      ref->line = bedside_node_line (child);
      ref->text = bedside_loader_element_text (loader, child);
      ref->index = g->references->len;
      {
        BedsideReference *first = g_hash_table_lookup (g->reference_ids, id);
        if (!bedside_loader_register_id (loader, g->reference_ids, "reference", id, ref, ref->line,
                                         first ? first->line : 0))
          {
            bedside_reference_free (ref);
            continue;
          }
      }
      g_ptr_array_add (g->references, ref);
    }
}

/* ---- expressions ----------------------------------------------------- */

/* Where an item or definition id was first defined, or 0. */
guint
bedside_loader_name_line (BedsideGuideline *g,
                          const char       *id)
{
  NameTarget *target = g_hash_table_lookup (g->names, id);
  return target ? target->line : 0;
}

/* A definition's type, if the expression being checked may use it. */
static gboolean
resolve_definition (Loader         *loader,
                    const char     *name,
                    guint           index,
                    BedsideSymbol  *symbol,
                    GError        **error)
{
  BedsideGuideline *g = loader->guideline;
  BedsideDefinition *def;

  if (index >= g->definitions->len)
    return FALSE;
  def = g->definitions->pdata[index];
  if (loader->failed_definitions != NULL && index < loader->failed_definitions->len &&
      g_array_index (loader->failed_definitions, gboolean, index))
    {
      /* Already reported where it is defined. */
      loader->cascade = TRUE;
      g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNUSABLE_NAME,
                   _("definition '%s' has errors"), name);
      return FALSE;
    }
  if (def->expr == NULL || bedside_expr_get_type (def->expr) == BEDSIDE_TYPE_INVALID)
    {
      g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNUSABLE_NAME,
                   _("definition '%s' is used before it is defined (definitions may only use earlier ones)"),
                   name);
      return FALSE;
    }
  if (loader->current_item >= 0 && def->last_item >= loader->current_item)
    {
      BedsideItem *later = g->items->pdata[def->last_item];
      g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNUSABLE_NAME,
                   _("definition '%s' depends on item '%s', which is not asked before this one"),
                   name, later->id);
      return FALSE;
    }
  symbol->type = bedside_expr_get_type (def->expr);
  if (symbol->type == BEDSIDE_TYPE_CHOICE)
    return FALSE; /* definitions are never bare choice values: not reached */
  return TRUE;
}

/* An item's type and codes, if the expression being checked may use it. */
static gboolean
resolve_item (Loader         *loader,
              const char     *name,
              guint           index,
              BedsideSymbol  *symbol,
              GError        **error)
{
  BedsideItem *item = loader->guideline->items->pdata[index];

  if (loader->current_item >= 0 && (gint) item->index >= loader->current_item)
    {
      g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNUSABLE_NAME,
                   (gint) item->index == loader->current_item
                   ? _("item '%s' cannot depend on itself")
                   : _("'%s' is asked later in the questionnaire; enable-when may only use earlier items"),
                   name);
      return FALSE;
    }
  symbol->type = item->type;
  symbol->codes = item->codes;
  symbol->n_codes = item->n_options;
  return TRUE;
}

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
  NameTarget *target;

  if (loader->name_map != NULL)
    {
      const char *mapped = g_hash_table_lookup (loader->name_map, name);
      if (mapped != NULL)
        name = mapped;
    }
  target = g_hash_table_lookup (g->names, name);
  if (target == NULL && g_str_has_prefix (name, "suitable("))
    {
      g_autofree char *medicine = g_strndup (name + strlen ("suitable("), strlen (name) - strlen ("suitable()"));

      if (loader->in_record)
        {
          g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNUSABLE_NAME,
                       _("a medicine record cannot use suitable(): records read answers only"));
          return FALSE;
        }
      target = bedside_loader_define_suitable (loader, medicine, error);
      if (target == NULL)
        return FALSE;
    }
  if (target == NULL)
    return FALSE;

  memset (symbol, 0, sizeof *symbol);
  symbol->is_definition = target->is_definition;
  symbol->index = target->index;
  if (target->is_definition)
    return resolve_definition (loader, name, target->index, symbol, error);
  return resolve_item (loader, name, target->index, symbol, error);
}

/* Parses and checks one boolean expression; NULL on error (reported). */
BedsideExpr *
bedside_loader_compile_expression (Loader     *loader,
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
                            _("%s does not parse: %s"), what, error->message);
      return NULL;
    }
  loader->cascade = FALSE;
  if (!bedside_expr_check (expr, resolve_name, loader, &error))
    {
      if (loader->cascade)
        return NULL;
      gint code = BEDSIDE_GUIDELINE_ERROR_EXPRESSION;
      if (error->domain == BEDSIDE_EXPR_ERROR && error->code == BEDSIDE_EXPR_ERROR_UNKNOWN_NAME)
        code = BEDSIDE_GUIDELINE_ERROR_UNKNOWN_REFERENCE;
      bedside_loader_error (loader, line, code, _("%s: %s"), what, error->message);
      return NULL;
    }
  if (need_boolean && bedside_expr_get_type (expr) != BEDSIDE_TYPE_BOOLEAN)
    {
      bedside_loader_error (loader, line, BEDSIDE_GUIDELINE_ERROR_EXPRESSION,
                            _("%s must be a condition (boolean), but '%s' is %s"),
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

/* A <define>'s id, registered as a name; FALSE when it has none that can
 * be (reported). */
static gboolean
register_definition (Loader  *loader,
                     xmlNode *child)
{
  BedsideGuideline *g = loader->guideline;
  BedsideDefinition *def;
  NameTarget *target;
  char *id;

  id = bedside_loader_get_child_id (loader, child, "define", "definitions", TRUE);
  if (id == NULL)
    return FALSE;
  def = g_new0 (BedsideDefinition, 1);
  def->id = id;
  def->line = bedside_node_line (child);
  def->index = g->definitions->len;
  def->last_item = -1;
  target = g_new0 (NameTarget, 1);
  target->is_definition = TRUE;
  target->index = def->index;
  target->line = def->line;
  if (!bedside_loader_register_id (loader, g->names, "definition", id, target, def->line, bedside_loader_name_line (g, id)))
    {
      g_free (target);
      bedside_definition_free (def);
      return FALSE;
    }
  g_ptr_array_add (g->definitions, def);
  g_ptr_array_add (g->definition_exprs, NULL);
  return TRUE;
}

/* Its errors are reported once: expressions that use it say no more. */
static void
mark_definition_failed (Loader                  *loader,
                        const BedsideDefinition *def)
{
  if (loader->failed_definitions == NULL)
    loader->failed_definitions = g_array_new (FALSE, TRUE, sizeof (gboolean));
  if (loader->failed_definitions->len <= def->index)
    g_array_set_size (loader->failed_definitions, def->index + 1);
  g_array_index (loader->failed_definitions, gboolean, def->index) = TRUE;
}

static void
compile_definition (Loader            *loader,
                    xmlNode           *child,
                    BedsideDefinition *def)
{
  BedsideGuideline *g = loader->guideline;
  g_autofree char *source = bedside_loader_element_text (loader, child);
  g_autofree char *what = g_strdup_printf ("definition '%s'", def->id);
  LastItemData data = { g, -1 };

  loader->current_item = -1;
  def->expr = bedside_loader_compile_expression (loader, source, def->line, what, FALSE);
  if (def->expr == NULL)
    {
      mark_definition_failed (loader, def);
      return;
    }
  if (bedside_expr_get_type (def->expr) == BEDSIDE_TYPE_CHOICE)
    {
      bedside_loader_error (loader, def->line, BEDSIDE_GUIDELINE_ERROR_EXPRESSION,
                            _("definition '%s' cannot be a bare choice value; compare it with a code"), def->id);
      g_clear_pointer (&def->expr, bedside_expr_free);
      mark_definition_failed (loader, def);
      return;
    }
  bedside_expr_foreach_symbol (def->expr, note_last_item, &data);
  def->last_item = data.last_item;
  g->definition_exprs->pdata[def->index] = def->expr;
}

static void
load_definitions (Loader  *loader,
                  xmlNode *node)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, node);

  bedside_loader_check_attributes (loader, node, (const char * const []) { NULL });

  /* Register every name first, so that a later definition used too
   * early gets a clear message rather than "unknown name". */
  for (guint i = 0; i < children->len; i++)
    if (!register_definition (loader, children->pdata[i]))
      children->pdata[i] = NULL;

  for (guint i = 0, d = 0; i < children->len; i++)
    if (children->pdata[i] != NULL)
      compile_definition (loader, children->pdata[i], g->definitions->pdata[d++]);
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
      item->enable_when = bedside_loader_compile_expression (loader, sources->pdata[i],
                                                             g_array_index (lines, guint, i), what, TRUE);
      loader->current_item = -1;
    }
}

/* ---- the document ---------------------------------------------------- */

/* The parts of a guideline, in order (<medicines> aside). */
enum {
  PART_METADATA,
  PART_REFERENCES,
  PART_QUESTIONNAIRE,
  PART_DEFINITIONS,      /* the only optional one */
  PART_RECOMMENDATIONS,
  PART_TREE,
  N_PARTS
};
static const char * const part_names[N_PARTS] = {
  "metadata", "references", "questionnaire", "definitions", "recommendations", "decision-tree"
};

/* <guideline id version format xml:lang>; FALSE when the format is not
 * one this version reads (reported), and nothing else should be. */
static gboolean
read_guideline_attributes (Loader   *loader,
                           xmlNode  *root,
                           gboolean *format_2)
{
  BedsideGuideline *g = loader->guideline;
  g_autofree char *format = NULL;
  xmlChar *lang;

  bedside_loader_check_attributes (loader, root, (const char * const []) { "id", "version", "format", NULL });
  g->id = bedside_loader_get_id (loader, root, "id");
  g->version = bedside_loader_get_attr (root, "version");
  lang = xmlGetNsProp (root, (const xmlChar *) "lang", XML_XML_NAMESPACE);
  g->language = g_strdup (lang ? (const char *) lang : "en");
  xmlFree (lang);

  format = bedside_loader_get_attr (root, "format");
  if (format != NULL && !g_str_equal (format, "1") && !g_str_equal (format, "2"))
    {
      g_autofree char *quoted = bedside_loader_quote_value (format);
      bedside_loader_error (loader, bedside_node_line (root), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            _("format=%s is not supported (this version of Bedside reads formats 1 and 2)"), quoted);
      return FALSE;
    }
  *format_2 = format != NULL && g_str_equal (format, "2");

  if (g->version != NULL && !g_regex_match_simple ("^[0-9]+\\.[0-9]+\\.[0-9]+$", g->version, 0, 0))
    {
      g_autofree char *quoted = bedside_loader_quote_value (g->version);
      bedside_loader_error (loader, bedside_node_line (root), BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                            _("version=%s is not a version number like 1.0.0"), quoted);
    }
  return TRUE;
}

/* Each child of <guideline> into @parts (by part_names) or @medicines,
 * checking their order and that each part is there once. */
static void
find_parts (Loader     *loader,
            xmlNode    *root,
            gboolean    format_2,
            xmlNode   **parts,
            GPtrArray  *medicines)
{
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, root);
  gint last_part = -1;

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      gint part = bedside_loader_lookup_name (part_names, N_PARTS, (const char *) child->name);

      if (part < 0 && bedside_loader_node_is (child, "medicines"))
        {
          /* Between <references> and <questionnaire>; there may be several. */
          if (!format_2)
            bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                                  _("<medicines> needs format=\"2\""));
          else if (last_part > PART_REFERENCES)
            bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                                  _("<medicines> must come before <%s>"), part_names[last_part]);
          g_ptr_array_add (medicines, child);
          continue;
        }
      if (part < 0)
        {
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                _("unknown element <%s> in <guideline>"), child->name);
          continue;
        }
      if (parts[part] != NULL)
        {
          bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                                _("<%s> appears twice (first at line %u)"), child->name, bedside_node_line (parts[part]));
          continue;
        }
      if (part < last_part)
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                              _("<%s> must come before <%s>"), child->name, part_names[last_part]);
      parts[part] = child;
      last_part = MAX (last_part, part);
    }
  for (guint i = 0; i < N_PARTS; i++)
    if (parts[i] == NULL && i != PART_DEFINITIONS)
      bedside_loader_error (loader, bedside_node_line (root), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                            _("<guideline> needs a <%s>"), part_names[i]);
}

void
bedside_load_document (Loader  *loader,
                       xmlNode *root)
{
  g_autoptr(GPtrArray) enable_when_sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) enable_when_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) medicines = g_ptr_array_new ();
  xmlNode *parts[N_PARTS] = { NULL };
  gboolean format_2 = FALSE;

  if (!bedside_loader_node_is (root, "guideline"))
    {
      g_autofree char *what = bedside_loader_describe_element (root);
      bedside_loader_error (loader, bedside_node_line (root), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                            _("the document element is %s%s%s, not a Bedside <guideline> in the namespace %s"),
                            what, root->ns ? " in the namespace " : "",
                            root->ns ? (const char *) root->ns->href : "", BEDSIDE_GUIDELINE_NAMESPACE);
      return;
    }
  if (!read_guideline_attributes (loader, root, &format_2))
    return;
  find_parts (loader, root, format_2, parts, medicines);
  if (loader->n_errors > 0)
    return;

  load_metadata (loader, parts[PART_METADATA]);
  load_references (loader, parts[PART_REFERENCES]);
  bedside_loader_load_questionnaire (loader, parts[PART_QUESTIONNAIRE], enable_when_sources, enable_when_lines);
  bedside_loader_read_medicines (loader, (xmlNode **) medicines->pdata, medicines->len);
  if (parts[PART_DEFINITIONS] != NULL)
    load_definitions (loader, parts[PART_DEFINITIONS]);
  compile_enable_when (loader, enable_when_sources, enable_when_lines);
  bedside_loader_compile_medicines (loader);
  bedside_loader_load_recommendations (loader, parts[PART_RECOMMENDATIONS]);
  bedside_loader_load_tree (loader, parts[PART_TREE]);
}
