/* test-app.c: drives the Bedside window through its real widgets, under Xvfb. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bedside-application.h"
#include "bedside-consultation-page-private.h"
#include "bedside-library-page-private.h"
#include "bedside-plan-page-private.h"
#include "bedside-preferences-window-private.h"
#include "bedside-question-row-private.h"
#include "bedside-review-page-private.h"
#include "bedside-window-private.h"

static BedsideApplication *app;

/* ---- Xvfb --------------------------------------------------------------- */

static GPid xvfb_pid;

static void
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

/* ---- helpers ------------------------------------------------------------ */

static void
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
static void
activate_and_wait (GtkWidget *widget)
{
  gboolean done = FALSE;

  g_assert_true (gtk_widget_activate (widget));
  g_timeout_add (300, on_wait_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

static BedsideWindow *
open_window (void)
{
  BedsideWindow *window = bedside_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  return window;
}

static void
close_window (BedsideWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* Closes as the user would, agreeing to lose what is unsaved. */
static void close_window_discarding (BedsideWindow *window);

static BedsideQuestionRow *
question (BedsideWindow *window,
          const char    *id)
{
  BedsideQuestionRow *row =
    bedside_consultation_page_get_question (bedside_window_get_consultation_page (window), id);

  g_assert_nonnull (row);
  return row;
}

static gboolean
question_visible (BedsideWindow *window,
                  const char    *id)
{
  return gtk_widget_get_visible (GTK_WIDGET (question (window, id)));
}

static void
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

static void
answer_text (BedsideWindow *window,
             const char    *id,
             const char    *text)
{
  GtkEditable *entry = bedside_question_row_get_entry (question (window, id));

  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, text);
  iterate ();
}

static void
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

static void
press_next (BedsideWindow *window)
{
  GtkWidget *next = bedside_consultation_page_get_next_button (bedside_window_get_consultation_page (window));

  g_assert_true (gtk_widget_is_sensitive (next));
  activate_and_wait (next);
}

static const char *
current_section_id (BedsideWindow *window)
{
  BedsideSession *session = bedside_window_get_session (window);
  gint section = bedside_consultation_page_get_section (bedside_window_get_consultation_page (window));

  g_assert_cmpint (section, >=, 0);
  return bedside_guideline_get_section (bedside_session_get_guideline (session), (guint) section)->id;
}

/* Starts the first guideline of the library, as Enter on its row would. */
static void
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

static gboolean
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
static void
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

static void
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

static const char *
dialog_heading (BedsideWindow *window)
{
  AdwMessageDialog *dialog = bedside_window_get_dialog (window);

  return dialog ? adw_message_dialog_get_heading (dialog) : NULL;
}

static char *
answers_json (BedsideWindow *window)
{
  g_autoptr(JsonNode) node = bedside_session_answers_to_json (bedside_window_get_session (window));

  return json_to_string (node, FALSE);
}

static const char *
header_title (BedsideWindow *window)
{
  return gtk_window_get_title (GTK_WINDOW (window));
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bedside-test-app-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_temp_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* ---- tests -------------------------------------------------------------- */

static void
answer_patient_section (BedsideWindow *window)
{
  g_assert_cmpstr (current_section_id (window), ==, "patient");
  g_assert_cmpstr (bedside_consultation_page_get_progress (bedside_window_get_consultation_page (window)),
                   ==, "Section 1 of 2 — Patient");
  gtk_editable_set_text (bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window)),
                         "Test Patient");
  answer_text (window, "age", "40");
  g_assert_true (question_visible (window, "pregnant"));
  answer_choice (window, "pregnant", "no");
  press_next (window);
}

static void
test_acute_consultation (void)
{
  BedsideWindow *window = open_window ();
  g_auto(GStrv) ids = NULL;
  const char *include[] = { "acupuncture", "analgesic_combination", "followup_acute", "heat", "massage",
                            "muscle_relaxant_short", "no_lumbar_support", "no_routine_imaging", "no_tens",
                            "nsaid", "safety_net", "spinal_manipulation", "stay_active", NULL };
  const char *exclude[] = { "muscle_relaxant_flareups_only", "out_of_scope_minor", "urgent_cauda_equina",
                            "urgent_red_flag", NULL };
  const char *med_no[] = { "maoi_recent", "cardiac", "hyperthyroid", "serotonergic", "cns_depressants",
                           "glaucoma_urinary", "drives_or_machinery", "gi_bleed_history", "anticoagulant",
                           "cv_disease", "nsaid_allergy", NULL };
  GtkWidget *row;

  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "library");
  /* With one guideline, Enter starts it: its row has the focus. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (GTK_IS_LIST_BOX_ROW (focus));
    g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (focus)));
  }
  start_first_guideline (window);
  /* Next is the default widget, so Enter in an entry moves on. */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (window)) ==
                 bedside_consultation_page_get_next_button (bedside_window_get_consultation_page (window)));
  /* The bundled guideline is under review: the warning stays up. */
  g_assert_nonnull (bedside_window_get_status_text (window));

  answer_patient_section (window);

  g_assert_cmpstr (current_section_id (window), ==, "red_flags");
  for (const char *const *id = (const char *const[]) { "rf_cauda_equina", "rf_progressive_deficit", "rf_cancer",
                                                       "rf_infection", "rf_fracture", NULL }; *id; id++)
    answer_boolean (window, *id, FALSE);
  g_assert_null (bedside_window_get_urgent_text (window));
  press_next (window);

  g_assert_cmpstr (current_section_id (window), ==, "symptoms");
  answer_text (window, "duration_weeks", "1");
  g_assert_false (question_visible (window, "prior_exercise_failed"));
  /* Inline validation: out of range is refused and keeps Next off. */
  answer_text (window, "pain_severity", "11");
  g_assert_nonnull (bedside_question_row_get_error (question (window, "pain_severity")));
  g_assert_false (gtk_widget_is_sensitive (bedside_consultation_page_get_next_button (bedside_window_get_consultation_page (window))));
  answer_text (window, "pain_severity", "7");
  g_assert_null (bedside_question_row_get_error (question (window, "pain_severity")));
  answer_boolean (window, "radicular", FALSE);
  press_next (window);

  g_assert_cmpstr (current_section_id (window), ==, "preferences");
  answer_boolean (window, "prefers_non_drug", FALSE);
  press_next (window);

  g_assert_cmpstr (current_section_id (window), ==, "medication_safety");
  g_assert_false (question_visible (window, "prior_mr_course"));
  for (guint i = 0; med_no[i] != NULL; i++)
    answer_boolean (window, med_no[i], FALSE);
  answer_choice (window, "hepatic", "none");
  answer_choice (window, "ckd", "none");
  press_next (window);

  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "review");
  row = bedside_review_page_get_row (bedside_window_get_review_page (window), "age");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "40 years");
  g_assert_null (bedside_review_page_get_row (bedside_window_get_review_page (window), "prior_mr_course"));

  /* One click on an answer goes back to it. */
  row = bedside_review_page_get_row (bedside_window_get_review_page (window), "pain_severity");
  g_assert_true (gtk_widget_activate (row));
  iterate ();
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  g_assert_cmpstr (current_section_id (window), ==, "symptoms");
  press_next (window);
  press_next (window);
  press_next (window);
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "review");

  activate_and_wait (bedside_review_page_get_show_plan_button (bedside_window_get_review_page (window)));
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "plan");

  ids = bedside_plan_page_dup_shown_ids (bedside_window_get_plan_page (window));
  for (guint i = 0; include[i] != NULL; i++)
    if (!strv_contains (ids, include[i]))
      g_error ("%s is not in the plan", include[i]);
  for (guint i = 0; exclude[i] != NULL; i++)
    if (strv_contains (ids, exclude[i]))
      g_error ("%s is in the plan", exclude[i]);

  /* The handout shows the same recommendations. */
  bedside_plan_page_set_audience (bedside_window_get_plan_page (window), BEDSIDE_AUDIENCE_PATIENT);
  iterate ();
  {
    g_auto(GStrv) patient_ids = bedside_plan_page_dup_shown_ids (bedside_window_get_plan_page (window));
    g_assert_cmpuint (g_strv_length (patient_ids), ==, g_strv_length (ids));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-plan", NULL));
  iterate ();

  /* New consultation, once agreed, forgets everything. */
  bedside_window_clear_consultation (window);
  iterate ();
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  g_assert_cmpstr (current_section_id (window), ==, "patient");
  g_assert_cmpstr (gtk_editable_get_text (bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (bedside_question_row_get_entry (question (window, "age"))), ==, "");
  g_assert_false (bedside_session_is_enabled (bedside_window_get_session (window),
                                              bedside_guideline_lookup_item (bedside_session_get_guideline (bedside_window_get_session (window)), "pregnant")->index));

  close_window (window);
}

static void
test_enable_when (void)
{
  BedsideWindow *window = open_window ();

  start_first_guideline (window);
  /* pregnant: enable-when age >= 12 */
  g_assert_false (question_visible (window, "pregnant"));
  answer_text (window, "age", "40");
  g_assert_true (question_visible (window, "pregnant"));
  answer_text (window, "age", "8");
  g_assert_false (question_visible (window, "pregnant"));
  /* Not a number: an inline message, and the item counts as unanswered. */
  answer_text (window, "age", "forty");
  g_assert_nonnull (bedside_question_row_get_error (question (window, "age")));
  g_assert_false (question_visible (window, "pregnant"));
  answer_text (window, "age", "70");
  g_assert_true (question_visible (window, "pregnant"));
  close_window (window);
}

static void
test_red_flag (void)
{
  BedsideWindow *window = open_window ();
  g_auto(GStrv) ids = NULL;

  start_first_guideline (window);
  answer_patient_section (window);
  answer_boolean (window, "rf_cauda_equina", TRUE);
  /* Announced at once, while the other red flags are still unanswered. */
  g_assert_nonnull (bedside_window_get_urgent_text (window));
  g_assert_nonnull (strstr (bedside_window_get_urgent_text (window), "cauda equina"));
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  /* The guideline adds an urgent evaluation for any other red flag as
   * well, so the plan is settled once those are answered too. */
  answer_boolean (window, "rf_progressive_deficit", FALSE);
  answer_boolean (window, "rf_cancer", FALSE);
  answer_boolean (window, "rf_infection", FALSE);
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  answer_boolean (window, "rf_fracture", FALSE);

  /* As soon as the plan is settled, straight to the plan. */
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "plan");
  g_assert_nonnull (bedside_window_get_urgent_text (window));
  g_assert_nonnull (strstr (bedside_window_get_urgent_text (window), "cauda equina"));
  ids = bedside_plan_page_dup_shown_ids (bedside_window_get_plan_page (window));
  g_assert_nonnull (ids[0]);
  g_assert_cmpstr (ids[0], ==, "urgent_cauda_equina");
  g_assert_false (strv_contains (ids, "stay_active"));

  /* Back to the question; answering No takes the announcement away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  iterate ();
  /* Every enabled question is answered, so Back leads to the review. */
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "review");
  g_assert_nonnull (bedside_review_page_get_row (bedside_window_get_review_page (window), "rf_cauda_equina"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-section", NULL));
  iterate ();
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  g_assert_cmpstr (current_section_id (window), ==, "red_flags");
  answer_boolean (window, "rf_cauda_equina", FALSE);
  g_assert_null (bedside_window_get_urgent_text (window));
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  close_window (window);
}

static void
test_broken_guideline (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bedside-test-app-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "back-spasm.xml", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken.xml", NULL);
  g_autofree char *source = g_build_filename (g_getenv ("BEDSIDE_GUIDELINES_DIR"), "back-spasm.xml", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("BEDSIDE_GUIDELINES_DIR"));
  g_autofree char *contents = NULL;
  gsize length;
  BedsideWindow *window;
  GtkListBox *list;
  GtkListBoxRow *row;
  gboolean found_bad = FALSE, found_good = FALSE;

  g_assert_nonnull (dir);
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (good, contents, (gssize) length, NULL));
  g_assert_true (g_file_set_contents (bad, "<guideline xmlns=\"urn:bedside:guideline:1\"><metadata>", -1, NULL));
  g_setenv ("BEDSIDE_GUIDELINES_DIR", dir, TRUE);

  window = open_window ();
  list = bedside_library_page_get_list_box (bedside_window_get_library_page (window));
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      if (g_str_equal (title, "broken.xml"))
        {
          found_bad = TRUE;
          g_assert_false (gtk_list_box_row_get_activatable (row));
          g_assert_nonnull (subtitle);
          g_assert_cmpstr (subtitle, !=, "");
          g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "broken-guideline"));
        }
      else if (g_str_equal (title, "Severe back spasms in adults"))
        {
          found_good = TRUE;
          g_assert_true (gtk_list_box_row_get_activatable (row));
        }
    }
  g_assert_true (found_bad);
  g_assert_true (found_good);

  /* The others still work. */
  start_first_guideline (window);
  close_window (window);

  g_setenv ("BEDSIDE_GUIDELINES_DIR", saved, TRUE);
  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
}

