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

GQuark bedside_translation_error_quark (void);

/* Where a translation lives: next to the guideline's file, in a folder named
 * after the language (guidelines/es/back-spasm.xml for
 * guidelines/back-spasm.xml); "es_MX" is looked for, then "es".  Returns
 * the path of the first that exists. */
char             *bedside_guideline_find_translation  (const BedsideGuideline  *guideline,
                                                       const char              *language,
                                                       GError                 **error);

/* The languages @guideline has a translation into: the folders next to its
 * file, named by a valid language code, that hold a file of its name (as
 * bedside_guideline_find_translation() looks for them), sorted.  Found, not
 * loaded: each is checked when it is loaded.  Never NULL. */
GStrv             bedside_guideline_list_translations (const BedsideGuideline  *guideline);

/* TRUE when @translation is @source with only its texts translated: the
 * same id, version, status and review; the same references, sections,
 * items (ids, types, options, limits, units, enable-when), definitions,
 * recommendations (kinds, topics, citations, contraindications, cautions,
 * requires, evidence grades, which texts they have) and decision tree
 * (ids, tests, pathways, what each branch adds, in the same order); and
 * every text has the same numbers as the original's (doses, limits,
 * durations, years; a decimal comma reads as a point).  Else MISMATCH,
 * naming the differences. */
gboolean          bedside_guideline_check_translation (const BedsideGuideline  *source,
                                                       const BedsideGuideline  *translation,
                                                       GError                 **error);

/* Finds, loads and checks @guideline's translation into @language. */
BedsideGuideline *bedside_guideline_load_translation  (const BedsideGuideline  *guideline,
                                                       const char              *language,
                                                       GError                 **error);

/* A handout's language: the guideline's texts and Bedside's fixed strings
 * (headings of printed plans) in one language, whatever the interface's.
 * Anything without a translation stays in the original, string by string:
 * never blank. */
typedef struct _BedsideTranslation BedsideTranslation;

/* Never fails for a valid language code: what is missing is reported by
 * bedside_translation_describe_missing().  @language NULL means the
 * guideline's own language. */
BedsideTranslation *bedside_translation_new             (BedsideGuideline         *guideline,
                                                         const char               *language,
                                                         GError                  **error);
BedsideTranslation *bedside_translation_ref             (BedsideTranslation       *self);
void                bedside_translation_unref           (BedsideTranslation       *self);

/* The language asked for (or the guideline's). */
const char         *bedside_translation_get_language    (const BedsideTranslation *self);
/* The original guideline: the one plans are evaluated with. */
BedsideGuideline   *bedside_translation_get_source      (const BedsideTranslation *self);
/* The translated guideline, or the original when there is none.  Its
 * recommendations, items and sections have the original's indices. */
BedsideGuideline   *bedside_translation_get_guideline   (const BedsideTranslation *self);
/* TRUE when a checked translation of the guideline is used. */
gboolean            bedside_translation_has_guideline   (const BedsideTranslation *self);
/* TRUE when Bedside's catalog for the language was found (or the language
 * is English, which needs none). */
gboolean            bedside_translation_has_catalog     (const BedsideTranslation *self);
/* A sentence on what stays untranslated and why, for a warning; NULL when
 * nothing is missing. */
char               *bedside_translation_describe_missing (const BedsideTranslation *self);

/* The translated counterpart of one of the source's recommendations. */
const BedsideRecommendation *bedside_translation_get_recommendation (const BedsideTranslation    *self,
                                                                     const BedsideRecommendation *source);
/* The same medicine's record in the translation (matched by id); @source
 * itself without one.  @self may be NULL. */
const BedsideMedicine *bedside_translation_get_medicine (const BedsideTranslation *self,
                                                         const BedsideMedicine    *source);
/* A fixed string (a msgid of Bedside's catalog) in the language, or
 * @msgid itself. */
const char         *bedside_translation_gettext         (const BedsideTranslation *self,
                                                         const char               *msgid) G_GNUC_FORMAT (2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideTranslation, bedside_translation_unref)

G_END_DECLS
