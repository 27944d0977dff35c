/* bedside-export.c: Export PDF (the file chooser and its choices) and the names a printed plan is given. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-export.h"
#include "bedside-handout-language.h"

#define CONTENTS_CHOICE "contents"
#define LANGUAGE_CHOICE "handout-language"
#define N_AUDIENCES (BEDSIDE_AUDIENCE_BOTH + 1)

const char *
bedside_export_get_audience_label (BedsideAudience audience)
{
  switch (audience)
    {
    case BEDSIDE_AUDIENCE_PATIENT: return _("Patient handout");
    case BEDSIDE_AUDIENCE_BOTH:    return _("Clinician plan and patient handout");
    case BEDSIDE_AUDIENCE_CLINICIAN:
    default:                       return _("Clinician plan");
    }
}

/* "Ana María López" → "Ana-Maria-Lopez"?  No: letters stay as they are
 * (a file name is UTF-8); only what a file name cannot hold or would make
 * awkward becomes "-". */
static char *
name_part (const char *text)
{
  GString *part = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (part, c);
      else if (part->len > 0 && part->str[part->len - 1] != '-')
        g_string_append_c (part, '-');
    }
  while (part->len > 0 && part->str[part->len - 1] == '-')
    g_string_truncate (part, part->len - 1);
  return g_string_free (part, FALSE);
}

char *
bedside_export_dup_base_name (BedsideGuideline *guideline,
                              const char       *patient_name)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M");
  g_autofree char *patient = patient_name != NULL ? name_part (patient_name) : NULL;

  /* Several patients a day: the time keeps the names apart; the patient's
   * name only when their details go into the file too. */
  if (patient != NULL && *patient != '\0')
    return g_strdup_printf ("%s-%s-%s", bedside_guideline_get_id (guideline), patient, stamp);
  return g_strdup_printf ("%s-%s", bedside_guideline_get_id (guideline), stamp);
}

GFile *
bedside_export_dup_default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

char *
bedside_export_dup_document_name (BedsideCarePlan *plan)
{
  return bedside_export_dup_base_name (bedside_care_plan_get_guideline (plan), NULL);
}

char *
bedside_export_dup_file_name (BedsideCarePlan *plan)
{
  g_autofree char *name = bedside_export_dup_document_name (plan);

  return g_strconcat (name, ".pdf", NULL);
}

typedef struct
{
  BedsideCarePlan    *plan;
  BedsidePageOptions *options;
  BedsidePaper        paper;
  AdwToastOverlay    *toasts;   /* weak */
} Export;

static void
export_free (Export *export)
{
  bedside_care_plan_unref (export->plan);
  bedside_page_options_free (export->options);
  g_clear_weak_pointer (&export->toasts);
  g_free (export);
}

static void
on_export_response (GtkNativeDialog *native,
                    int              response,
                    Export          *export)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
  g_autoptr(GFile) file = NULL;
  g_autoptr(BedsidePages) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  g_autofree char *problem = NULL;
  const char *choice;
  const char *language;
  gboolean saved = FALSE;
  BedsideAudience audience = BEDSIDE_AUDIENCE_CLINICIAN;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (chooser);
  choice = gtk_file_chooser_get_choice (chooser, CONTENTS_CHOICE);
  if (!bedside_audience_from_string (choice, &audience))
    audience = BEDSIDE_AUDIENCE_CLINICIAN;
  /* One of the languages offered, else the one proposed. */
  language = gtk_file_chooser_get_choice (chooser, LANGUAGE_CHOICE);
  if (language != NULL && bedside_language_is_valid (language))
    bedside_handout_language_apply (export->options, export->plan, language);

  name = g_file_get_basename (file);
  /* No PDF of a handout in English in place of the language chosen. */
  if (audience != BEDSIDE_AUDIENCE_CLINICIAN)
    problem = bedside_handout_describe_problem (export->options->handout);
  if (problem == NULL)
    {
      BedsidePageOptionsView view;

      bedside_page_options_get_view (export->options, &view);
      pages = bedside_pages_new (export->plan, audience, &view);
      saved = bedside_pages_save_pdf (pages, export->paper, file, NULL, &error);
    }
  if (problem != NULL)
    message = g_steal_pointer (&problem);
  else if (saved)
    /* TRANSLATORS: a toast once the PDF is written; %s is the file's name */
    message = g_strdup_printf (_("Exported “%s”"), name);
  else
    /* TRANSLATORS: a toast when the PDF cannot be written; %s says why */
    message = g_strdup_printf (_("Could not export the PDF: %s"), error->message);
  if (export->toasts != NULL)
    adw_toast_overlay_add_toast (export->toasts, adw_toast_new (message));

