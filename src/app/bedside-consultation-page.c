/* bedside-consultation-page.c: the questionnaire, one section at a time. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-consultation-page-private.h"
#include "bedside-question-row.h"

struct _BedsideConsultationPage
{
  AdwBin               parent_instance;

  BedsideSession      *session;
  gint                 section;        /* -1: nothing shown */
  gint                 last_changed;   /* the item answered last, -1: none */
  GPtrArray           *rows;           /* BedsideQuestionRow, by item index */
  GPtrArray           *section_pages;  /* GtkWidget, by section index */
  char                *progress;
  char                *default_visit_date;  /* today, when the consultation started */
  gboolean             setting_default;
  double               fraction;       /* the highest reached since the clinician last went back */

  GtkScrolledWindow   *scroller;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkLabel            *description_label;
  AdwPreferencesGroup *patient_group;
  AdwEntryRow         *patient_name_row;
  AdwEntryRow         *visit_date_row;
  GtkLabel            *visit_date_error;
  GtkStack            *section_stack;
  GtkButton           *back_button;
  GtkButton           *next_button;
};

G_DEFINE_FINAL_TYPE (BedsideConsultationPage, bedside_consultation_page, ADW_TYPE_BIN)

enum {
  ANSWERS_CHANGED,
  PATIENT_CHANGED,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The section's number among those asked so far.  enable-when only looks
 * backwards, so answering never renumbers the sections already passed. */
static guint
count_enabled_sections_up_to (BedsideConsultationPage *self,
                              gint                     up_to)
{
  guint n = 0;

  for (gint s = bedside_session_next_section (self->session, -1);
       s >= 0 && s <= up_to;
       s = bedside_session_next_section (self->session, s))
    n++;
  return n;
}

/* How far through the guideline's sections this one is, skipped sections
 * counting as passed; the last section to ask fills the bar.  An answer can
 * add sections after this one, so update_state() keeps the highest value
 * reached: the bar only moves back when the clinician does. */
static double
section_fraction (BedsideConsultationPage *self)
{
  guint n_sections = bedside_guideline_get_n_sections (bedside_session_get_guideline (self->session));

  if (bedside_session_next_section (self->session, self->section) < 0 || n_sections == 0)
    return 1.0;
  return (double) (self->section + 1) / n_sections;
}

/* Visibility, Next and the progress follow the session after every answer. */
static void
update_state (BedsideConsultationPage *self)
{
  const BedsideSection *section;
  BedsideGuideline *guideline;
  guint position;

  if (self->session == NULL || self->section < 0)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultation.next", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultation.previous", FALSE);
      return;
    }

  guideline = bedside_session_get_guideline (self->session);
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_set_visible (self->rows->pdata[i], bedside_session_is_enabled (self->session, i));

  section = bedside_guideline_get_section (guideline, (guint) self->section);
  position = count_enabled_sections_up_to (self, self->section);
  g_free (self->progress);
  /* TRANSLATORS: progress through the questionnaire: "Section 2 — Red flags".
   * No total: answers add or skip sections, and a total that changes
   * under the clinician reads as going backwards. */
  self->progress = g_strdup_printf (_("Section %u — %s"), MAX (position, 1), section->title);
  gtk_label_set_text (self->progress_label, self->progress);
  self->fraction = MAX (self->fraction, section_fraction (self));
  gtk_progress_bar_set_fraction (self->progress_bar, self->fraction);

  gtk_label_set_text (self->description_label, section->description ? section->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          section->description != NULL && *section->description != '\0');

  /* Next keeps its label on every section, the last one too (it leads to
   * Review): a label that changes with the answers moves under the pointer. */
  /* A wrong visit date would be printed on the handout: fixed or cleared
   * before going on, like an answer out of range. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultation.next",
                                 bedside_session_section_is_valid (self->session, (guint) self->section) &&
                                 !(gtk_widget_get_visible (GTK_WIDGET (self->patient_group)) &&
                                   gtk_widget_get_visible (GTK_WIDGET (self->visit_date_error))));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultation.previous",
                                 bedside_session_previous_section (self->session, self->section) >= 0);
}

static void
show_section (BedsideConsultationPage *self,
              gint                     section)
{
  /* Going back (Back, or an answer edited from Review) is the one way
   * the bar moves back. */
  if (section < self->section)
    self->fraction = 0.0;
  self->section = section;
  if (section >= 0)
    gtk_stack_set_visible_child (self->section_stack, self->section_pages->pdata[section]);
  gtk_widget_set_visible (GTK_WIDGET (self->patient_group),
                          section >= 0 && section == bedside_session_next_section (self->session, -1));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0.0);
  update_state (self);
}

