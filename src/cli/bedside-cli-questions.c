/* bedside-cli-questions.c: the questions subcommand: the questionnaire as text or JSON. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bedside-cli-private.h"
#include "bedside-render.h"

/* A bound as the item's type writes it: "18" for an integer, "37.5" for a decimal. */
static char *
format_bound (const BedsideItem *item,
              double             bound)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (item->type == BEDSIDE_TYPE_INTEGER)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) bound);

  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, bound));
}

static void
append_item_text (GString           *out,
                  const BedsideItem *item)
{
  g_autoptr(GString) facts = g_string_new (bedside_value_type_to_string (item->type));

  g_string_append (facts, item->required ? ", required" : ", optional");
  if (item->has_min || item->has_max)
    {
      g_autofree char *min = item->has_min ? format_bound (item, item->min) : g_strdup ("");
      g_autofree char *max = item->has_max ? format_bound (item, item->max) : g_strdup ("");

      g_string_append_printf (facts, ", %s..%s", min, max);
    }
  if (item->unit != NULL)
    g_string_append_printf (facts, " %s", item->unit);

  g_string_append_printf (out, "\n  %s (%s)\n", item->id, facts->str);
  bedside_render_append_wrapped (out, "    ", "    ", item->label);

  for (guint i = 0; i < item->n_options; i++)
    {
      g_autofree char *first = g_strdup_printf ("      %s = ", item->options[i].code);
      g_autofree char *indent = g_strnfill ((gsize) g_utf8_strlen (first, -1), ' ');

      bedside_render_append_wrapped (out, first, indent, item->options[i].label);
    }

  if (item->enable_when != NULL)
    bedside_render_append_wrapped (out, "    Asked when: ", "                ",
                                   bedside_expr_get_source (item->enable_when));
  if (item->help != NULL)
    bedside_render_append_wrapped (out, "    Help: ", "          ", item->help);
}

static char *
questionnaire_to_text (BedsideGuideline *guideline)
{
  GString *out = g_string_new (NULL);
  guint n_sections = bedside_guideline_get_n_sections (guideline);

  bedside_render_append_wrapped (out, "", "", bedside_guideline_get_title (guideline));
  g_string_append_printf (out, "Guideline: %s %s\n",
                          bedside_guideline_get_id (guideline),
                          bedside_guideline_get_version (guideline));

  for (guint s = 0; s < n_sections; s++)
    {
      const BedsideSection *section = bedside_guideline_get_section (guideline, s);
      g_autofree char *heading = g_strdup_printf ("%u. %s [%s]", s + 1, section->title, section->id);

      g_string_append_c (out, '\n');
      bedside_render_append_wrapped (out, "", "", heading);
      if (section->description != NULL)
        bedside_render_append_wrapped (out, "  ", "  ", section->description);

      for (guint i = 0; i < section->n_items; i++)
        append_item_text (out, bedside_guideline_get_item (guideline, section->first_item + i));
    }

  return g_string_free (out, FALSE);
}

static void
add_bound (JsonBuilder       *builder,
           const BedsideItem *item,
           const char        *member,
           double             bound)
{
  json_builder_set_member_name (builder, member);
  if (item->type == BEDSIDE_TYPE_INTEGER)
    json_builder_add_int_value (builder, (gint64) bound);
  else
    json_builder_add_double_value (builder, bound);
}

static void
add_item_json (JsonBuilder       *builder,
               const BedsideItem *item)
{
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, item->id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, bedside_value_type_to_string (item->type));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, item->label);
  json_builder_set_member_name (builder, "required");
  json_builder_add_boolean_value (builder, item->required);

  if (item->unit != NULL)
    {
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, item->unit);
    }
  if (item->has_min)
    add_bound (builder, item, "min", item->min);
  if (item->has_max)
    add_bound (builder, item, "max", item->max);

  if (item->type == BEDSIDE_TYPE_CHOICE)
    {
      json_builder_set_member_name (builder, "options");
      json_builder_begin_array (builder);
      for (guint i = 0; i < item->n_options; i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, item->options[i].code);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, item->options[i].label);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (item->enable_when != NULL)
    {
      json_builder_set_member_name (builder, "enable_when");
      json_builder_add_string_value (builder, bedside_expr_get_source (item->enable_when));
    }
  if (item->help != NULL)
    {
      json_builder_set_member_name (builder, "help");
      json_builder_add_string_value (builder, item->help);
    }

  json_builder_end_object (builder);
}

static char *
questionnaire_to_json (BedsideGuideline *guideline)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_sections = bedside_guideline_get_n_sections (guideline);
  GString *out;

  json_builder_begin_array (builder);
  for (guint s = 0; s < n_sections; s++)
    {
      const BedsideSection *section = bedside_guideline_get_section (guideline, s);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, section->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, section->title);
      if (section->description != NULL)
        {
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, section->description);
        }
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < section->n_items; i++)
        add_item_json (builder, bedside_guideline_get_item (guideline, section->first_item + i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

int
bedside_cli_questions (int    argc,
                       char **argv)
{
  static const char summary[] =
    "Lists the questionnaire in order: sections, and for each item its id, type,\n"
    "whether it is required, range and unit, the codes of a choice, when it is\n"
    "asked (enable-when) and its help.  --json writes an array of sections.";
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Write JSON: an array of sections", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autofree char *text = NULL;

  context = bedside_cli_option_context_new ("questions", "FILE", summary, entries);
  if (!bedside_cli_parse_options (context, &argc, &argv))
    return BEDSIDE_CLI_EXIT_USAGE;
  if (argc != 2)
    return bedside_cli_usage_error (context, argc < 2 ? "no guideline given"
                                                      : "questions takes one guideline");

  guideline = bedside_cli_load_guideline (argv[1]);
  if (guideline == NULL)
    return BEDSIDE_CLI_EXIT_FAILED;

  text = as_json ? questionnaire_to_json (guideline) : questionnaire_to_text (guideline);

  return bedside_cli_write_output (NULL, text, strlen (text)) ? BEDSIDE_CLI_EXIT_OK
                                                               : BEDSIDE_CLI_EXIT_FAILED;
}