/* The library lists from the metadata alone, and loads in full only
 * after the first frame; a file broken past its metadata shows its error
 * then. */
static void
test_library_metadata_first (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *good = g_build_filename (dir, "back-spasm.xml", NULL);
  g_autofree char *late = g_build_filename (dir, "late-break.xml", NULL);
  g_autofree char *source = g_build_filename (g_getenv ("BEDSIDE_GUIDELINES_DIR"), "back-spasm.xml", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("BEDSIDE_GUIDELINES_DIR"));
  g_autofree char *contents = NULL;
  g_autofree char *broken = NULL;
  BedsideWindow *window;
  BedsideLibraryPage *library;
  GtkListBox *list;
  GtkListBoxRow *row;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (good, contents, (gssize) length, NULL));
  /* Sound metadata, then a decision tree that points nowhere. */
  {
    g_auto(GStrv) parts = g_strsplit (contents, "<recommend ref=\"stay_active\"/>", 2);
    g_assert_nonnull (parts[1]);
    broken = g_strjoin ("<recommend ref=\"no_such_recommendation\"/>", parts[0], parts[1], NULL);
  }
  {
    g_auto(GStrv) parts = g_strsplit (broken, "id=\"back-spasm\"", 2);
    g_autofree char *renamed = g_strjoin ("id=\"late-break\"", parts[0], parts[1], NULL);
    g_assert_true (g_file_set_contents (late, renamed, -1, NULL));
  }
  g_setenv ("BEDSIDE_GUIDELINES_DIR", dir, TRUE);

  window = bedside_window_new (app);
  library = bedside_window_get_library_page (window);
  list = bedside_library_page_get_list_box (library);
  /* Before the first frame: listed from the metadata, nothing loaded. */
  g_assert_cmpuint (bedside_library_page_get_n_loaded (library), ==, 0);
  row = gtk_list_box_get_row_at_index (list, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Severe back spasms in adults");
  g_assert_true (gtk_list_box_row_get_activatable (row));

  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 400 && bedside_library_page_is_checking (library); i++)
    {
      iterate ();
      g_usleep (5000);
    }
  g_assert_false (bedside_library_page_is_checking (library));
  g_assert_cmpuint (bedside_library_page_get_n_loaded (library), ==, 1);
  /* The second file's error, found by the full load, replaces its row. */
  row = gtk_list_box_get_row_at_index (list, 1);
  g_assert_false (gtk_list_box_row_get_activatable (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "broken-guideline"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "no_such_recommendation"));

  start_first_guideline (window);
  close_window (window);
  g_setenv ("BEDSIDE_GUIDELINES_DIR", saved, TRUE);
  remove_temp_dir (dir);
}

