/* bedside-render-pages-blocks.c: blocks of text measured with Pango, broken into pages, drawn with Cairo. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bedside-render-pages-private.h"

/* Families in order of preference: fontconfig takes the first installed.
 * Metrics-compatible with Helvetica/Arial first: compact and familiar on
 * paper. */
#define FONT_FAMILY "Nimbus Sans, Liberation Sans, Arial, Helvetica, Noto Sans, DejaVu Sans, Sans"

#define RULE_WIDTH     0.6
#define BOX_PADDING    7.0
#define BAND_PADDING   4.0
#define EPSILON        0.01
/* A block shorter than this share of the page moves to the next page whole
 * rather than break. */
#define SHORT_BLOCK    0.25

typedef struct {
  guint  block;
  double from;      /* offsets in the block */
  double to;
  double y;         /* where @from goes, from the top of the body */
} BedsidePagesFragment;

static const double ink_colours[][3] = {
  [BEDSIDE_PAGES_INK_TEXT]    = { 0.10, 0.10, 0.10 },
  [BEDSIDE_PAGES_INK_MUTED]   = { 0.35, 0.35, 0.35 },
  [BEDSIDE_PAGES_INK_URGENT]  = { 0.64, 0.08, 0.10 },
  [BEDSIDE_PAGES_INK_ON_BAND] = { 1.00, 1.00, 1.00 },
};

/* Text ------------------------------------------------------------------ */

char *
bedside_pages_escape (const char *text)
{
  g_autoptr(GString) collapsed = g_string_new (NULL);
  gboolean space = FALSE;

  /* Guideline text comes from XML, where line breaks and indentation are
   * layout. */
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = collapsed->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_c (collapsed, *p);
    }

  return g_markup_escape_text (collapsed->str, (gssize) collapsed->len);
}

char *
bedside_pages_labelled (const char *label,
                        const char *text)
{
  g_autofree char *escaped_label = NULL;
  g_autofree char *escaped_text = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  escaped_label = g_markup_escape_text (label, -1);
  escaped_text = bedside_pages_escape (text);
  /* TRANSLATORS: a label and its text on a printed plan, "Dose: 5 mg" */
  return g_strdup_printf (_("<b>%s:</b> %s"), escaped_label, escaped_text);
}

/* The handout's translation, when this document is a handout that has one. */
static BedsideTranslation *
doc_translation (BedsidePagesDoc *doc)
{
  return doc->audience == BEDSIDE_AUDIENCE_PATIENT ? doc->options->handout : NULL;
}

BedsideTranslation *
bedside_pages_doc_get_handout (BedsidePagesDoc *doc)
{
  return doc_translation (doc);
}

const char *
bedside_pages_doc_gettext (BedsidePagesDoc *doc,
                           const char      *msgid)
{
  BedsideTranslation *handout = doc_translation (doc);

  return handout != NULL ? bedside_translation_gettext (handout, msgid) : _(msgid);
}

BedsideGuideline *
bedside_pages_doc_get_texts (BedsidePagesDoc *doc)
{
  BedsideTranslation *handout = doc_translation (doc);

  return handout != NULL ? bedside_translation_get_guideline (handout)
                         : bedside_care_plan_get_guideline (doc->plan);
}

const BedsideRecommendation *
bedside_pages_doc_get_recommendation (BedsidePagesDoc             *doc,
                                      const BedsideRecommendation *rec)
{
  BedsideTranslation *handout = doc_translation (doc);

  return handout != NULL ? bedside_translation_get_recommendation (handout, rec) : rec;
}

