/* bedside-plan-page.c: the care plan, for the clinician or as the patient's handout. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-handout-language.h"
#include "bedside-plan-page-private.h"

struct _BedsidePlanPage
{
  AdwBin             parent_instance;

  BedsideCarePlan   *plan;
  GPtrArray         *shown_ids;   /* char * (owned by the guideline) */
  GPtrArray         *groups;      /* GtkWidget in groups_box */
  GPtrArray         *shown_rows;  /* AdwExpanderRow, like shown_ids */

  /* The handout's language: the one asked for (NULL: the guideline's own),
   * those offered for the guideline of the plan, and its texts. */
  char               *language;
  BedsideGuideline   *languages_guideline;
  GStrv               languages;
  BedsideTranslation *handout;
  gboolean            updating_languages;

  /* Whom the patient calls, in the handout's help box. */
  char               *emergency_number;
  char               *clinic_name;
  char               *clinic_phone;

  GtkScrolledWindow *scroller;
  GtkLabel          *title_label;
  GtkLabel          *source_label;
  GtkToggleButton   *clinician_button;
  GtkToggleButton   *patient_button;
  GtkDropDown       *language_dropdown;
  GtkLabel          *handout_warning_label;
  GtkWidget         *help_box;
  GtkLabel          *help_label;
  GtkBox            *groups_box;
};

G_DEFINE_FINAL_TYPE (BedsidePlanPage, bedside_plan_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EMERGENCY_NUMBER,
  PROP_CLINIC_NAME,
  PROP_CLINIC_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static gboolean
shows_handout (BedsidePlanPage *self)
{
  return bedside_plan_page_get_audience (self) == BEDSIDE_AUDIENCE_PATIENT;
}

static const char *page_text (BedsidePlanPage *self,
                              const char      *msgid) G_GNUC_FORMAT (2);

/* A fixed string of the page: in the handout's language on the handout,
 * in the interface's on the clinician's plan. */
static const char *
page_text (BedsidePlanPage *self,
           const char      *msgid)
{
  if (*msgid == '\0')
    return msgid;
  if (shows_handout (self) && self->handout != NULL)
    return bedside_translation_gettext (self->handout, msgid);
  return _(msgid);
}

static const char *
kind_title (BedsidePlanPage           *self,
            BedsideRecommendationKind  kind)
{
  return page_text (self, kind_msgid (kind));
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

static GtkWidget *
make_details (BedsidePlanPage *self,
              guint            index,
              GPtrArray       *cited)
{
  const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (self->plan, index);
  const BedsideRecommendation *rec = entry->recommendation;
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (self->plan);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  if (shows_handout (self))
    {
      const BedsideRecommendation *shown = bedside_translation_get_recommendation (self->handout, rec);

      g_auto(GStrv) medicines = bedside_render_medicines_patient (entry, self->handout);
      g_autofree char *because = bedside_render_patient_because (self->plan, entry, self->handout);

      add_paragraph (GTK_BOX (box), NULL, shown->patient);
      add_paragraph (GTK_BOX (box), NULL, because);
      add_paragraph (GTK_BOX (box), page_text (self, N_("How much")), shown->patient_dose);
      for (guint i = 0; medicines[i] != NULL; i++)
        add_paragraph (GTK_BOX (box), page_text (self, N_("How much")), medicines[i]);
      add_paragraph (GTK_BOX (box), page_text (self, N_("How long")), shown->patient_duration);
      add_paragraph (GTK_BOX (box), page_text (self, N_("Watch for")), shown->patient_watch);
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
  for (guint i = 0; i < entry->n_conditions; i++)
    /* TRANSLATORS: why a contraindication or caution applies to this patient */
    add_paragraph (GTK_BOX (box), _("Because"), entry->conditions[i]->reason);
  add_paragraph (GTK_BOX (box), _("Duration"), rec->duration);

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
      add_paragraph (GTK_BOX (box), _("Evidence"), evidence->str);
    }

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
      add_paragraph (GTK_BOX (box), _("Citations"), citations->str);
    }

  {
    g_auto(GStrv) reasons = bedside_care_plan_explain (self->plan, index);

    if (reasons != NULL && reasons[0] != NULL)
      {
        g_autoptr(GString) why = g_string_new (NULL);

        for (guint r = 0; reasons[r] != NULL; r++)
          g_string_append_printf (why, "%s• %s", r > 0 ? "\n" : "", reasons[r]);
        add_paragraph (GTK_BOX (box), _("Why"), why->str);
      }
  }
  return box;
}

static GtkWidget *
make_row (BedsidePlanPage *self,
          guint            index,
          GPtrArray       *cited)
{
  const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (self->plan, index);
  const BedsideRecommendation *rec = entry->recommendation;
  gboolean patient = shows_handout (self);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *details_row = gtk_list_box_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (patient)
    {
      const BedsideRecommendation *shown = bedside_translation_get_recommendation (self->handout, rec);

      title = g_markup_escape_text (shown->patient_title ? shown->patient_title : shown->title, -1);
    }
  else
    title = g_markup_escape_text (rec->title, -1);
  if (!patient && entry->origin == BEDSIDE_ORIGIN_CONTRAINDICATION && entry->subject != NULL)
    {
      /* TRANSLATORS: a note that replaces a recommendation the answers rule out */
      g_autofree char *text = g_strdup_printf (_("%s · instead of: %s"), kind_title (self, rec->kind), entry->subject->title);
      subtitle = g_markup_escape_text (text, -1);
    }
  else if (!patient && (rec->evidence_quality != NULL || rec->evidence_strength != NULL))
    {
      /* TRANSLATORS: a recommendation's kind, then its evidence: "Do · evidence moderate, strength strong" */
      g_autofree char *text = g_strdup_printf (_("%s · evidence %s, strength %s"), kind_title (self, rec->kind),
                                               rec->evidence_quality ? rec->evidence_quality : "—",
                                               rec->evidence_strength ? rec->evidence_strength : "—");
      subtitle = g_markup_escape_text (text, -1);
    }
  else
    subtitle = g_markup_escape_text (kind_title (self, rec->kind), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (rec->kind == BEDSIDE_KIND_URGENT)
    gtk_widget_add_css_class (row, "urgent-recommendation");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (details_row), FALSE);
  gtk_widget_set_focusable (details_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (details_row), make_details (self, index, cited));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), details_row);
  return row;
}

