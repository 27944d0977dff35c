/* bedside-plan-page-private.h: what the plan page shows, for the UI test. */
#pragma once

#include "bedside-plan-page.h"

G_BEGIN_DECLS

/* The recommendation ids shown, in the order shown. */
GStrv bedside_plan_page_dup_shown_ids (BedsidePlanPage *self);

/* The handout's language choice, and the message shown under it (NULL:
 * none) when no handout can be given in that language. */
GtkDropDown *bedside_plan_page_get_language_dropdown (BedsidePlanPage *self);
const char  *bedside_plan_page_get_handout_warning   (BedsidePlanPage *self);
/* The help box's text at the top of the handout, NULL when not shown. */
const char  *bedside_plan_page_get_handout_help      (BedsidePlanPage *self);

/* The row of recommendation @id, or NULL when it is not shown. */
GtkWidget   *bedside_plan_page_get_row               (BedsidePlanPage *self,
                                                      const char      *id);

/* Expands the row of recommendation @id (for screenshots). */
void  bedside_plan_page_expand        (BedsidePlanPage *self,
                                       const char      *id);

G_END_DECLS