static void
test_save_open_round_trip (void)
{
  BedsideWindow *window = open_window ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "consultation.json", NULL);
  g_autofree char *private_path = g_build_filename (dir, "private.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) private_file = g_file_new_for_path (private_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  GtkEditable *name;

  start_first_guideline (window);
  name = bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window));
  answer_patient_section (window);
  answer_boolean (window, "rf_cauda_equina", FALSE);
  answer_boolean (window, "rf_cancer", FALSE);
  g_assert_true (bedside_window_has_unsaved_answers (window));
  g_assert_true (g_str_has_prefix (header_title (window), "• "));
  before = answers_json (window);

  /* Without patient details: none in the file. */
  g_assert_true (bedside_window_save_to_file (window, file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (bedside_window_has_unsaved_answers (window));
  g_assert_true (g_str_has_prefix (header_title (window), "consultation.json"));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, "Test Patient"));
  g_assert_nonnull (strstr (text, "\"rf_cauda_equina\" : false"));

  /* With them, when ticked. */
  g_assert_true (bedside_window_save_to_file (window, private_file, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (private_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Test Patient"));

  /* A new consultation forgets it all; opening brings it back. */
  bedside_window_clear_consultation (window);
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "");
  g_assert_cmpstr (answers_json (window), ==, "{}");

  g_assert_true (bedside_window_open_file (window, private_file));
  iterate ();
  g_assert_null (bedside_window_get_dialog (window));
  {
    g_autofree char *after = answers_json (window);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpstr (gtk_editable_get_text (bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window))),
                   ==, "Test Patient");
  g_assert_false (bedside_window_has_unsaved_answers (window));
  /* The rows show the answers, so the clinician can go on from there. */
  g_assert_cmpstr (gtk_editable_get_text (bedside_question_row_get_entry (question (window, "age"))), ==, "40");
  g_assert_true (gtk_toggle_button_get_active (bedside_question_row_get_no_button (question (window, "rf_cancer"))));
  g_assert_true (gtk_toggle_button_get_active (bedside_question_row_get_choice_button (question (window, "pregnant"), "no")));

  /* The file without patient details opens without them. */
  g_assert_true (bedside_window_open_file (window, file));
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window))),
                   ==, "");
  {
    g_autofree char *after = answers_json (window);
    g_assert_cmpstr (after, ==, before);
  }

  close_window (window);
  remove_temp_dir (dir);
}