static void
clear_groups (BedsidePlanPage *self)
{
  if (self->groups != NULL)
    for (guint i = 0; i < self->groups->len; i++)
      gtk_box_remove (self->groups_box, self->groups->pdata[i]);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_ptr_array_set_size (self->shown_ids, 0);
  g_ptr_array_set_size (self->shown_rows, 0);
}

/* The languages offered for the plan's guideline, with the one asked for
 * selected.  The drop-down's model is replaced only when they change. */
static guint
update_languages (BedsidePlanPage  *self,
                  BedsideGuideline *guideline)
{
  g_auto(GStrv) languages = NULL;
  guint position = 0;

  languages = bedside_handout_languages_new (guideline, self->language, &position);
  self->updating_languages = TRUE;
  if (self->languages == NULL ||
      !g_strv_equal ((const char * const *) languages, (const char * const *) self->languages))
    {
      g_auto(GStrv) names = bedside_handout_language_names ((const char * const *) languages);
      g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) names);

      g_strfreev (self->languages);
      self->languages = g_steal_pointer (&languages);
      gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (model));
    }
  gtk_drop_down_set_selected (self->language_dropdown, position);
  self->updating_languages = FALSE;
  return position;
}

/* The handout's texts in @language.  A translation is loaded (and checked)
 * only when the guideline or the language changes. */
static void
load_handout (BedsidePlanPage  *self,
              BedsideGuideline *guideline,
              const char       *language)
{
  if (self->handout != NULL && self->languages_guideline == guideline &&
      g_str_equal (bedside_translation_get_language (self->handout), language))
    return;

  g_clear_pointer (&self->handout, bedside_translation_unref);
  g_clear_pointer (&self->languages_guideline, bedside_guideline_unref);
  self->languages_guideline = bedside_guideline_ref (guideline);
  /* Valid codes only are offered, so this does not fail. */
  self->handout = bedside_translation_new (guideline, language, NULL);
  if (self->handout == NULL)
    self->handout = bedside_translation_new (guideline, NULL, NULL);
}

static void
update_handout (BedsidePlanPage *self)
{
  BedsideGuideline *guideline = self->plan != NULL ? bedside_care_plan_get_guideline (self->plan) : NULL;
  guint position;

  if (guideline == NULL)
    {
      g_clear_pointer (&self->handout, bedside_translation_unref);
      g_clear_pointer (&self->languages_guideline, bedside_guideline_unref);
      return;
    }
  position = update_languages (self, guideline);
  load_handout (self, guideline, self->languages[position]);
}

/* A handout that cannot be given in the language chosen is not shown at
 * all: the page says why instead of showing English.  Returns TRUE when
 * the handout is refused. */
