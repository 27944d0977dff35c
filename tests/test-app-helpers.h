/* test-app-helpers.h: what the UI tests share: the app, Xvfb, and helpers that act as a user would. */
#pragma once

#include <adwaita.h>

#include "bedside-application.h"
#include "bedside-consultation-page-private.h"
#include "bedside-library-page-private.h"
#include "bedside-plan-page-private.h"
#include "bedside-preferences-window-private.h"
#include "bedside-question-row-private.h"
#include "bedside-review-page-private.h"
#include "bedside-window-private.h"

G_BEGIN_DECLS

extern BedsideApplication *app;

/* Starts Xvfb when there is no display, so the test needs none of its own. */
void                start_xvfb_if_needed    (void);
void                stop_xvfb               (void);

/* Runs the main loop until it is idle (a few rounds). */
void                iterate                 (void);
/* Activates @widget as Enter or Space would, and waits for the click. */
void                activate_and_wait       (GtkWidget     *widget);

BedsideWindow      *open_window             (void);
/* Destroys the window: no question asked. */
void                close_window            (BedsideWindow *window);
/* Closes the window as the user would, agreeing to lose what is unsaved. */
void                close_window_discarding (BedsideWindow *window);
/* Starts the first guideline of the library, as Enter on its row would. */
void                start_first_guideline   (BedsideWindow *window);

BedsideQuestionRow *question                (BedsideWindow *window,
                                             const char    *id);
gboolean            question_visible        (BedsideWindow *window,
                                             const char    *id);
void                answer_boolean          (BedsideWindow *window,
                                             const char    *id,
                                             gboolean       yes);
void                answer_text             (BedsideWindow *window,
                                             const char    *id,
                                             const char    *text);
void                answer_choice           (BedsideWindow *window,
                                             const char    *id,
                                             const char    *code);
/* Age 40, not pregnant, and the name "Test Patient"; then Next. */
void                answer_patient_section  (BedsideWindow *window);
void                press_next              (BedsideWindow *window);
const char         *current_section_id      (BedsideWindow *window);
gboolean            strv_contains           (GStrv          strv,
                                             const char    *id);

/* Clicks the button of @response in the message dialog on screen. */
void                click_response          (BedsideWindow *window,
                                             const char    *response);
/* The heading of the message dialog on screen, or NULL. */
const char         *dialog_heading          (BedsideWindow *window);
/* The session's answers as compact JSON. */
char               *answers_json            (BedsideWindow *window);
/* The window's title, with its dot when answers are unsaved. */
const char         *header_title            (BedsideWindow *window);
char               *make_temp_dir           (void);
/* Removes @dir and everything in it. */
void                remove_temp_dir         (const char    *dir);
/* Copies @from_dir/medicines/ (the records the guidelines there load) into
 * @to_dir/medicines/. */
void                copy_medicines          (const char    *from_dir,
                                             const char    *to_dir);

/* test-app-files.c */
void test_app_files_add_tests (void);
/* test-app-bind.c */
void test_app_bind_add_tests  (void);

G_END_DECLS
