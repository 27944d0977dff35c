/* test-app-files.c: Save… and Open…, the question before answers are lost, the preferences, and the print settings kept across runs. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bedside-print-operation.h"
#include "bedside-print-preferences.h"
#include "bedside-export.h"
#include "bedside-print-settings.h"
#include "test-app-helpers.h"

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
  g_assert_true (bedside_window_get_is_modified (window));
  g_assert_true (g_str_has_prefix (header_title (window), "• "));
  before = answers_json (window);

  /* Without patient details: none in the file. */
  g_assert_true (bedside_window_save_to_file (window, file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (bedside_window_get_is_modified (window));
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
  {
    g_autofree char *cleared = answers_json (window);
    g_assert_cmpstr (cleared, ==, "{}");
  }

  g_assert_true (bedside_window_open_file (window, private_file));
  iterate ();
  g_assert_null (bedside_window_get_dialog (window));
  {
    g_autofree char *after = answers_json (window);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpstr (gtk_editable_get_text (bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window))),
                   ==, "Test Patient");
  g_assert_false (bedside_window_get_is_modified (window));
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
  g_assert_true (bedside_window_get_is_modified (window));
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
  g_assert_true (bedside_window_get_is_modified (window));

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
  g_assert_false (bedside_window_get_is_modified (window));

  /* Patient details alone count as something to lose. */
  gtk_editable_set_text (bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window)), "Someone");
  iterate ();
  g_assert_true (bedside_window_get_is_modified (window));

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
  /* The emergency number is there from the start: 911. */
  row = bedside_preferences_window_get_row (preferences, "emergency-number");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "911");

  for (const char * const *key = (const char * const []) { "clinic-name", "clinic-address", "clinic-phone",
                                                           "emergency-number", "handout-language", NULL };
       *key; key++)
    {
      g_autofree char *value = NULL;

      row = bedside_preferences_window_get_row (preferences, *key);
      g_assert_true (GTK_IS_EDITABLE (row));
      gtk_editable_set_text (GTK_EDITABLE (row), "Riverside Clinic");
      value = g_settings_get_string (settings, *key);
      g_assert_cmpstr (value, ==, "Riverside Clinic");
      g_settings_set_string (settings, *key, "");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
      g_settings_reset (settings, *key);
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
  /* …and follows the key, through BEDSIDE_TYPE_AUDIENCE's nicks. */
  g_settings_set_string (settings, "default-audience", "patient");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, BEDSIDE_AUDIENCE_PATIENT);
  g_settings_reset (settings, "default-audience");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, BEDSIDE_AUDIENCE_CLINICIAN);

  row = bedside_preferences_window_get_row (preferences, "only-verified");
  g_assert_true (GTK_IS_SWITCH (row));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (row)));
  gtk_switch_set_active (GTK_SWITCH (row), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "only-verified"));
  g_settings_reset (settings, "only-verified");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (row)));
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

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *shortcuts)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (shortcuts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, shortcuts);
}

/* An action the window or the application has. */
static gboolean
has_action (BedsideWindow *window,
            const char    *detailed)
{
  g_auto(GStrv) parts = g_strsplit (detailed, ".", 2);
  const char *name;
  const GVariantType *parameter_type;
  const char *property;
  GType owner;

  if (g_str_equal (parts[0], "app"))
    return g_action_group_has_action (G_ACTION_GROUP (app), parts[1]);
  if (g_action_group_has_action (G_ACTION_GROUP (window), parts[1]))
    return TRUE;
  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner, &name,
                                                   &parameter_type, &property); i++)
    if (g_str_equal (name, detailed))
      return TRUE;
  return FALSE;
}

/* The shortcuts window lists every accelerator the app has, with the keys
 * the app binds, and each one reaches an action. */