out:
  export_free (export);
  g_object_unref (native);
}

void
bedside_export_pdf (GtkWindow                *parent,
                    AdwToastOverlay          *toasts,
                    BedsideCarePlan          *plan,
                    BedsideAudience           audience,
                    const BedsidePageOptions *options,
                    BedsidePaper              paper)
{
  const char *ids[N_AUDIENCES + 1] = { NULL };
  const char *labels[N_AUDIENCES + 1] = { NULL };
  guint n = 0;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;
  Export *export;

  g_return_if_fail (plan != NULL);

  native = gtk_file_chooser_native_new (_("Export PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  chooser = GTK_FILE_CHOOSER (native);

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (chooser, filter);

  /* A choice is a drop-down in GTK's chooser and in the portal's.  What to
   * export first comes first: GTK 4.8's own chooser ignores set_choice for
   * drop-downs and shows the first option. */
  ids[n] = bedside_audience_to_string (audience);
  labels[n++] = bedside_export_get_audience_label (audience);
  for (guint i = 0; i < N_AUDIENCES; i++)
    if (i != audience)
      {
        ids[n] = bedside_audience_to_string (i);
        labels[n++] = bedside_export_get_audience_label ((BedsideAudience) i);
      }
  gtk_file_chooser_add_choice (chooser, CONTENTS_CHOICE, _("Contents"), ids, labels);
  gtk_file_chooser_set_choice (chooser, CONTENTS_CHOICE, bedside_audience_to_string (audience));

  /* The handout's language, the one proposed first for the same reason. */
  {
    guint proposed = 0;
    g_auto(GStrv) languages = bedside_handout_languages_new (bedside_care_plan_get_guideline (plan),
                                                             bedside_handout_language_get_chosen (plan, options), &proposed);
    g_auto(GStrv) names = bedside_handout_language_names ((const char * const *) languages);
    guint n_languages = g_strv_length (languages);
    g_autofree const char **language_ids = g_new0 (const char *, n_languages + 1);
    g_autofree const char **language_labels = g_new0 (const char *, n_languages + 1);
    guint k = 0;

    language_ids[k] = languages[proposed];
    language_labels[k++] = names[proposed];
    for (guint i = 0; i < n_languages; i++)
      if (i != proposed)
        {
          language_ids[k] = languages[i];
          language_labels[k++] = names[i];
        }
    gtk_file_chooser_add_choice (chooser, LANGUAGE_CHOICE, _("Handout language"), language_ids, language_labels);
    gtk_file_chooser_set_choice (chooser, LANGUAGE_CHOICE, languages[proposed]);
  }

  {
    g_autofree char *base = bedside_export_dup_base_name (bedside_care_plan_get_guideline (plan),
                                                          options->patient_name);
    g_autoptr(GFile) folder = bedside_export_dup_default_folder ();

    name = g_strconcat (base, ".pdf", NULL);
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  }
  gtk_file_chooser_set_current_name (chooser, name);

  export = g_new0 (Export, 1);
  export->plan = bedside_care_plan_ref (plan);
  export->options = bedside_page_options_copy (options);
  export->paper = paper;
  g_set_weak_pointer (&export->toasts, toasts);
  g_signal_connect (native, "response", G_CALLBACK (on_export_response), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
