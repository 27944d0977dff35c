/* bedside-export.h: Export PDF (the file chooser and its choices) and the names a printed plan is given. */
#pragma once

#include <adwaita.h>

#include "bedside-render-pages.h"

G_BEGIN_DECLS

/* Asks for a file (GtkFileChooserNative: portal-friendly), proposing
 * bedside_export_dup_file_name(), with a choice of contents (@audience
 * first) and of the handout's language, and writes the pages with
 * bedside_pages_save_pdf().  The outcome is a toast on @toasts (may be
 * NULL). */
void        bedside_export_pdf                (GtkWindow                *parent,
                                               AdwToastOverlay          *toasts,
                                               BedsideCarePlan          *plan,
                                               BedsideAudience           audience,
                                               const BedsidePageOptions *options,
                                               BedsidePaper              paper);

/* "back-spasm-2026-11-25": the guideline and today's date, never the
 * patient; the print job's name.  (transfer full) */
/* "back-spasm-2026-12-07-1430", or with the patient's name in it when
 * @patient_name is given (only when their details go into the file). */
char       *bedside_export_dup_base_name      (BedsideGuideline         *guideline,
                                               const char               *patient_name);
/* Where Save and Export start: the user's Documents folder (home without one).
 * (transfer full) */
GFile      *bedside_export_dup_default_folder (void);
char       *bedside_export_dup_document_name  (BedsideCarePlan          *plan);
/* "back-spasm-2026-11-25.pdf" (transfer full) */
char       *bedside_export_dup_file_name      (BedsideCarePlan          *plan);

/* What a printout of @audience is called in the print dialog's Contents
 * tab and in Export PDF's choice. (transfer none) */
const char *bedside_export_get_audience_label (BedsideAudience           audience);

G_END_DECLS
