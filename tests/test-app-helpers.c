/* test-app-helpers.c: Xvfb, and driving the window as a user would, for the UI tests. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "test-app-helpers.h"

BedsideApplication *app;

/* ---- Xvfb --------------------------------------------------------------- */

static GPid xvfb_pid;

void
start_xvfb_if_needed (void)
{
  g_autofree char *display = NULL;
  g_autoptr(GError) error = NULL;
  int number;

  if (g_getenv ("DISPLAY") != NULL && *g_getenv ("DISPLAY") != '\0')
    return;

  for (number = 99; number < 300; number++)
    {
      g_autofree char *socket = g_strdup_printf ("/tmp/.X11-unix/X%d", number);
      g_autofree char *lock = g_strdup_printf ("/tmp/.X%d-lock", number);
      if (!g_file_test (socket, G_FILE_TEST_EXISTS) && !g_file_test (lock, G_FILE_TEST_EXISTS))
        break;
    }
  display = g_strdup_printf (":%d", number);

  {
    const char *argv[] = { "Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp", NULL };
    g_autofree char *socket = g_strdup_printf ("/tmp/.X11-unix/X%d", number);

    if (!g_spawn_async (NULL, (char **) argv, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                        G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, &xvfb_pid, &error))
      g_error ("cannot start Xvfb: %s", error->message);

    for (int i = 0; i < 200 && !g_file_test (socket, G_FILE_TEST_EXISTS); i++)
      g_usleep (50 * 1000);
    if (!g_file_test (socket, G_FILE_TEST_EXISTS))
      g_error ("Xvfb did not start on %s", display);
  }
  g_setenv ("DISPLAY", display, TRUE);
}

void
stop_xvfb (void)
{
  if (xvfb_pid == 0)
    return;
  kill (xvfb_pid, SIGTERM);
  waitpid (xvfb_pid, NULL, 0);
  g_spawn_close_pid (xvfb_pid);
  xvfb_pid = 0;
}

/* ---- helpers ------------------------------------------------------------ */

