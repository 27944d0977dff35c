/* bedside-window-files.c: Open…, Save… and the question before unsaved answers are lost. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-consultation.h"
#include "bedside-export.h"
#include "bedside-window-private.h"

#define INCLUDE_PATIENT_CHOICE "include-patient"

/* What to do once the user agreed, or once the file is saved. */
typedef struct
{
  BedsideWindowFunc func;
  gpointer          data;
  GDestroyNotify    destroy;
} Continuation;

static Continuation *
continuation_new (BedsideWindowFunc func,
                  gpointer          data,
                  GDestroyNotify    destroy)
{
  Continuation *continuation = g_new0 (Continuation, 1);

  continuation->func = func;
  continuation->data = data;
  continuation->destroy = destroy;
  return continuation;
}

static void
continuation_free (Continuation *continuation)
{
  if (continuation == NULL)
    return;
  if (continuation->destroy != NULL)
    continuation->destroy (continuation->data);
  g_free (continuation);
}

static void
continuation_run (Continuation  *continuation,
                  BedsideWindow *self)
{
  if (continuation != NULL && continuation->func != NULL)
    continuation->func (self, continuation->data);
  continuation_free (continuation);
}

/* ---- messages ----------------------------------------------------------- */

static AdwMessageDialog *
new_message (BedsideWindow *self,
             const char    *heading,
             const char    *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  g_set_weak_pointer (&self->dialog, dialog);
  return dialog;
}

static void
show_message (BedsideWindow *self,
              const char    *heading,
              const char    *body)
{
  AdwMessageDialog *dialog = new_message (self, heading, body);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_basename (file);
}

/* ---- saving ------------------------------------------------------------- */

gboolean
bedside_window_save_to_file (BedsideWindow  *self,
                             GFile          *file,
                             gboolean        include_patient,
                             GError        **error)
{
  g_autoptr(BedsidePatient) patient = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (BEDSIDE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no consultation to save."));
      return FALSE;
    }
  /* The file chooser gives a local path, through the portal's FUSE mount if needed. */
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Consultations can only be saved to a local folder."));
      return FALSE;
    }

  patient = bedside_consultation_page_dup_patient (self->consultation_page);
  if (!bedside_consultation_save (self->session, patient,
                                  include_patient ? BEDSIDE_CONSULTATION_SAVE_INCLUDE_PATIENT
                                                  : BEDSIDE_CONSULTATION_SAVE_NONE,
                                  path, error))
    return FALSE;

  _bedside_window_set_file (self, file);
  self->include_patient = include_patient;
  _bedside_window_set_modified (self, FALSE);
  return TRUE;
}

/* A new file's name: the guideline, the date and time, and the patient's
 * name only when the last Save included their details. */
static char *
default_file_name (BedsideWindow *self)
{
  g_autoptr(BedsidePatient) patient = bedside_consultation_page_dup_patient (self->consultation_page);
  g_autofree char *base = bedside_export_dup_base_name (bedside_session_get_guideline (self->session),
                                                        self->include_patient && patient != NULL
                                                          ? patient->name : NULL);

  return g_strconcat (base, ".bedside.json", NULL);
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) consultations = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (consultations, _("Bedside consultations"));
  gtk_file_filter_add_mime_type (consultations, "application/x-bedside-consultation");
  gtk_file_filter_add_mime_type (consultations, "application/json");
  gtk_file_filter_add_suffix (consultations, "json");
  gtk_file_chooser_add_filter (chooser, consultations);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, consultations);
}

static void
forget_file_chooser (BedsideWindow *self)
{
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);
}

