/* bedside-print-settings.h: the printer settings and page setup chosen last, kept across runs in the user's config folder. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* g_get_user_config_dir()/bedside/print-settings.ini (transfer full) */
char     *bedside_print_settings_dup_path (void);

/* Reads what bedside_print_settings_save() wrote.  FALSE, and both set to
 * NULL, when there is nothing saved yet or the file is damaged (a damaged
 * file is reported with g_warning() and otherwise ignored: the print dialog
 * then starts from its defaults).  *@page_setup is NULL too when only
 * printer settings were saved.  (transfer full) for both. */
gboolean  bedside_print_settings_load     (GtkPrintSettings **settings,
                                           GtkPageSetup     **page_setup);
/* Writes @settings and @page_setup (may be NULL) atomically, readable by the
 * user alone.  Where a file was printed to is left out: its name may be the
 * patient's. */
gboolean  bedside_print_settings_save     (GtkPrintSettings  *settings,
                                           GtkPageSetup      *page_setup,
                                           GError           **error);

G_END_DECLS
