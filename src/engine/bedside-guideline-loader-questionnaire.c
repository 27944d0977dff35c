/* bedside-guideline-loader-questionnaire.c: loads the questionnaire: its sections and their items (types, limits, options); enable-when is compiled later, once the definitions are known. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <libxml/tree.h>

#include "bedside-guideline-loader-private.h"

static const char * const type_names[] = { NULL, "boolean", "integer", "decimal", "text", "choice", "date" };

/* The item's attributes; NULL when they do not let it be loaded (reported). */
static BedsideItem *
new_item (Loader         *loader,
          xmlNode        *node,
          BedsideSection *section)
{
  BedsideItem *item;
  gint type;
  char *id;

  if (!bedside_loader_check_attributes (loader, node, (const char * const []) {
        "id", "type", "required?", "min?", "max?", "unit?", "enable-when?", NULL }))
    return NULL;
  id = bedside_loader_get_name_id (loader, node);
  type = bedside_loader_get_enum (loader, node, "type", type_names, G_N_ELEMENTS (type_names), -1);
  if (id == NULL || type < 0)
    {
      g_free (id);
      return NULL;
    }

  item = g_new0 (BedsideItem, 1);
  item->id = id;
  item->line = bedside_node_line (node);
  item->type = (BedsideValueType) type;
  item->section = section->index;
  item->index = loader->guideline->items->len;
  item->required = bedside_loader_get_boolean (loader, node, "required", TRUE);
  item->unit = bedside_loader_get_attr (node, "unit");
  item->has_min = bedside_loader_get_number (loader, node, "min", &item->min);
  item->has_max = bedside_loader_get_number (loader, node, "max", &item->max);
  return item;
}

static void
check_item_limits (Loader            *loader,
                   const BedsideItem *item)
{
  const char *id = item->id;

  if ((item->has_min || item->has_max) &&
      item->type != BEDSIDE_TYPE_INTEGER && item->type != BEDSIDE_TYPE_DECIMAL)
    bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                          _("item '%s': min and max apply only to integer and decimal items"), id);
  if (item->has_min && item->has_max && item->min > item->max)
    bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                          _("item '%s': min (%g) is greater than max (%g)"), id, item->min, item->max);
  /* The range test comes first: casting a double outside gint64 to gint64
   * is undefined behaviour (found by fuzz-guideline). */
#define FITS_GINT64(x) ((x) >= -9223372036854775808.0 && (x) < 9223372036854775808.0)
  if (item->type == BEDSIDE_TYPE_INTEGER &&
      ((item->has_min && (!FITS_GINT64 (item->min) || item->min != (double) (gint64) item->min)) ||
       (item->has_max && (!FITS_GINT64 (item->max) || item->max != (double) (gint64) item->max))))
    bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                          _("item '%s': min and max of an integer item must be whole numbers"), id);
}

/* An <option code>: its code and label are added to @options, in pairs. */
static void
read_option (Loader     *loader,
             xmlNode    *child,
             const char *id,
             GPtrArray  *options)
{
  char *code;

  if (!bedside_loader_check_attributes (loader, child, (const char * const []) { "code", NULL }))
    return;
  code = bedside_loader_get_id (loader, child, "code");
  if (code == NULL)
    return;
  for (guint j = 0; j < options->len; j += 2)
    if (g_str_equal (options->pdata[j], code))
      {
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_DUPLICATE_ID,
                              _("item '%s': duplicate option code '%s'"), id, code);
        g_free (code);
        return;
      }
  g_ptr_array_add (options, code);
  g_ptr_array_add (options, bedside_loader_element_text (loader, child));
}

/* A choice item takes the codes and labels read (@options holds them in
 * pairs); any other item has none. */
static void
set_item_options (Loader      *loader,
                  BedsideItem *item,
                  GPtrArray   *options)
{
  if (item->type == BEDSIDE_TYPE_CHOICE)
    {
      if (options->len == 0)
        bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                              _("choice item '%s' needs at least one <option>"), item->id);
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
                              _("item '%s' has options but is of type %s, not choice"), item->id,
                              type_names[item->type]);
      g_ptr_array_set_free_func (options, g_free);
    }
}