static void
on_save_response (GtkNativeDialog *native,
                  int              response,
                  BedsideWindow   *self)
{
  Continuation *then = g_object_steal_data (G_OBJECT (native), "bedside-continuation");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean include_patient;

  g_object_ref (self);
  if (response != GTK_RESPONSE_ACCEPT)
    {
      continuation_free (then);
      forget_file_chooser (self);
      g_object_unref (self);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  include_patient = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), INCLUDE_PATIENT_CHOICE),
                               "true") == 0;
  forget_file_chooser (self);

  if (file != NULL && bedside_window_save_to_file (self, file, include_patient, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (include_patient ? _("Consultation saved with patient details")
                                                                  : _("Consultation saved")));
      continuation_run (then, self);
    }
  else
    {
      g_autofree char *body =
        /* TRANSLATORS: %s is the reason, from the file system */
        g_strdup_printf (_("Nothing was written; an earlier copy of the file is unchanged.\n\n%s"),
                         error ? error->message : _("No file was chosen."));

      continuation_free (then);
      show_message (self, _("Cannot Save Consultation"), body);
    }
  g_object_unref (self);
}

/* Save… always asks where, and whether the patient's details go in. */
static void
show_save_dialog (BedsideWindow *self,
                  Continuation  *then)
{
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;

  if (self->session == NULL)
    {
      continuation_free (then);
      return;
    }
  forget_file_chooser (self);
  native = gtk_file_chooser_native_new (_("Save Consultation"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filters (chooser);
  gtk_file_chooser_add_choice (chooser, INCLUDE_PATIENT_CHOICE, _("Include patient details"), NULL, NULL);
  gtk_file_chooser_set_choice (chooser, INCLUDE_PATIENT_CHOICE, self->include_patient ? "true" : "false");
  if (self->file == NULL || !gtk_file_chooser_set_file (chooser, self->file, NULL))
    {
      g_autofree char *name = default_file_name (self);
      g_autoptr(GFile) folder = bedside_export_dup_default_folder ();

      gtk_file_chooser_set_current_folder (chooser, folder, NULL);
      gtk_file_chooser_set_current_name (chooser, name);
    }

  g_object_set_data_full (G_OBJECT (native), "bedside-continuation", then, (GDestroyNotify) continuation_free);
  g_signal_connect (native, "response", G_CALLBACK (on_save_response), self);
  self->file_chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->file_chooser);
}

/* ---- asking before answers are lost ------------------------------------ */

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     BedsideWindow    *self)
{
  /* The close response may follow a button's: only the first counts. */
  Continuation *then = g_object_steal_data (G_OBJECT (dialog), "bedside-continuation");

  if (then == NULL)
    return;
  if (g_str_equal (response, "discard"))
    continuation_run (then, self);
  else if (g_str_equal (response, "save"))
    show_save_dialog (self, then);
  else
    continuation_free (then);
}

