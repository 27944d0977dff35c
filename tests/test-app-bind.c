/* test-app-bind.c: the pages' and the window's properties and signals, as bindings and GSettings see them. */
#include "config.h"

#include <string.h>

#include "bedside-print-preferences.h"
#include "test-app-helpers.h"

static void
on_guideline_activated (BedsideLibraryPage  *page,
                        BedsideGuideline    *guideline,
                        BedsideGuideline   **received)
{
  g_assert_null (*received);
  *received = bedside_guideline_ref (guideline);
}

/* "guideline-activated" carries the guideline as a boxed BedsideGuideline,
 * which bindings and language bindings can hold, not a bare pointer. */
static void
test_guideline_activated_boxed (void)
{
  BedsideWindow *window = open_window ();
  BedsideLibraryPage *library = bedside_window_get_library_page (window);
  g_autoptr(BedsideGuideline) received = NULL;
  GSignalQuery query;

  g_signal_query (g_signal_lookup ("guideline-activated", BEDSIDE_TYPE_LIBRARY_PAGE), &query);
  g_assert_cmpuint (query.n_params, ==, 1);
  g_assert_true ((query.param_types[0] & ~G_SIGNAL_TYPE_STATIC_SCOPE) == BEDSIDE_TYPE_GUIDELINE);

  g_signal_connect (library, "guideline-activated", G_CALLBACK (on_guideline_activated), &received);
  start_first_guideline (window);
  g_assert_nonnull (received);
  g_assert_true (received == bedside_session_get_guideline (bedside_window_get_session (window)));
  g_signal_handlers_disconnect_by_func (library, on_guideline_activated, &received);

  close_window (window);
}

/* What printing takes from the preferences comes from the GSettings
 * schema, which the app requires: no fallback stands in for a key. */
static void
test_print_preferences_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.bedside.Bedside");

  {
    g_autoptr(BedsidePageOptions) options = bedside_print_preferences_dup_page_options (settings, NULL);

    /* The schema's defaults: no clinic, 911. */
    g_assert_null (options->clinic_name);
    g_assert_cmpstr (options->emergency_number, ==, "911");
  }
  g_settings_set_string (settings, "clinic-name", "Ward 3");
  g_settings_set_string (settings, "emergency-number", "112");
  g_settings_set_string (settings, "paper-size", "letter");
  g_settings_set_string (settings, "default-audience", "both");
  {
    g_autoptr(BedsidePageOptions) options = bedside_print_preferences_dup_page_options (settings, NULL);

    g_assert_cmpstr (options->clinic_name, ==, "Ward 3");
    g_assert_cmpstr (options->emergency_number, ==, "112");
  }
  g_assert_cmpint (bedside_print_preferences_get_paper (settings), ==, BEDSIDE_PAPER_LETTER);
  g_assert_cmpint (bedside_print_preferences_get_audience (settings, BEDSIDE_AUDIENCE_CLINICIAN), ==, BEDSIDE_AUDIENCE_BOTH);
  g_assert_cmpint (bedside_print_preferences_get_audience (settings, BEDSIDE_AUDIENCE_PATIENT), ==, BEDSIDE_AUDIENCE_PATIENT);

  for (const char * const *key = (const char * const []) { "clinic-name", "emergency-number", "paper-size",
                                                           "default-audience", NULL }; *key != NULL; key++)
    g_settings_reset (settings, *key);
  g_assert_cmpint (bedside_print_preferences_get_audience (settings, BEDSIDE_AUDIENCE_CLINICIAN), ==, BEDSIDE_AUDIENCE_CLINICIAN);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The window's plan page showing the plan of tests/data/cli/acute.json. */
static BedsidePlanPage *
show_acute_plan (BedsideWindow *window)
{
  g_autofree char *answers = g_test_build_filename (G_TEST_DIST, "data", "cli", "acute.json", NULL);

  bedside_window_prepare_screenshot (window, "plan", answers);
  iterate ();
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "plan");
  return bedside_window_get_plan_page (window);
}

/* Setting "plan" on a plan page shows that plan, and notifies once per
 * change. */
