/* bedside-window.c: the main window: library, consultation, review and plan. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-consultation-page.h"
#include "bedside-evaluator.h"
#include "bedside-library-page.h"
#include "bedside-plan-page-private.h"
#include "bedside-render.h"
#include "bedside-review-page.h"
#include "bedside-window-private.h"


G_DEFINE_FINAL_TYPE (BedsideWindow, bedside_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FILE,
  PROP_IS_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
page_name (BedsideWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static gboolean
page_is (BedsideWindow *self,
         const char    *name)
{
  return g_strcmp0 (page_name (self), name) == 0;
}

/* What can be done follows the page shown, the session and the plan (the
 * stack's visible-child and the plan page's plan call it too). */
void
_bedside_window_update_actions (BedsideWindow *self)
{
  gboolean on_library = page_is (self, "library");
  gboolean on_consultation = page_is (self, "consultation");
  gboolean on_review = page_is (self, "review");
  gboolean on_plan = page_is (self, "plan");

  gtk_widget_set_visible (self->back_button, !on_library);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", !on_library);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-consultation", self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-section", on_consultation || on_review);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-section", on_consultation);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-plan",
                                 on_plan && bedside_plan_page_get_plan (self->plan_page) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print",
                                 on_plan && bedside_plan_page_get_plan (self->plan_page) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf",
                                 on_plan && bedside_plan_page_get_plan (self->plan_page) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-plan",
                                 self->session != NULL && bedside_session_is_complete (self->session));
}

void
_bedside_window_show_page (BedsideWindow *self,
                           const char    *name)
{
  GtkWidget *default_widget = NULL;

  gtk_stack_set_visible_child_name (self->stack, name);
  if (g_str_equal (name, "consultation"))
    default_widget = bedside_consultation_page_get_next_button (self->consultation_page);
  else if (g_str_equal (name, "review"))
    default_widget = bedside_review_page_get_show_plan_button (self->review_page);
  gtk_window_set_default_widget (GTK_WINDOW (self), default_widget);
  _bedside_window_update_actions (self);
}

static void
set_urgent (BedsideWindow *self,
            const char    *text)
{
  g_free (self->urgent_text);
  self->urgent_text = g_strdup (text);
  if (text == NULL)
    self->urgent_plan_shown = FALSE;
  gtk_label_set_text (self->urgent_label, text ? text : "");
  gtk_revealer_set_reveal_child (self->urgent_revealer, text != NULL);
  if (text == NULL)
    {
      self->urgent_item = -1;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-urgent-plan", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-urgent", FALSE);
    }
}

/* The engine decides whether the answers so far already settle the plan
 * (the walk needed no unanswered item); the window only looks at what it
 * says.  An urgent recommendation is announced at once, with its plan. */
static void
check_urgent (BedsideWindow *self,
              gboolean       jump)
{
  g_autoptr(BedsideCarePlan) plan = NULL;
  const BedsideRecommendation *urgent;
  gboolean was_urgent = self->urgent_text != NULL;

  if (self->session == NULL)
    return;

  /* The engine decides; the window shows what it says. */
  urgent = bedside_evaluator_check_urgent (self->evaluator, bedside_session_get_values (self->session), &plan);
  if (urgent != NULL)
    {
      /* TRANSLATORS: the banner shown when an answer calls for urgent action */
      g_autofree char *text = g_strdup_printf (_("Urgent: %s"), urgent->title);

      /* The answer that raised it can be taken back (Undo). */
      if (!was_urgent && jump)
        self->urgent_item = bedside_consultation_page_get_last_changed (self->consultation_page);
      set_urgent (self, text);
      /* Once the answers settle the plan, it is ready; the clinician
       * chooses when to see it (See Urgent Plan). */
      if (plan != NULL)
        {
          bedside_care_plan_set_decisions (plan, bedside_session_get_decisions (self->session));
          bedside_plan_page_set_plan (self->plan_page, plan);
          self->urgent_plan_shown = TRUE;
        }
      else
        self->urgent_plan_shown = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-urgent-plan", plan != NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-urgent", self->urgent_item >= 0);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->urgent_plan_button),
                                   plan != NULL ? NULL : _("Answer the other red flags first: each one can add to the urgent plan"));
    }
  else if (was_urgent)
    {
      set_urgent (self, NULL);
      bedside_plan_page_set_plan (self->plan_page, NULL);
    }
}

