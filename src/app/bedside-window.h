/* bedside-window.h: the main window: library, consultation, review and plan. */
#pragma once

#include <adwaita.h>

#include "bedside-application.h"
#include "bedside-session.h"

G_BEGIN_DECLS

#define BEDSIDE_TYPE_WINDOW (bedside_window_get_type ())

G_DECLARE_FINAL_TYPE (BedsideWindow, bedside_window, BEDSIDE, WINDOW, AdwApplicationWindow)

BedsideWindow *bedside_window_new                (BedsideApplication *application);
/* The "is-modified" property: answers or patient details that no saved
 * file holds. */
gboolean       bedside_window_get_is_modified    (BedsideWindow      *self);
/* The "file" property: where the consultation was saved or opened, or
 * NULL.  (transfer none) */
GFile         *bedside_window_get_file           (BedsideWindow      *self);
/* The consultation's answers, or NULL before a guideline is chosen.
 * (transfer none) */
BedsideSession *bedside_window_get_session       (BedsideWindow      *self);
/* Opens a saved consultation (what Open… does with the file chosen, and
 * what opening a file from Files or the command line does): the guideline
 * it names, from the library, with its answers and decisions.  On failure
 * it shows why and changes nothing. */
gboolean       bedside_window_open_file          (BedsideWindow      *self,
                                                  GFile              *file);
/* For tools/screenshots.sh: starts the first guideline with the answers
 * of @answers_path (a JSON answers file, may be NULL) and shows @page
 * ("library", "questionnaire[:SECTION-ID]", "review" or "plan"). */
void           bedside_window_prepare_screenshot (BedsideWindow      *self,
                                                  const char         *page,
                                                  const char         *answers_path);

G_END_DECLS
