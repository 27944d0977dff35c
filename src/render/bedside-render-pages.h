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

/**
 * bedside_pages_error_quark:
 *
 * The error domain of printed pages (#BedsidePagesError).
 *
 * Returns: the quark of %BEDSIDE_PAGES_ERROR
 */
GQuark bedside_pages_error_quark (void);

typedef enum {
  BEDSIDE_PAPER_A4,
  BEDSIDE_PAPER_LETTER,
} BedsidePaper;

/**
 * bedside_paper_from_string:
 * @text: (nullable): "a4" or "letter"
 * @paper: (out): the paper it names
 *
 * Returns: TRUE when @text names a paper
 */
gboolean     bedside_paper_from_string (const char   *text,
                                        BedsidePaper *paper);

/**
 * bedside_paper_to_string:
 * @paper: a paper size
 *
 * Returns: (transfer none): "a4" or "letter"
 */
const char  *bedside_paper_to_string   (BedsidePaper  paper);

/**
 * bedside_paper_get_size:
 * @paper: a paper size
 * @width: (out): its width in points (1/72 inch)
 * @height: (out): its height in points
 */
void         bedside_paper_get_size    (BedsidePaper  paper,
                                        double       *width,
                                        double       *height);

/**
 * bedside_paper_get_default:
 *
 * The paper of the locale: LC_PAPER's width where the C library knows it,
 * else US Letter in the United States and Canada and A4 elsewhere.  Needs
 * setlocale() to have been called.
 *
 * Returns: the paper size
 */
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

/**
 * bedside_page_options_new:
 * @view: (nullable): the options to copy; %NULL: all unset
 *
 * Returns: (transfer full): owned options with copies of @view's strings and
 *   a reference to its handout
 */
BedsidePageOptions *bedside_page_options_new      (const BedsidePageOptionsView *view);

/**
 * bedside_page_options_copy:
 * @options: (nullable): owned options; %NULL: all unset
 *
 * Returns: (transfer full): a copy that owns its own strings and handout
 */
BedsidePageOptions *bedside_page_options_copy     (const BedsidePageOptions     *options);

/**
 * bedside_page_options_free:
 * @options: (nullable) (transfer full): owned options
 *
 * Frees the strings and drops the handout.
 */
void                bedside_page_options_free     (BedsidePageOptions           *options);

/**
 * bedside_page_options_get_view:
 * @options: owned options
 * @view: (out caller-allocates): a view of @options, borrowed: valid while
 *   @options is neither changed nor freed
 */
void                bedside_page_options_get_view (const BedsidePageOptions     *options,
                                                   BedsidePageOptionsView       *view);

typedef struct _BedsidePages BedsidePages;

/**
 * bedside_pages_new:
 * @plan: (transfer none): a plan; the pages keep a reference
 * @audience: for whom; BEDSIDE_AUDIENCE_BOTH gives the clinician plan followed
 *   by the handout, each numbered on its own
 * @options: (nullable) (transfer none): what the page shows besides the plan;
 *   read during the call and copied
 *
 * The pages of @plan for @audience.
 *
 * Returns: (transfer full): the pages, not yet paginated
 */
BedsidePages *bedside_pages_new       (BedsideCarePlan              *plan,
                                       BedsideAudience               audience,
                                       const BedsidePageOptionsView *options);

/**
 * bedside_pages_free:
 * @self: (nullable) (transfer full): pages
 */
void          bedside_pages_free      (BedsidePages             *self);

/**
 * bedside_pages_paginate:
 * @self: pages
 * @width: the paper's width in points
 * @height: the paper's height in points
 *
 * Lays the plan out on pages of @width × @height points.  Called again for
 * another paper size, it starts over.
 */
void          bedside_pages_paginate  (BedsidePages             *self,
                                       double                    width,
                                       double                    height);

/**
 * bedside_pages_get_n_pages:
 * @self: paginated pages
 *
 * Returns: how many pages there are
 */
guint         bedside_pages_get_n_pages (BedsidePages           *self);

/**
 * bedside_pages_draw_page:
 * @self: paginated pages
 * @cr: where to draw: its user space is the page in points, with the origin
 *   at its top left corner
 * @page: the page, from 0
 *
 * Draws page @page on @cr.
 */
void          bedside_pages_draw_page (BedsidePages             *self,
                                       cairo_t                  *cr,
                                       guint                     page);

/**
 * bedside_pages_get_print_area:
 * @self: paginated pages
 * @x: (out): the left edge, in points
 * @y: (out): the top edge
 * @width: (out): the width
 * @height: (out): the height
 *
 * The area every printed mark lies in: the page less its margins.
 */
void          bedside_pages_get_print_area (BedsidePages        *self,
                                            double              *x,
                                            double              *y,
                                            double              *width,
                                            double              *height);

/**
 * bedside_pages_get_body_area:
 * @self: paginated pages
 * @x: (out): the left edge, in points
 * @y: (out): the top edge
 * @width: (out): the width
 * @height: (out): the height
 *
 * The part of the print area between the running header and the footer.
 */
void          bedside_pages_get_body_area  (BedsidePages        *self,
                                            double              *x,
                                            double              *y,
                                            double              *width,
                                            double              *height);

/**
 * bedside_pages_write_pdf:
 * @self: pages
 * @paper: the paper to paginate for
 * @stream: where to write; it is not closed
 * @cancellable: (nullable): a #GCancellable
 * @error: BEDSIDE_PAGES_ERROR_CAIRO, or the stream's error
 *
 * Paginates for @paper and writes every page as PDF to @stream.  What the
 * app exports and bedside-cli writes.
 *
 * Returns: TRUE when the whole document was written
 */
gboolean      bedside_pages_write_pdf (BedsidePages             *self,
                                       BedsidePaper              paper,
                                       GOutputStream            *stream,
                                       GCancellable             *cancellable,
                                       GError                  **error);

/**
 * bedside_pages_save_pdf:
 * @self: pages
 * @paper: the paper to paginate for
 * @file: the file to write, replaced atomically
 * @cancellable: (nullable): a #GCancellable
 * @error: as bedside_pages_write_pdf() and bedside_replace_stream_new()
 *
 * The same, to @file, replaced atomically: what the app's Export PDF does.
 *
 * Returns: TRUE when @file holds the document
 */
gboolean      bedside_pages_save_pdf  (BedsidePages             *self,
                                       BedsidePaper              paper,
                                       GFile                    *file,
                                       GCancellable             *cancellable,
                                       GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsidePageOptions, bedside_page_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsidePages, bedside_pages_free)

G_END_DECLS