char *
bedside_pages_describe_visit (BedsidePagesDoc *doc)
{
  const BedsidePageOptions *options = doc->options;
  g_autoptr(GString) text = g_string_new (NULL);

  if (options->patient_name != NULL && *options->patient_name != '\0')
    {
      g_autofree char *name = bedside_pages_escape (options->patient_name);
      /* TRANSLATORS: on a printed plan, the patient's name */
      g_string_append_printf (text, bedside_pages_doc_gettext (doc, N_("Patient: %s")), name);
    }
  if (options->visit_date != NULL && *options->visit_date != '\0')
    {
      g_autofree char *date = bedside_pages_escape (options->visit_date);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: on a printed plan, the date of the visit */
      g_string_append_printf (text, bedside_pages_doc_gettext (doc, N_("Visit: %s")), date);
    }

  return text->len > 0 ? g_strdup (text->str) : NULL;
}

PangoLayout *
bedside_pages_doc_new_layout (BedsidePagesDoc  *doc,
                              BedsidePagesFont  font,
                              double            width,
                              const char       *markup)
{
  PangoLayout *layout = pango_layout_new (doc->context);
  PangoFontDescription *description = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (description, doc->style.font_size[font] * PANGO_SCALE);
  if (font == BEDSIDE_PAGES_FONT_TITLE || font == BEDSIDE_PAGES_FONT_HEADING ||
      font == BEDSIDE_PAGES_FONT_ITEM)
    pango_font_description_set_weight (description, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);

  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
  /* A word wider than the column (a DOI) breaks rather than overflow. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (layout, (float) doc->style.line_spacing);
  pango_layout_set_markup (layout, markup, -1);

  return layout;
}

double
bedside_pages_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.height);
}

/* Building blocks --------------------------------------------------------- */

static double
box_border (BedsidePagesBox box)
{
  switch (box)
    {
    case BEDSIDE_PAGES_BOX_URGENT: return 2.5;
    case BEDSIDE_PAGES_BOX_SAFETY: return 2.0;
    case BEDSIDE_PAGES_BOX_NONE:
    default:                       return 0.0;
    }
}

static double
box_inset (BedsidePagesBox box)
{
  return box == BEDSIDE_PAGES_BOX_NONE ? 0.0 : box_border (box) + BOX_PADDING;
}

static void
clear_piece (gpointer data)
{
  BedsidePagesPiece *piece = data;

  g_clear_object (&piece->layout);
}

static void
block_free (gpointer data)
{
  BedsidePagesBlock *block = data;

  g_array_unref (block->pieces);
  g_array_unref (block->breaks);
  g_free (block);
}

BedsidePagesDoc *
bedside_pages_doc_new (BedsideCarePlan          *plan,
                       BedsideAudience           audience,
                       const BedsidePageOptions *options,
                       PangoContext             *context)
{
  BedsidePagesDoc *doc = g_new0 (BedsidePagesDoc, 1);

  doc->plan = plan;
  doc->audience = audience;
  doc->options = options;
  doc->context = context;
  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  doc->fragments = g_array_new (FALSE, FALSE, sizeof (BedsidePagesFragment));
  doc->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  return doc;
}

void
bedside_pages_doc_free (BedsidePagesDoc *doc)
{
  if (doc == NULL)
    return;
  g_clear_pointer (&doc->blocks, g_ptr_array_unref);
  g_clear_object (&doc->header_left);
  g_clear_object (&doc->header_right);
  g_clear_object (&doc->footer_left);
  g_clear_pointer (&doc->fragments, g_array_unref);
  g_clear_pointer (&doc->page_starts, g_array_unref);
  g_free (doc);
}

void
bedside_pages_doc_clear_blocks (BedsidePagesDoc *doc)
{
  g_ptr_array_set_size (doc->blocks, 0);
  g_array_set_size (doc->fragments, 0);
  g_array_set_size (doc->page_starts, 0);
}

void
bedside_pages_doc_begin_block (BedsidePagesDoc *doc,
                               double           space_before,
                               BedsidePagesBox  box)
{
  BedsidePagesBlock *block;

  g_assert (doc->open == NULL);

  block = g_new0 (BedsidePagesBlock, 1);
  block->pieces = g_array_new (FALSE, TRUE, sizeof (BedsidePagesPiece));
  g_array_set_clear_func (block->pieces, clear_piece);
  block->breaks = g_array_new (FALSE, FALSE, sizeof (double));
  block->box = box;
  block->space_before = space_before;
  doc->open = block;
}

static BedsidePagesPiece *
last_piece (BedsidePagesBlock *block)
{
  if (block->pieces->len == 0)
    return NULL;
  return &g_array_index (block->pieces, BedsidePagesPiece, block->pieces->len - 1);
}

/* Where the next paragraph starts, @gap below what is there. */
static double
next_top (BedsidePagesBlock *block,
          double             gap)
{
  BedsidePagesPiece *last = last_piece (block);
  double bottom = 0.0;

  if (last == NULL)
    return block->box == BEDSIDE_PAGES_BOX_NONE ? 0.0 : box_inset (block->box);

  for (guint i = 0; i < block->pieces->len; i++)
    {
      BedsidePagesPiece *piece = &g_array_index (block->pieces, BedsidePagesPiece, i);
      bottom = MAX (bottom, piece->y + piece->height);
    }

  /* Below the band of a box: the band's padding, then the box's. */
  if (last->flags & BEDSIDE_PAGES_PIECE_BAND)
    return bottom + BAND_PADDING + BOX_PADDING;
  if (last->flags & BEDSIDE_PAGES_PIECE_RULE_BELOW)
    return bottom + MAX (gap, 4.0);
  return bottom + gap;
}

PangoLayout *
bedside_pages_doc_add_text (BedsidePagesDoc        *doc,
                            BedsidePagesFont        font,
                            BedsidePagesInk         ink,
                            double                  indent,
                            double                  gap,
                            BedsidePagesPieceFlags  flags,
                            const char             *markup)
{
  BedsidePagesBlock *block = doc->open;
  double inset = box_inset (block->box);
  BedsidePagesPiece piece = { 0 };

  g_assert (block != NULL);

  piece.layout = bedside_pages_doc_new_layout (doc, font, doc->width - 2 * inset - indent, markup);
  piece.x = inset + indent;
  piece.y = next_top (block, gap);
  if ((flags & BEDSIDE_PAGES_PIECE_BAND) && block->pieces->len == 0)
    piece.y = box_border (block->box) + BAND_PADDING;
  piece.height = bedside_pages_layout_height (piece.layout);
  piece.ink = ink;
  piece.flags = flags;
  g_array_append_val (block->pieces, piece);

  return piece.layout;
}

void
bedside_pages_doc_add_cell (BedsidePagesDoc  *doc,
                            BedsidePagesFont  font,
                            BedsidePagesInk   ink,
                            double            x,
                            double            width,
                            const char       *markup)
{
  BedsidePagesBlock *block = doc->open;
  BedsidePagesPiece *previous = last_piece (block);
  BedsidePagesPiece piece = { 0 };

  piece.layout = bedside_pages_doc_new_layout (doc, font, width, markup);
  piece.x = x;
  piece.y = previous != NULL ? previous->y : next_top (block, 0);
  piece.height = bedside_pages_layout_height (piece.layout);
  piece.ink = ink;
  g_array_append_val (block->pieces, piece);
  block->atomic = TRUE;
}

/* The offsets a page may end at: the tops of lines, but not inside a title
 * or right after it, and not so as to leave a single line of a paragraph
 * on either page. */
static void
compute_breaks (BedsidePagesBlock *block)
{
  gboolean after_title = FALSE;

  if (block->atomic)
    return;

  for (guint i = 0; i < block->pieces->len; i++)
    {
      BedsidePagesPiece *piece = &g_array_index (block->pieces, BedsidePagesPiece, i);
      gboolean title = (piece->flags & (BEDSIDE_PAGES_PIECE_KEEP_WITH_NEXT | BEDSIDE_PAGES_PIECE_BAND)) != 0;
      int n_lines = pango_layout_get_line_count (piece->layout);
      PangoLayoutIter *iter = pango_layout_get_iter (piece->layout);
      int line = 0;

      do
        {
          PangoRectangle logical;
          double top;
          gboolean allowed;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          top = piece->y + pango_units_to_double (logical.y);

          if (line == 0)
            allowed = i > 0 && !after_title;
          else
            allowed = !title && line >= 2 && n_lines - line >= 2;

          if (allowed && top > EPSILON &&
              (block->breaks->len == 0 ||
               top > g_array_index (block->breaks, double, block->breaks->len - 1) + EPSILON))
            g_array_append_val (block->breaks, top);
          line++;
        }
      while (pango_layout_iter_next_line (iter));

      pango_layout_iter_free (iter);
      after_title = title;
    }
}

void
bedside_pages_doc_end_block (BedsidePagesDoc *doc,
                             gboolean         keep_with_next)
{
  BedsidePagesBlock *block = doc->open;
  double bottom = 0.0;

  g_assert (block != NULL);

  for (guint i = 0; i < block->pieces->len; i++)
    {
      BedsidePagesPiece *piece = &g_array_index (block->pieces, BedsidePagesPiece, i);
      bottom = MAX (bottom, piece->y + piece->height);
    }
  /* Room for the rule under a heading. */
  if (block->pieces->len > 0 && (last_piece (block)->flags & BEDSIDE_PAGES_PIECE_RULE_BELOW))
    bottom += 3.0;
  block->height = bottom + box_inset (block->box);
  block->keep_with_next = keep_with_next;
  compute_breaks (block);

  g_ptr_array_add (doc->blocks, block);
  doc->open = NULL;
}

void
bedside_pages_doc_add_heading (BedsidePagesDoc *doc,
                               const char      *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  bedside_pages_doc_begin_block (doc, doc->style.section_gap, BEDSIDE_PAGES_BOX_NONE);
  bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_HEADING, BEDSIDE_PAGES_INK_TEXT, 0, 0,
                              BEDSIDE_PAGES_PIECE_RULE_BELOW, escaped);
  bedside_pages_doc_end_block (doc, TRUE);
}

