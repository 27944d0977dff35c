/* bedside-library-page-private.h: the library's list, for the UI test. */
#pragma once

#include "bedside-library-page.h"

G_BEGIN_DECLS

/* One AdwActionRow per guideline file found. */
GtkListBox *bedside_library_page_get_list_box (BedsideLibraryPage *self);

G_END_DECLS
