/* bedside-render-pages-clinician.c: the printed clinician plan: recommendations with evidence, answers, references. */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "bedside-render-pages-private.h"

/* The answers table: the question takes this share of the column. */
#define ANSWER_LABEL_SHARE 0.62
#define REFERENCE_NUMBER_WIDTH 22.0

static void
set_header (BedsidePagesDoc *doc)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (doc->plan);
  const BedsidePageOptions *options = doc->options;
  int small = (int) (doc->style.font_size[BEDSIDE_PAGES_FONT_FOOTER] * PANGO_SCALE);
  g_autoptr(GString) left = g_string_new (NULL);
  g_autoptr(GString) right = g_string_new (NULL);
  g_autofree char *visit = bedside_pages_describe_visit (doc);
  g_autofree char *contact = NULL;
  g_autofree char *title = NULL;

  if (options->clinic_name != NULL && *options->clinic_name != '\0')
    title = bedside_pages_escape (options->clinic_name);
  else
    title = bedside_pages_escape (bedside_guideline_get_title (guideline));
  g_string_append_printf (left, "<b>%s</b>", title);

  if (options->clinic_address != NULL && *options->clinic_address != '\0')
    contact = bedside_pages_escape (options->clinic_address);
  if (options->clinic_phone != NULL && *options->clinic_phone != '\0')
    {
      g_autofree char *phone = bedside_pages_escape (options->clinic_phone);
      char *joined = g_strdup_printf ("%s%s%s", contact != NULL ? contact : "",
                                      contact != NULL ? " · " : "", phone);
      g_free (contact);
      contact = joined;
    }
  if (contact != NULL)
    g_string_append_printf (left, "\n<span size=\"%d\">%s</span>", small, contact);

  /* TRANSLATORS: the running header of the printed clinician plan */
  g_string_append_printf (right, "<b>%s</b>", _("Care plan"));
  if (visit != NULL)
    g_string_append_printf (right, "\n<span size=\"%d\">%s</span>", small, visit);

  bedside_pages_doc_set_header (doc, left->str, right->str);
}

static void
add_title (BedsidePagesDoc *doc)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (doc->plan);
  BedsideReviewStatus status = bedside_guideline_get_status (guideline);
  const char *pathway = bedside_care_plan_get_pathway (doc->plan);
  const char *reviewed = bedside_guideline_get_review_date (guideline);
  const char *next = bedside_guideline_get_next_review (guideline);
  g_auto(GStrv) warnings = bedside_render_guideline_warnings (guideline, doc->options->printed_date, TRUE);
  g_autofree char *title = bedside_pages_escape (bedside_guideline_get_title (guideline));
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  bedside_pages_doc_begin_block (doc, 0, BEDSIDE_PAGES_BOX_NONE);
  bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_TITLE, BEDSIDE_PAGES_INK_TEXT, 0, 0,
                              BEDSIDE_PAGES_PIECE_KEEP_WITH_NEXT, title);

  /* TRANSLATORS: under the title of a printed plan: the guideline's version and review status */
  g_string_append_printf (line, _("Guideline %s, version %s · %s"),
                          bedside_guideline_get_id (guideline),
                          bedside_guideline_get_version (guideline),
                          bedside_render_status_title (status));
  if (reviewed != NULL)
    /* TRANSLATORS: the date of the guideline's last review */
    g_string_append_printf (line, _(" · reviewed %s"), reviewed);
  if (next != NULL)
    /* TRANSLATORS: the date the guideline is next due for review */
    g_string_append_printf (line, _(" · next review %s"), next);
  escaped = bedside_pages_escape (line->str);
  bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_SMALL, BEDSIDE_PAGES_INK_MUTED, 0,
                              doc->style.piece_gap, BEDSIDE_PAGES_PIECE_NONE, escaped);

  for (guint i = 0; warnings[i] != NULL; i++)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", warnings[i]);

      bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_URGENT, 0,
                                  doc->style.piece_gap, BEDSIDE_PAGES_PIECE_NONE, markup);
    }

  {
    BedsideDecisions *decisions = bedside_care_plan_get_decisions (doc->plan);

    if (decisions != NULL && bedside_decisions_get_clinician (decisions) != NULL)
      {
        /* TRANSLATORS: the clinician whose plan this is, on a printed plan */
        g_autofree char *markup = bedside_pages_labelled (_("Clinician"), bedside_decisions_get_clinician (decisions));

        bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, 0,
                                    doc->style.piece_gap, BEDSIDE_PAGES_PIECE_NONE, markup);
      }
  }
  {
    /* TRANSLATORS: the pathway a printed plan follows; "none" when no branch named one */
    g_autofree char *markup = bedside_pages_labelled (_("Pathway"), pathway != NULL ? pathway : _("none"));

    bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, 0,
                                doc->style.piece_gap * 2, BEDSIDE_PAGES_PIECE_NONE, markup);
  }
  bedside_pages_doc_end_block (doc, FALSE);
}