static void
test_shortcuts_window (void)
{
  static const struct {
    const char *action;
    const char *accels;   /* as the shortcuts window shows them */
  } expected[] = {
    { "win.open",              "<Control>o" },
    { "win.save",              "<Control>s" },
    { "win.print",             "<Control>p" },
    { "win.export-pdf",        "<Shift><Control>e" },
    { "win.copy-plan",         "<Shift><Control>c" },
    { "app.preferences",       "<Control>comma" },
    { "win.new-consultation",  "<Control>n" },
    { "win.previous-section",  "<Alt>Left <Control>Page_Up" },
    { "win.next-section",      "<Alt>Right <Control>Page_Down" },
    { "win.show-help-overlay", "<Control>question F1" },
    { "app.quit",              "<Control>q" },
  };
  BedsideWindow *window = open_window ();
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  g_auto(GStrv) with_accels = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_nonnull (overlay);
  /* The window shows each shortcut twice: on its page and in its search. */
  collect_shortcuts (GTK_WIDGET (overlay), shortcuts);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      char *action = NULL;
      char *accelerator = NULL;

      g_object_get (shortcuts->pdata[i], "action-name", &action, "accelerator", &accelerator, NULL);
      g_assert_nonnull (action);
      /* Every entry shows keys: none names an action without them. */
      g_assert_nonnull (accelerator);
      g_assert_cmpstr (accelerator, !=, "");
      g_hash_table_replace (shown, action, accelerator);
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), expected[i].action);

      if (!has_action (window, expected[i].action))
        g_error ("%s: no such action", expected[i].action);
      g_assert_cmpuint (g_strv_length (accels), >, 0);
      g_assert_cmpstr (g_hash_table_lookup (shown, expected[i].action), ==, expected[i].accels);
    }
  /* Nothing more in the window, and no accelerator left out of it. */
  g_assert_cmpuint (g_hash_table_size (shown), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; with_accels[i] != NULL; i++)
    if (!g_hash_table_contains (shown, with_accels[i]))
      g_error ("%s has an accelerator, but is not in the shortcuts window", with_accels[i]);

  close_window (window);
}

static const char *
paper_name (GtkPrintOperation *operation)
{
  GtkPageSetup *page_setup = gtk_print_operation_get_default_page_setup (operation);

  return gtk_paper_size_get_name (gtk_page_setup_get_paper_size (page_setup));
}

/* A print operation for @plan as after a restart: it reads the saved
 * settings, if any. */
static GtkPrintOperation *
new_print_operation (BedsideCarePlan *plan)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.bedside.Bedside");
  g_autoptr(BedsidePageOptions) options = bedside_print_preferences_dup_page_options (settings, NULL);

  return GTK_PRINT_OPERATION (bedside_print_operation_new (plan, BEDSIDE_AUDIENCE_CLINICIAN, options,
                                                           BEDSIDE_PAPER_A4));
}

/* Ignored with a warning, and the next print starts from the defaults. */
static void
assert_damaged_ignored (BedsideCarePlan *plan,
                        const char      *path,
                        const char      *contents)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "Ignoring the print settings in *");
  operation = new_print_operation (plan);
  g_test_assert_expected_messages ();
  g_assert_null (gtk_print_operation_get_print_settings (operation));
  g_assert_cmpstr (paper_name (operation), ==, GTK_PAPER_NAME_A4);
}

/* The printer settings and page setup chosen last outlive the process:
 * saved when a print is done, offered by the next print operation; never
 * the name of a file printed to; a damaged file is ignored. */
