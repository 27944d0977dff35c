/* bedside-review-page.h: every answer of the consultation, by section, before the plan. */
#pragma once

#include <adwaita.h>

#include "bedside-session.h"

G_BEGIN_DECLS

#define BEDSIDE_TYPE_REVIEW_PAGE (bedside_review_page_get_type ())

G_DECLARE_FINAL_TYPE (BedsideReviewPage, bedside_review_page, BEDSIDE, REVIEW_PAGE, AdwBin)

/* The "session" property: lists the answered, enabled items of @session,
 * again each time the page is shown. Emits "edit-item" with the item index
 * when the user picks an answer to change. */
void            bedside_review_page_set_session (BedsideReviewPage *self,
                                                 BedsideSession    *session);
/* (transfer none) */
BedsideSession *bedside_review_page_get_session (BedsideReviewPage *self);
/* The Show Plan button, the window's default widget on this page. */
GtkWidget *bedside_review_page_get_show_plan_button (BedsideReviewPage *self);

G_END_DECLS
