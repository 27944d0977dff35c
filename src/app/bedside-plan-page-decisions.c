/* bedside-plan-page-decisions.c: the clinician makes the plan their own:
 * declines a recommendation with a reason, takes it back, adds a note. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-plan-page-rows-private.h"
#include "bedside-render.h"

static void
changed (BedsidePlanPage *page,
         gboolean         rebuild)
{
  if (rebuild)
    bedside_plan_page_refresh (page);
  g_signal_emit_by_name (page, "decisions-changed");
}

static const BedsideRecommendation *
find_recommendation (BedsideCarePlan *plan,
                     const char      *id)
{
  const BedsideCarePlanEntry *entry = bedside_care_plan_lookup (plan, id);

  return entry != NULL ? entry->recommendation : NULL;
}

static void
on_decline_response (AdwMessageDialog *dialog,
                     const char       *response,
                     BedsidePlanPage  *page)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  const char *id = g_object_get_data (G_OBJECT (dialog), "recommendation");
  BedsideCarePlan *plan = bedside_plan_page_get_plan (page);

  if (!g_str_equal (response, "decline") || plan == NULL || bedside_care_plan_get_decisions (plan) == NULL)
    return;
  bedside_decisions_decline (bedside_care_plan_get_decisions (plan), id, gtk_editable_get_text (reason));
  changed (page, TRUE);
}

void
_bedside_plan_page_decline (BedsidePlanPage *page,
                            const char      *id)
{
  BedsideCarePlan *plan = bedside_plan_page_get_plan (page);
  const BedsideRecommendation *rec;
  BedsideDecisions *decisions;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkRoot *root;

  if (plan == NULL || (decisions = bedside_care_plan_get_decisions (plan)) == NULL ||
      (rec = find_recommendation (plan, id)) == NULL)
    return;

  /* Taking a recommendation back needs no confirmation: nothing is lost. */
  if (bedside_decisions_is_declined (decisions, id, NULL))
    {
      bedside_decisions_restore (decisions, id);
      changed (page, TRUE);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (page));
  /* TRANSLATORS: %s is a recommendation's title */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                                                       _("It is left out of the patient's handout and listed, "
                                                         "with your reason, in the clinician's plan.")));
  adw_message_dialog_format_heading (dialog, _("Decline “%s”?"), rec->title);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "decline", _("_Decline"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "decline", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "decline");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "reason", entry);
  g_object_set_data_full (G_OBJECT (dialog), "recommendation", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_decline_response), page, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_note_changed (GtkEditable     *editable,
                 BedsidePlanPage *page)
{
  BedsideCarePlan *plan = bedside_plan_page_get_plan (page);

  if (plan == NULL || bedside_care_plan_get_decisions (plan) == NULL)
    return;
  bedside_decisions_set_note (bedside_care_plan_get_decisions (plan), gtk_editable_get_text (editable));
  /* Not rebuilt: the clinician is typing in it. */
  changed (page, FALSE);
}

GtkWidget *
_bedside_plan_page_note_new (BedsidePlanPage *page)
{
  BedsideCarePlan *plan = bedside_plan_page_get_plan (page);
  BedsideDecisions *decisions = plan != NULL ? bedside_care_plan_get_decisions (plan) : NULL;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_entry_row_new ();
  const char *note = decisions != NULL ? bedside_decisions_get_note (decisions) : NULL;

  /* TRANSLATORS: the heading over the clinician's free-text note, on the plan page */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Clinician's note"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Printed on the clinician's plan, not on the handout."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Note"));
  gtk_editable_set_text (GTK_EDITABLE (row), note != NULL ? note : "");
  g_signal_connect_object (row, "changed", G_CALLBACK (on_note_changed), page, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (decisions != NULL && bedside_decisions_get_clinician (decisions) != NULL)
    {
      GtkWidget *name = adw_action_row_new ();
      g_autofree char *escaped = g_markup_escape_text (bedside_decisions_get_clinician (decisions), -1);

      /* TRANSLATORS: the clinician whose plan this is (from Preferences) */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Clinician"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (name), escaped);
      gtk_widget_add_css_class (name, "property");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), name);
    }
  gtk_widget_set_sensitive (group, decisions != NULL);
  return group;
}

/* The answers the plan was computed from, by section, folded: on screen
 * as on paper. */
GtkWidget *
_bedside_plan_page_answers_new (BedsideCarePlan *plan)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (plan);
  const BedsideValue *values = bedside_care_plan_get_values (plan);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Answers that led to this plan"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  for (guint s = 0; s < bedside_guideline_get_n_sections (guideline); s++)
    {
      const BedsideSection *section = bedside_guideline_get_section (guideline, s);

      for (guint i = section->first_item; i < section->first_item + section->n_items; i++)
        {
          const BedsideItem *item = bedside_guideline_get_item (guideline, i);
          GtkWidget *row;
          g_autofree char *title = NULL;
          g_autofree char *answer = NULL;
          g_autofree char *subtitle = NULL;

          if (values[i].state != BEDSIDE_VALUE_KNOWN)
            continue;
          row = adw_action_row_new ();
          title = g_markup_escape_text (item->label, -1);
          answer = bedside_render_format_answer (item, &values[i]);
          subtitle = g_markup_printf_escaped ("%s · <b>%s</b>", section->title, answer);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
    }
  return group;
}