static gboolean
update_warning (BedsidePlanPage *self)
{
  g_autofree char *problem = NULL;

  if (shows_handout (self))
    problem = bedside_handout_describe_problem (self->handout);
  gtk_label_set_text (self->handout_warning_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->handout_warning_label), problem != NULL);
  return problem != NULL;
}

/* Where the patient gets help, at the top of the handout: the same
 * sentences as on paper, in the handout's language. */
static void
update_help (BedsidePlanPage *self,
             gboolean         shown)
{
  const BedsideHandoutContacts contacts = {
    .emergency_number = self->emergency_number,
    .clinic_name = self->clinic_name,
    .clinic_phone = self->clinic_phone,
  };
  g_auto(GStrv) help = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);

  gtk_widget_set_visible (self->help_box, shown);
  if (!shown)
    return;

  help = bedside_render_handout_help (&contacts, self->handout, TRUE);
  for (guint i = 0; help[i] != NULL; i++)
    {
      g_autofree char *text = g_markup_escape_text (help[i], -1);

      if (i == 0)
        g_string_append_printf (markup, "<b>%s</b>", text);
      else
        g_string_append_printf (markup, "\n%s", text);
    }
  gtk_label_set_markup (self->help_label, markup->str);
}

static void
rebuild (BedsidePlanPage *self)
{
  BedsideGuideline *guideline;
  g_autoptr(GPtrArray) cited = NULL;
  g_autofree char *source = NULL;
  g_autofree char *short_sha = NULL;
  const char *pathway;
  gboolean patient;
  gboolean refused;

  clear_groups (self);
  refused = update_warning (self);
  update_help (self, self->plan != NULL && shows_handout (self) && !refused);
  if (self->plan == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->source_label, "");
      return;
    }

  self->groups = g_ptr_array_new ();
  guideline = bedside_care_plan_get_guideline (self->plan);
  cited = bedside_care_plan_collect_cited_references (self->plan);
  patient = shows_handout (self);

  gtk_label_set_text (self->title_label, patient ? page_text (self, N_("Your Care Plan"))
                                                 : bedside_guideline_get_title (guideline));
  short_sha = g_strndup (bedside_guideline_get_sha256 (guideline), 12);
  pathway = bedside_care_plan_get_pathway (self->plan);
  if (patient)
    /* The handout is traced as on paper, by version and checksum: its
     * review status and pathway are the clinician's. */
    /* TRANSLATORS: where the patient's handout comes from: guideline id, version, checksum */
    source = g_strdup_printf (page_text (self, N_("Guideline %s · version %s · SHA-256 %s")),
                              bedside_guideline_get_id (guideline),
                              bedside_guideline_get_version (guideline),
                              short_sha);
  else
    /* TRANSLATORS: where the plan comes from: guideline id, version, review status, checksum */
    source = g_strdup_printf (_("Guideline %s · version %s · %s · SHA-256 %s%s%s"),
                              bedside_guideline_get_id (guideline),
                              bedside_guideline_get_version (guideline),
                              bedside_render_status_title (bedside_guideline_get_status (guideline)),
                              short_sha,
                              pathway ? _(" · pathway: ") : "",
                              pathway ? pathway : "");
  gtk_label_set_text (self->source_label, source);
  /* No English in place of the language chosen: the message above says why. */
  if (refused)
    return;

  /* Kinds in their order of urgency: urgent first. */
  for (guint kind = 0; kind < BEDSIDE_N_KINDS; kind++)
    {
      GtkWidget *group = NULL;

      for (guint i = 0; i < bedside_care_plan_get_n_entries (self->plan); i++)
        {
          const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (self->plan, i);

          if (entry->recommendation->kind != kind)
            continue;
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), kind_title (self, kind));
              gtk_box_append (self->groups_box, group);
              g_ptr_array_add (self->groups, group);
            }
          {
            GtkWidget *row = make_row (self, i, cited);
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
            g_ptr_array_add (self->shown_rows, row);
          }
          g_ptr_array_add (self->shown_ids, entry->recommendation->id);
        }
    }

  if (!patient && cited->len > 0)
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
      gtk_box_append (self->groups_box, group);
      g_ptr_array_add (self->groups, group);
    }
}

static void
on_audience_toggled (GtkToggleButton *button,
                     BedsidePlanPage *self)
{
  if (gtk_toggle_button_get_active (button))
    rebuild (self);
}

