/* test-locale.c: the interface follows the locale: under LANGUAGE=es the built catalog gives Spanish, to gettext and to the app's window. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gi18n.h>

#include "bedside-catalog.h"
#include "bedside-guideline.h"
#include "bedside-session.h"

#ifdef BEDSIDE_TEST_APP
#include <adwaita.h>

#include "bedside-application.h"
#include "bedside-window.h"
#endif

/* What main.c does, in a process where only the C locale may exist:
 * glibc ignores LANGUAGE under "C" but not under "C.UTF-8", which every
 * glibc since 2.35 has built in. */
static void
init_gettext (void)
{
  const char *messages = setlocale (LC_ALL, "");

  if (messages == NULL || g_str_equal (setlocale (LC_MESSAGES, NULL), "C") ||
      g_str_equal (setlocale (LC_MESSAGES, NULL), "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, bedside_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
test_gettext_spanish (void)
{
  /* From a .ui file, a C file, the desktop file and the guideline. */
  g_assert_cmpstr (_("Start a Consultation"), ==, "Iniciar una consulta");
  g_assert_cmpstr (_("_New Consultation"), ==, "_Nueva consulta");
  g_assert_cmpstr (_("_Open…"), ==, "_Abrir…");
  g_assert_cmpstr (_("Clinical Decision Support"), ==, "Apoyo a la decisión clínica");
  g_assert_cmpstr (_("Red flags"), ==, "Signos de alarma");
  /* Not in the catalog: the English string itself, never blank. */
  g_assert_cmpstr (_("Not a message of Bedside"), ==, "Not a message of Bedside");
}

/* The handout's own reader and gettext read the same catalog alike. */
static void
test_catalog_agrees_with_gettext (void)
{
  const char *msgids[] = { "Urgent", "How much", "Watch for", "Section %u — %s",
                           "Severe back spasms in adults", "YYYY-MM-DD", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideCatalog) catalog = bedside_catalog_new_for_language (GETTEXT_PACKAGE, "es", &error);

  g_assert_no_error (error);
  for (guint i = 0; msgids[i] != NULL; i++)
    g_assert_cmpstr (bedside_catalog_gettext (catalog, msgids[i]), ==, g_dgettext (GETTEXT_PACKAGE, msgids[i]));
}

/* The engine's messages follow the interface: what the question row shows
 * under a wrong answer, and a broken guideline's errors. */
static void
test_engine_messages_spanish (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BEDSIDE_GUIDELINES_DIR"), "back-spasm.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) guideline = bedside_guideline_new_from_file (path, &error);
  g_autoptr(BedsideSession) session = NULL;
  guint age, pain;

  g_assert_no_error (error);
  session = bedside_session_new (guideline);
  age = bedside_guideline_lookup_item (guideline, "age")->index;
  pain = bedside_guideline_lookup_item (guideline, "pain_severity")->index;

  g_assert_false (bedside_session_set_answer_from_string (session, age, "cuarenta", &error));
  g_assert_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE);
  g_assert_cmpstr (error->message, ==, "Escriba un número entero");
  g_clear_error (&error);

  g_assert_false (bedside_session_set_answer_from_string (session, pain, "11", &error));
  g_assert_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, "11 está fuera del rango (de 0 a 10)");
  g_clear_error (&error);

  g_assert_null (bedside_guideline_new_from_data ("", 0, "vacío.xml", &error));
  g_assert_cmpstr (error->message, ==, "vacío.xml: el archivo está vacío");
}

#ifdef BEDSIDE_TEST_APP

static GPid xvfb_pid;

static void
start_xvfb_if_needed (void)
{
  const char *display = g_getenv ("DISPLAY");
  const char *argv[] = { "Xvfb", NULL, "-screen", "0", "1024x768x24", "-nolisten", "tcp", NULL };
  g_autofree char *name = NULL;
  g_autofree char *socket = NULL;
  g_autoptr(GError) error = NULL;
  int number;

  if (display != NULL && *display != '\0')
    return;

  for (number = 150; number < 400; number++)
    {
      g_autofree char *candidate = g_strdup_printf ("/tmp/.X11-unix/X%d", number);
      g_autofree char *lock = g_strdup_printf ("/tmp/.X%d-lock", number);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS) && !g_file_test (lock, G_FILE_TEST_EXISTS))
        break;
    }
  name = g_strdup_printf (":%d", number);
  socket = g_strdup_printf ("/tmp/.X11-unix/X%d", number);
  argv[1] = name;

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &xvfb_pid, &error))
    g_error ("cannot start Xvfb: %s", error->message);
  for (int i = 0; i < 200 && !g_file_test (socket, G_FILE_TEST_EXISTS); i++)
    g_usleep (50 * 1000);
  if (!g_file_test (socket, G_FILE_TEST_EXISTS))
    g_error ("Xvfb did not start on %s", name);
  g_setenv ("DISPLAY", name, TRUE);
}

static void
stop_xvfb (void)
{
  if (xvfb_pid == 0)
    return;
  kill (xvfb_pid, SIGTERM);
  waitpid (xvfb_pid, NULL, 0);
  g_spawn_close_pid (xvfb_pid);
  xvfb_pid = 0;
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static void
test_window_spanish (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideApplication) app = bedside_application_new (G_APPLICATION_NON_UNIQUE);
  g_autoptr(GString) labels = g_string_new (NULL);
  BedsideWindow *window;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = bedside_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  for (int round = 0; round < 5; round++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);

  collect_labels (GTK_WIDGET (window), labels);
  g_test_message ("%s", labels->str);
  /* The library page's title, from its .ui template. */
  g_assert_nonnull (strstr (labels->str, "Iniciar una consulta"));
  g_assert_null (strstr (labels->str, "Start a Consultation"));

  gtk_window_destroy (GTK_WINDOW (window));
}

#endif

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The interface follows the locale; the test asks for Spanish the way a
   * user would, through the environment. */
  g_setenv ("LANGUAGE", "es", TRUE);
  init_gettext ();

#ifdef BEDSIDE_TEST_APP
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  start_xvfb_if_needed ();
#endif

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/locale/gettext-spanish", test_gettext_spanish);
  g_test_add_func ("/locale/catalog-agrees-with-gettext", test_catalog_agrees_with_gettext);
  g_test_add_func ("/locale/engine-messages-spanish", test_engine_messages_spanish);
#ifdef BEDSIDE_TEST_APP
  g_test_add_func ("/locale/window-spanish", test_window_spanish);
#endif
  status = g_test_run ();

#ifdef BEDSIDE_TEST_APP
  stop_xvfb ();
#endif
  return status;
}
