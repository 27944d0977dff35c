/* bedside-print-operation.h: printing a care plan (with preview) and exporting it as PDF. */
#pragma once

#include <adwaita.h>

#include "bedside-consultation.h"
#include "bedside-render-pages.h"

G_BEGIN_DECLS

#define BEDSIDE_TYPE_PRINT_OPERATION (bedside_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (BedsidePrintOperation, bedside_print_operation, BEDSIDE, PRINT_OPERATION, GtkPrintOperation)

/* Prints the pages of @plan as the page renderer draws them, so what is
 * printed is what Export PDF writes.  The dialog's "Contents" tab chooses the
 * clinician plan, the patient handout or both, @audience first. */
BedsidePrintOperation *bedside_print_operation_new          (BedsideCarePlan          *plan,
                                                             BedsideAudience           audience,
                                                             const BedsidePageOptions *options,
                                                             BedsidePaper              paper);

/* The language the handout is printed in: the Contents tab's choice once
 * applied, first the language of @options's handout (or the guideline's). */
const char            *bedside_print_operation_get_handout_language (BedsidePrintOperation *self);
/* Why begin-print cancelled the print (a handout in a language it cannot
 * be given in), or NULL. */
const char            *bedside_print_operation_get_refusal  (BedsidePrintOperation *self);

/* The page options of the preferences (clinic, emergency number;
 * @settings may be NULL) and
 * of @patient (may be NULL). */
BedsidePageOptions    *bedside_print_page_options_new       (GSettings                *settings,
                                                             const BedsidePatient     *patient);
/* The preferences' paper, else the locale's. */
BedsidePaper           bedside_print_get_paper              (GSettings                *settings);
/* What to print first: the handout when it is on screen, else what the
 * preferences name ("both" included). */
BedsideAudience        bedside_print_get_audience           (GSettings                *settings,
                                                             BedsideAudience           shown);

/* Runs the print dialog for @plan over @parent; errors become a toast. */
void                   bedside_print_plan                   (GtkWindow                *parent,
                                                             AdwToastOverlay          *toasts,
                                                             BedsideCarePlan          *plan,
                                                             BedsideAudience           audience,
                                                             const BedsidePageOptions *options,
                                                             BedsidePaper              paper);
/* Asks for a file (GtkFileChooserNative: portal-friendly), proposing
 * "<guideline-id>-<YYYY-MM-DD>.pdf", with a choice of contents, and writes
 * the pages with bedside_pages_save_pdf(). */
void                   bedside_print_export_pdf             (GtkWindow                *parent,
                                                             AdwToastOverlay          *toasts,
                                                             BedsideCarePlan          *plan,
                                                             BedsideAudience           audience,
                                                             const BedsidePageOptions *options,
                                                             BedsidePaper              paper);
/* "back-spasm-2026-11-25.pdf" */
char                  *bedside_print_default_file_name      (BedsideCarePlan          *plan);

G_END_DECLS