static void
on_language_selected (GtkDropDown     *dropdown,
                      GParamSpec      *pspec,
                      BedsidePlanPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating_languages || self->languages == NULL ||
      selected >= g_strv_length (self->languages))
    return;
  g_free (self->language);
  self->language = g_strdup (self->languages[selected]);
  /* Among those offered: the drop-down stays as it is. */
  if (self->plan != NULL)
    load_handout (self, bedside_care_plan_get_guideline (self->plan), self->language);
  rebuild (self);
}

static void
bedside_plan_page_dispose (GObject *object)
{
  BedsidePlanPage *self = BEDSIDE_PLAN_PAGE (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->plan, bedside_care_plan_unref);
  g_clear_pointer (&self->shown_ids, g_ptr_array_unref);
  g_clear_pointer (&self->shown_rows, g_ptr_array_unref);
  g_clear_pointer (&self->handout, bedside_translation_unref);
  g_clear_pointer (&self->languages_guideline, bedside_guideline_unref);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (bedside_plan_page_parent_class)->dispose (object);
}

static void
bedside_plan_page_finalize (GObject *object)
{
  BedsidePlanPage *self = BEDSIDE_PLAN_PAGE (object);

  g_free (self->emergency_number);
  g_free (self->clinic_name);
  g_free (self->clinic_phone);

  G_OBJECT_CLASS (bedside_plan_page_parent_class)->finalize (object);
}

static char **
contact_field (BedsidePlanPage *self,
               guint            prop_id)
{
  switch (prop_id)
    {
    case PROP_EMERGENCY_NUMBER: return &self->emergency_number;
    case PROP_CLINIC_NAME:      return &self->clinic_name;
    case PROP_CLINIC_PHONE:     return &self->clinic_phone;
    default:                    return NULL;
    }
}

static void
bedside_plan_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  char **field = contact_field (BEDSIDE_PLAN_PAGE (object), prop_id);

  if (field == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    g_value_set_string (value, *field);
}

static void
bedside_plan_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BedsidePlanPage *self = BEDSIDE_PLAN_PAGE (object);
  char **field = contact_field (self, prop_id);

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (g_strcmp0 (*field, g_value_get_string (value)) == 0)
    return;
  g_free (*field);
  *field = g_value_dup_string (value);
  update_help (self, gtk_widget_get_visible (self->help_box));
  g_object_notify_by_pspec (object, pspec);
}

static void
bedside_plan_page_class_init (BedsidePlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bedside_plan_page_dispose;
  object_class->finalize = bedside_plan_page_finalize;
  object_class->get_property = bedside_plan_page_get_property;
  object_class->set_property = bedside_plan_page_set_property;

  /* What the preferences say; NULL or "" as the renderer reads them. */
  properties[PROP_EMERGENCY_NUMBER] =
    g_param_spec_string ("emergency-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLINIC_NAME] =
    g_param_spec_string ("clinic-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLINIC_PHONE] =
    g_param_spec_string ("clinic-phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/bedside/Bedside/bedside-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BedsidePlanPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, BedsidePlanPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, BedsidePlanPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, BedsidePlanPage, clinician_button);
  gtk_widget_class_bind_template_child (widget_class, BedsidePlanPage, patient_button);
  gtk_widget_class_bind_template_child (widget_class, BedsidePlanPage, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BedsidePlanPage, handout_warning_label);
  gtk_widget_class_bind_template_child (widget_class, BedsidePlanPage, help_box);
  gtk_widget_class_bind_template_child (widget_class, BedsidePlanPage, help_label);
  gtk_widget_class_bind_template_child (widget_class, BedsidePlanPage, groups_box);
}

static void
bedside_plan_page_init (BedsidePlanPage *self)
{
  self->shown_ids = g_ptr_array_new ();
  self->shown_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->clinician_button, "toggled", G_CALLBACK (on_audience_toggled), self);
  g_signal_connect (self->patient_button, "toggled", G_CALLBACK (on_audience_toggled), self);
  g_signal_connect (self->language_dropdown, "notify::selected", G_CALLBACK (on_language_selected), self);
}

void
bedside_plan_page_set_plan (BedsidePlanPage *self,
                            BedsideCarePlan *plan)
{
  g_return_if_fail (BEDSIDE_IS_PLAN_PAGE (self));

  if (plan != NULL)
    bedside_care_plan_ref (plan);
  g_clear_pointer (&self->plan, bedside_care_plan_unref);
  self->plan = plan;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0.0);
  update_handout (self);
  rebuild (self);
}

BedsideCarePlan *
bedside_plan_page_get_plan (BedsidePlanPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_PLAN_PAGE (self), NULL);
  return self->plan;
}

