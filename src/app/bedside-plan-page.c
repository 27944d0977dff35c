/* bedside-plan-page.c: the care plan, for the clinician or as the patient's handout. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-handout-language.h"
#include "bedside-plan-page-private.h"
#include "bedside-plan-page-rows-private.h"

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
  PROP_PLAN,
  PROP_AUDIENCE,
  PROP_HANDOUT_LANGUAGE,
  PROP_EMERGENCY_NUMBER,
  PROP_CLINIC_NAME,
  PROP_CLINIC_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
shows_handout (BedsidePlanPage *self)
{
  return bedside_plan_page_get_audience (self) == BEDSIDE_AUDIENCE_PATIENT;
}

/* The handout's texts while the page shows the handout, else NULL: what
 * the rows are drawn with. */
static BedsideTranslation *
shown_handout (BedsidePlanPage *self)
{
  return shows_handout (self) ? self->handout : NULL;
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

/* The plan's title, and where it comes from. */
static void
update_heading (BedsidePlanPage *self)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (self->plan);
  BedsideTranslation *handout = shown_handout (self);
  const char *pathway = bedside_care_plan_get_pathway (self->plan);
  g_autofree char *short_sha = g_strndup (bedside_guideline_get_sha256 (guideline), 12);
  g_autofree char *source = NULL;

  gtk_label_set_text (self->title_label, shows_handout (self) ? _bedside_plan_page_text (handout, N_("Your Care Plan"))
                                                              : bedside_guideline_get_title (guideline));
  if (shows_handout (self))
    /* The handout is traced as on paper, by version and checksum: its
     * review status and pathway are the clinician's. */
    /* TRANSLATORS: where the patient's handout comes from: guideline id, version, checksum */
    source = g_strdup_printf (_bedside_plan_page_text (handout, N_("Guideline %s · version %s · SHA-256 %s")),
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
}

static void
add_group (BedsidePlanPage *self,
           GtkWidget       *group)
{
  gtk_box_append (self->groups_box, group);
  g_ptr_array_add (self->groups, group);
}

/* The recommendations by kind, in their order of urgency (urgent first),
 * then the clinician's references. */
static void
add_groups (BedsidePlanPage *self)
{
  BedsideTranslation *handout = shown_handout (self);
  g_autoptr(GPtrArray) cited = bedside_care_plan_collect_cited_references (self->plan);

  if (!shows_handout (self))
    add_group (self, _bedside_plan_page_reasons_new (self->plan));

  for (guint kind = 0; kind < BEDSIDE_N_KINDS; kind++)
    {
      GtkWidget *group = NULL;

      for (guint i = 0; i < bedside_care_plan_get_n_entries (self->plan); i++)
        {
          const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (self->plan, i);
          GtkWidget *row;

          if (entry->recommendation->kind != kind ||
              (shows_handout (self) && bedside_care_plan_is_declined (self->plan, i, NULL)))
            continue;
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                               _bedside_plan_page_kind_title (handout, kind));
              add_group (self, group);
            }
          row = _bedside_plan_page_row_new (self->plan, i, cited, handout);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_ptr_array_add (self->shown_rows, row);
          g_ptr_array_add (self->shown_ids, entry->recommendation->id);
        }
    }

  if (!shows_handout (self))
    {
      add_group (self, _bedside_plan_page_answers_new (self->plan));
      add_group (self, _bedside_plan_page_note_new (self));
    }
  if (!shows_handout (self) && cited->len > 0)
    add_group (self, _bedside_plan_page_references_new (cited));
}

static void
rebuild (BedsidePlanPage *self)
{
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
  update_heading (self);
  /* No English in place of the language chosen: the message above says why. */
  if (!refused)
    add_groups (self);
}

/* "handout-language" is what bedside_plan_page_get_handout_language()
 * says, which several things change: each of them notifies through here
 * with the value from before. */
static void
notify_handout_language (BedsidePlanPage *self,
                         const char      *before)
{
  if (g_strcmp0 (before, bedside_plan_page_get_handout_language (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HANDOUT_LANGUAGE]);
}

/* The toggles are the audience: a click and bedside_plan_page_set_audience()
 * both end here, once for the button that became active. */
static void
on_audience_toggled (GtkToggleButton *button,
                     BedsidePlanPage *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIENCE]);
}