void
bedside_pages_doc_set_header (BedsidePagesDoc *doc,
                              const char      *left_markup,
                              const char      *right_markup)
{
  g_clear_object (&doc->header_left);
  g_clear_object (&doc->header_right);

  doc->header_left = bedside_pages_doc_new_layout (doc, BEDSIDE_PAGES_FONT_HEADER, doc->width * 0.6, left_markup);
  doc->header_right = bedside_pages_doc_new_layout (doc, BEDSIDE_PAGES_FONT_HEADER, doc->width * 0.4, right_markup);
  pango_layout_set_alignment (doc->header_right, PANGO_ALIGN_RIGHT);
  doc->header_height = MAX (bedside_pages_layout_height (doc->header_left), bedside_pages_layout_height (doc->header_right));
}

/* Pagination ----------------------------------------------------------- */

static gboolean
moves_whole (const BedsidePagesBlock *block,
             double                   body_height)
{
  /* A box is read as one thing: it breaks only if no page can hold it. */
  double limit = block->box != BEDSIDE_PAGES_BOX_NONE ? body_height : body_height * SHORT_BLOCK;

  return block->breaks->len == 0 || block->height <= limit;
}

/* What must fit on the page for a heading before @block to stay there. */
static double
first_chunk (const BedsidePagesBlock *block,
             double                   body_height)
{
  if (moves_whole (block, body_height))
    return block->height;
  return g_array_index (block->breaks, double, 0);
}

