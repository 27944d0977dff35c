/* bedside-application.c: the application's life cycle, app actions and accelerators. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-application.h"
#include "bedside-preferences-window.h"
#include "bedside-resources.h"
#include "bedside-window.h"

struct _BedsideApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (BedsideApplication, bedside_application, ADW_TYPE_APPLICATION)

/* Every keyboard shortcut of the app, in one place: the menu and the
 * shortcuts window (ui/bedside-shortcuts-window.ui, which names the
 * actions) show them from here. */
static const struct {
  const char *action;
  const char *accels[3];
} accelerators[] = {
  { "app.quit",                { "<Primary>q", NULL } },
  { "app.preferences",         { "<Primary>comma", NULL } },
  { "win.new-consultation",    { "<Primary>n", NULL } },
  { "win.open",                { "<Primary>o", NULL } },
  { "win.save",                { "<Primary>s", NULL } },
  { "win.print",               { "<Primary>p", NULL } },
  { "win.export-pdf",          { "<Primary><Shift>e", NULL } },
  { "win.copy-plan",           { "<Primary><Shift>c", NULL } },
  { "win.previous-section",    { "<Alt>Left", "<Primary>Page_Up", NULL } },
  { "win.next-section",        { "<Alt>Right", "<Primary>Page_Down", NULL } },
  { "win.show-help-overlay",   { "<Primary>question", "F1", NULL } },
};

static void
bedside_application_quit_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  GApplication *app = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Closed, not destroyed: each window saves its size and asks before
   * unsaved answers are lost; the app ends with its last window. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
bedside_application_preferences_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  BedsideApplication *self = user_data;
  GtkWidget *preferences;

  preferences = bedside_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
bedside_application_about_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Bedside contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Bedside"),
                        "application-icon", BEDSIDE_APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Clinical guidelines as a guided consultation, with a care plan for the clinician and a handout for the patient."),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit",        .activate = bedside_application_quit_action },
  { .name = "preferences", .activate = bedside_application_preferences_action },
  { .name = "about",       .activate = bedside_application_about_action },
};

static void
bedside_application_startup (GApplication *app)
{
  BedsideApplication *self = BEDSIDE_APPLICATION (app);

  G_APPLICATION_CLASS (bedside_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  self->settings = g_settings_new (BEDSIDE_APPLICATION_ID);
  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accelerators[i].action,
                                           accelerators[i].accels);
}

static void
bedside_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  const char *screenshot;

  if (window == NULL)
    window = GTK_WINDOW (bedside_window_new (BEDSIDE_APPLICATION (app)));
  gtk_window_present (window);

  /* tools/screenshots.sh: go to one page with demo answers. */
  screenshot = g_getenv ("BEDSIDE_SCREENSHOT");
  if (screenshot != NULL && *screenshot != '\0')
    bedside_window_prepare_screenshot (BEDSIDE_WINDOW (window), screenshot,
                                       g_getenv ("BEDSIDE_SCREENSHOT_ANSWERS"));
}

/* Files given on the command line or opened from Files: each consultation
 * in a window of its own, as if opened with Open…; a window that shows
 * nothing yet is used first. */
static void
bedside_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      BedsideWindow *window = NULL;
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

      if (BEDSIDE_IS_WINDOW (active) && bedside_window_get_session (BEDSIDE_WINDOW (active)) == NULL)
        window = BEDSIDE_WINDOW (active);
      else
        window = bedside_window_new (BEDSIDE_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (window));
      bedside_window_open_file (window, files[i]);
    }
}

static void
bedside_application_dispose (GObject *object)
{
  BedsideApplication *self = BEDSIDE_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bedside_application_parent_class)->dispose (object);
}

static void
bedside_application_class_init (BedsideApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = bedside_application_dispose;
  app_class->startup = bedside_application_startup;
  app_class->activate = bedside_application_activate;
  app_class->open = bedside_application_open;
}

static void
bedside_application_init (BedsideApplication *self)
{
}

BedsideApplication *
bedside_application_new (GApplicationFlags flags)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      bedside_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  return g_object_new (BEDSIDE_TYPE_APPLICATION,
                       "application-id", BEDSIDE_APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", "/org/bedside/Bedside",
                       NULL);
}
