/* bedside-render-pages.c: pages of a care plan: blocks measured with Pango, paginated, drawn with Cairo. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdint.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "bedside-render-pages-private.h"
#include "bedside-replace-stream.h"

/* Half an inch: well inside the area any office printer can print. */
#define DEFAULT_MARGIN 36.0
#define HEADER_GAP     10.0   /* between the header's rule and the body */
#define FOOTER_GAP     8.0
struct _BedsidePages {
  BedsideCarePlan    *plan;
  BedsidePageOptions *options;
  PangoContext       *context;
  BedsidePagesDoc    *docs[2];
  guint               n_docs;
  double              page_width;
  double              page_height;
  double              margin;
  gboolean            paginated;
};

G_DEFINE_QUARK (bedside-pages-error-quark, bedside_pages_error)

/* The clinician plan is read at a desk: compact, with the evidence. */
static const BedsidePagesStyle clinician_style = {
  .font_size = { 17.0, 12.5, 10.5, 10.0, 8.5, 10.0, 7.5 },
  .line_spacing = 1.08,
  .piece_gap = 2.5,
  .block_gap = 7.0,
  .section_gap = 13.0,
};

/* The handout is read at home, often by someone in pain: large type, tried
 * from the most generous to the tightest until the pages are fewest.  The
 * body never goes below 12 pt. */
static const BedsidePagesStyle handout_styles[] = {
  {
    .font_size = { 20.0, 15.0, 13.0, 13.0, 12.0, 11.0, 7.5 },
    .line_spacing = 1.1,
    .piece_gap = 3.0,
    .block_gap = 8.0,
    .section_gap = 14.0,
  },
  {
    .font_size = { 18.0, 14.0, 12.5, 12.5, 12.0, 11.0, 7.5 },
    .line_spacing = 1.04,
    .piece_gap = 2.0,
    .block_gap = 6.0,
    .section_gap = 11.0,
  },
  {
    .font_size = { 16.0, 13.0, 12.0, 12.0, 12.0, 10.5, 7.5 },
    .line_spacing = 1.0,
    .piece_gap = 1.5,
    .block_gap = 4.0,
    .section_gap = 7.0,
  },
  {
    .font_size = { 15.0, 12.5, 12.0, 12.0, 12.0, 10.5, 7.5 },
    .line_spacing = 0.95,
    .piece_gap = 1.0,
    .block_gap = 3.0,
    .section_gap = 5.0,
  },
  {
    .font_size = { 14.0, 12.0, 12.0, 12.0, 12.0, 10.0, 7.5 },
    .line_spacing = 0.92,
    .piece_gap = 0.5,
    .block_gap = 2.5,
    .section_gap = 4.0,
  },
};

/* Paper ----------------------------------------------------------------- */

