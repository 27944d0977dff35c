/* bedside-print-operation.c: printing a care plan (with preview) and exporting it as PDF. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-handout-language.h"
#include "bedside-print-operation.h"

#define CONTENTS_CHOICE "contents"
#define LANGUAGE_CHOICE "handout-language"

struct _BedsidePrintOperation
{
  GtkPrintOperation   parent_instance;

  BedsideCarePlan    *plan;
  BedsidePageOptions *options;
  BedsideAudience     audience;
  BedsidePages       *pages;          /* from begin-print to end-print */
  GtkCheckButton     *audience_buttons[BEDSIDE_AUDIENCE_BOTH + 1];  /* weak: the dialog's Contents tab */
  GStrv               languages;      /* the handout's, offered in the Contents tab */
  guint               language;       /* the one chosen */
  GtkDropDown        *language_dropdown;  /* weak */
  GtkLabel           *language_warning;   /* weak */
  /* Why the handout was not printed (begin-print cancels it), or NULL. */
  char               *refused;
};

G_DEFINE_FINAL_TYPE (BedsidePrintOperation, bedside_print_operation, GTK_TYPE_PRINT_OPERATION)

/* The printer and paper chosen last, offered again in this session. */
static GtkPrintSettings *last_print_settings;

#define N_AUDIENCES (BEDSIDE_AUDIENCE_BOTH + 1)

static const char *
audience_label (BedsideAudience audience)
{
  switch (audience)
    {
    case BEDSIDE_AUDIENCE_PATIENT: return _("Patient handout");
    case BEDSIDE_AUDIENCE_BOTH:    return _("Clinician plan and patient handout");
    case BEDSIDE_AUDIENCE_CLINICIAN:
    default:                       return _("Clinician plan");
    }
}

/* The language of @options's handout, or the guideline's own. */
static const char *
handout_language (BedsideCarePlan          *plan,
                  const BedsidePageOptions *options)
{
  if (options != NULL && options->handout != NULL)
    return bedside_translation_get_language (options->handout);
  return bedside_guideline_get_language (bedside_care_plan_get_guideline (plan));
}

/* Makes @options's handout @language's, unless it already is. */
static void
set_handout_language (BedsidePageOptions *options,
                      BedsideCarePlan    *plan,
                      const char         *language)
{
  BedsideTranslation *handout;

  if (g_strcmp0 (handout_language (plan, options), language) == 0)
    return;
  /* The languages offered are valid codes: this does not fail. */
  handout = bedside_translation_new (bedside_care_plan_get_guideline (plan), language, NULL);
  if (handout == NULL)
    return;
  g_clear_pointer (&options->handout, bedside_translation_unref);
  options->handout = handout;
}

/* "back-spasm-2026-11-25": the guideline and today's date. */
static char *
dated_name (BedsideCarePlan *plan)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (plan);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strdup_printf ("%s-%s", bedside_guideline_get_id (guideline), date);
}

static void
bedside_print_operation_begin_print (GtkPrintOperation *operation,
                                     GtkPrintContext   *context)
{
  BedsidePrintOperation *self = BEDSIDE_PRINT_OPERATION (operation);

  /* A handout in a language it cannot be given in is not printed in
   * English instead: the print is cancelled, and the window says why. */
  g_clear_pointer (&self->refused, g_free);
  if (self->audience != BEDSIDE_AUDIENCE_CLINICIAN)
    self->refused = bedside_handout_describe_problem (self->options->handout);
  if (self->refused != NULL)
    {
      gtk_print_operation_cancel (operation);
      return;
    }

  /* The unit is points and the origin the paper's corner (full page), as
   * in the PDF the page renderer writes: the same pages. */
  g_clear_pointer (&self->pages, bedside_pages_free);
  self->pages = bedside_pages_new (self->plan, self->audience, self->options);
  bedside_pages_paginate (self->pages, gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) bedside_pages_get_n_pages (self->pages));
}