static void
test_open_damaged (void)
{
  BedsideWindow *window = open_window ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *good_path = g_build_filename (dir, "good.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "damaged.json", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  BedsideSession *session;
  gsize length;

  start_first_guideline (window);
  answer_patient_section (window);
  g_assert_true (bedside_window_save_to_file (window, good, TRUE, &error));
  g_assert_no_error (error);
  answer_boolean (window, "rf_cauda_equina", FALSE);
  session = bedside_window_get_session (window);
  before = answers_json (window);

  /* Cut in the middle, as a full disk or a bad copy would. */
  g_assert_true (g_file_get_contents (good_path, &text, &length, NULL));
  g_assert_true (g_file_set_contents (bad_path, text, (gssize) length / 2, NULL));
  g_assert_false (bedside_window_open_file (window, bad));
  iterate ();

  g_assert_cmpstr (dialog_heading (window), ==, "Cannot Open Consultation");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (bedside_window_get_dialog (window)), "damaged.json"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (bedside_window_get_dialog (window)), "Nothing was changed"));
  /* Nothing changed: the same session, answers, patient and place. */
  g_assert_true (bedside_window_get_session (window) == session);
  {
    g_autofree char *after = answers_json (window);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpstr (gtk_editable_get_text (bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window))),
                   ==, "Test Patient");
  g_assert_cmpstr (current_section_id (window), ==, "red_flags");
  g_assert_true (bedside_window_has_unsaved_answers (window));
  click_response (window, "close");

  /* Not JSON at all, and a file that is not there. */
  g_assert_true (g_file_set_contents (bad_path, "\x7f\x45\x4c\x46 binary", -1, NULL));
  g_assert_false (bedside_window_open_file (window, bad));
  g_assert_cmpstr (dialog_heading (window), ==, "Cannot Open Consultation");
  click_response (window, "close");
  g_unlink (bad_path);
  g_assert_false (bedside_window_open_file (window, bad));
  g_assert_cmpstr (dialog_heading (window), ==, "Cannot Open Consultation");
  click_response (window, "close");
  g_assert_true (bedside_window_get_session (window) == session);

  close_window (window);
  remove_temp_dir (dir);
}