gboolean
bedside_paper_from_string (const char   *text,
                           BedsidePaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (g_strcmp0 (text, "a4") == 0)
    *paper = BEDSIDE_PAPER_A4;
  else if (g_strcmp0 (text, "letter") == 0)
    *paper = BEDSIDE_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

const char *
bedside_paper_to_string (BedsidePaper paper)
{
  return paper == BEDSIDE_PAPER_LETTER ? "letter" : "a4";
}

void
bedside_paper_get_size (BedsidePaper  paper,
                        double       *width,
                        double       *height)
{
  if (paper == BEDSIDE_PAPER_LETTER)
    {
      *width = 8.5 * 72.0;
      *height = 11.0 * 72.0;
    }
  else
    {
      *width = 210.0 * 72.0 / 25.4;
      *height = 297.0 * 72.0 / 25.4;
    }
}

BedsidePaper
bedside_paper_get_default (void)
{
  const char *locale;

#ifdef _NL_PAPER_WIDTH
  {
    /* glibc answers with the width in millimetres, as an int in the pointer. */
    intptr_t width = (intptr_t) nl_langinfo (_NL_PAPER_WIDTH);

    if (width == 216)
      return BEDSIDE_PAPER_LETTER;
    if (width == 210)
      return BEDSIDE_PAPER_A4;
  }
#endif

  locale = setlocale (LC_PAPER, NULL);
  if (locale != NULL &&
      (g_str_has_prefix (locale, "en_US") || g_str_has_prefix (locale, "en_CA") ||
       g_str_has_prefix (locale, "fr_CA") || g_str_has_prefix (locale, "es_US")))
    return BEDSIDE_PAPER_LETTER;
  return BEDSIDE_PAPER_A4;
}

static PangoLayout *
page_number_layout (BedsidePagesDoc *doc,
                    guint            page,
                    guint            n_pages)
{
  /* TRANSLATORS: the footer of every printed page */
  g_autofree char *text = g_strdup_printf (bedside_pages_doc_gettext (doc, N_("Page %u of %u")), page, n_pages);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  PangoLayout *layout = bedside_pages_doc_new_layout (doc, BEDSIDE_PAGES_FONT_FOOTER, doc->width * 0.2, escaped);

  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  return layout;
}

/* Documents ------------------------------------------------------------ */

static char *
format_footer (BedsidePagesDoc *doc)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (doc->plan);
  BedsideGuideline *texts = bedside_pages_doc_get_texts (doc);
  g_autofree char *status = NULL;
  g_autofree char *today = NULL;
  const char *printed = doc->options->printed_date;
  const char *sha256 = bedside_guideline_get_sha256 (guideline);
  g_autofree char *text = NULL;

  if (printed == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      printed = today = g_date_time_format (now, "%Y-%m-%d");
    }

  /* The printed page can be traced to the exact guideline text.  The
   * review status is the clinician's business: the handout's footer keeps
   * the version and the checksum. */
  if (doc->audience == BEDSIDE_AUDIENCE_PATIENT)
    /* TRANSLATORS: the footer of a printed patient handout: guideline id,
     * version, the first 12 digits of the file's SHA-256, and the date printed */
    text = g_strdup_printf (bedside_pages_doc_gettext (doc, N_("%s %s · SHA-256 %.12s · printed %s")),
                            bedside_guideline_get_id (guideline),
                            bedside_guideline_get_version (guideline),
                            sha256 != NULL ? sha256 : "", printed);
  else
    {
      status = bedside_render_format_status (bedside_guideline_get_status (guideline));
      /* TRANSLATORS: the footer of a printed plan: guideline id, version, review
       * status, the first 12 digits of the file's SHA-256, and the date printed */
      text = g_strdup_printf (bedside_pages_doc_gettext (doc, N_("%s %s · %s · SHA-256 %.12s · printed %s")),
                              bedside_guideline_get_id (guideline),
                              bedside_guideline_get_version (guideline),
                              status, sha256 != NULL ? sha256 : "", printed);
    }
  /* …and a translated handout to the exact translation too. */
  if (texts != guideline)
    {
      const char *translated_sha256 = bedside_guideline_get_sha256 (texts);
      char *with_translation = g_strdup_printf ("%s · %s %s SHA-256 %.12s", text,
                                                bedside_pages_doc_gettext (doc, N_("Translation")),
                                                bedside_guideline_get_language (texts),
                                                translated_sha256 != NULL ? translated_sha256 : "");
      g_free (text);
      text = with_translation;
    }
  return g_markup_escape_text (text, -1);
}

/* Lays @doc out with @style on a column of @width, within a body of
 * @body_height; returns the number of pages. */
static guint
doc_layout (BedsidePagesDoc         *doc,
            const BedsidePagesStyle *style,
            double                   width,
            double                   full_height)
{
  g_autofree char *footer = NULL;
  PangoLayout *sample;
  double body_height;

  doc->style = *style;
  doc->width = width;
  bedside_pages_doc_clear_blocks (doc);

  if (doc->audience == BEDSIDE_AUDIENCE_PATIENT)
    bedside_pages_build_handout (doc);
  else
    bedside_pages_build_clinician (doc);

  footer = format_footer (doc);
  g_clear_object (&doc->footer_left);
  doc->footer_left = bedside_pages_doc_new_layout (doc, BEDSIDE_PAGES_FONT_FOOTER, width * 0.78, footer);
  sample = page_number_layout (doc, 99, 99);
  doc->footer_height = MAX (bedside_pages_layout_height (doc->footer_left), bedside_pages_layout_height (sample));
  g_object_unref (sample);

  body_height = full_height - doc->header_height - HEADER_GAP - doc->footer_height - FOOTER_GAP;
  bedside_pages_doc_break (doc, body_height);
  return doc->page_starts->len;
}

static void
doc_paginate (BedsidePagesDoc *doc,
              double           width,
              double           height)
{
  const BedsidePagesStyle *styles = &clinician_style;
  guint n_styles = 1;
  guint best = 0;
  guint best_pages = G_MAXUINT;
  guint last = 0;

  if (doc->audience == BEDSIDE_AUDIENCE_PATIENT)
    {
      styles = handout_styles;
      n_styles = G_N_ELEMENTS (handout_styles);
    }

  /* The most generous style that needs the fewest pages. */
  for (guint i = 0; i < n_styles; i++)
    {
      guint n_pages = doc_layout (doc, &styles[i], width, height);

      last = i;
      if (n_pages < best_pages)
        {
          best = i;
          best_pages = n_pages;
        }
      if (n_pages == 1)
        break;
    }

  if (last != best)
    doc_layout (doc, &styles[best], width, height);
}

