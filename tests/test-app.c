/* test-app.c: drives the Bedside window through its real widgets, under Xvfb. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bedside-print-operation.h"
#include "bedside-print-preferences.h"
#include "test-app-helpers.h"

static void
test_acute_consultation (void)
{
  BedsideWindow *window = open_window ();
  g_auto(GStrv) ids = NULL;
  const char *include[] = { "acupuncture", "analgesic_combination", "followup_acute", "heat", "massage",
                            "muscle_relaxant_short", "no_lumbar_support", "no_routine_imaging", "no_tens",
                            "nsaid", "safety_net", "spinal_manipulation", "stay_active", NULL };
  const char *exclude[] = { "muscle_relaxant_flareups_only", "out_of_scope_minor", "urgent_cauda_equina",
                            "emergency_deficit", "emergency_infection", "emergency_vascular", "emergency_trauma",
                            "emergency_mscc", "urgent_cancer", "urgent_fracture", "interim_care",
                            "acetaminophen_option", "nsaid_avoid", NULL };
  /* The 1.1 medication questions of an acute case with pain 7/10, in the
   * questionnaire's order (prior_mr_course first: the muscle-relaxant
   * questions depend on it). */
  const char *med_no[] = { "prior_mr_course", "maoi_recent", "recent_mi", "heart_failure", "arrhythmia",
                           "hyperthyroid", "ssri_snri", "other_serotonergic", "alcohol_regular", "sedatives",
                           "glaucoma_urinary", "drives_or_machinery", "gi_bleed_history", "anticoagulant",
                           "cv_disease", "steroids_oral", "nsaid_allergy", NULL };
  /* Asked only in the chronic pathway, where their answers change the plan. */
  const char *chronic_only[] = { "nsaid_tried_failed", "seizures", "misuse_or_suicidality", NULL };
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
  for (const char *const *id = (const char *const[]) { "rf_cauda_equina", "rf_progressive_deficit", "rf_infection",
                                                       "rf_vascular", "rf_major_trauma", "rf_cancer",
                                                       "rf_fracture", NULL }; *id; id++)
    answer_boolean (window, *id, FALSE);
  /* Asked only with a cancer red flag. */
  g_assert_false (question_visible (window, "rf_cancer_neuro"));
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
  /* 1.1: asked in the acute pathway too. */
  g_assert_true (question_visible (window, "prior_mr_course"));
  for (guint i = 0; chronic_only[i] != NULL; i++)
    g_assert_false (question_visible (window, chronic_only[i]));
  for (guint i = 0; med_no[i] != NULL; i++)
    answer_boolean (window, med_no[i], FALSE);
  answer_choice (window, "hepatic", "none");
  answer_choice (window, "ckd", "none");
  press_next (window);

  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "review");
  row = bedside_review_page_get_row (bedside_window_get_review_page (window), "age");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "40 years");
  g_assert_nonnull (bedside_review_page_get_row (bedside_window_get_review_page (window), "prior_mr_course"));
  for (guint i = 0; chronic_only[i] != NULL; i++)
    g_assert_null (bedside_review_page_get_row (bedside_window_get_review_page (window), chronic_only[i]));
  g_assert_null (bedside_review_page_get_row (bedside_window_get_review_page (window), "rf_cancer_neuro"));

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
  /* Announced at once, while the other red flags are still unanswered;
   * the plan is not ready, so its button waits; Undo takes the answer
   * back. */
  g_assert_nonnull (bedside_window_get_urgent_text (window));
  g_assert_nonnull (strstr (bedside_window_get_urgent_text (window), "cauda equina"));
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-urgent-plan", NULL);
  iterate ();
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  /* Screen readers announce it: the banner is an alert. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (gtk_revealer_get_child (window->urgent_revealer)),
                                   GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-urgent", NULL));
  iterate ();
  g_assert_null (bedside_window_get_urgent_text (window));
  g_assert_cmpint (bedside_session_get_answer (bedside_window_get_session (window),
                                               bedside_guideline_lookup_item (bedside_session_get_guideline (bedside_window_get_session (window)),
                                                                              "rf_cauda_equina")->index)->state,
                   ==, BEDSIDE_VALUE_UNKNOWN);
  answer_boolean (window, "rf_cauda_equina", TRUE);
  g_assert_nonnull (bedside_window_get_urgent_text (window));
  /* Every other red flag adds its own recommendation (1.1, rule 1), so
   * the plan is settled once those are answered too. */
  answer_boolean (window, "rf_progressive_deficit", FALSE);
  answer_boolean (window, "rf_infection", FALSE);
  answer_boolean (window, "rf_vascular", FALSE);
  answer_boolean (window, "rf_major_trauma", FALSE);
  answer_boolean (window, "rf_cancer", FALSE);
  g_assert_false (question_visible (window, "rf_cancer_neuro"));
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  answer_boolean (window, "rf_fracture", FALSE);

  /* The plan is settled: the clinician chooses to see it. */
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-urgent-plan", NULL));
  iterate ();
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "plan");
  g_assert_nonnull (bedside_window_get_urgent_text (window));
  g_assert_nonnull (strstr (bedside_window_get_urgent_text (window), "cauda equina"));
  ids = bedside_plan_page_dup_shown_ids (bedside_window_get_plan_page (window));
  g_assert_nonnull (ids[0]);
  g_assert_cmpstr (ids[0], ==, "urgent_cauda_equina");
  g_assert_true (strv_contains (ids, "safety_net"));
  /* The emergency tier: no care while waiting, no routine pathway. */
  g_assert_false (strv_contains (ids, "interim_care"));
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
  copy_medicines (saved, dir);
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
  remove_temp_dir (dir);
}

