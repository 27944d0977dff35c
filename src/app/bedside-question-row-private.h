/* bedside-question-row-private.h: the row's controls, for the UI test. */
#pragma once

#include "bedside-question-row.h"

G_BEGIN_DECLS

/* Each returns NULL when the item's type uses another control. */
GtkToggleButton *bedside_question_row_get_yes_button (BedsideQuestionRow *self);
GtkToggleButton *bedside_question_row_get_no_button  (BedsideQuestionRow *self);
GtkEditable     *bedside_question_row_get_entry      (BedsideQuestionRow *self);
GtkDropDown     *bedside_question_row_get_drop_down  (BedsideQuestionRow *self);
/* The toggle button of option @code, for a choice of four options or fewer. */
GtkToggleButton *bedside_question_row_get_choice_button (BedsideQuestionRow *self,
                                                         const char         *code);
/* The label of the inline validation message, shown or not. */
GtkLabel        *bedside_question_row_get_error_label (BedsideQuestionRow *self);
/* The inline validation message shown, or NULL. */
const char      *bedside_question_row_get_error      (BedsideQuestionRow *self);

G_END_DECLS
