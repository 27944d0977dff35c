/* bedside-library-page.h: the guidelines found on this computer, to start a consultation. */
#pragma once

#include <adwaita.h>

#include "bedside-guideline.h"

G_BEGIN_DECLS

#define BEDSIDE_TYPE_LIBRARY_PAGE (bedside_library_page_get_type ())

G_DECLARE_FINAL_TYPE (BedsideLibraryPage, bedside_library_page, BEDSIDE, LIBRARY_PAGE, AdwBin)

/* Reads the guideline folders again. Emits "guideline-activated" with a
 * BedsideGuideline (transfer none) when the user starts one. */
void              bedside_library_page_reload        (BedsideLibraryPage *self);
/* The first guideline that loads, or NULL (transfer none). */
BedsideGuideline *bedside_library_page_get_first     (BedsideLibraryPage *self);
/* The listed guideline with id @id, loaded in full (transfer none). */
BedsideGuideline *bedside_library_page_load_guideline (BedsideLibraryPage  *self,
                                                       const char          *id,
                                                       GError             **error);
/* Whether only guidelines the clinic's SHA256SUMS names with their checksum
 * may be opened (the "only-verified" property); changing it reloads the list. */
void              bedside_library_page_set_only_verified (BedsideLibraryPage *self,
                                                          gboolean            only_verified);
gboolean          bedside_library_page_get_only_verified (BedsideLibraryPage *self);
/* Puts the focus on the first guideline that can be started. */
void              bedside_library_page_focus_default (BedsideLibraryPage *self);

G_END_DECLS
