/* bedside-window-private.h: the window's pages and state, for the UI test. */
#pragma once

#include "bedside-consultation-page.h"
#include "bedside-library-page.h"
#include "bedside-plan-page.h"
#include "bedside-review-page.h"
#include "bedside-window.h"

G_BEGIN_DECLS

BedsideLibraryPage      *bedside_window_get_library_page      (BedsideWindow *self);
BedsideConsultationPage *bedside_window_get_consultation_page (BedsideWindow *self);
BedsideReviewPage       *bedside_window_get_review_page       (BedsideWindow *self);
BedsidePlanPage         *bedside_window_get_plan_page         (BedsideWindow *self);
/* "library", "consultation", "review" or "plan" */
const char              *bedside_window_get_page_name         (BedsideWindow *self);
/* The urgent announcement shown, or NULL. */
const char              *bedside_window_get_urgent_text       (BedsideWindow *self);
/* The guideline status warning shown, or NULL. */
const char              *bedside_window_get_status_text       (BedsideWindow *self);
BedsideSession          *bedside_window_get_session           (BedsideWindow *self);
/* Clears the consultation without asking (what "New Consultation" does
 * once the user agreed). */
void                     bedside_window_clear_consultation    (BedsideWindow *self);

G_END_DECLS