static void
test_plan_page_plan (void)
{
  BedsideWindow *window = open_window ();
  BedsidePlanPage *shown = show_acute_plan (window);
  g_autoptr(BedsidePlanPage) page = g_object_ref_sink (g_object_new (BEDSIDE_TYPE_PLAN_PAGE, NULL));
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_auto(GStrv) expected = bedside_plan_page_dup_shown_ids (shown);
  guint n_notify = 0;

  g_object_get (shown, "plan", &plan, NULL);
  g_assert_nonnull (plan);
  g_assert_true (plan == bedside_plan_page_get_plan (shown));
  g_assert_true (strv_contains (expected, "stay_active"));

  g_signal_connect (page, "notify::plan", G_CALLBACK (count_notify), &n_notify);
  {
    g_auto(GStrv) ids = bedside_plan_page_dup_shown_ids (page);
    g_assert_cmpuint (g_strv_length (ids), ==, 0);
  }
  g_object_set (page, "plan", plan, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (bedside_plan_page_get_plan (page) == plan);
  {
    g_auto(GStrv) ids = bedside_plan_page_dup_shown_ids (page);
    g_assert_true (g_strv_equal ((const char * const *) ids, (const char * const *) expected));
  }
  /* The same plan again is no change. */
  g_object_set (page, "plan", plan, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  g_object_set (page, "plan", NULL, NULL);
  g_assert_cmpuint (n_notify, ==, 2);
  {
    g_auto(GStrv) ids = bedside_plan_page_dup_shown_ids (page);
    g_assert_cmpuint (g_strv_length (ids), ==, 0);
  }

  close_window (window);
}

/* "audience" is a BEDSIDE_TYPE_AUDIENCE, the enum of the default-audience
 * key: every value of the one is a value of the other, with the same
 * nick, and a new consultation starts with the key's audience. */
static void
test_plan_page_audience (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.bedside.Bedside");
  g_autoptr(GEnumClass) klass = g_type_class_ref (BEDSIDE_TYPE_AUDIENCE);
  GParamSpec *pspec = g_object_class_find_property (g_type_class_peek (BEDSIDE_TYPE_PLAN_PAGE), "audience");
  BedsideWindow *window = open_window ();
  BedsidePlanPage *page = bedside_window_get_plan_page (window);
  BedsideAudience audience;
  guint n_notify = 0;

  g_assert_nonnull (pspec);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == BEDSIDE_TYPE_AUDIENCE);
  g_assert_cmpuint (klass->n_values, ==, 3);
  start_first_guideline (window);
  g_signal_connect (page, "notify::audience", G_CALLBACK (count_notify), &n_notify);

  for (guint i = 0; i < klass->n_values; i++)
    {
      const GEnumValue *value = &klass->values[i];
      g_autofree char *nick = NULL;

      g_assert_true (g_settings_set_enum (settings, "default-audience", value->value));
      nick = g_settings_get_string (settings, "default-audience");
      g_assert_cmpstr (nick, ==, value->value_nick);
      g_assert_cmpint (g_settings_get_enum (settings, "default-audience"), ==, value->value);

      bedside_window_clear_consultation (window);
      iterate ();
      g_object_get (page, "audience", &audience, NULL);
      /* "both" is for printing: the screen starts with the clinician's plan. */
      g_assert_cmpint (audience, ==, value->value == BEDSIDE_AUDIENCE_PATIENT ? BEDSIDE_AUDIENCE_PATIENT
                                                                            : BEDSIDE_AUDIENCE_CLINICIAN);
    }
  /* clinician → patient → clinician (for "both"): two changes. */
  g_assert_cmpuint (n_notify, ==, 2);

  /* Set as a property: notified on change only. */
  n_notify = 0;
  g_object_set (page, "audience", BEDSIDE_AUDIENCE_CLINICIAN, NULL);
  g_assert_cmpuint (n_notify, ==, 0);
  g_object_set (page, "audience", BEDSIDE_AUDIENCE_PATIENT, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpint (bedside_plan_page_get_audience (page), ==, BEDSIDE_AUDIENCE_PATIENT);
  g_object_set (page, "audience", BEDSIDE_AUDIENCE_BOTH, NULL);
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_cmpint (bedside_plan_page_get_audience (page), ==, BEDSIDE_AUDIENCE_CLINICIAN);

  g_settings_reset (settings, "default-audience");
  close_window (window);
}

static const char *
chosen (GtkDropDown *dropdown)
{
  return gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)),
                                     gtk_drop_down_get_selected (dropdown));
}