/* The largest break after @from that fits in @available, or @from. */
static double
find_break (const BedsidePagesBlock *block,
            double                   from,
            double                   available)
{
  double best = from;

  for (guint i = 0; i < block->breaks->len; i++)
    {
      double at = g_array_index (block->breaks, double, i);

      if (at <= from + EPSILON)
        continue;
      if (at - from > available + EPSILON)
        break;
      best = at;
    }

  return best;
}

static void
add_fragment (BedsidePagesDoc *doc,
              guint            block,
              double           from,
              double           to,
              double           y)
{
  BedsidePagesFragment fragment = { block, from, to, y };

  g_array_append_val (doc->fragments, fragment);
}

static void
new_page (BedsidePagesDoc *doc,
          double          *y)
{
  guint start = doc->fragments->len;

  g_array_append_val (doc->page_starts, start);
  *y = 0.0;
}

void
bedside_pages_doc_break (BedsidePagesDoc *doc,
                         double           body_height)
{
  double y = 0.0;

  g_array_set_size (doc->fragments, 0);
  g_array_set_size (doc->page_starts, 0);
  new_page (doc, &y);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const BedsidePagesBlock *block = doc->blocks->pdata[i];
      const BedsidePagesBlock *next = i + 1 < doc->blocks->len ? doc->blocks->pdata[i + 1] : NULL;
      double from = 0.0;

      for (;;)
        {
          double gap = from == 0.0 && y > 0.0 ? block->space_before : 0.0;
          double available = body_height - y - gap;
          double rest = block->height - from;
          double need = rest;
          double at;

          if (from == 0.0 && block->keep_with_next && next != NULL)
            need += next->space_before + first_chunk (next, body_height);

          if (need <= available + EPSILON)
            {
              add_fragment (doc, i, from, block->height, y + gap);
              y += gap + rest;
              break;
            }

          /* A heading goes with what follows; a short block goes whole. */
          if (y > 0.0 && (block->keep_with_next || moves_whole (block, body_height)))
            {
              new_page (doc, &y);
              continue;
            }

          at = find_break (block, from, available);
          if (at <= from + EPSILON)
            {
              if (y > 0.0)
                {
                  new_page (doc, &y);
                  continue;
                }
              /* Nothing breaks it to fit an empty page: place it whole. */
              add_fragment (doc, i, from, block->height, y + gap);
              y += gap + rest;
              break;
            }

          add_fragment (doc, i, from, at, y + gap);
          new_page (doc, &y);
          from = at;
        }
    }
}