/* Waits for the library's full load after start-up. */
static void
wait_for_library (BedsideLibraryPage *library)
{
  for (int i = 0; i < 400 && bedside_library_page_is_checking (library); i++)
    {
      iterate ();
      g_usleep (5000);
    }
  g_assert_false (bedside_library_page_is_checking (library));
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
  copy_medicines (saved, dir);
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
  wait_for_library (library);
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

/* Writes the bundled back-spasm.xml into @dir, and beside it @copy_name, the
 * same guideline under the id @copy_id; returns the SHA-256 of back-spasm.xml. */
static char *
write_bundled_and_copy (const char *dir,
                        const char *copy_name,
                        const char *copy_id)
{
  g_autofree char *source = g_build_filename (g_getenv ("BEDSIDE_GUIDELINES_DIR"), "back-spasm.xml", NULL);
  g_autofree char *bundled = g_build_filename (dir, "back-spasm.xml", NULL);
  g_autofree char *copy = g_build_filename (dir, copy_name, NULL);
  g_autofree char *id = g_strdup_printf ("id=\"%s\"", copy_id);
  g_autofree char *contents = NULL;
  g_autofree char *renamed = NULL;
  g_auto(GStrv) parts = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (bundled, contents, (gssize) length, NULL));
  copy_medicines (g_getenv ("BEDSIDE_GUIDELINES_DIR"), dir);
  parts = g_strsplit (contents, "id=\"back-spasm\"", 2);
  renamed = g_strjoin (id, parts[0], parts[1], NULL);
  g_assert_true (g_file_set_contents (copy, renamed, -1, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* The clinic's SHA256SUMS: a file it names with its checksum is marked
 * verified; one it names with another checksum is refused like a broken one. */
static void
test_library_integrity (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *sums = g_build_filename (dir, "SHA256SUMS", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("BEDSIDE_GUIDELINES_DIR"));
  g_autofree char *good_sum = write_bundled_and_copy (dir, "changed.xml", "changed");
  g_autofree char *list = NULL;
  BedsideWindow *window;
  BedsideLibraryPage *library;
  GtkListBox *list_box;
  GtkListBoxRow *row;
  gboolean saw_verified = FALSE, saw_refused = FALSE;

  /* The list names changed.xml with the original's checksum: it was edited. */
  list = g_strdup_printf ("%s  back-spasm.xml\n%s  changed.xml\n", good_sum, good_sum);
  g_assert_true (g_file_set_contents (sums, list, -1, NULL));
  g_setenv ("BEDSIDE_GUIDELINES_DIR", dir, TRUE);

  window = bedside_window_new (app);
  library = bedside_window_get_library_page (window);
  list_box = bedside_library_page_get_list_box (library);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_library (library);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list_box, i)) != NULL; i++)
    {
      if (gtk_widget_has_css_class (GTK_WIDGET (row), "verified-guideline"))
        {
          saw_verified = TRUE;
          g_assert_true (gtk_list_box_row_get_activatable (row));
        }
      if (gtk_widget_has_css_class (GTK_WIDGET (row), "broken-guideline"))
        {
          saw_refused = TRUE;
          g_assert_false (gtk_list_box_row_get_activatable (row));
          g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "changed.xml"));
        }
    }
  g_assert_true (saw_verified);
  g_assert_true (saw_refused);

  close_window (window);
  g_setenv ("BEDSIDE_GUIDELINES_DIR", saved, TRUE);
  remove_temp_dir (dir);
}