static void
on_answers_changed (BedsideConsultationPage *page,
                    BedsideWindow           *self)
{
  _bedside_window_set_modified (self, TRUE);
  check_urgent (self, TRUE);
  _bedside_window_update_actions (self);
}

static void
on_patient_changed (BedsideConsultationPage *page,
                    BedsideWindow           *self)
{
  _bedside_window_set_modified (self, TRUE);
}

static void
on_decisions_changed (BedsidePlanPage *page,
                      BedsideWindow   *self)
{
  _bedside_window_set_modified (self, TRUE);
}

static void
on_consultation_finished (BedsideConsultationPage *page,
                          BedsideWindow           *self)
{
  _bedside_window_show_page (self, "review");
}

static void
on_edit_item (BedsideReviewPage *page,
              guint              item,
              BedsideWindow     *self)
{
  _bedside_window_show_page (self, "consultation");
  bedside_consultation_page_show_item (self->consultation_page, item);
}

static gboolean
has_answers (BedsideWindow *self)
{
  BedsideGuideline *guideline;

  if (self->session == NULL)
    return FALSE;
  if (bedside_consultation_page_has_patient_details (self->consultation_page))
    return TRUE;
  guideline = bedside_session_get_guideline (self->session);
  for (guint i = 0; i < bedside_guideline_get_n_items (guideline); i++)
    {
      const BedsideValue *value = bedside_session_get_answer (self->session, i);
      if (value != NULL && value->state == BEDSIDE_VALUE_KNOWN)
        return TRUE;
    }
  return FALSE;
}

static void
update_status (BedsideWindow *self)
{
  BedsideGuideline *guideline = self->session ? bedside_session_get_guideline (self->session) : NULL;
  g_auto(GStrv) warnings = NULL;
  char *text = NULL;

  if (guideline != NULL)
    warnings = bedside_render_guideline_warnings (guideline, NULL, TRUE);
  if (warnings != NULL && warnings[0] != NULL)
    text = g_strjoinv ("\n", warnings);

  g_free (self->status_text);
  self->status_text = text;
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_revealer_set_reveal_child (self->status_revealer, text != NULL);
}

void
_bedside_window_set_modified (BedsideWindow *self,
                              gboolean       changed)
{
  /* Only answers and patient details can be lost: without any, there is
   * nothing to save, whatever changed. */
  gboolean modified = changed && has_answers (self);

  if (self->is_modified == modified)
    return;
  self->is_modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_MODIFIED]);
}

gboolean
bedside_window_get_is_modified (BedsideWindow *self)
{
  g_return_val_if_fail (BEDSIDE_IS_WINDOW (self), FALSE);
  return self->is_modified;
}

