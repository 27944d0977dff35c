/* bedside-handout-language.c: the languages a patient's handout can be given in, for the plan page, the print dialog and Export PDF. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-catalog.h"
#include "bedside-handout-language.h"
#include "bedside-render.h"

/* Languages in their own names, as a patient would look for theirs: these
 * are not translated. */
static const struct {
  const char *code;
  const char *name;
} language_names[] = {
  { "ca", "Català" },
  { "de", "Deutsch" },
  { "en", "English" },
  { "es", "Español" },
  { "fr", "Français" },
  { "it", "Italiano" },
  { "pt", "Português" },
};

static const char *
own_language (BedsideGuideline *guideline)
{
  const char *language = bedside_guideline_get_language (guideline);

  return language != NULL ? language : "en";
}

static gboolean
find (GPtrArray  *languages,
      const char *language,
      guint      *position)
{
  for (guint i = 0; i < languages->len; i++)
    if (g_str_equal (languages->pdata[i], language))
      {
        *position = i;
        return TRUE;
      }
  return FALSE;
}

GStrv
bedside_handout_languages_new (BedsideGuideline *guideline,
                               const char       *wanted,
                               guint            *position)
{
  g_autoptr(GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) translations = NULL;
  guint found = 0;

  g_return_val_if_fail (guideline != NULL, NULL);

  g_ptr_array_add (languages, g_strdup (own_language (guideline)));
  translations = bedside_guideline_list_translations (guideline);
  for (guint i = 0; translations[i] != NULL; i++)
    if (!find (languages, translations[i], &found))
      g_ptr_array_add (languages, g_strdup (translations[i]));

  found = 0;
  if (wanted != NULL && bedside_language_is_valid (wanted))
    {
      g_auto(GStrv) variants = bedside_language_dup_variants (wanted);
      gboolean matched = FALSE;

      /* "es-MX" is es_MX's folder when there is one, else "es"'s. */
      for (guint v = 0; variants[v] != NULL && !matched; v++)
        matched = find (languages, variants[v], &found);
      if (!matched)
        {
          found = languages->len;
          g_ptr_array_add (languages, g_strdup (variants[0]));
        }
    }

  if (position != NULL)
    *position = found;
  g_ptr_array_set_free_func (languages, NULL);
  g_ptr_array_add (languages, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&languages), FALSE);
}

static const char *
lookup_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_str_equal (language_names[i].code, code))
      return language_names[i].name;
  return NULL;
}

GStrv
bedside_handout_language_names (const char * const *languages)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv names;

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_auto(GStrv) variants = bedside_language_is_valid (languages[i])
                               ? bedside_language_dup_variants (languages[i]) : NULL;
      const char *exact = lookup_name (languages[i]);
      const char *primary = NULL;

      if (variants != NULL)
        for (guint v = 0; variants[v] != NULL && primary == NULL; v++)
          primary = lookup_name (variants[v]);

      if (exact != NULL)
        g_strv_builder_add (builder, exact);
      else if (primary != NULL)
        {
          /* "Español (es_MX)": the language, and which of its variants */
          g_autofree char *name = g_strdup_printf ("%s (%s)", primary, languages[i]);

          g_strv_builder_add (builder, name);
        }
      else
        g_strv_builder_add (builder, languages[i]);
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

char *
bedside_handout_describe_problem (BedsideTranslation *translation)
{
  g_autoptr(GError) error = NULL;
  const char *languages[2] = { NULL, NULL };
  g_auto(GStrv) names = NULL;

  if (translation == NULL || bedside_render_handout_check_language (translation, &error))
    return NULL;

  /* The language by its own name, as it is offered. */
  languages[0] = bedside_translation_get_language (translation);
  names = bedside_handout_language_names (languages);
  if (g_error_matches (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_MISMATCH))
    /* TRANSLATORS: shown instead of the patient's handout; %s is a language's own name, e.g. "Français" */
    return g_strdup_printf (_("No handout in %s: its translation does not match this version of the guideline. "
                              "Choose another language."), names[0]);
  /* TRANSLATORS: shown instead of the patient's handout; %s is a language's own name, e.g. "Français" */
  return g_strdup_printf (_("No handout in %s: this guideline has not been translated into it. "
                            "Choose another language."), names[0]);
}

const char *
bedside_handout_language_get_chosen (BedsideCarePlan          *plan,
                                     const BedsidePageOptions *options)
{
  if (options != NULL && options->handout != NULL)
    return bedside_translation_get_language (options->handout);
  return bedside_guideline_get_language (bedside_care_plan_get_guideline (plan));
}

void
bedside_handout_language_apply (BedsidePageOptions *options,
                                BedsideCarePlan    *plan,
                                const char         *language)
{
  BedsideTranslation *handout;

  if (g_strcmp0 (bedside_handout_language_get_chosen (plan, options), language) == 0)
    return;
  /* The languages offered are valid codes: this does not fail. */
  handout = bedside_translation_new (bedside_care_plan_get_guideline (plan), language, NULL);
  if (handout == NULL)
    return;
  g_clear_pointer (&options->handout, bedside_translation_unref);
  options->handout = handout;
}