static void
add_labelled (BedsidePagesDoc  *doc,
              BedsidePagesFont  font,
              BedsidePagesInk   ink,
              const char       *label,
              const char       *text)
{
  g_autofree char *markup = bedside_pages_labelled (label, text);

  if (markup != NULL)
    bedside_pages_doc_add_text (doc, font, ink, 0, doc->style.piece_gap, BEDSIDE_PAGES_PIECE_NONE, markup);
}

static int
compare_numbers (const void *a,
                 const void *b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* A recommendation's paragraphs, in the block being built. */
static void
add_entry (BedsidePagesDoc *doc,
           guint            index,
           const guint     *citation_numbers,
           double           gap,
           GPtrArray       *reasons,
           const gboolean  *shared)
{
  const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (doc->plan, index);
  const BedsideRecommendation *rec = entry->recommendation;
  g_autofree char *title = bedside_pages_escape (rec->title);
  g_autofree char *text = bedside_pages_escape (rec->clinician);
  g_autofree char *evidence = bedside_render_format_evidence (rec);
  g_autoptr(GString) markup = g_string_new (title);

  if (rec->n_citations > 0)
    {
      g_autofree guint *numbers = g_new (guint, rec->n_citations);

      /* In order, as a reader looks them up: [1, 5] rather than [5, 1]. */
      for (guint i = 0; i < rec->n_citations; i++)
        numbers[i] = citation_numbers[rec->citations[i]];
      qsort (numbers, rec->n_citations, sizeof (guint), compare_numbers);

      g_string_append (markup, " <span weight=\"normal\" foreground=\"#595959\">[");
      for (guint i = 0; i < rec->n_citations; i++)
        g_string_append_printf (markup, "%s%u", i > 0 ? ", " : "", numbers[i]);
      g_string_append (markup, "]</span>");
    }

  bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_ITEM, BEDSIDE_PAGES_INK_TEXT, 0, gap,
                              BEDSIDE_PAGES_PIECE_KEEP_WITH_NEXT, markup->str);
  bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, 0,
                              doc->style.piece_gap, BEDSIDE_PAGES_PIECE_NONE, text);

  if (entry->origin == BEDSIDE_ORIGIN_CONTRAINDICATION && entry->subject != NULL)
    /* TRANSLATORS: a note that replaces a recommendation the answers rule out */
    add_labelled (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, _("Instead of"), entry->subject->title);
  else if (entry->origin == BEDSIDE_ORIGIN_CAUTION && entry->subject != NULL)
    /* TRANSLATORS: the recommendation a caution goes with */
    add_labelled (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, _("With"), entry->subject->title);
  {
    g_auto(GStrv) grounds = bedside_care_plan_dup_entry_grounds (doc->plan, index);
    for (guint i = 0; grounds != NULL && grounds[i] != NULL; i++)
      /* TRANSLATORS: why a contraindication or caution applies to this patient */
      add_labelled (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, _("Because"), grounds[i]);
  }

  add_labelled (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, _("Dose"), rec->dose);
  {
    g_auto(GStrv) medicines = bedside_render_medicines_clinician (entry);
    for (guint i = 0; medicines[i] != NULL; i++)
      add_labelled (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, _("Dose"), medicines[i]);
  }
  for (guint i = 0; i < entry->n_left_out; i++)
    /* TRANSLATORS: a medicine a recommendation would offer but the answers rule out */
    add_labelled (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, _("Left out"), entry->left_out[i]->name);
  add_labelled (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, _("Duration"), rec->duration);
  add_labelled (doc, BEDSIDE_PAGES_FONT_SMALL, BEDSIDE_PAGES_INK_MUTED, _("Evidence"), evidence);
  {
    g_autofree char *why = bedside_render_entry_why (doc->plan, index, reasons, shared);
    /* TRANSLATORS: the decisions (by their names in the Why section) that led to a recommendation */
    add_labelled (doc, BEDSIDE_PAGES_FONT_SMALL, BEDSIDE_PAGES_INK_MUTED, _("Why"), why);
  }
}