void
_bedside_window_set_file (BedsideWindow *self,
                          GFile         *file)
{
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

GFile *
bedside_window_get_file (BedsideWindow *self)
{
  g_return_val_if_fail (BEDSIDE_IS_WINDOW (self), NULL);
  return self->file;
}

/* ---- the header: bedside-window.ui binds these to the window's file,
 * session and is-modified ---- */

static char *
dup_file_name (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_basename (file);
}

/* The file's name, else the guideline's title, else the app's; a dot
 * before it marks unsaved answers, as editors do. */
static char *
dup_header_title (BedsideWindow  *self,
                  GFile          *file,
                  BedsideSession *session,
                  gboolean        modified)
{
  g_autofree char *name = NULL;

  if (file != NULL)
    name = dup_file_name (file);
  else if (session != NULL)
    name = g_strdup (bedside_guideline_get_title (bedside_session_get_guideline (session)));
  else
    name = g_strdup (_("Bedside"));
  return modified ? g_strdup_printf ("• %s", name) : g_steal_pointer (&name);
}

/* Under a file's name, the guideline's title; under the guideline's,
 * whether the answers are only on screen. */
static char *
dup_header_subtitle (BedsideWindow  *self,
                     GFile          *file,
                     BedsideSession *session,
                     gboolean        modified)
{
  if (session == NULL)
    return NULL;
  if (file != NULL)
    return g_strdup (bedside_guideline_get_title (bedside_session_get_guideline (session)));
  return modified ? g_strdup (_("Not saved")) : NULL;
}

/* The title in the window list: the header's, and the app's name; the
 * app's alone before a consultation (the header's title changes with the
 * session).  A GBinding from the header, not an expression in the .ui:
 * in GTK 4.8 an expression bound to the window with the window as `this`
 * warns when the window is finalized. */
static gboolean
header_title_to_window_title (GBinding     *binding,
                              const GValue *from,
                              GValue       *to,
                              gpointer      user_data)
{
  BedsideWindow *self = user_data;

  if (self->session == NULL)
    g_value_set_string (to, _("Bedside"));
  else
    /* TRANSLATORS: the window's title in the window list: "back-spasm-2024-03-01.json — Bedside" */
    g_value_take_string (to, g_strdup_printf (_("%s — Bedside"), g_value_get_string (from)));
  return TRUE;
}

static void
set_session (BedsideWindow  *self,
             BedsideSession *session)
{
  if (self->session == session)
    return;
  if (session != NULL)
    bedside_session_ref (session);
  g_clear_pointer (&self->session, bedside_session_unref);
  self->session = session;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* A new consultation is a new patient: the plan page starts with what the
 * preferences name, whatever the last patient's plan showed.  The
 * audience key's enum is BEDSIDE_TYPE_AUDIENCE's ("both", for printing,
 * shows the clinician's plan); the handout's language follows its key
 * through a binding too (bedside_window_init). */
static void
apply_plan_preferences (BedsideWindow *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "handout-language");

  bedside_plan_page_set_audience (self->plan_page,
                                  (BedsideAudience) g_settings_get_enum (self->settings, "default-audience"));
  bedside_plan_page_set_handout_language (self->plan_page, language);
}

void
_bedside_window_start_session (BedsideWindow        *self,
                               BedsideSession       *session,
                               const BedsidePatient *patient)
{
  bedside_plan_page_set_plan (self->plan_page, NULL);
  set_urgent (self, NULL);

  g_clear_pointer (&self->evaluator, bedside_evaluator_free);
  self->evaluator = bedside_evaluator_new (bedside_session_get_guideline (session));
  /* The consultation and review pages follow (bedside-window.ui binds
   * their "session" to the window's). */
  set_session (self, session);
  bedside_consultation_page_set_patient (self->consultation_page, patient);
  apply_plan_preferences (self);
  update_status (self);
  check_urgent (self, FALSE);

  _bedside_window_set_file (self, NULL);
  _bedside_window_set_modified (self, FALSE);
  _bedside_window_show_page (self, "consultation");
  bedside_consultation_page_focus_first (self->consultation_page);
}

static void
start_guideline (BedsideWindow    *self,
                 BedsideGuideline *guideline)
{
  g_autoptr(BedsideSession) session = bedside_session_new (guideline);

  _bedside_window_start_session (self, session, NULL);
}

static void
start_confirmed (BedsideWindow *self,
                 gpointer       data)
{
  start_guideline (self, data);
}

static void
on_guideline_activated (BedsideLibraryPage *page,
                        BedsideGuideline   *guideline,
                        BedsideWindow      *self)
{
  /* The same guideline again resumes the consultation in progress. */
  if (self->session != NULL && bedside_session_get_guideline (self->session) == guideline)
    {
      _bedside_window_show_page (self, "consultation");
      bedside_consultation_page_focus_first (self->consultation_page);
      return;
    }
  _bedside_window_confirm_discard (self, start_confirmed, bedside_guideline_ref (guideline),
                                  (GDestroyNotify) bedside_guideline_unref);
}

void
bedside_window_clear_consultation (BedsideWindow *self)
{
  g_return_if_fail (BEDSIDE_IS_WINDOW (self));

  if (self->session == NULL)
    return;
  bedside_session_clear (self->session);
  bedside_plan_page_set_plan (self->plan_page, NULL);
  set_urgent (self, NULL);
  bedside_consultation_page_reset (self->consultation_page);
  apply_plan_preferences (self);
  /* A new consultation is not the file the last one was saved to. */
  _bedside_window_set_file (self, NULL);
  _bedside_window_set_modified (self, FALSE);
  _bedside_window_show_page (self, "consultation");
  bedside_consultation_page_focus_first (self->consultation_page);
}

static void
close_confirmed (BedsideWindow *self,
                 gpointer       data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
bedside_window_close_request (GtkWindow *window)
{
  BedsideWindow *self = BEDSIDE_WINDOW (window);
  int width, height;

  if (!self->close_confirmed && self->is_modified)
    {
      _bedside_window_confirm_discard (self, close_confirmed, NULL, NULL);
      return GDK_EVENT_STOP;
    }

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (bedside_window_parent_class)->close_request (window);
}

static void
bedside_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BedsideWindow *self = BEDSIDE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_boxed (value, self->session);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_IS_MODIFIED:
      g_value_set_boolean (value, self->is_modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bedside_window_dispose (GObject *object)
{
  BedsideWindow *self = BEDSIDE_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);
  g_clear_weak_pointer (&self->dialog);
  g_clear_pointer (&self->evaluator, bedside_evaluator_free);
  g_clear_pointer (&self->session, bedside_session_unref);
  g_clear_pointer (&self->urgent_text, g_free);
  g_clear_pointer (&self->status_text, g_free);

  G_OBJECT_CLASS (bedside_window_parent_class)->dispose (object);
}

static void
bedside_window_class_init (BedsideWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bedside_window_dispose;
  object_class->get_property = bedside_window_get_property;
  window_class->close_request = bedside_window_close_request;

  /**
   * BedsideWindow:session:
   *
   * The consultation under way (a #BedsideSession), %NULL before a
   * guideline is started.  The pages that show it bind to it.
   */
  properties[PROP_SESSION] =
    g_param_spec_boxed ("session", NULL, NULL, BEDSIDE_TYPE_SESSION,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BedsideWindow:file:
   *
   * The file the consultation was last saved to or opened from, %NULL
   * when it has none.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BedsideWindow:is-modified:
   *
   * Whether the consultation has answers or patient details that no saved
   * file holds: the header shows a dot, and closing or starting another
   * consultation asks first.
   */
  properties[PROP_IS_MODIFIED] =
    g_param_spec_boolean ("is-modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BEDSIDE_TYPE_LIBRARY_PAGE);
  g_type_ensure (BEDSIDE_TYPE_CONSULTATION_PAGE);
  g_type_ensure (BEDSIDE_TYPE_REVIEW_PAGE);
  g_type_ensure (BEDSIDE_TYPE_PLAN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/bedside/Bedside/bedside-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, urgent_revealer);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, urgent_label);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, urgent_plan_button);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, library_page);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, consultation_page);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, BedsideWindow, plan_page);
  gtk_widget_class_bind_template_callback (widget_class, on_guideline_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_answers_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_decisions_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_consultation_finished);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_item);
  gtk_widget_class_bind_template_callback (widget_class, _bedside_window_update_actions);
  gtk_widget_class_bind_template_callback (widget_class, dup_header_title);
  gtk_widget_class_bind_template_callback (widget_class, dup_header_subtitle);

  _bedside_window_class_add_actions (widget_class);
  _bedside_window_class_add_file_actions (widget_class);
}

