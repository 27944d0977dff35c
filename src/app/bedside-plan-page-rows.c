/* bedside-plan-page-rows.c: the plan page's rows: each recommendation with its details, and the references. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-plan-page-rows-private.h"
#include "bedside-render.h"

static const char *
kind_msgid (BedsideRecommendationKind kind)
{
  switch (kind)
    {
    case BEDSIDE_KIND_URGENT:   return N_("Urgent");
    case BEDSIDE_KIND_DO:       return N_("Do");
    case BEDSIDE_KIND_CONSIDER: return N_("Consider");
    case BEDSIDE_KIND_AVOID:    return N_("Avoid");
    case BEDSIDE_KIND_CAUTION:  return N_("Caution");
    case BEDSIDE_KIND_INFO:     return N_("Information");
    case BEDSIDE_N_KINDS:
    default:                    return "";
    }
}

const char *
_bedside_plan_page_text (BedsideTranslation *handout,
                         const char         *msgid)
{
  if (*msgid == '\0')
    return msgid;
  if (handout != NULL)
    return bedside_translation_gettext (handout, msgid);
  return _(msgid);
}

const char *
_bedside_plan_page_kind_title (BedsideTranslation        *handout,
                               BedsideRecommendationKind  kind)
{
  return _bedside_plan_page_text (handout, kind_msgid (kind));
}

static void
add_paragraph (GtkBox     *box,
               const char *heading,
               const char *text)
{
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    return;
  if (heading != NULL)
    {
      label = gtk_label_new (heading);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, 6);
      gtk_box_append (box, label);
    }
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (box, label);
}

static guint
citation_number (GPtrArray *cited,
                 guint      reference)
{
  for (guint i = 0; i < cited->len; i++)
    if (((const BedsideReference *) cited->pdata[i])->index == reference)
      return i + 1;
  return 0;
}

/* The evidence: its grades and the guideline's note. */
static void
add_evidence (GtkBox                      *box,
              const BedsideRecommendation *rec)
{
  if (rec->evidence_quality != NULL || rec->evidence_strength != NULL || rec->evidence_note != NULL)
    {
      g_autoptr(GString) evidence = g_string_new (NULL);

      if (rec->evidence_quality != NULL)
        /* TRANSLATORS: the quality of the evidence, as the guideline grades it */
        g_string_append_printf (evidence, _("Quality: %s"), rec->evidence_quality);
      if (rec->evidence_strength != NULL)
        {
          if (evidence->len > 0)
            g_string_append (evidence, " · ");
          /* TRANSLATORS: the strength of the recommendation */
          g_string_append_printf (evidence, _("Strength: %s"), rec->evidence_strength);
        }
      if (rec->evidence_note != NULL)
        {
          if (evidence->len > 0)
            g_string_append (evidence, "\n");
          g_string_append (evidence, rec->evidence_note);
        }
      add_paragraph (box, _("Evidence"), evidence->str);
    }

}

/* The recommendation's sources, numbered as in the references. */
static void
add_citations (GtkBox                      *box,
               BedsideGuideline            *guideline,
               const BedsideRecommendation *rec,
               GPtrArray                   *cited)
{
  if (rec->n_citations > 0)
    {
      g_autoptr(GString) citations = g_string_new (NULL);

      for (guint c = 0; c < rec->n_citations; c++)
        {
          const BedsideReference *reference = bedside_guideline_get_reference (guideline, rec->citations[c]);
          if (citations->len > 0)
            g_string_append (citations, "\n");
          g_string_append_printf (citations, "[%u] %s",
                                  citation_number (cited, rec->citations[c]), reference->text);
        }
      add_paragraph (box, _("Citations"), citations->str);
    }

}

/* Why it is in the plan, whether the clinician declined it, and the
 * button that declines it or takes it back. */
static void
add_why_and_decision (GtkBox                      *box,
                      BedsideCarePlan             *plan,
                      guint                        index,
                      const BedsideRecommendation *rec)
{
  {
    /* The decisions that led here, in the questionnaire's words; the
     * Why group at the top gives the answers behind each. */
    g_autoptr(GPtrArray) reasons = bedside_care_plan_dup_reasons (plan);
    guint n = 0;
    g_autofree guint *positions = bedside_care_plan_dup_entry_reasons (plan, index, &n);
    g_autoptr(GString) why = g_string_new (NULL);

    for (guint r = 0; r < n; r++)
      {
        const BedsideReason *reason = reasons->pdata[positions[r]];
        g_string_append_printf (why, "%s• %s: %s", r > 0 ? "\n" : "", reason->decision, reason->outcome);
      }
    if (why->len > 0)
      add_paragraph (box, _("Why"), why->str);
  }
  {
    const char *reason = NULL;
    gboolean declined = bedside_care_plan_is_declined (plan, index, &reason);
    GtkWidget *button;

    if (declined)
      /* TRANSLATORS: why the clinician declined a recommendation; "none given" when they did not say */
      add_paragraph (box, _("Declined"), reason != NULL ? reason : _("none given"));
    if (bedside_care_plan_get_decisions (plan) != NULL)
      {
        /* TRANSLATORS: a button: leave this recommendation out of the plan (asks for a reason) */
        button = gtk_button_new_with_mnemonic (declined ? _("_Take Back") : _("_Decline…"));
        gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.decline");
        gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", rec->id);
        gtk_widget_set_halign (button, GTK_ALIGN_START);
        gtk_widget_set_margin_top (button, 6);
        gtk_box_append (box, button);
      }
  }
}

