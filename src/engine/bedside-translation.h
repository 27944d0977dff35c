/* bedside-translation.h: a guideline's texts in another language, checked against the original. */
#pragma once

#include <glib.h>

#include "bedside-catalog.h"
#include "bedside-guideline.h"

G_BEGIN_DECLS

#define BEDSIDE_TRANSLATION_ERROR (bedside_translation_error_quark ())

typedef enum {
  BEDSIDE_TRANSLATION_ERROR_BAD_LANGUAGE,  /* not a language code */
  BEDSIDE_TRANSLATION_ERROR_NOT_FOUND,     /* no translation into that language */
  BEDSIDE_TRANSLATION_ERROR_MISMATCH,      /* differs from the original in more than its texts */
} BedsideTranslationError;

/**
 * bedside_translation_error_quark:
 *
 * The error domain of guideline translations (#BedsideTranslationError).
 *
 * Returns: the quark of %BEDSIDE_TRANSLATION_ERROR
 */
GQuark bedside_translation_error_quark (void);

/**
 * bedside_guideline_find_translation:
 * @guideline: a guideline read from a file
 * @language: a language code
 * @error: BEDSIDE_TRANSLATION_ERROR_BAD_LANGUAGE or _NOT_FOUND
 *
 * Where a translation lives: next to the guideline's file, in a folder named
 * after the language (guidelines/es/back-spasm.xml for
 * guidelines/back-spasm.xml); "es_MX" is looked for, then "es".
 *
 * Returns: (transfer full) (nullable): the path of the first that exists, or
 *   %NULL with @error set
 */
char             *bedside_guideline_find_translation  (const BedsideGuideline  *guideline,
                                                       const char              *language,
                                                       GError                 **error);

/**
 * bedside_guideline_list_translations:
 * @guideline: a guideline
 *
 * The languages @guideline has a translation into: the folders next to its
 * file, named by a valid language code, that hold a file of its name (as
 * bedside_guideline_find_translation() looks for them), sorted.  Found, not
 * loaded: each is checked when it is loaded.
 *
 * Returns: (transfer full): the language codes; never %NULL
 */
GStrv             bedside_guideline_list_translations (const BedsideGuideline  *guideline);

/**
 * bedside_guideline_check_translation:
 * @source: the original guideline
 * @translation: a guideline that says it translates @source
 * @error: BEDSIDE_TRANSLATION_ERROR_MISMATCH, naming the differences
 *
 * TRUE when @translation is @source with only its texts translated: the same
 * id, version, status and review; the same references, sections, items (ids,
 * types, options, limits, units, enable-when), definitions, recommendations
 * (kinds, topics, citations, contraindications, cautions, requires, evidence
 * grades, which texts they have) and decision tree (ids, tests, pathways,
 * what each branch adds, in the same order); and every text has the same
 * numbers as the original's (doses, limits, durations, years; a decimal comma
 * reads as a point).
 *
 * Returns: TRUE when @translation is a translation of @source
 */
gboolean          bedside_guideline_check_translation (const BedsideGuideline  *source,
                                                       const BedsideGuideline  *translation,
                                                       GError                 **error);

/**
 * bedside_guideline_load_translation:
 * @guideline: a guideline read from a file
 * @language: a language code
 * @error: as bedside_guideline_find_translation(),
 *   bedside_guideline_new_from_file() and bedside_guideline_check_translation()
 *
 * Finds, loads and checks @guideline's translation into @language.
 *
 * Returns: (transfer full) (nullable): the translated guideline, or %NULL with
 *   @error set
 */
BedsideGuideline *bedside_guideline_load_translation  (const BedsideGuideline  *guideline,
                                                       const char              *language,
                                                       GError                 **error);

/* A handout's language: the guideline's texts and Bedside's fixed strings
 * (headings of printed plans) in one language, whatever the interface's.
 * Anything without a translation stays in the original, string by string:
 * never blank. */
typedef struct _BedsideTranslation BedsideTranslation;