/* Options -------------------------------------------------------------- */

BedsidePageOptions *
bedside_page_options_new (const BedsidePageOptionsView *view)
{
  BedsidePageOptions *options = g_new0 (BedsidePageOptions, 1);

  if (view == NULL)
    return options;

  options->clinic_name = g_strdup (view->clinic_name);
  options->clinic_address = g_strdup (view->clinic_address);
  options->clinic_phone = g_strdup (view->clinic_phone);
  options->emergency_number = g_strdup (view->emergency_number);
  options->patient_name = g_strdup (view->patient_name);
  options->visit_date = g_strdup (view->visit_date);
  options->printed_date = g_strdup (view->printed_date);
  options->margin = view->margin;
  options->handout = view->handout != NULL ? bedside_translation_ref (view->handout) : NULL;
  return options;
}

BedsidePageOptions *
bedside_page_options_copy (const BedsidePageOptions *options)
{
  BedsidePageOptionsView view;

  if (options == NULL)
    return bedside_page_options_new (NULL);
  bedside_page_options_get_view (options, &view);
  return bedside_page_options_new (&view);
}

void
bedside_page_options_get_view (const BedsidePageOptions *options,
                               BedsidePageOptionsView   *view)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (view != NULL);

  *view = (BedsidePageOptionsView) {
    .clinic_name = options->clinic_name,
    .clinic_address = options->clinic_address,
    .clinic_phone = options->clinic_phone,
    .emergency_number = options->emergency_number,
    .patient_name = options->patient_name,
    .visit_date = options->visit_date,
    .printed_date = options->printed_date,
    .margin = options->margin,
    .handout = options->handout,
  };
}

void
bedside_page_options_free (BedsidePageOptions *options)
{
  if (options == NULL)
    return;

  g_free (options->clinic_name);
  g_free (options->clinic_address);
  g_free (options->clinic_phone);
  g_free (options->emergency_number);
  g_free (options->patient_name);
  g_free (options->visit_date);
  g_free (options->printed_date);
  g_clear_pointer (&options->handout, bedside_translation_unref);
  g_free (options);
}

/* BedsidePages ---------------------------------------------------------- */

BedsidePages *
bedside_pages_new (BedsideCarePlan              *plan,
                   BedsideAudience               audience,
                   const BedsidePageOptionsView *options)
{
  BedsidePages *self;
  cairo_font_options_t *font_options;
  const char *language;

  g_return_val_if_fail (plan != NULL, NULL);

  self = g_new0 (BedsidePages, 1);
  self->plan = bedside_care_plan_ref (plan);
  self->options = bedside_page_options_new (options);
  self->margin = self->options->margin > 0 ? self->options->margin : DEFAULT_MARGIN;

  /* One context for measuring and drawing, its metrics unhinted: the pages
   * are the same on a printer, in the preview and in a PDF. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72.0);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, font_options);
  cairo_font_options_destroy (font_options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  language = bedside_guideline_get_language (bedside_care_plan_get_guideline (plan));
  pango_context_set_language (self->context, pango_language_from_string (language != NULL ? language : "en"));

  if (audience == BEDSIDE_AUDIENCE_BOTH)
    {
      self->docs[self->n_docs++] = bedside_pages_doc_new (plan, BEDSIDE_AUDIENCE_CLINICIAN, self->options, self->context);
      self->docs[self->n_docs++] = bedside_pages_doc_new (plan, BEDSIDE_AUDIENCE_PATIENT, self->options, self->context);
    }
  else
    self->docs[self->n_docs++] = bedside_pages_doc_new (plan, audience, self->options, self->context);

  return self;
}

void
bedside_pages_free (BedsidePages *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_docs; i++)
    bedside_pages_doc_free (self->docs[i]);
  g_clear_object (&self->context);
  bedside_page_options_free (self->options);
  bedside_care_plan_unref (self->plan);
  g_free (self);
}

void
bedside_pages_paginate (BedsidePages *self,
                        double        width,
                        double        height)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (width > 2 * self->margin && height > 2 * self->margin);

  self->page_width = width;
  self->page_height = height;
  for (guint i = 0; i < self->n_docs; i++)
    doc_paginate (self->docs[i], width - 2 * self->margin, height - 2 * self->margin);
  self->paginated = TRUE;
}

guint
bedside_pages_get_n_pages (BedsidePages *self)
{
  guint n_pages = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (!self->paginated)
    return 0;
  for (guint i = 0; i < self->n_docs; i++)
    n_pages += self->docs[i]->page_starts->len;
  return n_pages;
}

void
bedside_pages_get_print_area (BedsidePages *self,
                              double       *x,
                              double       *y,
                              double       *width,
                              double       *height)
{
  g_return_if_fail (self != NULL);

  *x = self->margin;
  *y = self->margin;
  *width = self->page_width - 2 * self->margin;
  *height = self->page_height - 2 * self->margin;
}

void
bedside_pages_get_body_area (BedsidePages *self,
                             double       *x,
                             double       *y,
                             double       *width,
                             double       *height)
{
  double header = 0.0;
  double footer = 0.0;

  g_return_if_fail (self != NULL);

  /* The documents' headers differ in height: the body is what none covers. */
  for (guint i = 0; i < self->n_docs; i++)
    {
      header = MAX (header, self->docs[i]->header_height + HEADER_GAP);
      footer = MAX (footer, self->docs[i]->footer_height + FOOTER_GAP);
    }
  bedside_pages_get_print_area (self, x, y, width, height);
  *y += header;
  *height -= header + footer;
}