BedsideAudience
bedside_plan_page_get_audience (BedsidePlanPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_PLAN_PAGE (self), BEDSIDE_AUDIENCE_CLINICIAN);
  return gtk_toggle_button_get_active (self->patient_button)
    ? BEDSIDE_AUDIENCE_PATIENT : BEDSIDE_AUDIENCE_CLINICIAN;
}

GStrv
bedside_plan_page_dup_shown_ids (BedsidePlanPage *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv ids;

  for (guint i = 0; i < self->shown_ids->len; i++)
    g_strv_builder_add (builder, self->shown_ids->pdata[i]);
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

void
bedside_plan_page_set_audience (BedsidePlanPage *self,
                                BedsideAudience  audience)
{
  gtk_toggle_button_set_active (audience == BEDSIDE_AUDIENCE_PATIENT ? self->patient_button : self->clinician_button,
                                TRUE);
}

GtkWidget *
bedside_plan_page_get_row (BedsidePlanPage *self,
                           const char      *id)
{
  for (guint i = 0; i < self->shown_ids->len; i++)
    if (g_strcmp0 (self->shown_ids->pdata[i], id) == 0)
      return self->shown_rows->pdata[i];
  return NULL;
}

/* Scrolls the row into view and focuses it, once the page is laid out
 * (the first frame can come long after the row is mapped). */
static void
reveal_row (gpointer data)
{
  g_autoptr(GtkWidget) row = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  guint tries = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "bedside-reveal-tries"));
  GtkAdjustment *adjustment;
  GtkWidget *content;
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t point;

  if (!gtk_widget_get_mapped (row) || scroller == NULL)
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (gtk_adjustment_get_upper (adjustment) <= 0 && tries < 50)
    {
      g_object_set_data (G_OBJECT (row), "bedside-reveal-tries", GUINT_TO_POINTER (tries + 1));
      g_timeout_add_once (100, reveal_row, g_object_ref (row));
      return;
    }
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content != NULL && gtk_widget_compute_point (row, content, &origin, &point))
    gtk_adjustment_set_value (adjustment, MAX (point.y - 24, 0));
  gtk_widget_grab_focus (row);
}

static void
focus_when_mapped (GtkWidget *row)
{
  g_signal_handlers_disconnect_by_func (row, focus_when_mapped, NULL);
  /* After the first allocation, so that the viewport knows where it is. */
  g_timeout_add_once (200, reveal_row, g_object_ref (row));
}

void
bedside_plan_page_expand (BedsidePlanPage *self,
                          const char      *id)
{
  for (guint i = 0; i < self->shown_ids->len; i++)
    if (g_strcmp0 (self->shown_ids->pdata[i], id) == 0)
      {
        GtkWidget *row = self->shown_rows->pdata[i];

        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
        /* Shown and focused, once it has a place on screen. */
        if (gtk_widget_get_mapped (row))
          reveal_row (g_object_ref (row));
        else
          g_signal_connect (row, "map", G_CALLBACK (focus_when_mapped), NULL);
      }
}

void
bedside_plan_page_set_handout_language (BedsidePlanPage *self,
                                        const char      *language)
{
  g_return_if_fail (BEDSIDE_IS_PLAN_PAGE (self));

  g_free (self->language);
  self->language = language != NULL && *language != '\0' ? g_strdup (language) : NULL;
  update_handout (self);
  rebuild (self);
}

const char *
bedside_plan_page_get_handout_language (BedsidePlanPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_PLAN_PAGE (self), NULL);
  return self->handout != NULL ? bedside_translation_get_language (self->handout) : self->language;
}

BedsideTranslation *
bedside_plan_page_get_handout (BedsidePlanPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_PLAN_PAGE (self), NULL);
  return self->handout;
}

GtkDropDown *
bedside_plan_page_get_language_dropdown (BedsidePlanPage *self)
{
  return self->language_dropdown;
}

const char *
bedside_plan_page_get_handout_help (BedsidePlanPage *self)
{
  if (!gtk_widget_get_visible (self->help_box))
    return NULL;
  return gtk_label_get_text (self->help_label);
}

char *
bedside_plan_page_dup_handout_problem (BedsidePlanPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_PLAN_PAGE (self), NULL);
  return bedside_handout_describe_problem (self->handout);
}

const char *
bedside_plan_page_get_handout_warning (BedsidePlanPage *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->handout_warning_label)))
    return NULL;
  return gtk_label_get_text (self->handout_warning_label);
}