/* Writes back-spasm.xml to @path, with its medicine records beside it,
 * and its next review date replaced. */
static void
write_reviewed_copy (const char *path,
                     const char *next)
{
  g_autofree char *source = g_build_filename (g_getenv ("BEDSIDE_GUIDELINES_DIR"), "back-spasm.xml", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *records = g_build_filename (dir, "medicines", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *attribute = g_strdup_printf ("next=\"%s\"", next);
  g_autoptr(GString) text = NULL;
  g_autoptr(GRegex) review = g_regex_new ("next=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  /* The guideline's own review (the first), whatever its date. */
  g_assert_true (g_regex_match (review, contents, 0, &match));
  text = g_string_new (contents);
  {
    g_autofree char *old = g_match_info_fetch (match, 0);
    g_assert_cmpuint (g_string_replace (text, old, attribute, 1), ==, 1);
  }
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  if (!g_file_test (records, G_FILE_TEST_IS_DIR))
    copy_medicines (g_getenv ("BEDSIDE_GUIDELINES_DIR"), dir);
}

/* A guideline past its next review date is tagged in the library and,
 * once opened, says so above the consultation; a current one is not. */
static void
test_review_overdue (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "back-spasm.xml", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("BEDSIDE_GUIDELINES_DIR"));
  const char *nexts[] = { "2999-12-31", "2001-01-01" };

  for (guint n = 0; n < G_N_ELEMENTS (nexts); n++)
    {
      gboolean overdue = n == 1;
      BedsideWindow *window;
      BedsideLibraryPage *library;
      GtkListBoxRow *row;
      const char *status;

      write_reviewed_copy (path, nexts[n]);
      g_setenv ("BEDSIDE_GUIDELINES_DIR", dir, TRUE);
      window = bedside_window_new (app);
      library = bedside_window_get_library_page (window);
      gtk_window_present (GTK_WINDOW (window));
      iterate ();

      row = gtk_list_box_get_row_at_index (bedside_library_page_get_list_box (library), 0);
      g_assert_nonnull (row);
      g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (row), "review-overdue-guideline"), ==, overdue);

      start_first_guideline (window);
      status = bedside_window_get_status_text (window);
      /* Under review either way; overdue only past the date. */
      g_assert_nonnull (status);
      g_assert_nonnull (strstr (status, "under review"));
      g_assert_cmpint (strstr (status, "This guideline was due for review on 2001-01-01") != NULL, ==, overdue);

      close_window (window);
      g_setenv ("BEDSIDE_GUIDELINES_DIR", saved, TRUE);
    }
  remove_temp_dir (dir);
}

/* With "only-verified" set (Preferences, or a clinic's locked dconf key),
 * a guideline the clinic's SHA256SUMS does not name is listed as refused
 * and cannot be started or used to open a consultation; unset, it can. */
static void
test_only_verified (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *sums = g_build_filename (dir, "SHA256SUMS", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("BEDSIDE_GUIDELINES_DIR"));
  g_autoptr(GSettings) settings = g_settings_new ("org.bedside.Bedside");
  g_autofree char *sum = write_bundled_and_copy (dir, "other.xml", "other");
  g_autofree char *list = NULL;

  list = g_strdup_printf ("%s  back-spasm.xml\n", sum);
  g_assert_true (g_file_set_contents (sums, list, -1, NULL));
  g_setenv ("BEDSIDE_GUIDELINES_DIR", dir, TRUE);

  for (int only_verified = 1; only_verified >= 0; only_verified--)
    {
      BedsideWindow *window;
      BedsideLibraryPage *library;
      GtkListBox *list_box;
      GtkListBoxRow *row;
      g_autoptr(GError) error = NULL;
      guint n_rows = 0, n_refused = 0;

      g_settings_set_boolean (settings, "only-verified", only_verified);
      window = bedside_window_new (app);
      library = bedside_window_get_library_page (window);
      list_box = bedside_library_page_get_list_box (library);
      gtk_window_present (GTK_WINDOW (window));
      g_assert_cmpint (bedside_library_page_get_only_verified (library), ==, only_verified);
      wait_for_library (library);

      for (int i = 0; (row = gtk_list_box_get_row_at_index (list_box, i)) != NULL; i++)
        {
          gboolean verified = gtk_widget_has_css_class (GTK_WIDGET (row), "verified-guideline");

          n_rows++;
          if (gtk_widget_has_css_class (GTK_WIDGET (row), "broken-guideline"))
            {
              n_refused++;
              g_assert_false (gtk_list_box_row_get_activatable (row));
              g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "other.xml: not verified"));
            }
          else
            g_assert_true (verified || !only_verified);
        }
      g_assert_cmpuint (n_rows, ==, 2);
      g_assert_cmpuint (n_refused, ==, only_verified ? 1 : 0);

      /* Opening a saved consultation goes through the same door. */
      g_assert_nonnull (bedside_library_page_load_guideline (library, "back-spasm", &error));
      g_assert_no_error (error);
      if (only_verified)
        {
          g_assert_null (bedside_library_page_load_guideline (library, "other", &error));
          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error->message, "not verified"));
          /* Turned off in Preferences: the list is read again, and the
           * guideline can be started. */
          g_clear_error (&error);
          g_settings_set_boolean (settings, "only-verified", FALSE);
          iterate ();
          g_assert_false (bedside_library_page_get_only_verified (library));
          g_assert_nonnull (bedside_library_page_load_guideline (library, "other", &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_nonnull (bedside_library_page_load_guideline (library, "other", &error));
          g_assert_no_error (error);
        }
      close_window (window);
    }

  g_settings_reset (settings, "only-verified");
  g_setenv ("BEDSIDE_GUIDELINES_DIR", saved, TRUE);
  remove_temp_dir (dir);
}