static void
bedside_print_operation_draw_page (GtkPrintOperation *operation,
                                   GtkPrintContext   *context,
                                   int                page_nr)
{
  BedsidePrintOperation *self = BEDSIDE_PRINT_OPERATION (operation);

  if (self->pages == NULL || page_nr < 0 || (guint) page_nr >= bedside_pages_get_n_pages (self->pages))
    return;
  bedside_pages_draw_page (self->pages, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

static void
bedside_print_operation_end_print (GtkPrintOperation *operation,
                                   GtkPrintContext   *context)
{
  BedsidePrintOperation *self = BEDSIDE_PRINT_OPERATION (operation);

  g_clear_pointer (&self->pages, bedside_pages_free);
}

static void
update_language_tab (BedsidePrintOperation *self)
{
  gboolean handout = self->audience_buttons[BEDSIDE_AUDIENCE_CLINICIAN] == NULL ||
                     !gtk_check_button_get_active (self->audience_buttons[BEDSIDE_AUDIENCE_CLINICIAN]);
  guint selected;
  g_autoptr(BedsideTranslation) translation = NULL;
  g_autofree char *warning = NULL;

  if (self->language_dropdown == NULL || self->language_warning == NULL)
    return;
  /* The clinician plan is in the guideline's language whatever is chosen. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown), handout);
  selected = gtk_drop_down_get_selected (self->language_dropdown);
  if (handout && selected < g_strv_length (self->languages))
    translation = bedside_translation_new (bedside_care_plan_get_guideline (self->plan),
                                           self->languages[selected], NULL);
  warning = bedside_handout_describe_problem (translation);
  gtk_label_set_text (self->language_warning, warning != NULL ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->language_warning), warning != NULL);
}

/* The dialog's Contents tab: which documents to print, and the handout's
 * language. */
static GtkWidget *
bedside_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  BedsidePrintOperation *self = BEDSIDE_PRINT_OPERATION (operation);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Print"));
  GtkWidget *language_heading;
  GtkWidget *dropdown;
  GtkWidget *warning;
  g_auto(GStrv) names = NULL;
  GtkCheckButton *first = NULL;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  for (guint i = 0; i < G_N_ELEMENTS (self->audience_buttons); i++)
    {
      GtkWidget *button = gtk_check_button_new_with_label (audience_label ((BedsideAudience) i));

      if (first == NULL)
        first = GTK_CHECK_BUTTON (button);
      else
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), first);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), i == self->audience);
      gtk_box_append (GTK_BOX (box), button);
      g_set_weak_pointer (&self->audience_buttons[i], GTK_CHECK_BUTTON (button));
      g_signal_connect_object (button, "toggled", G_CALLBACK (update_language_tab), self, G_CONNECT_SWAPPED);
    }

  /* TRANSLATORS: in the print dialog's Contents tab, above the choice of language for the patient's handout */
  language_heading = gtk_label_new_with_mnemonic (_("Handout _language"));
  gtk_label_set_xalign (GTK_LABEL (language_heading), 0);
  gtk_widget_add_css_class (language_heading, "heading");
  gtk_widget_set_margin_top (language_heading, 12);
  gtk_box_append (GTK_BOX (box), language_heading);

  names = bedside_handout_language_names ((const char * const *) self->languages);
  dropdown = gtk_drop_down_new_from_strings ((const char * const *) names);
  gtk_widget_set_halign (dropdown, GTK_ALIGN_START);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), self->language);
  gtk_label_set_mnemonic_widget (GTK_LABEL (language_heading), dropdown);
  gtk_box_append (GTK_BOX (box), dropdown);
  g_set_weak_pointer (&self->language_dropdown, GTK_DROP_DOWN (dropdown));
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (update_language_tab), self, G_CONNECT_SWAPPED);

  warning = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (warning), 0);
  gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (warning), 50);
  gtk_widget_add_css_class (warning, "warning");
  gtk_box_append (GTK_BOX (box), warning);
  g_set_weak_pointer (&self->language_warning, GTK_LABEL (warning));

  update_language_tab (self);
  return box;
}

