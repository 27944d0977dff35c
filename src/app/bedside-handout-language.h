/* bedside-handout-language.h: the languages a patient's handout can be given in, for the plan page, the print dialog and Export PDF. */
#pragma once

#include <glib.h>

#include "bedside-render-pages.h"
#include "bedside-translation.h"

G_BEGIN_DECLS

/* The guideline's own language first, then those of the translations found
 * next to it (bedside_guideline_list_translations()), then @wanted when it
 * is none of these: a language without a translation is offered too, and
 * choosing it says that no handout can be given in it.  *@position
 * (may be NULL) is @wanted's place: NULL, "" or not a language code is the
 * guideline's own; a variant ("es_MX") finds its language ("es"). */
GStrv       bedside_handout_languages_new     (BedsideGuideline   *guideline,
                                               const char         *wanted,
                                               guint              *position);
/* The names to show for @languages, each in its own language ("English",
 * "Español"), or the code when Bedside does not know it. */
GStrv       bedside_handout_language_names    (const char * const *languages);

/* Why no handout can be given in @translation's language
 * (bedside_render_handout_check_language()), in the interface's words, for
 * the message shown instead of the handout; NULL when it can.  Bedside
 * never gives a patient English in place of the language chosen. */
char       *bedside_handout_describe_problem  (BedsideTranslation *translation);

/* The language of @options's handout (@options may be NULL), or the
 * guideline's own; borrowed from @options or @plan. */
const char *bedside_handout_language_get_chosen (BedsideCarePlan          *plan,
                                                 const BedsidePageOptions *options);
/* Gives @options the handout of @language, one of the languages offered,
 * unless it already has it. */
void        bedside_handout_language_apply      (BedsidePageOptions       *options,
                                                 BedsideCarePlan          *plan,
                                                 const char               *language);

G_END_DECLS
