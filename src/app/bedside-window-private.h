/* bedside-window-private.h: the window's state, shared by its source files and the UI test. */
#pragma once

#include "bedside-consultation-page.h"
#include "bedside-evaluator.h"
#include "bedside-library-page.h"
#include "bedside-plan-page.h"
#include "bedside-review-page.h"
#include "bedside-window.h"

G_BEGIN_DECLS

struct _BedsideWindow
{
  AdwApplicationWindow     parent_instance;

  GSettings               *settings;
  BedsideSession          *session;
  BedsideEvaluator        *evaluator;
  char                    *urgent_text; /* NULL: no urgent action */
  gboolean                 urgent_plan_shown; /* the settled urgent plan is on the plan page */
  gint                     urgent_item;  /* the answer that raised it (Undo), -1: none */
  char                    *status_text; /* NULL: approved guideline */

  /* The consultation's file and whether its answers are unsaved: the
   * "file" and "is-modified" properties, set through their setters. */
  GFile                   *file;
  gboolean                 is_modified;
  gboolean                 include_patient;  /* the last choice in the Save dialog */
  gboolean                 close_confirmed;
  GtkNativeDialog         *file_chooser;
  AdwMessageDialog        *dialog;           /* weak: the message on screen */

  AdwToastOverlay         *toast_overlay;
  GtkWidget               *back_button;
  AdwWindowTitle          *window_title;
  GtkRevealer             *status_revealer;
  GtkLabel                *status_label;
  GtkRevealer             *urgent_revealer;
  GtkLabel                *urgent_label;
  GtkWidget               *urgent_plan_button;
  GtkStack                *stack;
  BedsideLibraryPage      *library_page;
  BedsideConsultationPage *consultation_page;
  BedsideReviewPage       *review_page;
  BedsidePlanPage         *plan_page;
};

/* ---- between bedside-window.c, bedside-window-actions.c and
 * bedside-window-files.c only ----
 * The leading underscore says so: no other file calls these. */

typedef void (*BedsideWindowFunc) (BedsideWindow *self,
                                   gpointer       data);

/* Runs @func at once when no answers would be lost; otherwise asks first
 * (Cancel, Discard, Save), and after Save only once the file is written.
 * @destroy frees @data whether or not @func ran. */
void     _bedside_window_confirm_discard    (BedsideWindow     *self,
                                             BedsideWindowFunc  func,
                                             gpointer           data,
                                             GDestroyNotify     destroy);
/* Makes @session (transfer none) the consultation, with @patient (may be
 * NULL), from its first section; forgets the file, and is not modified. */
void     _bedside_window_start_session      (BedsideWindow         *self,
                                             BedsideSession        *session,
                                             const BedsidePatient  *patient);
void     _bedside_window_show_page          (BedsideWindow     *self,
                                             const char        *name);
/* The one setter of "is-modified".  @changed: the answers or the patient
 * details changed since they were saved or opened; FALSE: a file holds
 * them, or there are none yet.  A consultation without answers or
 * details has nothing to lose and is not modified either way. */
void     _bedside_window_set_modified       (BedsideWindow     *self,
                                             gboolean           changed);
/* The one setter of "file" (NULL: none). */
void     _bedside_window_set_file           (BedsideWindow     *self,
                                             GFile             *file);
/* Enables the actions that make sense on the page shown. */
void     _bedside_window_update_actions     (BedsideWindow     *self);
/* Evaluates the answers and shows the plan (or says why it cannot). */
void     _bedside_window_show_plan          (BedsideWindow     *self);
/* bedside-window-actions.c and bedside-window-files.c install theirs. */
void     _bedside_window_class_add_actions      (GtkWidgetClass *widget_class);
void     _bedside_window_class_add_file_actions (GtkWidgetClass *widget_class);

/* ---- for the UI test ---- */

BedsideLibraryPage      *bedside_window_get_library_page      (BedsideWindow *self);
BedsideConsultationPage *bedside_window_get_consultation_page (BedsideWindow *self);
BedsideReviewPage       *bedside_window_get_review_page       (BedsideWindow *self);
BedsidePlanPage         *bedside_window_get_plan_page         (BedsideWindow *self);
/* "library", "consultation", "review" or "plan" */
const char              *bedside_window_get_page_name         (BedsideWindow *self);
/* The urgent announcement shown, or NULL. */
const char              *bedside_window_get_urgent_text       (BedsideWindow *self);
/* The guideline status warning shown, or NULL. */
const char              *bedside_window_get_status_text       (BedsideWindow *self);
/* Clears the consultation without asking (what "New Consultation" does
 * once the user agreed). */
void                     bedside_window_clear_consultation    (BedsideWindow *self);
/* The header's title and subtitle, as bedside-window.ui binds them. */
AdwWindowTitle          *bedside_window_get_header_title      (BedsideWindow *self);
/* The message dialog on screen (a question, a warning or an error), or NULL. */
AdwMessageDialog        *bedside_window_get_dialog            (BedsideWindow *self);

/* What Save… does once its file chooser returns a file: the error goes
 * to the caller. */
gboolean                 bedside_window_save_to_file          (BedsideWindow  *self,
                                                               GFile          *file,
                                                               gboolean        include_patient,
                                                               GError        **error);

G_END_DECLS