static void
test_open_other_version (void)
{
  BedsideWindow *window = open_window ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *body;
  const char *old =
    "{\"format\": \"bedside-consultation\", \"version\": 1,\n"
    " \"guideline\": {\"id\": \"back-spasm\", \"version\": \"0.9.0\",\n"
    "   \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\"},\n"
    " \"answers\": {\"age\": 40, \"pregnant\": \"no\", \"retired_question\": true,\n"
    "   \"rf_cauda_equina\": false, \"pain_severity\": 12}}\n";

  g_assert_true (g_file_set_contents (path, old, -1, NULL));
  /* From the library, with no consultation under way. */
  g_assert_true (bedside_window_open_file (window, file));
  iterate ();

  g_assert_cmpstr (dialog_heading (window), ==, "Some Answers No Longer Fit");
  body = adw_message_dialog_get_body (bedside_window_get_dialog (window));
  g_assert_nonnull (strstr (body, "0.9.0"));
  g_assert_nonnull (strstr (body, "retired_question"));
  g_assert_nonnull (strstr (body, "Pain severity now"));
  g_assert_null (strstr (body, "Age"));
  click_response (window, "close");

  /* What fits is there; what does not must be answered again. */
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  g_assert_cmpstr (gtk_editable_get_text (bedside_question_row_get_entry (question (window, "age"))), ==, "40");
  g_assert_cmpstr (gtk_editable_get_text (bedside_question_row_get_entry (question (window, "pain_severity"))), ==, "");
  /* Answers were left out, so the file no longer matches. */
  g_assert_true (bedside_window_has_unsaved_answers (window));

  close_window_discarding (window);
  remove_temp_dir (dir);
}