/* "handout-language" follows its GSettings key through a binding, and
 * tells what the page's choice shows. */
static void
test_plan_page_handout_language (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.bedside.Bedside");
  g_autofree char *saved = g_strdup (g_getenv ("BEDSIDE_GUIDELINES_DIR"));
  BedsideWindow *window;
  BedsidePlanPage *page;
  GtkDropDown *dropdown;
  g_autofree char *language = NULL;
  guint n_notify = 0;

  /* The guidelines as built have es/. */
  g_setenv ("BEDSIDE_GUIDELINES_DIR", g_getenv ("BEDSIDE_BUILT_GUIDELINES_DIR"), TRUE);
  window = open_window ();
  page = show_acute_plan (window);
  dropdown = bedside_plan_page_get_language_dropdown (page);
  bedside_plan_page_set_audience (page, BEDSIDE_AUDIENCE_PATIENT);
  iterate ();
  g_assert_cmpstr (bedside_plan_page_get_handout_language (page), ==, "en");
  g_signal_connect (page, "notify::handout-language", G_CALLBACK (count_notify), &n_notify);

  g_settings_set_string (settings, "handout-language", "es");
  iterate ();
  g_assert_cmpuint (n_notify, ==, 1);
  g_object_get (page, "handout-language", &language, NULL);
  g_assert_cmpstr (language, ==, "es");
  g_assert_cmpstr (chosen (dropdown), ==, "Español");

  /* The same language again is no change. */
  g_object_set (page, "handout-language", "es", NULL);
  g_assert_cmpuint (n_notify, ==, 1);

  /* Chosen on the page: the property says so. */
  gtk_drop_down_set_selected (dropdown, 0);
  iterate ();
  g_assert_cmpstr (chosen (dropdown), ==, "English");
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_cmpstr (bedside_plan_page_get_handout_language (page), ==, "en");

  /* The guideline's own language is English: back to it is no change. */
  g_settings_reset (settings, "handout-language");
  iterate ();
  g_assert_cmpstr (bedside_plan_page_get_handout_language (page), ==, "en");
  g_assert_cmpuint (n_notify, ==, 2);

  close_window (window);
  g_setenv ("BEDSIDE_GUIDELINES_DIR", saved, TRUE);
}

/* The window's "session" is the one its consultation and review pages
 * show: they follow it through bindings, once per change. */
