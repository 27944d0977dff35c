/* bedside-print-settings.c: the printer settings and page setup chosen last, kept across runs in the user's config folder. */
#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "bedside-print-settings.h"

/* The groups gtk_print_settings_to_key_file() and
 * gtk_page_setup_to_key_file() write when given none. */
#define PRINT_SETTINGS_GROUP "Print Settings"
#define PAGE_SETUP_GROUP     "Page Setup"

char *
bedside_print_settings_dup_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "bedside", "print-settings.ini", NULL);
}

gboolean
bedside_print_settings_load (GtkPrintSettings **settings,
                             GtkPageSetup     **page_setup)
{
  g_autofree char *path = bedside_print_settings_dup_path ();
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GtkPrintSettings) loaded_settings = NULL;
  g_autoptr(GtkPageSetup) loaded_page_setup = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (page_setup != NULL, FALSE);

  *settings = NULL;
  *page_setup = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error))
    {
      /* Nothing printed yet: not a problem. */
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Ignoring the print settings in %s: %s", path, error->message);
      return FALSE;
    }

  loaded_settings = gtk_print_settings_new_from_key_file (key_file, PRINT_SETTINGS_GROUP, &error);
  if (loaded_settings == NULL)
    {
      g_warning ("Ignoring the print settings in %s: %s", path, error->message);
      return FALSE;
    }
  if (g_key_file_has_group (key_file, PAGE_SETUP_GROUP))
    {
      loaded_page_setup = gtk_page_setup_new_from_key_file (key_file, PAGE_SETUP_GROUP, &error);
      if (loaded_page_setup == NULL)
        {
          g_warning ("Ignoring the print settings in %s: %s", path, error->message);
          return FALSE;
        }
    }

  *settings = g_steal_pointer (&loaded_settings);
  *page_setup = g_steal_pointer (&loaded_page_setup);
  return TRUE;
}

gboolean
bedside_print_settings_save (GtkPrintSettings  *settings,
                             GtkPageSetup      *page_setup,
                             GError           **error)
{
  g_autofree char *path = bedside_print_settings_dup_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GtkPrintSettings) kept = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (GTK_IS_PRINT_SETTINGS (settings), FALSE);
  g_return_val_if_fail (page_setup == NULL || GTK_IS_PAGE_SETUP (page_setup), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* "Print to File" names the file, and a PDF of a plan may well be named
   * after the patient: that stays out of the config folder. */
  kept = gtk_print_settings_copy (settings);
  gtk_print_settings_unset (kept, GTK_PRINT_SETTINGS_OUTPUT_URI);
  gtk_print_settings_unset (kept, GTK_PRINT_SETTINGS_OUTPUT_DIR);
  gtk_print_settings_unset (kept, GTK_PRINT_SETTINGS_OUTPUT_BASENAME);

  gtk_print_settings_to_key_file (kept, key_file, PRINT_SETTINGS_GROUP);
  if (page_setup != NULL)
    gtk_page_setup_to_key_file (page_setup, key_file, PAGE_SETUP_GROUP);
  data = g_key_file_to_data (key_file, &length, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot create %s: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