static void
on_answer_changed (BedsideQuestionRow      *row,
                   BedsideConsultationPage *self)
{
  self->last_changed = (gint) bedside_question_row_get_item (row);
  update_state (self);
  g_signal_emit (self, signals[ANSWERS_CHANGED], 0);
}

static void
on_patient_changed (GtkEditable             *editable,
                    BedsideConsultationPage *self)
{
  if (!self->setting_default)
    g_signal_emit (self, signals[PATIENT_CHANGED], 0);
}

static gboolean
visit_date_is_valid (BedsideConsultationPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->visit_date_row))));

  return *text == '\0' || bedside_patient_visit_date_is_valid (text);
}

/* Checked as typed; the message is linked to the entry, so a screen
 * reader reads it with the entry. */
static void
on_visit_date_changed (GtkEditable             *editable,
                       BedsideConsultationPage *self)
{
  gboolean valid = visit_date_is_valid (self);

  gtk_widget_set_visible (GTK_WIDGET (self->visit_date_error), !valid);
  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->visit_date_row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->visit_date_row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->visit_date_row), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
    }
  else
    {
      gtk_label_set_text (self->visit_date_error,
                          _("Not a date in the calendar: write the visit date as year-month-day, for example 2025-03-14."));
      gtk_widget_add_css_class (GTK_WIDGET (self->visit_date_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->visit_date_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->visit_date_row),
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, self->visit_date_error,
                                      -1);
    }
  update_state (self);
}

static void
clear_pages (BedsideConsultationPage *self)
{
  if (self->section_pages != NULL)
    for (guint i = 0; i < self->section_pages->len; i++)
      gtk_stack_remove (self->section_stack, self->section_pages->pdata[i]);
  g_clear_pointer (&self->section_pages, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->section = -1;
  self->fraction = 0.0;
}

static void
build_pages (BedsideConsultationPage *self)
{
  BedsideGuideline *guideline = bedside_session_get_guideline (self->session);
  guint n_sections = bedside_guideline_get_n_sections (guideline);

  self->rows = g_ptr_array_new ();
  self->section_pages = g_ptr_array_new ();
  self->last_changed = -1;

  for (guint s = 0; s < n_sections; s++)
    {
      const BedsideSection *section = bedside_guideline_get_section (guideline, s);
      GtkWidget *group = adw_preferences_group_new ();

      for (guint i = section->first_item; i < section->first_item + section->n_items; i++)
        {
          GtkWidget *row = bedside_question_row_new (self->session, i);

          g_signal_connect (row, "answer-changed", G_CALLBACK (on_answer_changed), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_ptr_array_add (self->rows, row);
        }
      gtk_stack_add_named (self->section_stack, group, section->id);
      g_ptr_array_add (self->section_pages, group);
    }
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bedside_consultation_page_go_next (BEDSIDE_CONSULTATION_PAGE (widget));
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  bedside_consultation_page_go_previous (BEDSIDE_CONSULTATION_PAGE (widget));
}

/* The rows and sections of the session, from its answers, at its first
 * section. */
static void
rebuild (BedsideConsultationPage *self)
{
  clear_pages (self);
  if (self->session != NULL)
    {
      build_pages (self);
      show_section (self, bedside_session_next_section (self->session, -1));
    }
  else
    update_state (self);
}

static void
bedside_consultation_page_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  BedsideConsultationPage *self = BEDSIDE_CONSULTATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_boxed (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bedside_consultation_page_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  BedsideConsultationPage *self = BEDSIDE_CONSULTATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      bedside_consultation_page_set_session (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bedside_consultation_page_dispose (GObject *object)
{
  BedsideConsultationPage *self = BEDSIDE_CONSULTATION_PAGE (object);

  g_clear_pointer (&self->section_pages, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->session, bedside_session_unref);
  g_clear_pointer (&self->progress, g_free);
  g_clear_pointer (&self->default_visit_date, g_free);

  G_OBJECT_CLASS (bedside_consultation_page_parent_class)->dispose (object);
}

static void
bedside_consultation_page_class_init (BedsideConsultationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bedside_consultation_page_dispose;
  object_class->get_property = bedside_consultation_page_get_property;
  object_class->set_property = bedside_consultation_page_set_property;

  /**
   * BedsideConsultationPage:session:
   *
   * The consultation whose questions the page asks (a #BedsideSession),
   * or %NULL for an empty page.
   */
  properties[PROP_SESSION] =
    g_param_spec_boxed ("session", NULL, NULL, BEDSIDE_TYPE_SESSION,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ANSWERS_CHANGED] =
    g_signal_new ("answers-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PATIENT_CHANGED] =
    g_signal_new ("patient-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/bedside/Bedside/bedside-consultation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, patient_group);
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, patient_name_row);
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, visit_date_row);
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, visit_date_error);
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, section_stack);
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, BedsideConsultationPage, next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_visit_date_changed);

  gtk_widget_class_install_action (widget_class, "consultation.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "consultation.previous", NULL, previous_action);
}

static void
bedside_consultation_page_init (BedsideConsultationPage *self)
{
  self->section = -1;
  self->last_changed = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}

void
bedside_consultation_page_set_session (BedsideConsultationPage *self,
                                       BedsideSession          *session)
{
  g_return_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self));

  if (self->session == session)
    return;
  if (session != NULL)
    bedside_session_ref (session);
  g_clear_pointer (&self->session, bedside_session_unref);
  self->session = session;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

BedsideSession *
bedside_consultation_page_get_session (BedsideConsultationPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self), NULL);
  return self->session;
}