/* ---- the handout's language ---------------------------------------------- */

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* Picks @name in @dropdown, as a click on it would. */
static void
choose_language (GtkDropDown *dropdown,
                 const char  *name)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name))
      {
        gtk_drop_down_set_selected (dropdown, i);
        iterate ();
        return;
      }
  g_error ("%s is not among the handout's languages", name);
}

static const char *
chosen_language (GtkDropDown *dropdown)
{
  return gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)),
                                     gtk_drop_down_get_selected (dropdown));
}

static void
on_text_read (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* What Copy as Text puts on the clipboard. */
static char *
copy_as_text (BedsideWindow *window)
{
  char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-plan", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL, on_text_read, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

/* @text with each run of white space (a line wrapped and indented) as one
 * space: the text plan wraps long sentences. */
static char *
unwrapped (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", G_REGEX_MATCH_DEFAULT, NULL);
}

#define SAFETY_NET_EN "Call the emergency number or the clinic at once if you have any of these."
#define SAFETY_NET_ES "Llame de inmediato al número de emergencias o a la clínica si le pasa algo de esto."

/* Español on the plan page: the handout (not the clinician's plan) in
 * Spanish, on screen and in Copy as Text; the preference chooses first. */
static void
test_handout_language (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("BEDSIDE_GUIDELINES_DIR"));
  g_autofree char *answers = g_test_build_filename (G_TEST_DIST, "data", "cli", "acute.json", NULL);
  g_autoptr(GSettings) settings = g_settings_new ("org.bedside.Bedside");
  BedsideWindow *window;
  BedsidePlanPage *page;
  GtkDropDown *dropdown;
  GtkWidget *row;

  /* The guidelines as built have es/, made from po/es.po. */
  g_assert_nonnull (g_getenv ("BEDSIDE_BUILT_GUIDELINES_DIR"));
  g_setenv ("BEDSIDE_GUIDELINES_DIR", g_getenv ("BEDSIDE_BUILT_GUIDELINES_DIR"), TRUE);
  window = open_window ();
  bedside_window_prepare_screenshot (window, "plan", answers);
  iterate ();
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "plan");
  page = bedside_window_get_plan_page (window);
  dropdown = bedside_plan_page_get_language_dropdown (page);

  /* The choice is the handout's: hidden on the clinician's plan. */
  g_assert_cmpint (bedside_plan_page_get_audience (page), ==, BEDSIDE_AUDIENCE_CLINICIAN);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  bedside_plan_page_set_audience (page, BEDSIDE_AUDIENCE_PATIENT);
  iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);
  g_assert_cmpstr (chosen_language (dropdown), ==, "English");
  row = bedside_plan_page_get_row (page, "safety_net");
  g_assert_nonnull (row);
  g_assert_true (shows_text (row, SAFETY_NET_EN));

  /* Where to get help, at the top of the handout: the preferences' numbers. */
  g_assert_cmpstr (bedside_plan_page_get_handout_help (page), ==, "In an emergency, call 911.");
  g_settings_set_string (settings, "clinic-phone", "555-0142");
  g_settings_set_string (settings, "emergency-number", "112");
  iterate ();
  g_assert_cmpstr (bedside_plan_page_get_handout_help (page), ==,
                   "In an emergency, call 112.\nQuestions? Call the clinic at 555-0142.");
  {
    g_autofree char *text = copy_as_text (window);

    g_assert_nonnull (strstr (text, "\nIn an emergency, call 112.\nQuestions? Call the clinic at 555-0142.\n"));
    g_assert_null (strstr (text, "UNDER REVIEW"));
  }
  g_settings_reset (settings, "emergency-number");
  iterate ();
  g_assert_cmpstr (bedside_plan_page_get_handout_help (page), ==,
                   "In an emergency, call 911.\nQuestions? Call the clinic at 555-0142.");

  choose_language (dropdown, "Español");
  g_assert_cmpstr (bedside_plan_page_get_handout_language (page), ==, "es");
  row = bedside_plan_page_get_row (page, "safety_net");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Cuándo pedir ayuda de inmediato");
  g_assert_true (shows_text (row, SAFETY_NET_ES));
  g_assert_false (shows_text (row, SAFETY_NET_EN));
  /* The translation is complete: no warning; the help box in Spanish. */
  g_assert_null (bedside_plan_page_get_handout_warning (page));
  g_assert_cmpstr (bedside_plan_page_get_handout_help (page), ==,
                   "En caso de emergencia, llame al 911.\n¿Preguntas? Llame a la clínica al 555-0142.");
  {
    g_autofree char *copied = copy_as_text (window);
    g_autofree char *text = unwrapped (copied);

    g_assert_nonnull (strstr (text, SAFETY_NET_ES));
    g_assert_null (strstr (text, SAFETY_NET_EN));
  }

  /* The clinician's plan stays as the guideline has it, and the choice
   * stays for the handout. */
  bedside_plan_page_set_audience (page, BEDSIDE_AUDIENCE_CLINICIAN);
  iterate ();
  g_assert_true (shows_text (bedside_plan_page_get_row (page, "safety_net"), "Advise the patient to seek help at once"));
  {
    g_autofree char *copied = copy_as_text (window);
    g_autofree char *text = unwrapped (copied);

    g_assert_nonnull (strstr (text, "Advise the patient to seek help at once"));
    g_assert_null (strstr (text, SAFETY_NET_ES));
  }
  bedside_plan_page_set_audience (page, BEDSIDE_AUDIENCE_PATIENT);
  iterate ();
  g_assert_cmpstr (chosen_language (dropdown), ==, "Español");
  g_assert_true (shows_text (bedside_plan_page_get_row (page, "safety_net"), SAFETY_NET_ES));

  /* Printing starts from the language on screen; the Contents tab offers
   * the others. */
  {
    g_autoptr(BedsidePageOptions) options = bedside_print_preferences_dup_page_options (settings, NULL);
    g_autoptr(BedsidePrintOperation) operation = NULL;
    GtkPrintOperationClass *klass;
    GtkWidget *tab;
    GtkDropDown *print_dropdown = NULL;

    options->handout = bedside_translation_ref (bedside_plan_page_get_handout (page));
    operation = bedside_print_operation_new (bedside_plan_page_get_plan (page), BEDSIDE_AUDIENCE_PATIENT,
                                             options, BEDSIDE_PAPER_A4);
    klass = GTK_PRINT_OPERATION_GET_CLASS (operation);
    g_assert_cmpstr (bedside_print_operation_get_handout_language (operation), ==, "es");
    tab = g_object_ref_sink (klass->create_custom_widget (GTK_PRINT_OPERATION (operation)));
    for (GtkWidget *child = gtk_widget_get_first_child (tab); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_DROP_DOWN (child))
        print_dropdown = GTK_DROP_DOWN (child);
    g_assert_nonnull (print_dropdown);
    g_assert_cmpstr (chosen_language (print_dropdown), ==, "Español");
    choose_language (print_dropdown, "English");
    klass->custom_widget_apply (GTK_PRINT_OPERATION (operation), tab);
    g_assert_cmpstr (bedside_print_operation_get_handout_language (operation), ==, "en");
    g_object_unref (tab);
  }

  /* The preference chooses, at once and for the next consultation. */
  g_settings_set_string (settings, "handout-language", "");
  iterate ();
  g_assert_cmpstr (chosen_language (dropdown), ==, "English");
  g_settings_set_string (settings, "handout-language", "es");
  iterate ();
  g_assert_cmpstr (chosen_language (dropdown), ==, "Español");
  g_assert_true (shows_text (bedside_plan_page_get_row (page, "safety_net"), SAFETY_NET_ES));

  /* A language without a translation is offered too, but no handout is
   * given in it: the page says so, and shows no English instead. */
  g_settings_set_string (settings, "handout-language", "fr");
  iterate ();
  g_assert_cmpstr (chosen_language (dropdown), ==, "Français");
  g_assert_nonnull (bedside_plan_page_get_handout_warning (page));
  g_assert_nonnull (strstr (bedside_plan_page_get_handout_warning (page), "Français"));
  g_assert_null (bedside_plan_page_get_row (page, "safety_net"));
  g_assert_null (bedside_plan_page_get_handout_help (page));
  {
    g_auto(GStrv) shown = bedside_plan_page_dup_shown_ids (page);

    g_assert_cmpuint (g_strv_length (shown), ==, 0);
  }
  /* Copy as Text copies nothing… */
  {
    g_autofree char *text = NULL;

    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "before");
    text = copy_as_text (window);
    g_assert_cmpstr (text, ==, "before");
  }
  /* …and printing cancels itself, saying why. */
  {
    g_autoptr(BedsidePageOptions) options = bedside_print_preferences_dup_page_options (settings, NULL);
    g_autoptr(BedsidePrintOperation) operation = NULL;

    options->handout = bedside_translation_ref (bedside_plan_page_get_handout (page));
    operation = bedside_print_operation_new (bedside_plan_page_get_plan (page), BEDSIDE_AUDIENCE_BOTH,
                                             options, BEDSIDE_PAPER_A4);
    GTK_PRINT_OPERATION_GET_CLASS (operation)->begin_print (GTK_PRINT_OPERATION (operation), NULL);
    g_assert_nonnull (bedside_print_operation_get_refusal (operation));
    g_assert_nonnull (strstr (bedside_print_operation_get_refusal (operation), "Français"));
  }
  /* The clinician's plan is not the handout: it is shown as ever. */
  bedside_plan_page_set_audience (page, BEDSIDE_AUDIENCE_CLINICIAN);
  iterate ();
  g_assert_null (bedside_plan_page_get_handout_warning (page));
  g_assert_nonnull (bedside_plan_page_get_row (page, "safety_net"));
  bedside_plan_page_set_audience (page, BEDSIDE_AUDIENCE_PATIENT);
  iterate ();

  g_settings_reset (settings, "handout-language");
  g_settings_reset (settings, "clinic-phone");
  close_window (window);
  g_setenv ("BEDSIDE_GUIDELINES_DIR", saved, TRUE);
}