static GtkWidget *
make_details (BedsideCarePlan    *plan,
              guint               index,
              GPtrArray          *cited,
              BedsideTranslation *handout)
{
  const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (plan, index);
  const BedsideRecommendation *rec = entry->recommendation;
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (plan);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  if (handout != NULL)
    {
      const BedsideRecommendation *shown = bedside_translation_get_recommendation (handout, rec);

      g_auto(GStrv) medicines = bedside_render_medicines_patient (entry, handout);
      g_autofree char *because = bedside_render_patient_because (plan, entry, handout);

      add_paragraph (GTK_BOX (box), NULL, shown->patient);
      add_paragraph (GTK_BOX (box), NULL, because);
      add_paragraph (GTK_BOX (box), _bedside_plan_page_text (handout, N_("How much")), shown->patient_dose);
      for (guint i = 0; medicines[i] != NULL; i++)
        add_paragraph (GTK_BOX (box), _bedside_plan_page_text (handout, N_("How much")), medicines[i]);
      add_paragraph (GTK_BOX (box), _bedside_plan_page_text (handout, N_("How long")), shown->patient_duration);
      add_paragraph (GTK_BOX (box), _bedside_plan_page_text (handout, N_("Watch for")), shown->patient_watch);
      return box;
    }

  add_paragraph (GTK_BOX (box), NULL, rec->clinician);
  add_paragraph (GTK_BOX (box), _("Dose"), rec->dose);
  {
    g_auto(GStrv) medicines = bedside_render_medicines_clinician (entry);
    for (guint i = 0; medicines[i] != NULL; i++)
      add_paragraph (GTK_BOX (box), _("Dose"), medicines[i]);
  }
  for (guint i = 0; i < entry->n_left_out; i++)
    add_paragraph (GTK_BOX (box), _("Left out"), entry->left_out[i]->name);
  {
    g_auto(GStrv) grounds = bedside_care_plan_dup_entry_grounds (plan, index);
    for (guint i = 0; grounds != NULL && grounds[i] != NULL; i++)
      /* TRANSLATORS: why a contraindication or caution applies to this patient */
      add_paragraph (GTK_BOX (box), _("Because"), grounds[i]);
  }
  add_paragraph (GTK_BOX (box), _("Duration"), rec->duration);

  add_evidence (GTK_BOX (box), rec);
  add_citations (GTK_BOX (box), guideline, rec, cited);
  add_why_and_decision (GTK_BOX (box), plan, index, rec);
  return box;
}

GtkWidget *
_bedside_plan_page_row_new (BedsideCarePlan    *plan,
                            guint               index,
                            GPtrArray          *cited,
                            BedsideTranslation *handout)
{
  const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (plan, index);
  const BedsideRecommendation *rec = entry->recommendation;
  gboolean patient = handout != NULL;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *details_row = gtk_list_box_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (patient)
    {
      const BedsideRecommendation *shown = bedside_translation_get_recommendation (handout, rec);

      title = g_markup_escape_text (shown->patient_title ? shown->patient_title : shown->title, -1);
    }
  else
    title = g_markup_escape_text (rec->title, -1);
  if (!patient && bedside_care_plan_is_declined (plan, index, NULL))
    /* TRANSLATORS: the subtitle of a recommendation the clinician declined */
    subtitle = g_markup_escape_text (_("Declined by the clinician"), -1);
  else if (!patient && entry->origin == BEDSIDE_ORIGIN_CONTRAINDICATION && entry->subject != NULL)
    {
      /* TRANSLATORS: a note that replaces a recommendation the answers rule out */
      g_autofree char *text = g_strdup_printf (_("%s · instead of: %s"), _bedside_plan_page_kind_title (handout, rec->kind), entry->subject->title);
      subtitle = g_markup_escape_text (text, -1);
    }
  else if (!patient && (rec->evidence_quality != NULL || rec->evidence_strength != NULL))
    {
      /* TRANSLATORS: a recommendation's kind, then its evidence: "Do · evidence moderate, strength strong" */
      g_autofree char *text = g_strdup_printf (_("%s · evidence %s, strength %s"), _bedside_plan_page_kind_title (handout, rec->kind),
                                               rec->evidence_quality ? rec->evidence_quality : "—",
                                               rec->evidence_strength ? rec->evidence_strength : "—");
      subtitle = g_markup_escape_text (text, -1);
    }
  else
    subtitle = g_markup_escape_text (_bedside_plan_page_kind_title (handout, rec->kind), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (rec->kind == BEDSIDE_KIND_URGENT)
    gtk_widget_add_css_class (row, "urgent-recommendation");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (details_row), FALSE);
  gtk_widget_set_focusable (details_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (details_row), make_details (plan, index, cited, handout));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), details_row);
  return row;
}

/* Each decision of the plan once, with the answers that settled it. */
GtkWidget *
_bedside_plan_page_reasons_new (BedsideCarePlan *plan)
{
  g_autoptr(GPtrArray) reasons = bedside_care_plan_dup_reasons (plan);
  GtkWidget *group = adw_preferences_group_new ();

  /* TRANSLATORS: the heading over the decisions that led to the plan */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Why"));
  for (guint i = 0; i < reasons->len; i++)
    {
      const BedsideReason *reason = reasons->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (reason->decision, -1);
      g_autofree char *subtitle = reason->answers != NULL
        ? g_markup_printf_escaped ("%s\n<small>%s</small>", reason->outcome, reason->answers)
        : g_markup_escape_text (reason->outcome, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "property");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

GtkWidget *
_bedside_plan_page_references_new (GPtrArray *cited)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("References"));
  for (guint i = 0; i < cited->len; i++)
    {
      const BedsideReference *reference = cited->pdata[i];
      g_autofree char *text = g_strdup_printf ("[%u] %s", i + 1, reference->text);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_add_css_class (label, "caption");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}
