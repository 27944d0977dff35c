/* bedside-consultation-page-private.h: the questionnaire's widgets, for the UI test. */
#pragma once

#include "bedside-consultation-page.h"
#include "bedside-question-row.h"

G_BEGIN_DECLS

/* The row of item @item_id in the page, or NULL. */
BedsideQuestionRow *bedside_consultation_page_get_question     (BedsideConsultationPage *self,
                                                                const char              *item_id);
/* The index of the section shown, -1 if none. */
gint                bedside_consultation_page_get_section      (BedsideConsultationPage *self);
GtkEditable        *bedside_consultation_page_get_patient_name (BedsideConsultationPage *self);
GtkEditable        *bedside_consultation_page_get_visit_date   (BedsideConsultationPage *self);
/* The inline message under the visit date, shown or not. */
GtkLabel           *bedside_consultation_page_get_visit_date_error (BedsideConsultationPage *self);
/* "Section 2 — Red flags" */
const char         *bedside_consultation_page_get_progress     (BedsideConsultationPage *self);
GtkProgressBar     *bedside_consultation_page_get_progress_bar (BedsideConsultationPage *self);

G_END_DECLS
