/* bedside-print-operation.c: printing a care plan (with preview): the pages the renderer draws, and the dialog's Contents tab. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-export.h"
#include "bedside-handout-language.h"
#include "bedside-print-operation.h"
#include "bedside-print-settings.h"

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

static void
bedside_print_operation_begin_print (GtkPrintOperation *operation,
                                     GtkPrintContext   *context)
{
  BedsidePrintOperation *self = BEDSIDE_PRINT_OPERATION (operation);
  BedsidePageOptionsView view;

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
  bedside_page_options_get_view (self->options, &view);
  self->pages = bedside_pages_new (self->plan, self->audience, &view);
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

/* What was chosen in the dialog is offered again next time, also after a
 * restart; not when the print was refused or failed. */
static void
bedside_print_operation_done (GtkPrintOperation       *operation,
                              GtkPrintOperationResult  result)
{
  BedsidePrintOperation *self = BEDSIDE_PRINT_OPERATION (operation);
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_APPLY || self->refused != NULL || settings == NULL)
    return;
  if (!bedside_print_settings_save (settings, gtk_print_operation_get_default_page_setup (operation), &error))
    g_warning ("Could not save the print settings: %s", error->message);
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
      GtkWidget *button = gtk_check_button_new_with_label (bedside_export_get_audience_label ((BedsideAudience) i));

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
  bedside_handout_language_apply (self->options, self->plan, self->languages[self->language]);
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
  operation_class->done = bedside_print_operation_done;
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
  g_autoptr(GtkPrintSettings) print_settings = NULL;
  g_autoptr(GtkPageSetup) saved_page_setup = NULL;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  self = g_object_new (BEDSIDE_TYPE_PRINT_OPERATION, NULL);
  self->plan = bedside_care_plan_ref (plan);
  self->options = bedside_page_options_copy (options);
  self->audience = audience;
  self->languages = bedside_handout_languages_new (bedside_care_plan_get_guideline (plan),
                                                   bedside_handout_language_get_chosen (plan, options), &self->language);

  /* The printer and page chosen last, else the preferences' paper. */
  if (bedside_print_settings_load (&print_settings, &saved_page_setup))
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (self), print_settings);
  if (saved_page_setup != NULL)
    gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), saved_page_setup);
  else
    {
      paper_size = gtk_paper_size_new (paper == BEDSIDE_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
      gtk_page_setup_set_paper_size_and_default_margins (page_setup, paper_size);
      gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), page_setup);
    }

  /* The job is named after the guideline, never after the patient. */
  job_name = bedside_export_dup_document_name (plan);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);

  return self;
}

const char *
bedside_print_operation_get_handout_language (BedsidePrintOperation *self)
{
  g_return_val_if_fail (BEDSIDE_IS_PRINT_OPERATION (self), NULL);
  return bedside_handout_language_get_chosen (self->plan, self->options);
}

const char *
bedside_print_operation_get_refusal (BedsidePrintOperation *self)
{
  g_return_val_if_fail (BEDSIDE_IS_PRINT_OPERATION (self), NULL);
  return self->refused;
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

  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);
  if (operation->refused != NULL)
    {
      if (toasts != NULL)
        adw_toast_overlay_add_toast (toasts, adw_toast_new (operation->refused));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && toasts != NULL)
    {
      /* TRANSLATORS: a toast when printing fails; %s says why */
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      adw_toast_overlay_add_toast (toasts, adw_toast_new (message));
    }
}