/* Issue 14, point 7: the visit date starts as today's and only a real
 * YYYY-MM-DD date passes; the message is linked to the entry. */
static void
test_visit_date (void)
{
  BedsideWindow *window = open_window ();
  BedsideConsultationPage *page;
  GtkEditable *date;
  GtkLabel *error;
  GtkWidget *next;
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autofree char *today_before = g_date_time_format (before, "%Y-%m-%d");
  g_autofree char *today_after = NULL;

  start_first_guideline (window);
  page = bedside_window_get_consultation_page (window);
  date = bedside_consultation_page_get_visit_date (page);
  error = bedside_consultation_page_get_visit_date_error (page);
  next = bedside_consultation_page_get_next_button (page);
  {
    g_autoptr(GDateTime) after = g_date_time_new_now_local ();
    today_after = g_date_time_format (after, "%Y-%m-%d");
  }
  /* Today's, without the clinician typing it; not a change to save. */
  if (g_strcmp0 (gtk_editable_get_text (date), today_before) != 0)
    g_assert_cmpstr (gtk_editable_get_text (date), ==, today_after);
  g_assert_false (bedside_consultation_page_has_patient_details (page));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));
  answer_text (window, "age", "40");
  answer_choice (window, "pregnant", "no");
  g_assert_true (gtk_widget_is_sensitive (next));

  for (const char *const *bad = (const char *const[]) { "2026-13-45", "2025-02-30", "2025-2-3", "14/03/2025", NULL };
       *bad != NULL; bad++)
    {
      g_autoptr(BedsidePatient) patient = NULL;

      gtk_editable_set_text (date, *bad);
      iterate ();
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
      g_assert_cmpstr (gtk_label_get_text (error), !=, "");
      gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (date), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, error);
      gtk_test_accessible_assert_state (GTK_ACCESSIBLE (date), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
      g_assert_false (gtk_widget_is_sensitive (next));
      /* Never printed on the handout. */
      patient = bedside_consultation_page_dup_patient (page);
      g_assert_true (patient == NULL || patient->visit_date == NULL);
    }

  gtk_editable_set_text (date, "2024-02-29");
  iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (date), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE));
  g_assert_true (gtk_widget_is_sensitive (next));
  g_assert_true (bedside_consultation_page_has_patient_details (page));
  {
    g_autoptr(BedsidePatient) patient = bedside_consultation_page_dup_patient (page);
    g_assert_cmpstr (patient->visit_date, ==, "2024-02-29");
  }
  /* No date at all is allowed: the details are optional. */
  gtk_editable_set_text (date, "");
  iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_true (gtk_widget_is_sensitive (next));

  close_window_discarding (window);
}

