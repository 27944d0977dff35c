/* bedside-render-pages-private.h: the block model the page layouts are built from and paginated in. */
#pragma once

#include <pango/pangocairo.h>

#include "bedside-render-pages.h"
#include "bedside-render-private.h"

G_BEGIN_DECLS

typedef enum {
  BEDSIDE_PAGES_FONT_TITLE,    /* the document's title */
  BEDSIDE_PAGES_FONT_HEADING,  /* a section */
  BEDSIDE_PAGES_FONT_ITEM,     /* a recommendation's title */
  BEDSIDE_PAGES_FONT_BODY,
  BEDSIDE_PAGES_FONT_SMALL,    /* evidence, answers, references */
  BEDSIDE_PAGES_FONT_HEADER,   /* the running header's first line */
  BEDSIDE_PAGES_FONT_FOOTER,   /* the footer and the header's second line */
  BEDSIDE_PAGES_N_FONTS
} BedsidePagesFont;

/* Sizes in points. A layout may be set tighter to save a page. */
typedef struct {
  double font_size[BEDSIDE_PAGES_N_FONTS];
  double line_spacing;   /* factor of the font's line height */
  double piece_gap;      /* between the paragraphs of a block */
  double block_gap;      /* between blocks */
  double section_gap;    /* above a section heading */
} BedsidePagesStyle;

typedef enum {
  BEDSIDE_PAGES_INK_TEXT,
  BEDSIDE_PAGES_INK_MUTED,
  BEDSIDE_PAGES_INK_URGENT,
  BEDSIDE_PAGES_INK_ON_BAND,   /* white on the urgent band */
} BedsidePagesInk;

typedef enum {
  BEDSIDE_PAGES_BOX_NONE,
  BEDSIDE_PAGES_BOX_URGENT,    /* red frame and band: cannot be missed */
  BEDSIDE_PAGES_BOX_SAFETY,    /* heavy frame on a light tint */
} BedsidePagesBox;

typedef enum {
  BEDSIDE_PAGES_PIECE_NONE           = 0,
  /* No page break inside it nor before the next line (titles). */
  BEDSIDE_PAGES_PIECE_KEEP_WITH_NEXT = 1 << 0,
  /* A box to tick left of its first line. */
  BEDSIDE_PAGES_PIECE_TICK_BOX       = 1 << 1,
  /* Drawn on the box's coloured band (the box's heading). */
  BEDSIDE_PAGES_PIECE_BAND           = 1 << 2,
  /* A thin rule under it, across the block. */
  BEDSIDE_PAGES_PIECE_RULE_BELOW     = 1 << 3,
} BedsidePagesPieceFlags;

/* One paragraph of a block. */
typedef struct {
  PangoLayout            *layout;
  double                  x;       /* from the block's left edge */
  double                  y;       /* from the block's top */
  double                  height;
  BedsidePagesInk         ink;
  BedsidePagesPieceFlags  flags;
} BedsidePagesPiece;

/* What is kept together if it can be: a recommendation, a heading, an
 * answer.  A long block may break between its lines. */
typedef struct {
  GArray          *pieces;          /* BedsidePagesPiece */
  BedsidePagesBox  box;
  double           space_before;    /* dropped at the top of a page */
  double           height;
  gboolean         keep_with_next;  /* a section heading */
  gboolean         atomic;          /* side-by-side pieces: never split */
  GArray          *breaks;          /* double: offsets a page may end at */
} BedsidePagesBlock;

/* One of the documents of a BedsidePages: a clinician plan or a handout. */
typedef struct {
  BedsideCarePlan          *plan;
  BedsideAudience           audience;   /* CLINICIAN or PATIENT */
  const BedsidePageOptions *options;    /* the BedsidePages' */
  PangoContext             *context;
  BedsidePagesStyle         style;
  double                    width;      /* of the text column */
  GPtrArray                *blocks;     /* BedsidePagesBlock */
  BedsidePagesBlock        *open;       /* being built */
  /* The running header (left and right) and the footer's left part. */
  PangoLayout              *header_left;
  PangoLayout              *header_right;
  PangoLayout              *footer_left;
  double                    header_height;
  double                    footer_height;
  GArray                   *fragments;  /* where blocks go, page by page */
  GArray                   *page_starts; /* guint: first fragment of each page */
} BedsidePagesDoc;

