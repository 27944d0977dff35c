/* bedside-question-row.h: one questionnaire item, shown with the control its type needs. */
#pragma once

#include <adwaita.h>

#include "bedside-session.h"

G_BEGIN_DECLS

#define BEDSIDE_TYPE_QUESTION_ROW (bedside_question_row_get_type ())

G_DECLARE_FINAL_TYPE (BedsideQuestionRow, bedside_question_row, BEDSIDE, QUESTION_ROW, AdwPreferencesRow)

/* Shows item @item of @session and writes what the user answers into it;
 * emits "answer-changed" after each change the session accepted or cleared. */
GtkWidget *bedside_question_row_new      (BedsideSession     *session,
                                          guint               item);
guint      bedside_question_row_get_item (BedsideQuestionRow *self);
/* Takes the answer back: nothing selected or typed, the session's answer
 * cleared; emits "answer-changed". */
void       bedside_question_row_clear    (BedsideQuestionRow *self);
/* Moves the keyboard focus to the row's control. */
void       bedside_question_row_focus    (BedsideQuestionRow *self);

G_END_DECLS