/**
 * bedside_translation_new:
 * @guideline: (transfer none): the original guideline; the handout keeps a
 *   reference
 * @language: (nullable): a language code; %NULL: the guideline's own language
 * @error: BEDSIDE_TRANSLATION_ERROR_BAD_LANGUAGE
 *
 * A handout's language.  Never fails for a valid language code: what is
 * missing is reported by bedside_translation_describe_missing().
 *
 * Returns: (transfer full) (nullable): the handout's language, or %NULL with
 *   @error set
 */
BedsideTranslation *bedside_translation_new             (BedsideGuideline         *guideline,
                                                         const char               *language,
                                                         GError                  **error);

/**
 * bedside_translation_ref:
 * @self: a handout's language
 *
 * Returns: (transfer full): @self, with one more reference
 */
BedsideTranslation *bedside_translation_ref             (BedsideTranslation       *self);

/**
 * bedside_translation_unref:
 * @self: (nullable) (transfer full): a handout's language
 *
 * Drops a reference; the last one frees it.
 */
void                bedside_translation_unref           (BedsideTranslation       *self);

/**
 * bedside_translation_get_language:
 * @self: a handout's language
 *
 * Returns: (transfer none): the language asked for (or the guideline's),
 *   owned by @self
 */
const char         *bedside_translation_get_language    (const BedsideTranslation *self);

/**
 * bedside_translation_get_source:
 * @self: a handout's language
 *
 * Returns: (transfer none): the original guideline, the one plans are
 *   evaluated with, valid as long as @self
 */
BedsideGuideline   *bedside_translation_get_source      (const BedsideTranslation *self);

/**
 * bedside_translation_get_guideline:
 * @self: a handout's language
 *
 * Its recommendations, items and sections have the original's indices.
 *
 * Returns: (transfer none): the translated guideline, or the original when
 *   there is none, valid as long as @self
 */
BedsideGuideline   *bedside_translation_get_guideline   (const BedsideTranslation *self);

/**
 * bedside_translation_has_guideline:
 * @self: a handout's language
 *
 * Returns: TRUE when a checked translation of the guideline is used (or none
 *   is needed)
 */
gboolean            bedside_translation_has_guideline   (const BedsideTranslation *self);

/**
 * bedside_translation_has_catalog:
 * @self: a handout's language
 *
 * Returns: TRUE when Bedside's catalog for the language was found (or the
 *   language is English, which needs none)
 */
gboolean            bedside_translation_has_catalog     (const BedsideTranslation *self);

/**
 * bedside_translation_describe_missing:
 * @self: a handout's language
 *
 * Returns: (transfer full) (nullable): a sentence on what stays untranslated
 *   and why, for a warning; %NULL when nothing is missing
 */
char               *bedside_translation_describe_missing (const BedsideTranslation *self);

/**
 * bedside_translation_get_recommendation:
 * @self: a handout's language
 * @source: one of the source guideline's recommendations
 *
 * Returns: (transfer none): the translated counterpart of @source (matched by
 *   id), or @source itself without one; owned by a guideline of @self
 */
const BedsideRecommendation *bedside_translation_get_recommendation (const BedsideTranslation    *self,
                                                                     const BedsideRecommendation *source);

/**
 * bedside_translation_get_medicine:
 * @self: (nullable): a handout's language
 * @source: one of the source guideline's medicines
 *
 * Returns: (transfer none): the same medicine's record in the translation
 *   (matched by id), or @source itself without one
 */
const BedsideMedicine *bedside_translation_get_medicine (const BedsideTranslation *self,
                                                         const BedsideMedicine    *source);

/**
 * bedside_translation_gettext:
 * @self: (nullable): a handout's language; %NULL: English
 * @msgid: a msgid of Bedside's catalog
 *
 * A fixed string (a heading of printed plans) in the language.
 *
 * Returns: (transfer none): the translation, or @msgid itself
 */
const char         *bedside_translation_gettext         (const BedsideTranslation *self,
                                                         const char               *msgid) G_GNUC_FORMAT (2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideTranslation, bedside_translation_unref)

G_END_DECLS
