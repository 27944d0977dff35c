/* main.c: starts the Bedside desktop application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bedside-application.h"
#include "bedside-catalog.h"

/* benchmarks/run: with BEDSIDE_BENCH_FIRST_FRAME set, print the monotonic
 * time (µs) of the main window's first painted frame, then exit. */
static void
bench_after_paint (GdkFrameClock *clock, gpointer app)
{
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (G_APPLICATION (app));
}

static void
bench_map (GtkWidget *window, gpointer app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bench_after_paint), app);
}

static void
bench_window_added (GtkApplication *app, GtkWindow *window)
{
  g_signal_connect (window, "map", G_CALLBACK (bench_map), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BedsideApplication) app = NULL;

  /* The interface follows the system's locale; $BEDSIDE_LOCALEDIR (set by
   * `meson devenv`) points at the build's catalogs.  A handout's language
   * is separate: the renderers look it up in BedsideTranslation. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, bedside_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = bedside_application_new (G_APPLICATION_HANDLES_OPEN);
  if (g_getenv ("BEDSIDE_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (app, "window-added", G_CALLBACK (bench_window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