/* Drawing -------------------------------------------------------------- */

static void
set_ink (cairo_t         *cr,
         BedsidePagesInk  ink)
{
  cairo_set_source_rgb (cr, ink_colours[ink][0], ink_colours[ink][1], ink_colours[ink][2]);
}

/* Draws the lines of @layout whose tops lie in [@from, @to), the layout's
 * origin at (@x, @y); returns the number drawn. */
static guint
draw_lines (cairo_t     *cr,
            PangoLayout *layout,
            double       x,
            double       y,
            double       from,
            double       to,
            double      *first_top,
            double      *first_height)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint drawn = 0;

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      PangoRectangle line_logical;
      double top;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = y + pango_units_to_double (logical.y);
      if (top < from - EPSILON || top >= to - EPSILON)
        continue;

      pango_layout_line_get_extents (line, NULL, &line_logical);
      cairo_move_to (cr, x + pango_units_to_double (logical.x - line_logical.x),
                     y + pango_units_to_double (pango_layout_iter_get_baseline (iter)));
      pango_cairo_show_layout_line (cr, line);
      if (drawn == 0 && first_top != NULL)
        {
          *first_top = top;
          *first_height = pango_units_to_double (logical.height);
        }
      drawn++;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
  return drawn;
}

static void
draw_box (cairo_t                 *cr,
          const BedsidePagesDoc   *doc,
          const BedsidePagesBlock *block,
          double                   from,
          double                   to)
{
  double border = box_border (block->box);
  const BedsidePagesPiece *first = &g_array_index (block->pieces, BedsidePagesPiece, 0);

  if (block->box == BEDSIDE_PAGES_BOX_URGENT)
    cairo_set_source_rgb (cr, 1.0, 0.94, 0.93);
  else
    cairo_set_source_rgb (cr, 1.0, 0.97, 0.86);
  cairo_rectangle (cr, 0, from, doc->width, to - from);
  cairo_fill (cr);

  if (from <= EPSILON && (first->flags & BEDSIDE_PAGES_PIECE_BAND))
    {
      set_ink (cr, block->box == BEDSIDE_PAGES_BOX_URGENT ? BEDSIDE_PAGES_INK_URGENT
                                                           : BEDSIDE_PAGES_INK_TEXT);
      cairo_rectangle (cr, 0, 0, doc->width, first->y + first->height + BAND_PADDING);
      cairo_fill (cr);
    }

  set_ink (cr, block->box == BEDSIDE_PAGES_BOX_URGENT ? BEDSIDE_PAGES_INK_URGENT
                                                       : BEDSIDE_PAGES_INK_TEXT);
  cairo_set_line_width (cr, border);
  cairo_rectangle (cr, border / 2, from + border / 2, doc->width - border, to - from - border);
  cairo_stroke (cr);
}