void
bedside_pages_draw_page (BedsidePages *self,
                         cairo_t      *cr,
                         guint         page)
{
  BedsidePagesDoc *doc = NULL;
  g_autoptr(PangoLayout) number = NULL;
  double x, y, width, height;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->paginated);
  g_return_if_fail (page < bedside_pages_get_n_pages (self));

  for (guint i = 0; i < self->n_docs; i++)
    {
      if (page < self->docs[i]->page_starts->len)
        {
          doc = self->docs[i];
          break;
        }
      page -= self->docs[i]->page_starts->len;
    }
  g_assert (doc != NULL);

  bedside_pages_get_print_area (self, &x, &y, &width, &height);
  cairo_save (cr);

  bedside_pages_draw_layout (cr, doc->header_left, BEDSIDE_PAGES_INK_TEXT, x, y);
  bedside_pages_draw_layout (cr, doc->header_right, BEDSIDE_PAGES_INK_TEXT, x + width * 0.6, y);
  bedside_pages_draw_rule (cr, x, y + doc->header_height + HEADER_GAP / 3, width);

  bedside_pages_doc_draw_body (doc, cr, page, x, y + doc->header_height + HEADER_GAP);

  bedside_pages_draw_rule (cr, x, y + height - doc->footer_height - FOOTER_GAP / 2, width);
  bedside_pages_draw_layout (cr, doc->footer_left, BEDSIDE_PAGES_INK_MUTED, x, y + height - doc->footer_height);
  number = page_number_layout (doc, page + 1, doc->page_starts->len);
  bedside_pages_draw_layout (cr, number, BEDSIDE_PAGES_INK_MUTED, x + width * 0.8, y + height - doc->footer_height);

  cairo_restore (cr);
}

/* PDF ------------------------------------------------------------------ */

typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} PdfWriter;

static cairo_status_t
write_pdf_data (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  PdfWriter *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, data, length, NULL, writer->cancellable, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
bedside_pages_write_pdf (BedsidePages   *self,
                         BedsidePaper    paper,
                         GOutputStream  *stream,
                         GCancellable   *cancellable,
                         GError        **error)
{
  BedsideGuideline *guideline;
  PdfWriter writer = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bedside_paper_get_size (paper, &width, &height);
  bedside_pages_paginate (self, width, height);

  guideline = bedside_care_plan_get_guideline (self->plan);
  surface = cairo_pdf_surface_create_for_stream (write_pdf_data, &writer, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, bedside_guideline_get_title (guideline));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Bedside " PACKAGE_VERSION);

  cr = cairo_create (surface);
  for (guint i = 0; i < bedside_pages_get_n_pages (self); i++)
    {
      bedside_pages_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer.error != NULL)
    {
      g_propagate_error (error, writer.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BEDSIDE_PAGES_ERROR, BEDSIDE_PAGES_ERROR_CAIRO,
                   _("Cannot write the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
bedside_pages_save_pdf (BedsidePages  *self,
                        BedsidePaper   paper,
                        GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* A temporary file renamed on close: a reader never sees half a plan,
   * and a failure leaves the old file.  Mode 0600: a plan may carry the
   * patient's name.  A local file goes through the engine's writer, which
   * replaces only a regular file and cleans up after interrupted saves;
   * anything else (a GVfs location) through GIO's. */
  path = g_file_get_path (file);
  if (path != NULL)
    stream = bedside_replace_stream_new (path, error);
  else
    stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE,
                                              G_FILE_CREATE_REPLACE_DESTINATION | G_FILE_CREATE_PRIVATE,
                                              cancellable, error));
  if (stream == NULL)
    return FALSE;

  if (!bedside_pages_write_pdf (self, paper, stream, cancellable, error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closed while cancelled, a replace stream deletes its temporary file. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (stream, abandon, NULL);
      return FALSE;
    }

  return g_output_stream_close (stream, cancellable, error);
}