static void
test_unsaved_prompt (void)
{
  BedsideWindow *window = open_window ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  start_first_guideline (window);
  /* Nothing answered yet: nothing to lose, no question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-consultation", NULL));
  iterate ();
  g_assert_null (bedside_window_get_dialog (window));

  answer_text (window, "age", "40");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-consultation", NULL));
  iterate ();
  g_assert_cmpstr (dialog_heading (window), ==, "Save the Consultation?");
  g_assert_true (adw_message_dialog_has_response (bedside_window_get_dialog (window), "save"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (bedside_window_get_dialog (window)), ==, "save");

  /* Cancel keeps everything. */
  click_response (window, "cancel");
  g_assert_cmpstr (gtk_editable_get_text (bedside_question_row_get_entry (question (window, "age"))), ==, "40");

  /* Discard clears. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-consultation", NULL));
  iterate ();
  click_response (window, "discard");
  g_assert_cmpstr (gtk_editable_get_text (bedside_question_row_get_entry (question (window, "age"))), ==, "");
  g_assert_false (bedside_window_has_unsaved_answers (window));

  /* Patient details alone count as something to lose. */
  gtk_editable_set_text (bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window)), "Someone");
  iterate ();
  g_assert_true (bedside_window_has_unsaved_answers (window));

  /* Once saved, nothing is lost: no question. */
  g_assert_true (bedside_window_save_to_file (window, file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-consultation", NULL));
  iterate ();
  g_assert_null (bedside_window_get_dialog (window));
  g_assert_cmpstr (gtk_editable_get_text (bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window))),
                   ==, "");

  /* Open… asks too. */
  answer_text (window, "age", "50");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL));
  iterate ();
  g_assert_cmpstr (dialog_heading (window), ==, "Save the Consultation?");
  click_response (window, "cancel");

  close_window_discarding (window);
  remove_temp_dir (dir);
}

