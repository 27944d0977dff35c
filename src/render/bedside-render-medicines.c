/* bedside-render-medicines.c: a plan entry's medicines and reasons in words, for every renderer. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bedside-render.h"

static void
append_sentence (GString    *text,
                 const char *sentence)
{
  gsize length;

  if (sentence == NULL || *sentence == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, sentence);
  length = strlen (sentence);
  if (strchr (".!?", sentence[length - 1]) == NULL)
    g_string_append_c (text, '.');
}

GStrv
bedside_render_medicines_clinician (const BedsideCarePlanEntry *entry)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint m = 0; m < entry->n_medicines; m++)
    {
      const BedsideMedicine *medicine = entry->medicines[m];
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, "%s: %s", medicine->name, medicine->dose);
      if (strchr (".!?", text->str[text->len - 1]) == NULL)
        g_string_append_c (text, '.');
      /* TRANSLATORS: the maximum daily dose of a medicine, for the clinician */
      if (medicine->max_daily != NULL)
        g_string_append_printf (text, " %s %s.", _("Maximum:"), medicine->max_daily);
      /* TRANSLATORS: how long a course of a medicine lasts, for the clinician */
      if (medicine->course != NULL)
        g_string_append_printf (text, " %s %s.", _("Course:"), medicine->course);
      g_strv_builder_add (builder, text->str);
    }
  return g_strv_builder_end (builder);
}

GStrv
bedside_render_medicines_patient (const BedsideCarePlanEntry *entry,
                                  BedsideTranslation         *handout)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint m = 0; m < entry->n_medicines; m++)
    {
      const BedsideMedicine *medicine = bedside_translation_get_medicine (handout, entry->medicines[m]);
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append (text, medicine->name);
      if (medicine->strength != NULL)
        g_string_append_printf (text, ", %s", medicine->strength);
      if (medicine->prescription)
        /* TRANSLATORS: on the patient handout, after a tablet's strength */
        g_string_append_printf (text, " (%s)", bedside_translation_gettext (handout, N_("prescription")));
      g_string_append (text, ":");
      {
        g_autoptr(GString) rest = g_string_new (NULL);
        append_sentence (rest, medicine->patient_dose);
        append_sentence (rest, medicine->patient_max);
        g_string_append_printf (text, " %s", rest->str);
      }
      g_strv_builder_add (builder, text->str);
    }
  return g_strv_builder_end (builder);
}

/* The reason that held, in the handout's language. */
static const BedsideCondition *
translated_condition (const BedsideCarePlan  *plan,
                      const BedsideCondition *condition,
                      BedsideTranslation     *handout)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (plan);
  const BedsideMedicine *source;
  const BedsideMedicine *translated;

  if (condition->medicine < 0)
    return condition;
  source = bedside_guideline_get_medicine (guideline, (guint) condition->medicine);
  translated = bedside_translation_get_medicine (handout, source);
  if (translated == source)
    return condition;
  if (condition >= source->against && condition < source->against + source->n_against)
    return &translated->against[condition - source->against];
  if (condition >= source->cautions && condition < source->cautions + source->n_cautions)
    return &translated->cautions[condition - source->cautions];
  return condition;
}

char *
bedside_render_patient_because (const BedsideCarePlan      *plan,
                                const BedsideCarePlanEntry *entry,
                                BedsideTranslation         *handout)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint c = 0; c < entry->n_conditions; c++)
    {
      const BedsideCondition *condition = translated_condition (plan, entry->conditions[c], handout);
      gboolean seen = FALSE;

      if (condition->patient == NULL)
        continue;
      for (guint k = 0; k < reasons->len && !seen; k++)
        seen = g_str_equal (reasons->pdata[k], condition->patient);
      if (!seen)
        g_ptr_array_add (reasons, condition->patient);
    }
  if (reasons->len == 0)
    return NULL;

  for (guint k = 0; k < reasons->len; k++)
    {
      if (k > 0 && k + 1 == reasons->len)
        /* TRANSLATORS: on the patient handout, before the last of several reasons: "you are pregnant, … and you take a blood thinner" */
        g_string_append (list, bedside_translation_gettext (handout, N_(" and ")));
      else if (k > 0)
        g_string_append (list, ", ");
      g_string_append (list, reasons->pdata[k]);
    }
  /* TRANSLATORS: on the patient handout, why a medicine is left out or needs care: "This is because you are pregnant." */
  return g_strdup_printf (bedside_translation_gettext (handout, N_("This is because %s.")), list->str);
}
