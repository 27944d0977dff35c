/* bedside-render-pages.h: a care plan as printed pages, drawn with Cairo and Pango on any cairo_t. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "bedside-care-plan.h"
#include "bedside-render.h"

G_BEGIN_DECLS

#define BEDSIDE_PAGES_ERROR (bedside_pages_error_quark ())

typedef enum {
  BEDSIDE_PAGES_ERROR_CAIRO,          /* the PDF surface failed */
} BedsidePagesError;

GQuark bedside_pages_error_quark (void);

typedef enum {
  BEDSIDE_PAPER_A4,
  BEDSIDE_PAPER_LETTER,
} BedsidePaper;

/* "a4" or "letter". */
gboolean     bedside_paper_from_string (const char   *text,
                                        BedsidePaper *paper);
const char  *bedside_paper_to_string   (BedsidePaper  paper);
/* The paper size in points (1/72 inch). */
void         bedside_paper_get_size    (BedsidePaper  paper,
                                        double       *width,
                                        double       *height);
/* The paper of the locale: LC_PAPER's width where the C library knows it,
 * else US Letter in the United States and Canada and A4 elsewhere.  Needs
 * setlocale() to have been called. */
BedsidePaper bedside_paper_get_default (void);

/* What the page shows besides the plan, as a borrowed view: the strings
 * and @handout stay the caller's, and whoever reads a view keeps nothing
 * of it (bedside_pages_new() copies what it needs), so a view on the
 * stack may point at the caller's own strings.  Every field may be NULL
 * or 0. */
typedef struct {
  const char         *clinic_name;
  const char         *clinic_address;
  const char         *clinic_phone;
  /* On every handout, in its help box with the clinic's phone; NULL or
   * "": BEDSIDE_DEFAULT_EMERGENCY_NUMBER. */
  const char         *emergency_number;
  const char         *patient_name;
  const char         *visit_date;
  /* The date in the footer; NULL: today, as YYYY-MM-DD. */
  const char         *printed_date;
  /* The margin on every side in points; 0: the default, half an inch,
   * well inside the area any printer can print. */
  double              margin;
  /* The handout's language: its texts from the guideline's translation,
   * its headings and footer from Bedside's catalog for that language (see
   * BedsideTranslation).  NULL: the guideline's own texts, headings in the
   * interface's language.  The clinician plan is not affected. */
  BedsideTranslation *handout;
} BedsidePageOptionsView;

/* The same options, owned, for keeping them: each string is the struct's
 * own (g_free() it before replacing it), @handout a reference of its own.
 * Made only by bedside_page_options_new() or _copy(), freed by
 * bedside_page_options_free(). */
typedef struct {
  char               *clinic_name;
  char               *clinic_address;
  char               *clinic_phone;
  char               *emergency_number;
  char               *patient_name;
  char               *visit_date;
  char               *printed_date;
  double              margin;
  BedsideTranslation *handout;
} BedsidePageOptions;

/* Owned options with copies of @view's strings and a reference to its
 * handout; @view NULL: all unset. */
BedsidePageOptions *bedside_page_options_new      (const BedsidePageOptionsView *view);
BedsidePageOptions *bedside_page_options_copy     (const BedsidePageOptions     *options);
void                bedside_page_options_free     (BedsidePageOptions           *options);
/* A view of @options, valid while @options is neither changed nor freed. */
void                bedside_page_options_get_view (const BedsidePageOptions     *options,
                                                   BedsidePageOptionsView       *view);

typedef struct _BedsidePages BedsidePages;

/* The pages of @plan for @audience; BEDSIDE_AUDIENCE_BOTH gives the
 * clinician plan followed by the handout, each numbered on its own. */
BedsidePages *bedside_pages_new       (BedsideCarePlan              *plan,
                                       BedsideAudience               audience,
                                       const BedsidePageOptionsView *options);
void          bedside_pages_free      (BedsidePages             *self);

/* Lays the plan out on pages of @width × @height points.  Called again
 * for another paper size, it starts over. */
void          bedside_pages_paginate  (BedsidePages             *self,
                                       double                    width,
                                       double                    height);
guint         bedside_pages_get_n_pages (BedsidePages           *self);
/* Draws page @page (from 0) on @cr, whose user space is the page in
 * points with the origin at its top left corner. */
void          bedside_pages_draw_page (BedsidePages             *self,
                                       cairo_t                  *cr,
                                       guint                     page);
/* The area every printed mark lies in (the page less its margins), and
 * the part of it between the running header and the footer, in points. */
void          bedside_pages_get_print_area (BedsidePages        *self,
                                            double              *x,
                                            double              *y,
                                            double              *width,
                                            double              *height);
void          bedside_pages_get_body_area  (BedsidePages        *self,
                                            double              *x,
                                            double              *y,
                                            double              *width,
                                            double              *height);

/* Paginates for @paper and writes every page as PDF to @stream, which it
 * does not close.  What the app exports and bedside-cli writes. */
gboolean      bedside_pages_write_pdf (BedsidePages             *self,
                                       BedsidePaper              paper,
                                       GOutputStream            *stream,
                                       GCancellable             *cancellable,
                                       GError                  **error);

/* The same, to @file, replaced atomically: what the app's Export PDF does. */
gboolean      bedside_pages_save_pdf  (BedsidePages             *self,
                                       BedsidePaper              paper,
                                       GFile                    *file,
                                       GCancellable             *cancellable,
                                       GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsidePageOptions, bedside_page_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsidePages, bedside_pages_free)

G_END_DECLS