/* FALSE (and @item freed) when its id is taken. */
static gboolean
register_item (Loader      *loader,
               BedsideItem *item)
{
  BedsideGuideline *g = loader->guideline;
  NameTarget *target = g_new0 (NameTarget, 1);

  target->index = item->index;
  target->line = item->line;
  if (!bedside_loader_register_id (loader, g->names, "item", item->id, target, item->line,
                                   bedside_loader_name_line (g, item->id)))
    {
      g_free (target);
      bedside_item_free (item);
      return FALSE;
    }
  return TRUE;
}

static void
load_item (Loader         *loader,
           xmlNode        *node,
           BedsideSection *section,
           GPtrArray      *enable_when_sources,
           GArray         *enable_when_lines)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) options = NULL;
  BedsideItem *item = new_item (loader, node, section);

  if (item == NULL)
    return;
  check_item_limits (loader, item);

  options = g_ptr_array_new ();
  children = bedside_loader_element_children (loader, node);
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (bedside_loader_node_is (child, "label"))
        bedside_loader_read_text_element (loader, child, &item->label);
      else if (bedside_loader_node_is (child, "short-label"))
        bedside_loader_read_text_element (loader, child, &item->short_label);
      else if (bedside_loader_node_is (child, "help"))
        bedside_loader_read_text_element (loader, child, &item->help);
      else if (bedside_loader_node_is (child, "option"))
        read_option (loader, child, item->id, options);
      else
        bedside_loader_error (loader, bedside_node_line (child), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                              _("unknown element <%s> in <item>"), child->name);
    }

  if (item->label == NULL)
    bedside_loader_error (loader, item->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("item '%s' needs a <label>"), item->id);
  set_item_options (loader, item, options);
  if (!register_item (loader, item))
    return;

  g_ptr_array_add (loader->guideline->items, item);
  g_ptr_array_add (enable_when_sources, bedside_loader_get_attr (node, "enable-when"));
  g_array_append_val (enable_when_lines, item->line);
}

void
bedside_loader_load_questionnaire (Loader    *loader,
                                   xmlNode   *node,
                                   GPtrArray *enable_when_sources,
                                   GArray    *enable_when_lines)
{
  BedsideGuideline *g = loader->guideline;
  g_autoptr(GPtrArray) children = bedside_loader_element_children (loader, node);
  g_autoptr(GHashTable) section_ids = g_hash_table_new (g_str_hash, g_str_equal);

  bedside_loader_check_attributes (loader, node, (const char * const []) { NULL });
  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];
      g_autoptr(GPtrArray) parts = NULL;
      BedsideSection *section;
      char *id;

      id = bedside_loader_get_child_id (loader, child, "section", "questionnaire", FALSE);
      if (id == NULL)
        continue;

      section = g_new0 (BedsideSection, 1);
      section->id = id;
      section->line = bedside_node_line (child);
      section->index = g->sections->len;
      section->first_item = g->items->len;
      if (!bedside_loader_register_id (loader, section_ids, "section", id, GUINT_TO_POINTER (section->line),
                                       section->line,
                                       GPOINTER_TO_UINT (g_hash_table_lookup (section_ids, id))))
        {
          bedside_section_free (section);
          continue;
        }
      g_ptr_array_add (g->sections, section);

      parts = bedside_loader_element_children (loader, child);
      for (guint j = 0; j < parts->len; j++)
        {
          xmlNode *part = parts->pdata[j];

          if (bedside_loader_node_is (part, "title"))
            bedside_loader_read_text_element (loader, part, &section->title);
          else if (bedside_loader_node_is (part, "description"))
            bedside_loader_read_text_element (loader, part, &section->description);
          else if (bedside_loader_node_is (part, "item"))
            load_item (loader, part, section, enable_when_sources, enable_when_lines);
          else
            bedside_loader_error (loader, bedside_node_line (part), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                                  _("unknown element <%s> in <section>"), part->name);
        }
      section->n_items = g->items->len - section->first_item;
      if (section->title == NULL)
        bedside_loader_error (loader, section->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                              _("section '%s' needs a <title>"), id);
      if (section->n_items == 0)
        bedside_loader_error (loader, section->line, BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                              _("section '%s' has no items"), id);
    }
  if (g->sections->len == 0)
    bedside_loader_error (loader, bedside_node_line (node), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                          _("<questionnaire> needs at least one <section>"));
}
