/* bedside-review-page-private.h: the review's rows, for the UI test. */
#pragma once

#include "bedside-review-page.h"

G_BEGIN_DECLS

/* The AdwActionRow of item @item_id, or NULL when it is not listed. */
GtkWidget *bedside_review_page_get_row (BedsideReviewPage *self,
                                        const char        *item_id);

G_END_DECLS