static void
test_session_bindings (void)
{
  BedsideWindow *window = open_window ();
  BedsideConsultationPage *consultation = bedside_window_get_consultation_page (window);
  BedsideReviewPage *review = bedside_window_get_review_page (window);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideSession) session = NULL;
  BedsideSession *first;
  guint n_window = 0, n_consultation = 0, n_review = 0;

  g_assert_null (bedside_window_get_session (window));
  g_assert_null (bedside_consultation_page_get_session (consultation));
  g_assert_null (bedside_review_page_get_session (review));
  g_signal_connect (window, "notify::session", G_CALLBACK (count_notify), &n_window);
  g_signal_connect (consultation, "notify::session", G_CALLBACK (count_notify), &n_consultation);
  g_signal_connect (review, "notify::session", G_CALLBACK (count_notify), &n_review);

  start_first_guideline (window);
  first = bedside_window_get_session (window);
  g_assert_nonnull (first);
  g_object_get (window, "session", &session, NULL);
  g_assert_true (session == first);
  g_assert_true (bedside_consultation_page_get_session (consultation) == first);
  g_assert_true (bedside_review_page_get_session (review) == first);
  g_assert_cmpuint (n_window, ==, 1);
  g_assert_cmpuint (n_consultation, ==, 1);
  g_assert_cmpuint (n_review, ==, 1);

  /* A new consultation clears the same session's answers: no change. */
  answer_text (window, "age", "40");
  bedside_window_clear_consultation (window);
  iterate ();
  g_assert_true (bedside_window_get_session (window) == first);
  g_assert_cmpuint (n_window, ==, 1);
  g_assert_cmpuint (n_consultation, ==, 1);

  /* Opening a file makes a new session; both pages show it. */
  answer_text (window, "age", "50");
  g_assert_true (bedside_window_save_to_file (window, file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (bedside_window_open_file (window, file));
  iterate ();
  g_assert_true (bedside_window_get_session (window) != first);
  g_assert_true (bedside_consultation_page_get_session (consultation) == bedside_window_get_session (window));
  g_assert_true (bedside_review_page_get_session (review) == bedside_window_get_session (window));
  g_assert_cmpuint (n_window, ==, 2);
  g_assert_cmpuint (n_consultation, ==, 2);
  g_assert_cmpuint (n_review, ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (bedside_question_row_get_entry (question (window, "age"))), ==, "50");

  close_window (window);
  remove_temp_dir (dir);
}

/* Set on its own, "session" builds the consultation page's questions. */
static void
test_consultation_page_session (void)
{
  BedsideWindow *window = open_window ();
  g_autoptr(BedsideConsultationPage) page = g_object_ref_sink (g_object_new (BEDSIDE_TYPE_CONSULTATION_PAGE, NULL));
  g_autoptr(BedsideSession) session = NULL;
  guint n_notify = 0;

  start_first_guideline (window);
  session = bedside_session_new (bedside_session_get_guideline (bedside_window_get_session (window)));
  g_signal_connect (page, "notify::session", G_CALLBACK (count_notify), &n_notify);

  g_assert_null (bedside_consultation_page_get_question (page, "age"));
  g_object_set (page, "session", session, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_nonnull (bedside_consultation_page_get_question (page, "age"));
  g_assert_cmpint (bedside_consultation_page_get_section (page), ==, 0);
  g_object_set (page, "session", session, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  g_object_set (page, "session", NULL, NULL);
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_null (bedside_consultation_page_get_question (page, "age"));
  g_assert_cmpint (bedside_consultation_page_get_section (page), ==, -1);

  close_window (window);
}

/* The review page lists its session's answers, and lists them again
 * when it is shown after they changed. */
static void
test_review_page_session (void)
{
  BedsideWindow *window = open_window ();
  GtkWidget *holder = gtk_window_new ();
  BedsideReviewPage *page = g_object_new (BEDSIDE_TYPE_REVIEW_PAGE, NULL);
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(GError) error = NULL;
  BedsideGuideline *guideline;
  GtkWidget *row;
  guint n_notify = 0;

  start_first_guideline (window);
  guideline = bedside_session_get_guideline (bedside_window_get_session (window));
  session = bedside_session_new (guideline);
  g_assert_true (bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (guideline, "age")->index,
                                                         "40", &error));
  g_assert_no_error (error);

  gtk_window_set_child (GTK_WINDOW (holder), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (holder));
  iterate ();
  g_signal_connect (page, "notify::session", G_CALLBACK (count_notify), &n_notify);
  g_object_set (page, "session", session, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  row = bedside_review_page_get_row (page, "age");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "40 years");
  g_assert_null (bedside_review_page_get_row (page, "rf_cancer"));

  /* Answered while the page is hidden, listed once it shows again. */
  gtk_widget_set_visible (GTK_WIDGET (page), FALSE);
  g_assert_true (bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (guideline, "age")->index,
                                                         "41", &error));
  g_assert_true (bedside_session_set_answer_from_string (session, bedside_guideline_lookup_item (guideline, "rf_cancer")->index,
                                                         "no", &error));
  g_assert_no_error (error);
  gtk_widget_set_visible (GTK_WIDGET (page), TRUE);
  iterate ();
  row = bedside_review_page_get_row (page, "age");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "41 years");
  g_assert_nonnull (bedside_review_page_get_row (page, "rf_cancer"));

  g_object_set (page, "session", NULL, NULL);
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_null (bedside_review_page_get_row (page, "age"));

  gtk_window_destroy (GTK_WINDOW (holder));
  close_window (window);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static void
assert_titles (BedsideWindow *window,
               const char    *title,
               const char    *subtitle)
{
  AdwWindowTitle *header = bedside_window_get_header_title (window);
  g_autofree char *window_title = g_strcmp0 (title, "Bedside") == 0 ? g_strdup (title)
                                                                    : g_strdup_printf ("%s — Bedside", title);

  g_assert_cmpstr (adw_window_title_get_title (header), ==, title);
  g_assert_cmpstr (or_empty (adw_window_title_get_subtitle (header)), ==, subtitle);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, window_title);
}

