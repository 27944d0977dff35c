/* bedside-consultation-page.h: the questionnaire, one section at a time. */
#pragma once

#include <adwaita.h>

#include "bedside-consultation.h"
#include "bedside-session.h"

G_BEGIN_DECLS

#define BEDSIDE_TYPE_CONSULTATION_PAGE (bedside_consultation_page_get_type ())

G_DECLARE_FINAL_TYPE (BedsideConsultationPage, bedside_consultation_page, BEDSIDE, CONSULTATION_PAGE, AdwBin)

/* The "session" property: shows @session from its first enabled section;
 * NULL empties the page. */
void       bedside_consultation_page_set_session       (BedsideConsultationPage *self,
                                                        BedsideSession          *session);
/* (transfer none) */
BedsideSession *bedside_consultation_page_get_session  (BedsideConsultationPage *self);
/* Rebuilds the questions from the session's answers and forgets the
 * patient details, back at the first section. */
void       bedside_consultation_page_reset             (BedsideConsultationPage *self);
/* Next is refused while the section is not valid; after the last section
 * the page emits "finished". */
gboolean   bedside_consultation_page_go_next           (BedsideConsultationPage *self);
gboolean   bedside_consultation_page_go_previous       (BedsideConsultationPage *self);
/* Shows the section of @item and puts the focus on its control. */
/* The item answered (or changed) last, -1 when none. */
gint       bedside_consultation_page_get_last_changed  (BedsideConsultationPage *self);
/* Takes back the answer to @item, on screen and in the session. */
void       bedside_consultation_page_clear_answer      (BedsideConsultationPage *self,
                                                        guint                    item);
void       bedside_consultation_page_show_item         (BedsideConsultationPage *self,
                                                        guint                    item);
/* Shows the section with id @section_id, if enabled. */
gboolean   bedside_consultation_page_show_section_id   (BedsideConsultationPage *self,
                                                        const char              *section_id);
gboolean   bedside_consultation_page_has_patient_details (BedsideConsultationPage *self);
/* The patient details typed in, or NULL when there are none; the page
 * emits "patient-changed" when the user edits them. */
BedsidePatient *bedside_consultation_page_dup_patient  (BedsideConsultationPage *self);
void       bedside_consultation_page_set_patient       (BedsideConsultationPage *self,
                                                        const BedsidePatient    *patient);
/* The button the window makes its default widget while the page shows. */
GtkWidget *bedside_consultation_page_get_next_button   (BedsideConsultationPage *self);
void       bedside_consultation_page_focus_first       (BedsideConsultationPage *self);

G_END_DECLS
