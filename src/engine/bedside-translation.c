/* bedside-translation.c: a guideline's texts in another language: finding and loading a translation, and a handout's language.
 *
 * Translations are made at build time from po/ (data/its/ has the rules):
 * the translated file is a complete guideline, so it is loaded and
 * validated like any other.  What it may differ in is only text: a
 * translation that changed an id, a test, a limit or the tree would change
 * the plan, so it is refused (bedside-translation-check.c) and the
 * original's texts are used instead. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bedside-integrity.h"
#include "bedside-translation.h"

G_DEFINE_QUARK (bedside-translation-error-quark, bedside_translation_error)

/* ---- finding and loading ------------------------------------------------ */

char *
bedside_guideline_find_translation (const BedsideGuideline  *guideline,
                                    const char              *language,
                                    GError                 **error)
{
  const char *path;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_auto(GStrv) variants = NULL;

  g_return_val_if_fail (guideline != NULL, NULL);

  if (!bedside_language_is_valid (language))
    {
      g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_BAD_LANGUAGE,
                   _("'%s' is not a language code (e.g. es, es_MX)"),
                   language != NULL ? language : "(null)");
      return NULL;
    }

  path = bedside_guideline_get_path (guideline);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  variants = bedside_language_dup_variants (language);

  for (guint i = 0; variants[i] != NULL; i++)
    {
      g_autofree char *candidate = g_build_filename (dir, variants[i], base, NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);
    }

  g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_NOT_FOUND,
               _("%s: no translation into '%s' (looked for %s%s%s%s%s)"),
               path, language, dir, G_DIR_SEPARATOR_S, variants[0], G_DIR_SEPARATOR_S, base);
  return NULL;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
bedside_guideline_list_translations (const BedsideGuideline *guideline)
{
  g_autofree char *dir_path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  const char *name;

  g_return_val_if_fail (guideline != NULL, NULL);

  dir_path = g_path_get_dirname (bedside_guideline_get_path (guideline));
  base = g_path_get_basename (bedside_guideline_get_path (guideline));
  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *candidate = NULL;

      if (!bedside_language_is_valid (name))
        continue;
      candidate = g_build_filename (dir_path, name, base, NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (languages, g_strdup (name));
    }
  g_ptr_array_sort (languages, compare_strings);
  g_ptr_array_add (languages, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&languages), FALSE);
}

BedsideGuideline *
bedside_guideline_load_translation (const BedsideGuideline  *guideline,
                                    const char              *language,
                                    GError                 **error)
{
  g_autofree char *path = NULL;
  g_autoptr(BedsideGuideline) translation = NULL;
  const char *translated_language;

  g_return_val_if_fail (guideline != NULL, NULL);

  path = bedside_guideline_find_translation (guideline, language, error);
  if (path == NULL)
    return NULL;

  /* A clinic's SHA256SUMS in the language's folder guards a translation as
   * it guards a guideline: the patient reads these texts. */
  translation = bedside_guideline_new_verified (path, NULL, error);
  if (translation == NULL)
    return NULL;

  translated_language = bedside_guideline_get_language (translation);
  if (!bedside_language_matches (translated_language, language))
    {
      g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_MISMATCH,
                   _("%s: its language is '%s', not '%s'"),
                   path, translated_language != NULL ? translated_language : "(none)", language);
      return NULL;
    }

  if (!bedside_guideline_check_translation (guideline, translation, error))
    return NULL;

  return g_steal_pointer (&translation);
}

/* ---- a handout's language ------------------------------------------------ */

struct _BedsideTranslation {
  gatomicrefcount   ref_count;
  char             *language;
  BedsideGuideline *source;
  BedsideGuideline *translated;        /* NULL: the source's texts */
  GError           *guideline_error;   /* why there is no translated guideline */
  BedsideCatalog   *catalog;           /* NULL: English fixed strings */
  GError           *catalog_error;
};

/* Bedside's own strings are written in English: English needs no catalog. */
static gboolean
is_english (const char *language)
{
  return bedside_language_matches (language, "en");
}