static void
on_language_selected (GtkDropDown     *dropdown,
                      GParamSpec      *pspec,
                      BedsidePlanPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autofree char *before = NULL;

  if (self->updating_languages || self->languages == NULL ||
      selected >= g_strv_length (self->languages))
    return;
  before = g_strdup (bedside_plan_page_get_handout_language (self));
  g_free (self->language);
  self->language = g_strdup (self->languages[selected]);
  /* Among those offered: the drop-down stays as it is. */
  if (self->plan != NULL)
    load_handout (self, bedside_care_plan_get_guideline (self->plan), self->language);
  rebuild (self);
  notify_handout_language (self, before);
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
set_contact (BedsidePlanPage *self,
             GParamSpec      *pspec,
             char           **field,
             const char      *text)
{
  if (g_strcmp0 (*field, text) == 0)
    return;
  g_free (*field);
  *field = g_strdup (text);
  update_help (self, gtk_widget_get_visible (self->help_box));
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
bedside_plan_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BedsidePlanPage *self = BEDSIDE_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_boxed (value, self->plan);
      break;
    case PROP_AUDIENCE:
      g_value_set_enum (value, bedside_plan_page_get_audience (self));
      break;
    case PROP_HANDOUT_LANGUAGE:
      g_value_set_string (value, bedside_plan_page_get_handout_language (self));
      break;
    case PROP_EMERGENCY_NUMBER:
    case PROP_CLINIC_NAME:
    case PROP_CLINIC_PHONE:
      g_value_set_string (value, *contact_field (self, prop_id));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bedside_plan_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BedsidePlanPage *self = BEDSIDE_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      bedside_plan_page_set_plan (self, g_value_get_boxed (value));
      break;
    case PROP_AUDIENCE:
      bedside_plan_page_set_audience (self, g_value_get_enum (value));
      break;
    case PROP_HANDOUT_LANGUAGE:
      bedside_plan_page_set_handout_language (self, g_value_get_string (value));
      break;
    case PROP_EMERGENCY_NUMBER:
    case PROP_CLINIC_NAME:
    case PROP_CLINIC_PHONE:
      set_contact (self, pspec, contact_field (self, prop_id), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_decline_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _bedside_plan_page_decline (BEDSIDE_PLAN_PAGE (widget), g_variant_get_string (parameter, NULL));
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

  /**
   * BedsidePlanPage:plan:
   *
   * The care plan shown (a #BedsideCarePlan), or %NULL for an empty page.
   */
  properties[PROP_PLAN] =
    g_param_spec_boxed ("plan", NULL, NULL, BEDSIDE_TYPE_CARE_PLAN,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BedsidePlanPage:audience:
   *
   * Whom the page shows the plan to: the clinician's plan or the patient's
   * handout, as the toggles show.  Set to "both" (the preferences' choice
   * for printing), the page shows the clinician's plan.
   */
  properties[PROP_AUDIENCE] =
    g_param_spec_enum ("audience", NULL, NULL, BEDSIDE_TYPE_AUDIENCE, BEDSIDE_AUDIENCE_CLINICIAN,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BedsidePlanPage:handout-language:
   *
   * The language of the handout (a code such as "es"): set, the one asked
   * for (%NULL or "": the guideline's own); read, the one chosen, which
   * the user can change in the page's choice.
   */
  properties[PROP_HANDOUT_LANGUAGE] =
    g_param_spec_string ("handout-language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
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

  /**
   * BedsidePlanPage::decisions-changed:
   *
   * The clinician declined a recommendation, took one back or changed the
   * note: the consultation has changed.
   */
  g_signal_new ("decisions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "plan.decline", "s", on_decline_action);

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
  gtk_widget_class_bind_template_callback (widget_class, on_audience_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected);
}

static void
bedside_plan_page_init (BedsidePlanPage *self)
{
  self->shown_ids = g_ptr_array_new ();
  self->shown_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
bedside_plan_page_refresh (BedsidePlanPage *self)
{
  g_return_if_fail (BEDSIDE_IS_PLAN_PAGE (self));

  if (self->plan != NULL)
    rebuild (self);
}

void
bedside_plan_page_set_plan (BedsidePlanPage *self,
                            BedsideCarePlan *plan)
{
  g_autofree char *language = NULL;

  g_return_if_fail (BEDSIDE_IS_PLAN_PAGE (self));

  if (self->plan == plan)
    return;
  language = g_strdup (bedside_plan_page_get_handout_language (self));
  if (plan != NULL)
    bedside_care_plan_ref (plan);
  g_clear_pointer (&self->plan, bedside_care_plan_unref);
  self->plan = plan;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0.0);
  update_handout (self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
  notify_handout_language (self, language);
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
  g_return_if_fail (BEDSIDE_IS_PLAN_PAGE (self));

  /* "both" is for printing: on screen, the clinician's plan.  The toggle
   * rebuilds the page and notifies (on_audience_toggled). */
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
  g_autofree char *before = NULL;

  g_return_if_fail (BEDSIDE_IS_PLAN_PAGE (self));

  if (language != NULL && *language == '\0')
    language = NULL;
  if (g_strcmp0 (self->language, language) == 0)
    return;
  before = g_strdup (bedside_plan_page_get_handout_language (self));
  g_free (self->language);
  self->language = g_strdup (language);
  update_handout (self);
  rebuild (self);
  notify_handout_language (self, before);
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