/* Each decision once, with the answers that settled it. */
static void
add_reasons (BedsidePagesDoc *doc,
             GPtrArray       *reasons)
{
  for (guint i = 0; i < reasons->len; i++)
    {
      const BedsideReason *reason = reasons->pdata[i];
      g_autofree char *markup = reason->answers != NULL
        ? g_markup_printf_escaped ("<b>%s:</b> %s (%s)", reason->decision, reason->outcome, reason->answers)
        : g_markup_printf_escaped ("<b>%s:</b> %s", reason->decision, reason->outcome);

      if (i == 0)
        /* TRANSLATORS: the heading over the decisions that led to a printed plan */
        bedside_pages_doc_add_heading (doc, _("Why"));
      bedside_pages_doc_begin_block (doc, doc->style.piece_gap, BEDSIDE_PAGES_BOX_NONE);
      bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_SMALL, BEDSIDE_PAGES_INK_TEXT, 0, 0,
                                  BEDSIDE_PAGES_PIECE_NONE, markup);
      bedside_pages_doc_end_block (doc, FALSE);
    }
}

static void
add_recommendations (BedsidePagesDoc *doc,
                     const guint     *citation_numbers,
                     GPtrArray       *reasons)
{
  guint n_entries = bedside_care_plan_get_n_entries (doc->plan);
  g_autofree gboolean *shared = bedside_render_shared_reasons (doc->plan, reasons);

  for (guint s = 0; s < G_N_ELEMENTS (bedside_render_clinician_kinds); s++)
    {
      BedsideRecommendationKind kind = bedside_render_clinician_kinds[s];
      const char *heading = _(bedside_render_kind_heading (kind));
      gboolean any = FALSE;

      for (guint i = 0; i < n_entries; i++)
        {
          if (bedside_care_plan_get_entry (doc->plan, i)->recommendation->kind != kind ||
              bedside_care_plan_is_declined (doc->plan, i, NULL))
            continue;

          /* Urgent actions share one box, first on the page. */
          if (kind == BEDSIDE_KIND_URGENT)
            {
              if (!any)
                {
                  g_autofree char *band = g_markup_escape_text (heading, -1);

                  bedside_pages_doc_begin_block (doc, doc->style.section_gap, BEDSIDE_PAGES_BOX_URGENT);
                  bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_HEADING, BEDSIDE_PAGES_INK_ON_BAND,
                                              0, 0, BEDSIDE_PAGES_PIECE_BAND, band);
                }
              add_entry (doc, i, citation_numbers, any ? doc->style.block_gap : 0, reasons, shared);
            }
          else
            {
              if (!any)
                bedside_pages_doc_add_heading (doc, heading);
              bedside_pages_doc_begin_block (doc, doc->style.block_gap, BEDSIDE_PAGES_BOX_NONE);
              add_entry (doc, i, citation_numbers, 0, reasons, shared);
              bedside_pages_doc_end_block (doc, FALSE);
            }
          any = TRUE;
        }

      if (any && kind == BEDSIDE_KIND_URGENT)
        bedside_pages_doc_end_block (doc, FALSE);
    }
}