/* A consultation happens today: the visit date starts as today's. */
static void
set_default_visit_date (BedsideConsultationPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_free (self->default_visit_date);
  self->default_visit_date = g_date_time_format (now, "%Y-%m-%d");
  self->setting_default = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->visit_date_row), self->default_visit_date);
  self->setting_default = FALSE;
}

void
bedside_consultation_page_reset (BedsideConsultationPage *self)
{
  g_return_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->patient_name_row), "");
  set_default_visit_date (self);
  rebuild (self);
}

gboolean
bedside_consultation_page_go_next (BedsideConsultationPage *self)
{
  gint next;

  g_return_val_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self), FALSE);

  if (self->session == NULL || self->section < 0 ||
      !bedside_session_section_is_valid (self->session, (guint) self->section))
    return FALSE;

  next = bedside_session_next_section (self->session, self->section);
  if (next < 0)
    {
      g_signal_emit (self, signals[FINISHED], 0);
      return TRUE;
    }
  show_section (self, next);
  bedside_consultation_page_focus_first (self);
  return TRUE;
}

gboolean
bedside_consultation_page_go_previous (BedsideConsultationPage *self)
{
  gint previous;

  g_return_val_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self), FALSE);

  if (self->session == NULL || self->section < 0)
    return FALSE;
  previous = bedside_session_previous_section (self->session, self->section);
  if (previous < 0)
    return FALSE;
  show_section (self, previous);
  bedside_consultation_page_focus_first (self);
  return TRUE;
}

gint
bedside_consultation_page_get_last_changed (BedsideConsultationPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self), -1);
  return self->last_changed;
}

void
bedside_consultation_page_clear_answer (BedsideConsultationPage *self,
                                        guint                    item)
{
  g_return_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self));
  g_return_if_fail (self->session != NULL && item < self->rows->len);

  bedside_question_row_clear (self->rows->pdata[item]);
}

void
bedside_consultation_page_show_item (BedsideConsultationPage *self,
                                     guint                    item)
{
  const BedsideItem *info;

  g_return_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self));
  g_return_if_fail (self->session != NULL && item < self->rows->len);

  info = bedside_guideline_get_item (bedside_session_get_guideline (self->session), item);
  show_section (self, (gint) info->section);
  bedside_question_row_focus (self->rows->pdata[item]);
}