/* "is-modified" has one setter that notifies on change: an answer makes
 * it TRUE, saving FALSE; the header's title and subtitle are bound to it,
 * to the file and to the session. */
static void
test_window_modified_and_titles (void)
{
  BedsideWindow *window = open_window ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *guideline = "Severe back spasms in adults";
  g_autofree char *dotted = g_strdup_printf ("• %s", guideline);
  gboolean modified = TRUE;
  guint n_modified = 0, n_file = 0;
  GtkEditable *name = bedside_consultation_page_get_patient_name (bedside_window_get_consultation_page (window));

  assert_titles (window, "Bedside", "");
  g_signal_connect (window, "notify::is-modified", G_CALLBACK (count_notify), &n_modified);
  g_signal_connect (window, "notify::file", G_CALLBACK (count_notify), &n_file);

  start_first_guideline (window);
  g_assert_false (bedside_window_get_is_modified (window));
  g_assert_cmpuint (n_modified, ==, 0);
  assert_titles (window, guideline, "");

  answer_text (window, "age", "40");
  g_object_get (window, "is-modified", &modified, NULL);
  g_assert_true (modified);
  g_assert_cmpuint (n_modified, ==, 1);
  assert_titles (window, dotted, "Not saved");
  /* Still modified: no notification.  (Replacing an entry's text empties
   * it first; the patient's name keeps something to lose meanwhile.) */
  gtk_editable_set_text (name, "Jane");
  iterate ();
  answer_text (window, "age", "41");
  g_assert_cmpuint (n_modified, ==, 1);
  /* Nothing left to lose: not modified. */
  gtk_editable_set_text (name, "");
  answer_text (window, "age", "");
  g_assert_false (bedside_window_get_is_modified (window));
  g_assert_cmpuint (n_modified, ==, 2);
  assert_titles (window, guideline, "");
  answer_text (window, "age", "42");
  g_assert_cmpuint (n_modified, ==, 3);

  g_assert_true (bedside_window_save_to_file (window, file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (bedside_window_get_is_modified (window));
  g_assert_cmpuint (n_modified, ==, 4);
  g_assert_cmpuint (n_file, ==, 1);
  g_assert_true (g_file_equal (bedside_window_get_file (window), file));
  assert_titles (window, "saved.json", guideline);

  answer_text (window, "age", "43");
  g_assert_true (bedside_window_get_is_modified (window));
  assert_titles (window, "• saved.json", guideline);

  /* A new consultation: no file, nothing to save. */
  bedside_window_clear_consultation (window);
  iterate ();
  g_assert_false (bedside_window_get_is_modified (window));
  g_assert_null (bedside_window_get_file (window));
  g_assert_cmpuint (n_file, ==, 2);
  assert_titles (window, guideline, "");

  close_window (window);
  remove_temp_dir (dir);
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static AdwMessageDialog *
find_message_dialog (BedsideWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* The clinician's plan on screen gives each decision once in a Why group,
 * in the questionnaire's words; a declined recommendation is marked there
 * and left out of the handout. */
static void
test_plan_page_reasons_and_declined (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.bedside.Bedside");
  BedsideWindow *window = NULL;
  BedsidePlanPage *page = NULL;
  BedsideCarePlan *plan = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);

  /* The clinician of the preferences goes on a new plan. */
  g_assert_true (g_settings_set_string (settings, "clinician-name", "Dr Ana Example"));
  window = open_window ();
  page = show_acute_plan (window);
  plan = bedside_plan_page_get_plan (page);
  g_assert_cmpstr (bedside_decisions_get_clinician (bedside_care_plan_get_decisions (plan)), ==, "Dr Ana Example");
  g_settings_reset (settings, "clinician-name");

  bedside_plan_page_set_audience (page, BEDSIDE_AUDIENCE_CLINICIAN);
  iterate ();
  collect_labels (GTK_WIDGET (page), labels);
  g_assert_nonnull (strstr (labels->str, "\nWhy\n"));
  g_assert_nonnull (strstr (labels->str, "Red flags\n"));
  g_assert_nonnull (strstr (labels->str, "no to cauda equina signs"));
  g_assert_null (strstr (labels->str, "rf_"));
  g_assert_null (strstr (labels->str, " is true"));
  g_assert_null (strstr (labels->str, "Declined by the clinician"));
  g_assert_nonnull (strstr (labels->str, "Dr Ana Example"));
  /* The answers that led to the plan, on screen as on paper. */
  g_assert_nonnull (strstr (labels->str, "Answers that led to this plan"));
  g_assert_nonnull (strstr (labels->str, "Duration of this episode of back pain (completed weeks)"));

  /* Decline…: a dialog asks for the reason; the consultation has changed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.decline", "s", "massage"));
  iterate ();
  {
    AdwMessageDialog *dialog = find_message_dialog (window);

    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "No service nearby.");
    /* As its button does: the response, then the dialog closes. */
    adw_message_dialog_response (dialog, "decline");
    gtk_window_destroy (GTK_WINDOW (dialog));
    iterate ();
  }
  {
    const char *reason = NULL;

    g_assert_true (bedside_decisions_is_declined (bedside_care_plan_get_decisions (plan), "massage", &reason));
    g_assert_cmpstr (reason, ==, "No service nearby.");
    g_assert_true (bedside_care_plan_get_decisions (plan) == bedside_session_get_decisions (bedside_window_get_session (window)));
    g_assert_true (bedside_window_get_is_modified (window));
  }
  {
    g_auto(GStrv) ids = bedside_plan_page_dup_shown_ids (page);
    g_autoptr(GString) after = g_string_new (NULL);

    g_assert_true (strv_contains (ids, "massage"));
    collect_labels (GTK_WIDGET (page), after);
    g_assert_nonnull (strstr (after->str, "Declined by the clinician"));
  }
  bedside_plan_page_set_audience (page, BEDSIDE_AUDIENCE_PATIENT);
  iterate ();
  {
    g_auto(GStrv) ids = bedside_plan_page_dup_shown_ids (page);

    g_assert_true (strv_contains (ids, "stay_active"));
    g_assert_false (strv_contains (ids, "massage"));
  }
  /* Take Back needs no dialog. */
  bedside_plan_page_set_audience (page, BEDSIDE_AUDIENCE_CLINICIAN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.decline", "s", "massage"));
  iterate ();
  g_assert_null (find_message_dialog (window));
  g_assert_false (bedside_decisions_is_declined (bedside_care_plan_get_decisions (plan), "massage", NULL));
  close_window_discarding (window);
}

void
test_app_bind_add_tests (void)
{
  g_test_add_func ("/app/bind/window-modified-and-titles", test_window_modified_and_titles);
  g_test_add_func ("/app/bind/session-bindings", test_session_bindings);
  g_test_add_func ("/app/bind/consultation-page-session", test_consultation_page_session);
  g_test_add_func ("/app/bind/review-page-session", test_review_page_session);
  g_test_add_func ("/app/bind/plan-page-plan", test_plan_page_plan);
  g_test_add_func ("/app/bind/plan-page-reasons-and-declined", test_plan_page_reasons_and_declined);
  g_test_add_func ("/app/bind/plan-page-audience", test_plan_page_audience);
  g_test_add_func ("/app/bind/plan-page-handout-language", test_plan_page_handout_language);
  g_test_add_func ("/app/bind/print-preferences-settings", test_print_preferences_settings);
  g_test_add_func ("/app/bind/guideline-activated-boxed", test_guideline_activated_boxed);
}