static void
draw_fragment (cairo_t                    *cr,
               const BedsidePagesDoc      *doc,
               const BedsidePagesFragment *fragment,
               double                      x,
               double                      y)
{
  const BedsidePagesBlock *block = doc->blocks->pdata[fragment->block];

  cairo_save (cr);
  cairo_translate (cr, x, y + fragment->y - fragment->from);

  if (block->box != BEDSIDE_PAGES_BOX_NONE)
    draw_box (cr, doc, block, fragment->from, fragment->to);

  for (guint i = 0; i < block->pieces->len; i++)
    {
      const BedsidePagesPiece *piece = &g_array_index (block->pieces, BedsidePagesPiece, i);
      double top = 0.0;
      double height = 0.0;
      guint drawn;

      set_ink (cr, (piece->flags & BEDSIDE_PAGES_PIECE_BAND) ? BEDSIDE_PAGES_INK_ON_BAND : piece->ink);
      drawn = draw_lines (cr, piece->layout, piece->x, piece->y, fragment->from, fragment->to,
                          &top, &height);
      if (drawn == 0)
        continue;

      if ((piece->flags & BEDSIDE_PAGES_PIECE_TICK_BOX) && top <= piece->y + EPSILON)
        {
          double size = MIN (height * 0.72, 12.0);

          set_ink (cr, BEDSIDE_PAGES_INK_TEXT);
          cairo_set_line_width (cr, 1.0);
          cairo_rectangle (cr, piece->x - size - 7.0, top + (height - size) / 2, size, size);
          cairo_stroke (cr);
        }

      if ((piece->flags & BEDSIDE_PAGES_PIECE_RULE_BELOW) &&
          piece->y + piece->height <= fragment->to + EPSILON)
        {
          double rule_y = piece->y + piece->height + 1.5;

          set_ink (cr, BEDSIDE_PAGES_INK_MUTED);
          cairo_set_line_width (cr, RULE_WIDTH);
          cairo_move_to (cr, 0, rule_y);
          cairo_line_to (cr, doc->width, rule_y);
          cairo_stroke (cr);
        }
    }

  cairo_restore (cr);
}

void
bedside_pages_draw_layout (cairo_t         *cr,
                           PangoLayout     *layout,
                           BedsidePagesInk  ink,
                           double           x,
                           double           y)
{
  set_ink (cr, ink);
  draw_lines (cr, layout, x, y, -G_MAXDOUBLE, G_MAXDOUBLE, NULL, NULL);
}

void
bedside_pages_draw_rule (cairo_t *cr,
                         double   x,
                         double   y,
                         double   width)
{
  set_ink (cr, BEDSIDE_PAGES_INK_MUTED);
  cairo_set_line_width (cr, RULE_WIDTH);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
}


void
bedside_pages_doc_draw_body (BedsidePagesDoc *doc,
                             cairo_t         *cr,
                             guint            page,
                             double           x,
                             double           y)
{
  guint first = g_array_index (doc->page_starts, guint, page);
  guint last = page + 1 < doc->page_starts->len ? g_array_index (doc->page_starts, guint, page + 1)
                                                : doc->fragments->len;

  for (guint f = first; f < last; f++)
    draw_fragment (cr, doc, &g_array_index (doc->fragments, BedsidePagesFragment, f), x, y);
}
