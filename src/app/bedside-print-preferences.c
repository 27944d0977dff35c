/* bedside-print-preferences.c: what the preferences say about printed pages (clinic, paper, audience). */
#include "config.h"

#include "bedside-print-preferences.h"

/* The string of @key, or NULL when it is empty. */
static char *
dup_setting (GSettings  *settings,
             const char *key)
{
  char *value = g_settings_get_string (settings, key);

  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

BedsidePageOptions *
bedside_print_preferences_dup_page_options (GSettings            *settings,
                                            const BedsidePatient *patient)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  g_autofree char *clinic_name = dup_setting (settings, "clinic-name");
  g_autofree char *clinic_address = dup_setting (settings, "clinic-address");
  g_autofree char *clinic_phone = dup_setting (settings, "clinic-phone");
  /* Empty: the renderer's default, never a handout without one. */
  g_autofree char *emergency_number = dup_setting (settings, "emergency-number");
  BedsidePageOptionsView view = {
    .clinic_name = clinic_name,
    .clinic_address = clinic_address,
    .clinic_phone = clinic_phone,
    .emergency_number = emergency_number,
    .patient_name = patient != NULL ? patient->name : NULL,
    .visit_date = patient != NULL ? patient->visit_date : NULL,
  };

  return bedside_page_options_new (&view);
}

BedsidePaper
bedside_print_preferences_get_paper (GSettings *settings)
{
  g_autofree char *name = NULL;
  BedsidePaper paper;

  g_return_val_if_fail (G_IS_SETTINGS (settings), BEDSIDE_PAPER_A4);

  name = dup_setting (settings, "paper-size");
  if (name != NULL && bedside_paper_from_string (name, &paper))
    return paper;
  return bedside_paper_get_default ();
}

BedsideAudience
bedside_print_preferences_get_audience (GSettings       *settings,
                                        BedsideAudience  shown)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), shown);

  if (shown == BEDSIDE_AUDIENCE_PATIENT)
    return BEDSIDE_AUDIENCE_PATIENT;
  /* The key's enum is BEDSIDE_TYPE_AUDIENCE's: its values are audiences. */
  if ((BedsideAudience) g_settings_get_enum (settings, "default-audience") == BEDSIDE_AUDIENCE_BOTH)
    return BEDSIDE_AUDIENCE_BOTH;
  return shown;
}
