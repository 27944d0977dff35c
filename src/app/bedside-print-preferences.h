/* bedside-print-preferences.h: what the preferences say about printed pages (clinic, paper, audience). */
#pragma once

#include <gio/gio.h>

#include "bedside-consultation.h"
#include "bedside-render-pages.h"

G_BEGIN_DECLS

/* The page options of the preferences (clinic, emergency number) and of
 * @patient (may be NULL). (transfer full) */
BedsidePageOptions *bedside_print_preferences_dup_page_options (GSettings            *settings,
                                                                const BedsidePatient *patient);
/* The preferences' paper, else the locale's. */
BedsidePaper        bedside_print_preferences_get_paper        (GSettings            *settings);
/* What to print first: the handout when it is on screen, else what the
 * preferences name ("both" included). */
BedsideAudience     bedside_print_preferences_get_audience     (GSettings            *settings,
                                                                BedsideAudience       shown);

G_END_DECLS