static GtkEventController *
key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }
  return NULL;
}

/* What pressing @keyval does where the focus is inside @row: the row's key
 * controller sees it on its way up (GTK 4.8 cannot synthesize key events). */
static gboolean
press_key_in_row (BedsideQuestionRow *row,
                  guint               keyval,
                  GdkModifierType     state)
{
  GtkEventController *controller = key_controller (GTK_WIDGET (row));
  gboolean handled = FALSE;

  g_assert_nonnull (controller);
  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
  iterate ();
  return handled;
}

/* Issue 14, point 7: a section starts on its first question, not on
 * "Yes"; Y and N answer the focused question; inline errors are linked to
 * their input; units are part of an entry's name. */
static void
test_question_forms (void)
{
  BedsideWindow *window = open_window ();
  BedsideQuestionRow *row;
  GtkEditable *age;

  start_first_guideline (window);
  age = bedside_question_row_get_entry (question (window, "age"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (age), GTK_ACCESSIBLE_PROPERTY_LABEL, "Age, years");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bedside_question_row_get_entry (question (window, "duration_weeks"))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Duration of this episode of back pain (completed weeks), weeks");

  /* An answer that is not one: the message is the entry's error message. */
  answer_text (window, "age", "forty");
  g_assert_nonnull (bedside_question_row_get_error (question (window, "age")));
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (age), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE,
                                       bedside_question_row_get_error_label (question (window, "age")));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (age), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  answer_patient_section (window);
  g_assert_null (bedside_question_row_get_error (question (window, "age")));
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (age), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE));

  /* Next put the focus on the first red flag's row: Enter or Space there
   * answers nothing. */
  g_assert_cmpstr (current_section_id (window), ==, "red_flags");
  row = question (window, "rf_cauda_equina");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (row));
  g_assert_false (gtk_toggle_button_get_active (bedside_question_row_get_yes_button (row)));
  g_assert_false (gtk_toggle_button_get_active (bedside_question_row_get_no_button (row)));

  /* N answers No and the focus follows the answer; with Ctrl it is a
   * shortcut, not an answer. */
  g_assert_false (press_key_in_row (row, GDK_KEY_y, GDK_CONTROL_MASK));
  g_assert_false (gtk_toggle_button_get_active (bedside_question_row_get_yes_button (row)));
  g_assert_true (press_key_in_row (row, GDK_KEY_n, 0));
  g_assert_true (gtk_toggle_button_get_active (bedside_question_row_get_no_button (row)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (bedside_question_row_get_no_button (row)));
  {
    g_autofree char *json = answers_json (window);
    g_assert_nonnull (strstr (json, "\"rf_cauda_equina\":false"));
  }
  row = question (window, "rf_progressive_deficit");
  g_assert_true (press_key_in_row (row, GDK_KEY_Y, GDK_SHIFT_MASK));
  g_assert_true (gtk_toggle_button_get_active (bedside_question_row_get_yes_button (row)));
  g_assert_true (press_key_in_row (row, GDK_KEY_n, 0));
  g_assert_true (gtk_toggle_button_get_active (bedside_question_row_get_no_button (row)));
  /* Other letters go on to the window. */
  g_assert_false (press_key_in_row (row, GDK_KEY_x, 0));

  close_window_discarding (window);
}