/* What the clinician declined, with their reasons, and their note. */
static void
add_declined_and_note (BedsidePagesDoc *doc)
{
  BedsideDecisions *decisions = bedside_care_plan_get_decisions (doc->plan);
  gboolean any = FALSE;

  for (guint i = 0; i < bedside_care_plan_get_n_entries (doc->plan); i++)
    {
      const BedsideRecommendation *rec = bedside_care_plan_get_entry (doc->plan, i)->recommendation;
      g_autofree char *markup = NULL;
      const char *reason = NULL;

      if (!bedside_care_plan_is_declined (doc->plan, i, &reason))
        continue;
      if (!any)
        /* TRANSLATORS: the heading over the recommendations the clinician declined */
        bedside_pages_doc_add_heading (doc, _("Declined by the clinician"));
      any = TRUE;
      markup = g_markup_printf_escaped ("<b>%s</b>", rec->title);
      bedside_pages_doc_begin_block (doc, doc->style.block_gap, BEDSIDE_PAGES_BOX_NONE);
      bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, 0, 0,
                                  BEDSIDE_PAGES_PIECE_KEEP_WITH_NEXT, markup);
      /* TRANSLATORS: why the clinician declined a recommendation; "none given" when they did not say */
      add_labelled (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, _("Reason"),
                    reason != NULL ? reason : _("none given"));
      bedside_pages_doc_end_block (doc, FALSE);
    }

  if (decisions != NULL && bedside_decisions_get_note (decisions) != NULL)
    {
      g_autofree char *note = bedside_pages_escape (bedside_decisions_get_note (decisions));

      /* TRANSLATORS: the heading over the clinician's free-text note on a printed plan */
      bedside_pages_doc_add_heading (doc, _("Clinician's note"));
      bedside_pages_doc_begin_block (doc, doc->style.block_gap, BEDSIDE_PAGES_BOX_NONE);
      bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, 0, 0,
                                  BEDSIDE_PAGES_PIECE_NONE, note);
      bedside_pages_doc_end_block (doc, FALSE);
    }
}

/* An answer as the clinician gave it: the option's label, the unit. */
char *
bedside_render_format_answer (const BedsideItem  *item,
                              const BedsideValue *value)
{
  g_autofree char *text = NULL;

  switch (value->type)
    {
    case BEDSIDE_TYPE_BOOLEAN:
      return g_strdup (value->boolean ? _("Yes") : _("No"));
    case BEDSIDE_TYPE_CHOICE:
      if (value->code >= 0 && (guint) value->code < item->n_options)
        return g_strdup (item->options[value->code].label);
      break;
    case BEDSIDE_TYPE_INTEGER:
    case BEDSIDE_TYPE_DECIMAL:
      text = bedside_value_to_string (value, NULL);
      if (item->unit != NULL)
        return g_strdup_printf ("%s %s", text, item->unit);
      return g_steal_pointer (&text);
    case BEDSIDE_TYPE_TEXT:
    case BEDSIDE_TYPE_DATE:
    case BEDSIDE_TYPE_INVALID:
    default:
      break;
    }

  return bedside_value_to_string (value, item->codes);
}

/* The answers the plan was computed from: enabled and answered items only,
 * by section. */