void
_bedside_window_confirm_discard (BedsideWindow     *self,
                                 BedsideWindowFunc  func,
                                 gpointer           data,
                                 GDestroyNotify     destroy)
{
  Continuation *then = continuation_new (func, data, destroy);
  AdwMessageDialog *dialog;

  if (!bedside_window_get_is_modified (self))
    {
      continuation_run (then, self);
      return;
    }

  dialog = new_message (self, _("Save the Consultation?"),
                        _("Its answers have not been saved. If you discard them, they are lost."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "bedside-continuation", then, (GDestroyNotify) continuation_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- opening ------------------------------------------------------------ */

static char *
describe_mismatches (BedsideGuideline *guideline,
                     GPtrArray        *mismatches)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < mismatches->len; i++)
    {
      BedsideAnswerMismatch *mismatch = mismatches->pdata[i];
      const BedsideItem *item = bedside_guideline_lookup_item (guideline, mismatch->item_id);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* The engine's reasons are in English, like every message it writes. */
      g_string_append_printf (text, "• %s: %s", item ? item->label : mismatch->item_id, mismatch->message);
    }
  return g_string_free (text, FALSE);
}

static void
show_open_error (BedsideWindow *self,
                 const char    *reason,
                 const GError  *error)
{
  /* TRANSLATORS: the first %s says what is wrong with the file, the second is the details */
  g_autofree char *body = g_strdup_printf (_("%s Nothing was changed.\n\n%s"), reason, error->message);

  show_message (self, _("Cannot Open Consultation"), body);
}

gboolean
bedside_window_open_file (BedsideWindow *self,
                          GFile         *file)
{
  g_autoptr(BedsideConsultation) consultation = NULL;
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(GPtrArray) mismatches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reason = NULL;
  BedsideGuideline *guideline = NULL;
  const char *id;

  g_return_val_if_fail (BEDSIDE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = display_name (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Consultations can only be opened from a local folder."));
      reason = g_strdup_printf (_("“%s” cannot be read."), name);
      show_open_error (self, reason, error);
      return FALSE;
    }

  /* Everything is checked before the consultation on screen is touched. */
  consultation = bedside_consultation_read (path, &error);
  if (consultation == NULL)
    {
      if (g_error_matches (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_IO))
        reason = g_strdup_printf (_("“%s” cannot be read."), name);
      else if (g_error_matches (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_NEWER_FORMAT))
        reason = g_strdup_printf (_("“%s” was saved by a newer version of Bedside."), name);
      else
        reason = g_strdup_printf (_("“%s” is damaged or is not a Bedside consultation."), name);
      show_open_error (self, reason, error);
      return FALSE;
    }

  id = bedside_consultation_get_guideline_id (consultation);
  if (self->session != NULL && g_str_equal (bedside_guideline_get_id (bedside_session_get_guideline (self->session)), id))
    guideline = bedside_session_get_guideline (self->session);
  else
    guideline = bedside_library_page_load_guideline (self->library_page, id, &error);
  if (guideline == NULL)
    {
      reason = g_strdup_printf (_("“%s” was made with the guideline “%s”, which is not available here."), name, id);
      show_open_error (self, reason, error);
      return FALSE;
    }

  session = bedside_consultation_restore (consultation, guideline, &mismatches, &error);
  if (session == NULL)
    {
      reason = g_strdup_printf (_("“%s” is damaged or is not a Bedside consultation."), name);
      show_open_error (self, reason, error);
      return FALSE;
    }

  _bedside_window_start_session (self, session, bedside_consultation_get_patient (consultation));
  _bedside_window_set_file (self, file);
  self->include_patient = bedside_consultation_get_patient (consultation) != NULL;
  /* Answers were left out: the consultation is no longer what the file holds. */
  _bedside_window_set_modified (self, mismatches->len > 0);
  if (bedside_session_is_complete (session))
    _bedside_window_show_page (self, "review");

  if (mismatches->len > 0)
    {
      g_autofree char *list = describe_mismatches (guideline, mismatches);
      g_autofree char *body =
        /* TRANSLATORS: the guideline's versions: the file's, then the one in use; then a list */
        g_strdup_printf (_("This consultation was made with version %s of the guideline; this is version %s. "
                           "These answers no longer fit and were left out, so please answer them again:\n\n%s"),
                         bedside_consultation_get_guideline_version (consultation),
                         bedside_guideline_get_version (guideline), list);

      show_message (self, _("Some Answers No Longer Fit"), body);
    }
  else if (!bedside_consultation_matches (consultation, guideline))
    {
      g_autofree char *text =
        g_strdup_printf (_("Made with version %s of the guideline; every answer still fits"),
                         bedside_consultation_get_guideline_version (consultation));
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
  return TRUE;
}

static void
on_open_response (GtkNativeDialog *native,
                  int              response,
                  BedsideWindow   *self)
{
  g_autoptr(GFile) file = NULL;

  g_object_ref (self);
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  forget_file_chooser (self);
  if (file != NULL)
    bedside_window_open_file (self, file);
  g_object_unref (self);
}

static void
show_open_dialog (BedsideWindow *self,
                  gpointer       data)
{
  GtkFileChooserNative *native;

  forget_file_chooser (self);
  native = gtk_file_chooser_native_new (_("Open Consultation"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filters (GTK_FILE_CHOOSER (native));
  g_signal_connect (native, "response", G_CALLBACK (on_open_response), self);
  self->file_chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->file_chooser);
}

/* ---- actions ------------------------------------------------------------ */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _bedside_window_confirm_discard (BEDSIDE_WINDOW (widget), show_open_dialog, NULL, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_save_dialog (BEDSIDE_WINDOW (widget), NULL);
}

void
_bedside_window_class_add_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
}

AdwMessageDialog *
bedside_window_get_dialog (BedsideWindow *self)
{
  return self->dialog;
}