BedsideTranslation *
bedside_translation_new (BedsideGuideline  *guideline,
                         const char        *language,
                         GError           **error)
{
  g_autoptr(BedsideTranslation) self = NULL;
  const char *own = bedside_guideline_get_language (guideline);

  g_return_val_if_fail (guideline != NULL, NULL);

  if (own == NULL)
    own = "en";
  if (language == NULL)
    language = own;
  if (!bedside_language_is_valid (language))
    {
      g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_BAD_LANGUAGE,
                   _("'%s' is not a language code (e.g. es, es_MX)"), language);
      return NULL;
    }

  self = g_new0 (BedsideTranslation, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->language = g_strdup (language);
  self->source = bedside_guideline_ref (guideline);

  if (!bedside_language_matches (language, own))
    self->translated = bedside_guideline_load_translation (guideline, language, &self->guideline_error);

  if (!is_english (language))
    self->catalog = bedside_catalog_new_for_language (GETTEXT_PACKAGE, language, &self->catalog_error);

  return g_steal_pointer (&self);
}

BedsideTranslation *
bedside_translation_ref (BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bedside_translation_unref (BedsideTranslation *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->catalog, bedside_catalog_free);
  g_clear_error (&self->catalog_error);
  g_clear_pointer (&self->translated, bedside_guideline_unref);
  g_clear_error (&self->guideline_error);
  g_clear_pointer (&self->source, bedside_guideline_unref);
  g_free (self->language);
  g_free (self);
}

const char *
bedside_translation_get_language (const BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}

BedsideGuideline *
bedside_translation_get_source (const BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

BedsideGuideline *
bedside_translation_get_guideline (const BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->translated != NULL ? self->translated : self->source;
}

gboolean
bedside_translation_has_guideline (const BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->translated != NULL || self->guideline_error == NULL;
}

gboolean
bedside_translation_has_catalog (const BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->catalog != NULL || self->catalog_error == NULL;
}

char *
bedside_translation_describe_missing (const BedsideTranslation *self)
{
  const char *own;
  const char *id;
  gboolean refused;

  g_return_val_if_fail (self != NULL, NULL);

  own = bedside_guideline_get_language (self->source);
  own = own != NULL ? own : "en";
  id = bedside_guideline_get_id (self->source);
  refused = self->guideline_error != NULL &&
            !g_error_matches (self->guideline_error, BEDSIDE_TRANSLATION_ERROR,
                              BEDSIDE_TRANSLATION_ERROR_NOT_FOUND);

  if (refused)
    return g_strdup_printf ("the '%s' translation of %s was refused, its texts stay in '%s': %s",
                            self->language, id, own, self->guideline_error->message);
  if (self->guideline_error != NULL && self->catalog_error != NULL)
    return g_strdup_printf ("no translation into '%s': the handout stays in '%s'",
                            self->language, own);
  if (self->guideline_error != NULL)
    return g_strdup_printf ("%s has no translation into '%s', its texts stay in '%s' (%s)",
                            id, self->language, own, self->guideline_error->message);
  if (self->catalog_error != NULL)
    return g_strdup_printf ("no catalog for '%s', the headings stay in English (%s)",
                            self->language, self->catalog_error->message);
  return NULL;
}

const BedsideRecommendation *
bedside_translation_get_recommendation (const BedsideTranslation    *self,
                                        const BedsideRecommendation *source)
{
  const BedsideRecommendation *translated;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (self->translated == NULL)
    return source;
  /* By id: the check made sure both guidelines have the same ones. */
  translated = bedside_guideline_lookup_recommendation (self->translated, source->id);
  return translated != NULL ? translated : source;
}

const BedsideMedicine *
bedside_translation_get_medicine (const BedsideTranslation *self,
                                  const BedsideMedicine    *source)
{
  const BedsideMedicine *translated;

  g_return_val_if_fail (source != NULL, NULL);

  if (self == NULL || self->translated == NULL)
    return source;
  translated = bedside_guideline_lookup_medicine (self->translated, source->id);
  /* The check made sure both have the same reasons and cautions. */
  if (translated == NULL || translated->n_against != source->n_against ||
      translated->n_cautions != source->n_cautions)
    return source;
  return translated;
}

const char *
bedside_translation_gettext (const BedsideTranslation *self,
                             const char               *msgid)
{
  if (self == NULL)
    return msgid;
  return bedside_catalog_gettext (self->catalog, msgid);
}