static void
bedside_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                             GtkWidget         *widget)
{
  BedsidePrintOperation *self = BEDSIDE_PRINT_OPERATION (operation);

  for (guint i = 0; i < G_N_ELEMENTS (self->audience_buttons); i++)
    if (self->audience_buttons[i] != NULL && gtk_check_button_get_active (self->audience_buttons[i]))
      self->audience = (BedsideAudience) i;
  if (self->language_dropdown != NULL &&
      gtk_drop_down_get_selected (self->language_dropdown) < g_strv_length (self->languages))
    self->language = gtk_drop_down_get_selected (self->language_dropdown);
  set_handout_language (self->options, self->plan, self->languages[self->language]);
}

static void
bedside_print_operation_dispose (GObject *object)
{
  BedsidePrintOperation *self = BEDSIDE_PRINT_OPERATION (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->audience_buttons); i++)
    g_clear_weak_pointer (&self->audience_buttons[i]);
  g_clear_weak_pointer (&self->language_dropdown);
  g_clear_weak_pointer (&self->language_warning);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->pages, bedside_pages_free);
  g_clear_pointer (&self->plan, bedside_care_plan_unref);
  g_clear_pointer (&self->options, bedside_page_options_free);
  g_clear_pointer (&self->refused, g_free);

  G_OBJECT_CLASS (bedside_print_operation_parent_class)->dispose (object);
}

static void
bedside_print_operation_class_init (BedsidePrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = bedside_print_operation_dispose;
  /* Pagination is all done in begin-print: GTK only calls paginate when a
   * handler is connected, and the renderer knows the page count at once. */
  operation_class->begin_print = bedside_print_operation_begin_print;
  operation_class->draw_page = bedside_print_operation_draw_page;
  operation_class->end_print = bedside_print_operation_end_print;
  operation_class->create_custom_widget = bedside_print_operation_create_custom_widget;
  operation_class->custom_widget_apply = bedside_print_operation_custom_widget_apply;
}

static void
bedside_print_operation_init (BedsidePrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* TRANSLATORS: the tab of the print dialog that chooses plan, handout or both */
  gtk_print_operation_set_custom_tab_label (operation, _("Contents"));
}

BedsidePrintOperation *
bedside_print_operation_new (BedsideCarePlan          *plan,
                             BedsideAudience           audience,
                             const BedsidePageOptions *options,
                             BedsidePaper              paper)
{
  BedsidePrintOperation *self;
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper_size = NULL;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  self = g_object_new (BEDSIDE_TYPE_PRINT_OPERATION, NULL);
  self->plan = bedside_care_plan_ref (plan);
  self->options = bedside_page_options_copy (options);
  self->audience = audience;
  self->languages = bedside_handout_languages_new (bedside_care_plan_get_guideline (plan),
                                                   handout_language (plan, options), &self->language);

  paper_size = gtk_paper_size_new (paper == BEDSIDE_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, paper_size);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), page_setup);

  /* The job is named after the guideline, never after the patient. */
  job_name = dated_name (plan);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);

  return self;
}

const char *
bedside_print_operation_get_handout_language (BedsidePrintOperation *self)
{
  g_return_val_if_fail (BEDSIDE_IS_PRINT_OPERATION (self), NULL);
  return handout_language (self->plan, self->options);
}

const char *
bedside_print_operation_get_refusal (BedsidePrintOperation *self)
{
  g_return_val_if_fail (BEDSIDE_IS_PRINT_OPERATION (self), NULL);
  return self->refused;
}

/* ---- what the preferences say ------------------------------------------ */

