/* bedside-print-operation.h: printing a care plan (with preview): the pages the renderer draws, and the dialog's Contents tab. */
#pragma once

#include <adwaita.h>

#include "bedside-render-pages.h"

G_BEGIN_DECLS

#define BEDSIDE_TYPE_PRINT_OPERATION (bedside_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (BedsidePrintOperation, bedside_print_operation, BEDSIDE, PRINT_OPERATION, GtkPrintOperation)

/* Prints the pages of @plan as the page renderer draws them, so what is
 * printed is what Export PDF writes.  The dialog's "Contents" tab chooses the
 * clinician plan, the patient handout or both, @audience first.  The
 * printer and page chosen at the last print done (bedside-print-settings.h)
 * are offered again, else @paper; a print done saves them. */
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

/* Runs the print dialog for @plan over @parent; errors become a toast. */
void                   bedside_print_plan                   (GtkWindow                *parent,
                                                             AdwToastOverlay          *toasts,
                                                             BedsideCarePlan          *plan,
                                                             BedsideAudience           audience,
                                                             const BedsidePageOptions *options,
                                                             BedsidePaper              paper);
G_END_DECLS
