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

void
test_app_bind_add_tests (void)
{
  g_test_add_func ("/app/bind/print-preferences-settings", test_print_preferences_settings);
  g_test_add_func ("/app/bind/guideline-activated-boxed", test_guideline_activated_boxed);
}
