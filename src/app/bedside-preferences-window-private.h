/* bedside-preferences-window-private.h: the preferences' rows, for the UI test. */
#pragma once

#include "bedside-preferences-window.h"

G_BEGIN_DECLS

/* The widget bound to GSettings key @key (a row, or the switch of a
 * boolean key), or NULL. */
GtkWidget *bedside_preferences_window_get_row (BedsidePreferencesWindow *self,
                                               const char               *key);

G_END_DECLS