static void
add_answers (BedsidePagesDoc *doc)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (doc->plan);
  const BedsideValue *values = bedside_care_plan_get_values (doc->plan);
  double label_width = doc->width * ANSWER_LABEL_SHARE;
  double value_x = label_width + 10.0;
  gboolean any = FALSE;

  if (values == NULL)
    return;

  for (guint s = 0; s < bedside_guideline_get_n_sections (guideline); s++)
    {
      const BedsideSection *section = bedside_guideline_get_section (guideline, s);
      gboolean section_shown = FALSE;

      for (guint i = section->first_item; i < section->first_item + section->n_items; i++)
        {
          const BedsideItem *item = bedside_guideline_get_item (guideline, i);
          g_autofree char *label = NULL;
          g_autofree char *answer = NULL;
          g_autofree char *answer_markup = NULL;

          if (values[i].state != BEDSIDE_VALUE_KNOWN)
            continue;

          if (!any)
            /* TRANSLATORS: the heading over the answers on a printed plan */
            bedside_pages_doc_add_heading (doc, _("Answers that led to this plan"));
          any = TRUE;

          if (!section_shown)
            {
              g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", section->title);

              bedside_pages_doc_begin_block (doc, doc->style.block_gap, BEDSIDE_PAGES_BOX_NONE);
              bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_SMALL, BEDSIDE_PAGES_INK_TEXT, 0, 0,
                                          BEDSIDE_PAGES_PIECE_NONE, title);
              bedside_pages_doc_end_block (doc, TRUE);
              section_shown = TRUE;
            }

          label = bedside_pages_escape (item->label);
          answer = bedside_render_format_answer (item, &values[i]);
          answer_markup = g_markup_printf_escaped ("<b>%s</b>", answer);
          bedside_pages_doc_begin_block (doc, doc->style.piece_gap, BEDSIDE_PAGES_BOX_NONE);
          bedside_pages_doc_add_cell (doc, BEDSIDE_PAGES_FONT_SMALL, BEDSIDE_PAGES_INK_TEXT, 0, label_width, label);
          bedside_pages_doc_add_cell (doc, BEDSIDE_PAGES_FONT_SMALL, BEDSIDE_PAGES_INK_TEXT, value_x,
                                      doc->width - value_x, answer_markup);
          bedside_pages_doc_end_block (doc, FALSE);
        }
    }
}

static void
add_references (BedsidePagesDoc *doc,
                GPtrArray       *cited)
{
  if (cited->len == 0)
    return;

  bedside_pages_doc_add_heading (doc, _("References"));
  for (guint i = 0; i < cited->len; i++)
    {
      const BedsideReference *reference = g_ptr_array_index (cited, i);
      g_autofree char *number = g_strdup_printf ("[%u]", i + 1);
      g_autofree char *text = bedside_pages_escape (reference->text);

      bedside_pages_doc_begin_block (doc, doc->style.piece_gap, BEDSIDE_PAGES_BOX_NONE);
      bedside_pages_doc_add_cell (doc, BEDSIDE_PAGES_FONT_SMALL, BEDSIDE_PAGES_INK_TEXT, 0,
                                  REFERENCE_NUMBER_WIDTH, number);
      bedside_pages_doc_add_cell (doc, BEDSIDE_PAGES_FONT_SMALL, BEDSIDE_PAGES_INK_TEXT, REFERENCE_NUMBER_WIDTH,
                                  doc->width - REFERENCE_NUMBER_WIDTH, text);
      bedside_pages_doc_end_block (doc, FALSE);
    }
}

static void
add_disclaimer (BedsidePagesDoc *doc)
{
  const char *disclaimer = bedside_guideline_get_disclaimer (bedside_care_plan_get_guideline (doc->plan));
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (disclaimer == NULL || *disclaimer == '\0')
    return;

  text = bedside_pages_escape (disclaimer);
  markup = g_strdup_printf ("<i>%s</i>", text);
  bedside_pages_doc_begin_block (doc, doc->style.section_gap, BEDSIDE_PAGES_BOX_NONE);
  bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_SMALL, BEDSIDE_PAGES_INK_MUTED, 0, 0,
                              BEDSIDE_PAGES_PIECE_NONE, markup);
  bedside_pages_doc_end_block (doc, FALSE);
}

void
bedside_pages_build_clinician (BedsidePagesDoc *doc)
{
  g_autoptr(GPtrArray) cited = bedside_care_plan_collect_cited_references (doc->plan);
  g_autofree guint *citation_numbers = bedside_render_citation_numbers (doc->plan, cited);

  g_autoptr(GPtrArray) reasons = bedside_care_plan_dup_reasons (doc->plan);

  set_header (doc);
  add_title (doc);
  add_reasons (doc, reasons);
  add_recommendations (doc, citation_numbers, reasons);
  add_declined_and_note (doc);
  add_answers (doc);
  add_references (doc, cited);
  add_disclaimer (doc);
}
