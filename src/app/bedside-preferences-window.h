/* bedside-preferences-window.h: the preferences, each bound to its GSettings key. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BEDSIDE_TYPE_PREFERENCES_WINDOW (bedside_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BedsidePreferencesWindow, bedside_preferences_window, BEDSIDE, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Edits @settings (schema org.bedside.Bedside) directly: there is no Apply. */
GtkWidget *bedside_preferences_window_new (GtkWindow *parent,
                                           GSettings *settings);

G_END_DECLS