static void
test_print_settings_kept (void)
{
  g_autofree char *answers = g_test_build_filename (G_TEST_DIST, "data", "cli", "acute.json", NULL);
  g_autofree char *path = bedside_print_settings_dup_path ();
  BedsideWindow *window = open_window ();
  BedsideCarePlan *plan;

  /* The test's own config folder (main() sets it), never the user's. */
  g_assert_true (g_str_has_prefix (path, g_getenv ("XDG_CONFIG_HOME")));
  g_unlink (path);

  bedside_window_prepare_screenshot (window, "plan", answers);
  iterate ();
  plan = bedside_plan_page_get_plan (bedside_window_get_plan_page (window));
  g_assert_nonnull (plan);

  /* Nothing saved yet: the dialog's defaults and the preferences' paper. */
  {
    g_autoptr(GtkPrintOperation) operation = new_print_operation (plan);

    g_assert_null (gtk_print_operation_get_print_settings (operation));
    g_assert_cmpstr (paper_name (operation), ==, GTK_PAPER_NAME_A4);
  }

  /* A print done with APPLY saves what the dialog chose. */
  {
    g_autoptr(GtkPrintOperation) operation = new_print_operation (plan);
    g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
    g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
    g_autoptr(GtkPaperSize) letter = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
    g_autofree char *contents = NULL;
    GStatBuf status;

    gtk_print_settings_set_printer (settings, "Ward 3 Laser");
    gtk_print_settings_set_n_copies (settings, 2);
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, "file:///home/nurse/Jane%20Doe.pdf");
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, "Jane Doe");
    gtk_print_operation_set_print_settings (operation, settings);
    gtk_page_setup_set_paper_size_and_default_margins (page_setup, letter);
    gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
    gtk_print_operation_set_default_page_setup (operation, page_setup);
    g_signal_emit_by_name (operation, "done", GTK_PRINT_OPERATION_RESULT_APPLY);

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "Ward 3 Laser"));
    /* Where a file was printed to may name the patient: left out. */
    g_assert_null (strstr (contents, "Jane"));
    g_assert_cmpint (g_stat (path, &status), ==, 0);
    g_assert_cmpint (status.st_mode & 0777, ==, 0600);
  }

  /* A cancelled print saves nothing. */
  {
    g_autoptr(GtkPrintOperation) operation = new_print_operation (plan);
    g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();

    gtk_print_settings_set_printer (settings, "Reception");
    gtk_print_operation_set_print_settings (operation, settings);
    g_signal_emit_by_name (operation, "done", GTK_PRINT_OPERATION_RESULT_CANCEL);
  }

  /* The next print operation starts from what was saved. */
  {
    g_autoptr(GtkPrintOperation) operation = new_print_operation (plan);
    GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
    GtkPageSetup *page_setup = gtk_print_operation_get_default_page_setup (operation);

    g_assert_nonnull (settings);
    g_assert_cmpstr (gtk_print_settings_get_printer (settings), ==, "Ward 3 Laser");
    g_assert_cmpint (gtk_print_settings_get_n_copies (settings), ==, 2);
    g_assert_null (gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI));
    g_assert_cmpstr (paper_name (operation), ==, GTK_PAPER_NAME_LETTER);
    g_assert_cmpint (gtk_page_setup_get_orientation (page_setup), ==, GTK_PAGE_ORIENTATION_LANDSCAPE);
  }

  /* Damaged files: not a key file, no printer settings, a page setup that
   * does not read. */
  assert_damaged_ignored (plan, path, "[Print Settings\nprinter=Ward 3 Laser\n");
  assert_damaged_ignored (plan, path, "\xff\xfe\x00garbage");
  assert_damaged_ignored (plan, path, "[Something Else]\nprinter=Ward 3 Laser\n");
  assert_damaged_ignored (plan, path, "[Print Settings]\nprinter=Ward 3 Laser\n"
                                      "[Page Setup]\nMarginTop=wide\n");

  g_unlink (path);
  close_window (window);
}

/* A consultation opened from Files or the command line (GApplication
 * "open") comes up in a window, as Open… would show it; new files are
 * named after the guideline, the date and the time. */
static void
test_open_from_files (void)
{
  BedsideWindow *window = open_window ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ada.bedside.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) plain = g_regex_new ("^back-spasm-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{4}$", 0, 0, NULL);
  g_autoptr(GRegex) named = g_regex_new ("^back-spasm-Ana-María-López-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{4}$", 0, 0, NULL);
  g_autofree char *before = NULL;
  BedsideWindow *opened;

  start_first_guideline (window);
  answer_patient_section (window);
  answer_boolean (window, "rf_cauda_equina", FALSE);
  before = answers_json (window);
  {
    BedsideGuideline *guideline = bedside_session_get_guideline (bedside_window_get_session (window));
    g_autofree char *base = bedside_export_dup_base_name (guideline, NULL);
    g_autofree char *with_name = bedside_export_dup_base_name (guideline, " Ana María López/../ ");

    g_assert_true (g_regex_match (plain, base, 0, NULL));
    g_assert_true (g_regex_match (named, with_name, 0, NULL));
  }
  g_assert_true (bedside_window_save_to_file (window, file, FALSE, &error));
  g_assert_no_error (error);
  close_window (window);

  g_application_open (g_application_get_default (), &file, 1, "");
  iterate ();
  opened = BEDSIDE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (g_application_get_default ())));
  g_assert_nonnull (opened);
  g_assert_true (g_file_equal (bedside_window_get_file (opened), file));
  {
    g_autofree char *after = answers_json (opened);
    g_assert_cmpstr (after, ==, before);
  }
  close_window (opened);
  remove_temp_dir (dir);
}

void
test_app_files_add_tests (void)
{
  g_test_add_func ("/app/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/app/save-open-round-trip", test_save_open_round_trip);
  g_test_add_func ("/app/open-from-files", test_open_from_files);
  g_test_add_func ("/app/open-damaged", test_open_damaged);
  g_test_add_func ("/app/open-other-version", test_open_other_version);
  g_test_add_func ("/app/unsaved-prompt", test_unsaved_prompt);
  g_test_add_func ("/app/close-prompt", test_close_prompt);
  g_test_add_func ("/app/preferences", test_preferences);
  g_test_add_func ("/app/print-settings-kept", test_print_settings_kept);
}
