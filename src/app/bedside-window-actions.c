/* bedside-window-actions.c: the window's actions: new consultation, moving between pages, the plan's copy, print and PDF. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-export.h"
#include "bedside-plan-page-private.h"
#include "bedside-print-operation.h"
#include "bedside-print-preferences.h"
#include "bedside-render.h"
#include "bedside-window-private.h"

static gboolean
page_is (BedsideWindow *self,
         const char    *name)
{
  return g_strcmp0 (bedside_window_get_page_name (self), name) == 0;
}

static void
clear_confirmed (BedsideWindow *self,
                 gpointer       data)
{
  bedside_window_clear_consultation (self);
}

static void
new_consultation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  _bedside_window_confirm_discard (BEDSIDE_WINDOW (widget), clear_confirmed, NULL, NULL);
}

/* Print and Export PDF: the plan shown, with the clinic of the preferences
 * and the patient's details, on the preferred paper. */
static void
print_plan (BedsideWindow *self,
            gboolean       to_pdf)
{
  BedsideCarePlan *plan = bedside_plan_page_get_plan (self->plan_page);
  g_autoptr(BedsidePatient) patient = NULL;
  g_autoptr(BedsidePageOptions) options = NULL;
  BedsideTranslation *handout;
  BedsideAudience audience;
  BedsidePaper paper;

  if (plan == NULL)
    return;
  patient = bedside_consultation_page_dup_patient (self->consultation_page);
  options = bedside_print_preferences_dup_page_options (self->settings, patient);
  /* The handout's language chosen on the plan page (the preferences' until
   * changed); the dialogs offer the others. */
  handout = bedside_plan_page_get_handout (self->plan_page);
  options->handout = handout != NULL ? bedside_translation_ref (handout) : NULL;
  audience = bedside_print_preferences_get_audience (self->settings, bedside_plan_page_get_audience (self->plan_page));
  paper = bedside_print_preferences_get_paper (self->settings);
  if (to_pdf)
    bedside_export_pdf (GTK_WINDOW (self), self->toast_overlay, plan, audience, options, paper);
  else
    bedside_print_plan (GTK_WINDOW (self), self->toast_overlay, plan, audience, options, paper);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  print_plan (BEDSIDE_WINDOW (widget), FALSE);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  print_plan (BEDSIDE_WINDOW (widget), TRUE);
}

static void
copy_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BedsideWindow *self = BEDSIDE_WINDOW (widget);
  BedsideCarePlan *plan = bedside_plan_page_get_plan (self->plan_page);
  g_autofree char *text = NULL;

  if (plan == NULL)
    return;
  /* The handout in the language chosen for it, with the help box of the
   * preferences; the clinician's plan as the guideline has it. */
  if (bedside_plan_page_get_audience (self->plan_page) == BEDSIDE_AUDIENCE_PATIENT)
    {
      g_autofree char *problem = bedside_plan_page_dup_handout_problem (self->plan_page);
      g_autoptr(BedsidePageOptions) options = NULL;
      BedsideHandoutContacts contacts;

      /* Never English in place of the language chosen. */
      if (problem != NULL)
        {
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (problem));
          return;
        }
      options = bedside_print_preferences_dup_page_options (self->settings, NULL);
      contacts = (BedsideHandoutContacts) {
        .emergency_number = options->emergency_number,
        .clinic_name = options->clinic_name,
        .clinic_phone = options->clinic_phone,
      };
      text = bedside_render_text_with_contacts (plan, BEDSIDE_AUDIENCE_PATIENT,
                                                bedside_plan_page_get_handout (self->plan_page), &contacts);
    }
  else
    text = bedside_render_text (plan, BEDSIDE_AUDIENCE_CLINICIAN);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (bedside_plan_page_get_audience (self->plan_page) == BEDSIDE_AUDIENCE_PATIENT
                                              ? _("Handout copied as text")
                                              : _("Plan copied as text")));
}

static void
previous_section_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BedsideWindow *self = BEDSIDE_WINDOW (widget);

  if (page_is (self, "consultation"))
    bedside_consultation_page_go_previous (self->consultation_page);
  else if (page_is (self, "review"))
    {
      _bedside_window_show_page (self, "consultation");
      bedside_consultation_page_focus_first (self->consultation_page);
    }
  _bedside_window_update_actions (self);
}

static void
next_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BedsideWindow *self = BEDSIDE_WINDOW (widget);

  if (page_is (self, "consultation"))
    bedside_consultation_page_go_next (self->consultation_page);
  _bedside_window_update_actions (self);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BedsideWindow *self = BEDSIDE_WINDOW (widget);

  if (page_is (self, "consultation"))
    {
      _bedside_window_show_page (self, "library");
      bedside_library_page_focus_default (self->library_page);
    }
  else if (page_is (self, "review"))
    {
      _bedside_window_show_page (self, "consultation");
      bedside_consultation_page_focus_first (self->consultation_page);
    }
  else if (page_is (self, "plan"))
    {
      if (self->session != NULL && bedside_session_is_complete (self->session))
        _bedside_window_show_page (self, "review");
      else
        _bedside_window_show_page (self, "consultation");
    }
}

void
_bedside_window_show_plan (BedsideWindow *self)
{
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  plan = bedside_evaluate (self->session, &error);
  if (plan == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  /* A new plan is the clinician's of the preferences, unless the
   * consultation already names one (a saved consultation keeps its own). */
  {
    BedsideDecisions *decisions = bedside_session_get_decisions (self->session);
    g_autofree char *name = g_settings_get_string (self->settings, "clinician-name");

    if (bedside_decisions_get_clinician (decisions) == NULL && *g_strstrip (name) != '\0')
      bedside_decisions_set_clinician (decisions, name);
  }
  bedside_plan_page_set_plan (self->plan_page, plan);
  _bedside_window_show_page (self, "plan");
}

static void
show_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _bedside_window_show_plan (BEDSIDE_WINDOW (widget));
}

/* The banner's See Urgent Plan: the jump happens when the clinician
 * chooses it, once the answers settle the plan. */
static void
show_urgent_plan_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BedsideWindow *self = BEDSIDE_WINDOW (widget);

  if (!self->urgent_plan_shown)
    return;
  _bedside_window_show_page (self, "plan");
}

/* The banner's Undo: takes back the answer that raised the red flag. */
static void
undo_urgent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BedsideWindow *self = BEDSIDE_WINDOW (widget);
  gint item = self->urgent_item;

  if (item < 0 || self->session == NULL)
    return;
  self->urgent_item = -1;
  if (!page_is (self, "consultation"))
    _bedside_window_show_page (self, "consultation");
  bedside_consultation_page_clear_answer (self->consultation_page, (guint) item);
  bedside_consultation_page_show_item (self->consultation_page, (guint) item);
}

void
_bedside_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-consultation", NULL, new_consultation_action);
  gtk_widget_class_install_action (widget_class, "win.copy-plan", NULL, copy_plan_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  /* The shortcuts are the application's (bedside-application.c), like all
   * the others: the menu and the shortcuts window show them from there. */
  gtk_widget_class_install_action (widget_class, "win.previous-section", NULL, previous_section_action);
  gtk_widget_class_install_action (widget_class, "win.next-section", NULL, next_section_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-plan", NULL, show_plan_action);
  gtk_widget_class_install_action (widget_class, "win.show-urgent-plan", NULL, show_urgent_plan_action);
  gtk_widget_class_install_action (widget_class, "win.undo-urgent", NULL, undo_urgent_action);
}
