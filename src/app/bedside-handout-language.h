/* bedside-handout-language.h: the languages a patient's handout can be given in, for the plan page, the print dialog and Export PDF. */
#pragma once

#include <glib.h>

#include "bedside-translation.h"

G_BEGIN_DECLS

/* The guideline's own language first, then those of the translations found
 * next to it (bedside_guideline_list_translations()), then @wanted when it
 * is none of these: a language without a translation still gets a handout,
 * in the original where there is no translation, and says so.  *@position
 * (may be NULL) is @wanted's place: NULL, "" or not a language code is the
 * guideline's own; a variant ("es_MX") finds its language ("es"). */
GStrv       bedside_handout_languages_new     (BedsideGuideline   *guideline,
                                               const char         *wanted,
                                               guint              *position);
/* The names to show for @languages, each in its own language ("English",
 * "Español"), or the code when Bedside does not know it. */
GStrv       bedside_handout_language_names    (const char * const *languages);

/* A warning for a handout whose texts partly stay in the original, or NULL
 * when @translation has them all. */
char       *bedside_handout_describe_missing  (BedsideTranslation *translation);

G_END_DECLS