static void
test_close_prompt (void)
{
  BedsideWindow *window = open_window ();
  BedsideWindow *weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  start_first_guideline (window);
  answer_text (window, "age", "40");

  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  g_assert_nonnull (weak);
  g_assert_cmpstr (dialog_heading (window), ==, "Save the Consultation?");
  click_response (window, "cancel");
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Discard closes the window. */
  close_window_discarding (window);
  g_assert_null (weak);
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.bedside.Bedside");
  BedsidePreferencesWindow *preferences =
    BEDSIDE_PREFERENCES_WINDOW (bedside_preferences_window_new (NULL, settings));
  GtkWidget *row;

  gtk_window_present (GTK_WINDOW (preferences));
  iterate ();

  /* Text rows write their key as the user types, and follow it. */
  for (const char * const *key = (const char * const []) { "clinic-name", "clinic-address", "clinic-phone",
                                                           "handout-language", NULL }; *key; key++)
    {
      g_autofree char *value = NULL;

      row = bedside_preferences_window_get_row (preferences, *key);
      g_assert_true (GTK_IS_EDITABLE (row));
      gtk_editable_set_text (GTK_EDITABLE (row), "Riverside Clinic");
      value = g_settings_get_string (settings, *key);
      g_assert_cmpstr (value, ==, "Riverside Clinic");
      g_settings_set_string (settings, *key, "");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
    }

  row = bedside_preferences_window_get_row (preferences, "paper-size");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_settings_set_string (settings, "paper-size", "letter");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  {
    g_autofree char *value = g_settings_get_string (settings, "paper-size");
    g_assert_cmpstr (value, ==, "a4");
  }
  g_settings_reset (settings, "paper-size");

  row = bedside_preferences_window_get_row (preferences, "default-audience");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  {
    g_autofree char *value = g_settings_get_string (settings, "default-audience");
    g_assert_cmpstr (value, ==, "both");
  }
  gtk_window_destroy (GTK_WINDOW (preferences));
  iterate ();

  /* The default audience decides what a new consultation's plan shows. */
  g_settings_set_string (settings, "default-audience", "patient");
  {
    BedsideWindow *window = open_window ();
    start_first_guideline (window);
    g_assert_cmpint (bedside_plan_page_get_audience (bedside_window_get_plan_page (window)), ==, BEDSIDE_AUDIENCE_PATIENT);
    close_window (window);
  }
  g_settings_reset (settings, "default-audience");

  /* The application's action and accelerator. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  start_xvfb_if_needed ();

  g_test_init (&argc, &argv, NULL);

  app = bedside_application_new (G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

  g_test_add_func ("/app/acute-consultation", test_acute_consultation);
  g_test_add_func ("/app/enable-when", test_enable_when);
  g_test_add_func ("/app/red-flag", test_red_flag);
  g_test_add_func ("/app/broken-guideline", test_broken_guideline);
  g_test_add_func ("/app/library-metadata-first", test_library_metadata_first);
  g_test_add_func ("/app/save-open-round-trip", test_save_open_round_trip);
  g_test_add_func ("/app/open-damaged", test_open_damaged);
  g_test_add_func ("/app/open-other-version", test_open_other_version);
  g_test_add_func ("/app/unsaved-prompt", test_unsaved_prompt);
  g_test_add_func ("/app/close-prompt", test_close_prompt);
  g_test_add_func ("/app/preferences", test_preferences);

  status = g_test_run ();

  g_clear_object (&app);
  stop_xvfb ();
  return status;
}