/* @plan, @options and @context must outlive the document. */
BedsidePagesDoc *bedside_pages_doc_new     (BedsideCarePlan          *plan,
                                            BedsideAudience           audience,
                                            const BedsidePageOptions *options,
                                            PangoContext             *context);
void         bedside_pages_doc_free        (BedsidePagesDoc        *doc);
/* Empties the document before it is built again (another style, another
 * paper). */
void         bedside_pages_doc_clear_blocks (BedsidePagesDoc       *doc);

/* Building blocks.  Text is Pango markup; use bedside_pages_escape() for
 * the guideline's text. */
void         bedside_pages_doc_begin_block (BedsidePagesDoc        *doc,
                                            double                  space_before,
                                            BedsidePagesBox         box);
/* Adds a paragraph @indent points in from the block's left edge (or the
 * box's padding), @gap points below the previous one. */
PangoLayout *bedside_pages_doc_add_text    (BedsidePagesDoc        *doc,
                                            BedsidePagesFont        font,
                                            BedsidePagesInk         ink,
                                            double                  indent,
                                            double                  gap,
                                            BedsidePagesPieceFlags  flags,
                                            const char             *markup);
/* Adds a cell of a row: a paragraph @x points from the block's left edge,
 * @width wide, level with the block's other cells.  The block becomes
 * atomic. */
void         bedside_pages_doc_add_cell    (BedsidePagesDoc        *doc,
                                            BedsidePagesFont        font,
                                            BedsidePagesInk         ink,
                                            double                  x,
                                            double                  width,
                                            const char             *markup);
void         bedside_pages_doc_end_block   (BedsidePagesDoc        *doc,
                                            gboolean                keep_with_next);
/* A section heading kept with what follows. */
void         bedside_pages_doc_add_heading (BedsidePagesDoc        *doc,
                                            const char             *text);

/* Pages: where each block, or part of one, goes. */
void         bedside_pages_doc_break       (BedsidePagesDoc        *doc,
                                            double                  body_height);
/* Draws the body of @page, its top left corner at (@x, @y). */
void         bedside_pages_doc_draw_body   (BedsidePagesDoc        *doc,
                                            cairo_t                *cr,
                                            guint                   page,
                                            double                  x,
                                            double                  y);
PangoLayout *bedside_pages_doc_new_layout  (BedsidePagesDoc        *doc,
                                            BedsidePagesFont        font,
                                            double                  width,
                                            const char             *markup);
double       bedside_pages_layout_height   (PangoLayout            *layout);
void         bedside_pages_draw_layout     (cairo_t                *cr,
                                            PangoLayout            *layout,
                                            BedsidePagesInk         ink,
                                            double                  x,
                                            double                  y);
void         bedside_pages_draw_rule       (cairo_t                *cr,
                                            double                  x,
                                            double                  y,
                                            double                  width);

/* Escaped for markup, XML layout whitespace collapsed. */
char        *bedside_pages_escape          (const char             *text);
/* "<b>Label:</b> text", both escaped; NULL when @text is empty. */
char        *bedside_pages_labelled        (const char             *label,
                                            const char             *text);

/* The layouts.  Each fills doc->blocks and the running header. */
void         bedside_pages_build_clinician (BedsidePagesDoc        *doc);
void         bedside_pages_build_handout   (BedsidePagesDoc        *doc);
/* The line under the header's first line: patient and visit, or NULL. */
char        *bedside_pages_describe_visit  (BedsidePagesDoc        *doc);

/* A fixed string of @doc in its language: the handout's when the options
 * name one (BedsideTranslation), else the interface's.  Mark @msgid N_(). */
/* The handout's translation (NULL: the guideline's own language). */
BedsideTranslation *bedside_pages_doc_get_handout (BedsidePagesDoc *doc);
const char  *bedside_pages_doc_gettext     (BedsidePagesDoc        *doc,
                                            const char             *msgid) G_GNUC_FORMAT (2);
/* The guideline whose texts @doc shows: for a handout with a translation,
 * the translated one; else the plan's. */
BedsideGuideline *bedside_pages_doc_get_texts (BedsidePagesDoc     *doc);
/* @rec (of the plan's guideline) as @doc shows it: matched by id in the
 * translated guideline for a translated handout. */
const BedsideRecommendation *bedside_pages_doc_get_recommendation (BedsidePagesDoc             *doc,
                                                                   const BedsideRecommendation *rec);
void         bedside_pages_doc_set_header  (BedsidePagesDoc        *doc,
                                            const char             *left_markup,
                                            const char             *right_markup);

G_END_DECLS