/* The string of @key, or NULL when the installed schema lacks it. */
static char *
dup_setting (GSettings  *settings,
             const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  char *value;

  if (settings == NULL)
    return NULL;
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  value = g_settings_get_string (settings, key);
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

BedsidePageOptions *
bedside_print_page_options_new (GSettings            *settings,
                                const BedsidePatient *patient)
{
  g_autofree char *clinic_name = dup_setting (settings, "clinic-name");
  g_autofree char *clinic_address = dup_setting (settings, "clinic-address");
  g_autofree char *clinic_phone = dup_setting (settings, "clinic-phone");
  /* Empty: the renderer's default, never a handout without one. */
  g_autofree char *emergency_number = dup_setting (settings, "emergency-number");
  BedsidePageOptions options = {
    .clinic_name = clinic_name,
    .clinic_address = clinic_address,
    .clinic_phone = clinic_phone,
    .emergency_number = emergency_number,
    .patient_name = patient != NULL ? patient->name : NULL,
    .visit_date = patient != NULL ? patient->visit_date : NULL,
  };

  return bedside_page_options_copy (&options);
}

BedsidePaper
bedside_print_get_paper (GSettings *settings)
{
  g_autofree char *name = dup_setting (settings, "paper-size");
  BedsidePaper paper;

  if (name != NULL && bedside_paper_from_string (name, &paper))
    return paper;
  return bedside_paper_get_default ();
}

BedsideAudience
bedside_print_get_audience (GSettings       *settings,
                            BedsideAudience  shown)
{
  if (shown == BEDSIDE_AUDIENCE_PATIENT)
    return BEDSIDE_AUDIENCE_PATIENT;
  if (settings != NULL && g_settings_get_enum (settings, "default-audience") == BEDSIDE_AUDIENCE_BOTH)
    return BEDSIDE_AUDIENCE_BOTH;
  return shown;
}

char *
bedside_print_default_file_name (BedsideCarePlan *plan)
{
  g_autofree char *name = dated_name (plan);

  return g_strconcat (name, ".pdf", NULL);
}

/* ---- print ---------------------------------------------------------------- */

void
bedside_print_plan (GtkWindow                *parent,
                    AdwToastOverlay          *toasts,
                    BedsideCarePlan          *plan,
                    BedsideAudience           audience,
                    const BedsidePageOptions *options,
                    BedsidePaper              paper)
{
  g_autoptr(BedsidePrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (plan != NULL);

  operation = bedside_print_operation_new (plan, audience, options, paper);
  if (last_print_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), last_print_settings);

  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);
  if (operation->refused != NULL)
    {
      if (toasts != NULL)
        adw_toast_overlay_add_toast (toasts, adw_toast_new (operation->refused));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_print_settings, gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (operation)));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && toasts != NULL)
    {
      /* TRANSLATORS: a toast when printing fails; %s says why */
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      adw_toast_overlay_add_toast (toasts, adw_toast_new (message));
    }
}

/* ---- export -------------------------------------------------------------- */

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
  for (guint i = 0; i < N_AUDIENCES; i++)
    if (g_strcmp0 (choice, bedside_audience_to_string (i)) == 0)
      audience = (BedsideAudience) i;
  /* One of the languages offered, else the one proposed. */
  language = gtk_file_chooser_get_choice (chooser, LANGUAGE_CHOICE);
  if (language != NULL && bedside_language_is_valid (language))
    set_handout_language (export->options, export->plan, language);

  name = g_file_get_basename (file);
  /* No PDF of a handout in English in place of the language chosen. */
  if (audience != BEDSIDE_AUDIENCE_CLINICIAN)
    problem = bedside_handout_describe_problem (export->options->handout);
  if (problem == NULL)
    {
      pages = bedside_pages_new (export->plan, audience, export->options);
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
bedside_print_export_pdf (GtkWindow                *parent,
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
  labels[n++] = audience_label (audience);
  for (guint i = 0; i < N_AUDIENCES; i++)
    if (i != audience)
      {
        ids[n] = bedside_audience_to_string (i);
        labels[n++] = audience_label ((BedsideAudience) i);
      }
  gtk_file_chooser_add_choice (chooser, CONTENTS_CHOICE, _("Contents"), ids, labels);
  gtk_file_chooser_set_choice (chooser, CONTENTS_CHOICE, bedside_audience_to_string (audience));

  /* The handout's language, the one proposed first for the same reason. */
  {
    guint proposed = 0;
    g_auto(GStrv) languages = bedside_handout_languages_new (bedside_care_plan_get_guideline (plan),
                                                             handout_language (plan, options), &proposed);
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

  name = bedside_print_default_file_name (plan);
  gtk_file_chooser_set_current_name (chooser, name);

  export = g_new0 (Export, 1);
  export->plan = bedside_care_plan_ref (plan);
  export->options = bedside_page_options_copy (options);
  export->paper = paper;
  g_set_weak_pointer (&export->toasts, toasts);
  g_signal_connect (native, "response", G_CALLBACK (on_export_response), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