gboolean
bedside_consultation_page_show_section_id (BedsideConsultationPage *self,
                                           const char              *section_id)
{
  BedsideGuideline *guideline;

  g_return_val_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self), FALSE);

  if (self->session == NULL)
    return FALSE;
  guideline = bedside_session_get_guideline (self->session);
  for (guint s = 0; s < bedside_guideline_get_n_sections (guideline); s++)
    if (g_strcmp0 (bedside_guideline_get_section (guideline, s)->id, section_id) == 0 &&
        bedside_session_section_is_enabled (self->session, s))
      {
        show_section (self, (gint) s);
        return TRUE;
      }
  return FALSE;
}

gboolean
bedside_consultation_page_has_patient_details (BedsideConsultationPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self), FALSE);

  const char *visit_date = gtk_editable_get_text (GTK_EDITABLE (self->visit_date_row));

  /* Today's date, as the page set it, is not something the clinician entered. */
  return *gtk_editable_get_text (GTK_EDITABLE (self->patient_name_row)) != '\0' ||
         (*visit_date != '\0' && g_strcmp0 (visit_date, self->default_visit_date) != 0);
}

static char *
dup_text (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

BedsidePatient *
bedside_consultation_page_dup_patient (BedsideConsultationPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *visit_date = NULL;

  g_return_val_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self), NULL);

  name = dup_text (GTK_EDITABLE (self->patient_name_row));
  /* Never a date that is not one: it would be printed on the handout. */
  if (visit_date_is_valid (self))
    visit_date = dup_text (GTK_EDITABLE (self->visit_date_row));
  if (name == NULL && visit_date == NULL)
    return NULL;
  return bedside_patient_new (name, visit_date);
}

void
bedside_consultation_page_set_patient (BedsideConsultationPage *self,
                                       const BedsidePatient    *patient)
{
  g_return_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->patient_name_row),
                         patient && patient->name ? patient->name : "");
  /* No patient: a new consultation, today.  A patient without a date: a
   * saved consultation whose date is not known, so none is made up. */
  if (patient == NULL)
    set_default_visit_date (self);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->visit_date_row),
                           patient->visit_date ? patient->visit_date : "");
}

GtkWidget *
bedside_consultation_page_get_next_button (BedsideConsultationPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self), NULL);
  return GTK_WIDGET (self->next_button);
}

void
bedside_consultation_page_focus_first (BedsideConsultationPage *self)
{
  g_return_if_fail (BEDSIDE_IS_CONSULTATION_PAGE (self));

  if (self->session == NULL || self->section < 0)
    return;
  if (gtk_widget_get_visible (GTK_WIDGET (self->patient_group)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->patient_name_row));
      return;
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      const BedsideItem *item = bedside_guideline_get_item (bedside_session_get_guideline (self->session), i);
      if ((gint) item->section == self->section && bedside_session_is_enabled (self->session, i))
        {
          bedside_question_row_focus (self->rows->pdata[i]);
          return;
        }
    }
}

BedsideQuestionRow *
bedside_consultation_page_get_question (BedsideConsultationPage *self,
                                        const char              *item_id)
{
  const BedsideItem *item;

  if (self->session == NULL)
    return NULL;
  item = bedside_guideline_lookup_item (bedside_session_get_guideline (self->session), item_id);
  return item != NULL ? self->rows->pdata[item->index] : NULL;
}

gint
bedside_consultation_page_get_section (BedsideConsultationPage *self)
{
  return self->section;
}

GtkEditable *
bedside_consultation_page_get_patient_name (BedsideConsultationPage *self)
{
  return GTK_EDITABLE (self->patient_name_row);
}

const char *
bedside_consultation_page_get_progress (BedsideConsultationPage *self)
{
  return self->progress;
}

GtkEditable *
bedside_consultation_page_get_visit_date (BedsideConsultationPage *self)
{
  return GTK_EDITABLE (self->visit_date_row);
}

GtkLabel *
bedside_consultation_page_get_visit_date_error (BedsideConsultationPage *self)
{
  return self->visit_date_error;
}

GtkProgressBar *
bedside_consultation_page_get_progress_bar (BedsideConsultationPage *self)
{
  return self->progress_bar;
}