static void
bedside_window_init (BedsideWindow *self)
{
  self->urgent_item = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-urgent-plan", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-urgent", FALSE);
  g_object_bind_property_full (self->window_title, "title", self, "title", G_BINDING_SYNC_CREATE,
                               header_title_to_window_title, NULL, self, NULL);

  /* The schema is installed with the app; uninstalled, GSETTINGS_SCHEMA_DIR
   * names the build's (meson devenv, the tests). */
  self->settings = g_settings_new (BEDSIDE_APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  /* A language chosen in the preferences applies at once. */
  g_settings_bind (self->settings, "handout-language", self->plan_page, "handout-language", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "only-verified", self->library_page, "only-verified", G_SETTINGS_BIND_GET);
  /* The handout's help box follows the preferences, as printing does. */
  g_settings_bind (self->settings, "emergency-number", self->plan_page, "emergency-number", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "clinic-name", self->plan_page, "clinic-name", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "clinic-phone", self->plan_page, "clinic-phone", G_SETTINGS_BIND_GET);

  _bedside_window_show_page (self, "library");
  bedside_library_page_focus_default (self->library_page);
}

BedsideWindow *
bedside_window_new (BedsideApplication *application)
{
  return g_object_new (BEDSIDE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
bedside_window_prepare_screenshot (BedsideWindow *self,
                                   const char    *page,
                                   const char    *answers_path)
{
  BedsideGuideline *guideline;
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (BEDSIDE_IS_WINDOW (self));

  parts = g_strsplit (page, ":", 2);
  if (g_str_equal (parts[0], "library"))
    return;

  guideline = bedside_library_page_get_first (self->library_page);
  if (guideline == NULL)
    {
      g_warning ("Screenshot: no guideline to start");
      return;
    }
  start_guideline (self, guideline);

  if (answers_path != NULL && *answers_path != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = bedside_answers_file_read (answers_path, &error);

      if (root == NULL || !bedside_session_load_answers_json (self->session, root, answers_path, &error))
        g_warning ("Screenshot: %s", error->message);
      /* The questions again, with the answers read. */
      bedside_consultation_page_reset (self->consultation_page);
      check_urgent (self, FALSE);
      _bedside_window_set_modified (self, TRUE);
    }

  if (g_str_equal (parts[0], "questionnaire"))
    {
      if (parts[1] != NULL)
        bedside_consultation_page_show_section_id (self->consultation_page, parts[1]);
      _bedside_window_show_page (self, "consultation");
    }
  else if (g_str_equal (parts[0], "review"))
    _bedside_window_show_page (self, "review");
  else if (g_str_equal (parts[0], "plan"))
    {
      _bedside_window_show_plan (self);
      if (parts[1] != NULL)
        bedside_plan_page_expand (self->plan_page, parts[1]);
    }
}

BedsideLibraryPage *
bedside_window_get_library_page (BedsideWindow *self)
{
  return self->library_page;
}

BedsideConsultationPage *
bedside_window_get_consultation_page (BedsideWindow *self)
{
  return self->consultation_page;
}

BedsideReviewPage *
bedside_window_get_review_page (BedsideWindow *self)
{
  return self->review_page;
}

BedsidePlanPage *
bedside_window_get_plan_page (BedsideWindow *self)
{
  return self->plan_page;
}

const char *
bedside_window_get_page_name (BedsideWindow *self)
{
  return page_name (self);
}

const char *
bedside_window_get_urgent_text (BedsideWindow *self)
{
  return self->urgent_text;
}

const char *
bedside_window_get_status_text (BedsideWindow *self)
{
  return self->status_text;
}

BedsideSession *
bedside_window_get_session (BedsideWindow *self)
{
  return self->session;
}

AdwWindowTitle *
bedside_window_get_header_title (BedsideWindow *self)
{
  return self->window_title;
}
