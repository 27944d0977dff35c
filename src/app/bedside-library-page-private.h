/* bedside-library-page-private.h: the library's list, for the UI test. */
#pragma once

#include "bedside-library-page.h"

G_BEGIN_DECLS

/* One AdwActionRow per guideline file found. */
GtkListBox *bedside_library_page_get_list_box (BedsideLibraryPage *self);
/* How many guidelines are loaded in full so far. */
guint       bedside_library_page_get_n_loaded (BedsideLibraryPage *self);
/* Whether the full load of the listed guidelines is still to come. */
gboolean    bedside_library_page_is_checking  (BedsideLibraryPage *self);

G_END_DECLS