/* Checks that the bar did not move back and Next kept its one label since
 * the last call; returns the fraction shown. */
static double
check_progress (BedsideWindow *window,
                double         before)
{
  BedsideConsultationPage *page = bedside_window_get_consultation_page (window);
  double fraction = gtk_progress_bar_get_fraction (bedside_consultation_page_get_progress_bar (page));

  if (fraction < before)
    g_error ("the progress went back from %g to %g (%s)", before, fraction,
             bedside_consultation_page_get_progress (page));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (bedside_consultation_page_get_next_button (page))), ==, "_Next");
  return fraction;
}

/* Issue 14, point 6: answers that bring in sections never move the bar
 * or the count back; only going Back does. */
static void
test_progress_forward (void)
{
  BedsideWindow *window = open_window ();
  BedsideConsultationPage *page;
  const char *flags[] = { "rf_cauda_equina", "rf_progressive_deficit", "rf_infection", "rf_vascular",
                          "rf_major_trauma", "rf_cancer", "rf_fracture", NULL };
  double fraction = 0.0;

  start_first_guideline (window);
  page = bedside_window_get_consultation_page (window);
  fraction = check_progress (window, fraction);
  g_assert_cmpfloat (fraction, >, 0.0);
  g_assert_cmpfloat (fraction, <, 1.0);
  answer_patient_section (window);

  g_assert_cmpstr (bedside_consultation_page_get_progress (page), ==, "Section 2 — Red flags");
  fraction = check_progress (window, fraction);
  /* A red flag ends the questionnaire here; taking it back brings the
   * routine sections in again, and the bar stays where it was. */
  answer_boolean (window, "rf_cauda_equina", TRUE);
  fraction = check_progress (window, fraction);
  g_assert_cmpfloat (fraction, ==, 1.0);
  g_assert_cmpstr (bedside_window_get_page_name (window), ==, "consultation");
  for (guint i = 0; flags[i] != NULL; i++)
    {
      answer_boolean (window, flags[i], FALSE);
      fraction = check_progress (window, fraction);
    }
  g_assert_cmpstr (bedside_consultation_page_get_progress (page), ==, "Section 2 — Red flags");
  press_next (window);

  g_assert_cmpstr (current_section_id (window), ==, "symptoms");
  g_assert_cmpstr (bedside_consultation_page_get_progress (page), ==, "Section 3 — Symptoms");
  fraction = check_progress (window, fraction);
  answer_text (window, "duration_weeks", "1");
  fraction = check_progress (window, fraction);
  answer_text (window, "pain_severity", "7");
  fraction = check_progress (window, fraction);
  answer_boolean (window, "radicular", FALSE);
  fraction = check_progress (window, fraction);
  press_next (window);

  /* Non-drug care only: no medicines section, so this is the last. */
  g_assert_cmpstr (current_section_id (window), ==, "preferences");
  answer_boolean (window, "prefers_non_drug", TRUE);
  fraction = check_progress (window, fraction);
  g_assert_cmpfloat (fraction, ==, 1.0);
  answer_boolean (window, "prefers_non_drug", FALSE);
  fraction = check_progress (window, fraction);
  press_next (window);
  g_assert_cmpstr (current_section_id (window), ==, "medication_safety");
  g_assert_cmpstr (bedside_consultation_page_get_progress (page), ==, "Section 5 — Medication safety");
  fraction = check_progress (window, fraction);

  /* Back is the one way the bar and the count go back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "consultation.previous", NULL));
  iterate ();
  g_assert_cmpstr (current_section_id (window), ==, "preferences");
  g_assert_cmpstr (bedside_consultation_page_get_progress (page), ==, "Section 4 — Preferences");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bedside_consultation_page_get_progress_bar (page)), <, fraction);

  close_window_discarding (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config_home = NULL;
  int status;

  /* The print settings are saved in the config folder: a temporary one,
   * set before anything asks GLib where it is, never the user's. */
  config_home = make_temp_dir ();
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  /* The test AT context: it records what widgets tell assistive
   * technology, for gtk_test_accessible_assert_*(). */
  g_setenv ("GTK_A11Y", "test", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  start_xvfb_if_needed ();

  g_test_init (&argc, &argv, NULL);

  app = bedside_application_new (G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

  g_test_add_func ("/app/acute-consultation", test_acute_consultation);
  g_test_add_func ("/app/enable-when", test_enable_when);
  g_test_add_func ("/app/red-flag", test_red_flag);
  g_test_add_func ("/app/broken-guideline", test_broken_guideline);
  g_test_add_func ("/app/library-metadata-first", test_library_metadata_first);
  g_test_add_func ("/app/library-integrity", test_library_integrity);
  g_test_add_func ("/app/review-overdue", test_review_overdue);
  g_test_add_func ("/app/only-verified", test_only_verified);
  g_test_add_func ("/app/handout-language", test_handout_language);
  g_test_add_func ("/app/progress-forward", test_progress_forward);
  g_test_add_func ("/app/visit-date", test_visit_date);
  g_test_add_func ("/app/question-forms", test_question_forms);
  test_app_files_add_tests ();
  test_app_bind_add_tests ();

  status = g_test_run ();

  g_clear_object (&app);
  stop_xvfb ();
  remove_temp_dir (config_home);
  return status;
}