void
iterate (void)
{
  /* A few rounds, so idles queued by the first ones run too. */
  for (int round = 0; round < 5; round++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

static gboolean
on_wait_done (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* GtkButton's activate shows the button pressed for a moment and emits
 * "clicked" only after that; wait for it, as a user would. */
void
activate_and_wait (GtkWidget *widget)
{
  gboolean done = FALSE;

  g_assert_true (gtk_widget_activate (widget));
  g_timeout_add (300, on_wait_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

BedsideWindow *
open_window (void)
{
  BedsideWindow *window = bedside_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  return window;
}

void
close_window (BedsideWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* Closes as the user would, agreeing to lose what is unsaved. */

BedsideQuestionRow *
question (BedsideWindow *window,
          const char    *id)
{
  BedsideQuestionRow *row =
    bedside_consultation_page_get_question (bedside_window_get_consultation_page (window), id);

  g_assert_nonnull (row);
  return row;
}

gboolean
question_visible (BedsideWindow *window,
                  const char    *id)
{
  return gtk_widget_get_visible (GTK_WIDGET (question (window, id)));
}

void
answer_boolean (BedsideWindow *window,
                const char    *id,
                gboolean       yes)
{
  BedsideQuestionRow *row = question (window, id);
  GtkToggleButton *button = yes ? bedside_question_row_get_yes_button (row)
                                : bedside_question_row_get_no_button (row);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  /* What a click or Space does. */
  activate_and_wait (GTK_WIDGET (button));
  g_assert_true (gtk_toggle_button_get_active (button));
}

void
answer_text (BedsideWindow *window,
             const char    *id,
             const char    *text)
{
  GtkEditable *entry = bedside_question_row_get_entry (question (window, id));

  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, text);
  iterate ();
}

void
answer_choice (BedsideWindow *window,
               const char    *id,
               const char    *code)
{
  BedsideSession *session = bedside_window_get_session (window);
  const BedsideItem *item = bedside_guideline_lookup_item (bedside_session_get_guideline (session), id);
  GtkToggleButton *button = bedside_question_row_get_choice_button (question (window, id), code);
  GtkDropDown *drop_down = bedside_question_row_get_drop_down (question (window, id));

  /* Four options or fewer: toggle buttons that act as radio buttons. */
  g_assert_true (item->n_options > 4 || button != NULL);
  if (button != NULL)
    {
      activate_and_wait (GTK_WIDGET (button));
      g_assert_true (gtk_toggle_button_get_active (button));
      return;
    }
  g_assert_nonnull (drop_down);
  for (guint i = 0; i < item->n_options; i++)
    if (g_str_equal (item->options[i].code, code))
      {
        gtk_drop_down_set_selected (drop_down, i + 1);
        iterate ();
        return;
      }
  g_assert_not_reached ();
}

void
press_next (BedsideWindow *window)
{
  GtkWidget *next = bedside_consultation_page_get_next_button (bedside_window_get_consultation_page (window));

  g_assert_true (gtk_widget_is_sensitive (next));
  activate_and_wait (next);
}

const char *
current_section_id (BedsideWindow *window)
{
  BedsideSession *session = bedside_window_get_session (window);
  gint section = bedside_consultation_page_get_section (bedside_window_get_consultation_page (window));

  g_assert_cmpint (section, >=, 0);
  return bedside_guideline_get_section (bedside_session_get_guideline (session), (guint) section)->id;
}

/* Starts the first guideline of the library, as Enter on its row would. */
void
start_first_guideline (BedsideWindow *window)
{
  GtkListBox *list = bedside_library_page_get_list_box (bedside_window_get_library_page (window));
  GtkListBoxRow *row = NULL;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (gtk_list_box_row_get_activatable (row))
      break;
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  iterate ();
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
}

gboolean
strv_contains (GStrv strv, const char *id)
{
  return g_strv_contains ((const char * const *) strv, id);
}

static void
find_button (GtkWidget   *widget,
             const char  *label,
             GtkWidget  **found)
{
  if (*found != NULL)
    return;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    {
      *found = widget;
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_button (child, label, found);
}

/* Clicks the button of @response in the message dialog on screen. */
void
click_response (BedsideWindow *window,
                const char    *response)
{
  AdwMessageDialog *dialog = bedside_window_get_dialog (window);
  GtkWidget *button = NULL;

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, response), &button);
  g_assert_nonnull (button);
  activate_and_wait (button);
  g_assert_null (bedside_window_get_dialog (window));
}

void
close_window_discarding (BedsideWindow *window)
{
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  if (bedside_window_get_dialog (window) != NULL)
    click_response (window, "discard");
  iterate ();
  g_assert_null (gtk_window_get_application (GTK_WINDOW (window)));
  g_object_unref (window);
  iterate ();
}

const char *
dialog_heading (BedsideWindow *window)
{
  AdwMessageDialog *dialog = bedside_window_get_dialog (window);

  return dialog ? adw_message_dialog_get_heading (dialog) : NULL;
}

char *
answers_json (BedsideWindow *window)
{
  g_autoptr(JsonNode) node = bedside_session_answers_to_json (bedside_window_get_session (window));

  return json_to_string (node, FALSE);
}

const char *
header_title (BedsideWindow *window)
{
  return gtk_window_get_title (GTK_WINDOW (window));
}

char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bedside-test-app-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @dir and what it holds, folders too (a guideline's medicines/). */
void
remove_temp_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_temp_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* Copies the medicine records of the guidelines in @from_dir (its
 * medicines/ folder) into @to_dir/medicines/: a format 2 guideline loads
 * them from the folder beside it, so a copy without them does not load. */
void
copy_medicines (const char *from_dir,
                const char *to_dir)
{
  g_autofree char *from = g_build_filename (from_dir, "medicines", NULL);
  g_autofree char *to = g_build_filename (to_dir, "medicines", NULL);
  g_autoptr(GDir) handle = g_dir_open (from, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (handle);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_test (source, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (target, contents, (gssize) length, NULL));
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

void
answer_patient_section (BedsideWindow *window)
{
  g_assert_cmpstr (current_section_id (window), ==, "patient");
  g_assert_cmpstr (bedside_consultation_page_get_progress (bedside_window_get_consultation_page (window)),
                   ==, "Section 1 — Patient");
  gtk_editable_set_text (bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window)),
                         "Test Patient");
  answer_text (window, "age", "40");
  g_assert_true (question_visible (window, "pregnant"));
  answer_choice (window, "pregnant", "no");
  press_next (window);
}

