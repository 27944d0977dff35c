/* bedside-render-pages-handout.c: the printed patient handout: large type, plain words, no citations. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bedside-render-pages-private.h"

/* Room left of an activity for its tick box. */
#define TICK_INDENT 19.0

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
set_header (BedsidePagesDoc *doc)
{
  const BedsidePageOptions *options = doc->options;
  g_autoptr(GString) left = g_string_new (NULL);
  g_autoptr(GString) right = g_string_new (NULL);
  g_autofree char *visit = bedside_pages_describe_visit (doc);

  if (has_text (options->clinic_name))
    {
      g_autofree char *name = bedside_pages_escape (options->clinic_name);
      g_string_append_printf (left, "<b>%s</b>", name);
    }
  if (has_text (options->clinic_phone))
    {
      g_autofree char *phone = bedside_pages_escape (options->clinic_phone);

      if (left->len > 0)
        g_string_append (left, " · ");
      /* TRANSLATORS: the clinic's phone number, in the header of every page of the patient handout */
      g_string_append_printf (left, bedside_pages_doc_gettext (doc, N_("Questions? Call %s")), phone);
    }

  /* Whose plan it is, on every page; the title says what it is. */
  if (visit != NULL)
    g_string_append (right, visit);
  else
    /* TRANSLATORS: the running header of the patient handout */
    g_string_append_printf (right, "<b>%s</b>", bedside_pages_doc_gettext (doc, N_("Your care plan")));

  bedside_pages_doc_set_header (doc, left->str, right->str);
}

/* One line: what the plan is and what it is about. */
static void
add_title (BedsidePagesDoc *doc)
{
  BedsideGuideline *guideline = bedside_pages_doc_get_texts (doc);
  g_autofree char *title = g_markup_escape_text (bedside_pages_doc_gettext (doc, N_("Your care plan")), -1);
  g_autofree char *about = bedside_pages_escape (bedside_guideline_get_title (guideline));
  g_autofree char *markup = NULL;
  int size = (int) (doc->style.font_size[BEDSIDE_PAGES_FONT_BODY] * PANGO_SCALE);

  markup = g_strdup_printf ("%s   <span size=\"%d\" weight=\"normal\" foreground=\"#595959\">%s</span>",
                            title, size, about);
  bedside_pages_doc_begin_block (doc, 0, BEDSIDE_PAGES_BOX_NONE);
  bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_TITLE, BEDSIDE_PAGES_INK_TEXT, 0, 0,
                              BEDSIDE_PAGES_PIECE_NONE, markup);
  bedside_pages_doc_end_block (doc, FALSE);
}

/* Where to get help, boxed at the top of the first page whatever the
 * plan: the emergency number, then the clinic's phone when it is known. */
static void
add_help (BedsidePagesDoc *doc)
{
  const BedsidePageOptions *options = doc->options;
  const BedsideHandoutContacts contacts = {
    .emergency_number = options->emergency_number,
    .clinic_name = options->clinic_name,
    .clinic_phone = options->clinic_phone,
  };
  g_auto(GStrv) help = bedside_render_handout_help (&contacts, options->handout, TRUE);
  g_autoptr(GString) markup = g_string_new (NULL);

  /* One paragraph, the emergency number first and in bold: a line saved
   * keeps the typical handout on one page. */
  for (guint i = 0; help[i] != NULL; i++)
    {
      g_autofree char *text = g_markup_escape_text (help[i], -1);

      if (i == 0)
        g_string_append_printf (markup, "<b>%s</b>", text);
      else
        g_string_append_printf (markup, " %s", text);
    }
  bedside_pages_doc_begin_block (doc, doc->style.block_gap, BEDSIDE_PAGES_BOX_URGENT);
  bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, 0, 0,
                              BEDSIDE_PAGES_PIECE_NONE, markup->str);
  bedside_pages_doc_end_block (doc, FALSE);
}

static void
add_labelled (BedsidePagesDoc *doc,
              double           indent,
              const char      *label,
              const char      *text)
{
  g_autofree char *markup = bedside_pages_labelled (label, text);

  if (markup != NULL)
    bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, indent,
                                doc->style.piece_gap, BEDSIDE_PAGES_PIECE_NONE, markup);
}

/* A title runs into its text, "Keep moving. Keep up your normal day…":
 * a line saved per recommendation keeps a typical handout on one page. */
static char *
format_entry (BedsidePagesDoc             *doc,
              const BedsideRecommendation *rec,
              gboolean                     with_title)
{
  g_autofree char *text = bedside_pages_escape (rec->patient);
  g_autofree char *title = NULL;
  gsize length;

  if (!with_title)
    return g_steal_pointer (&text);

  title = bedside_pages_escape (rec->patient_title != NULL ? rec->patient_title : rec->title);
  length = strlen (title);
  if (length > 0 && strchr (".!?:", title[length - 1]) != NULL)
    return g_strdup_printf ("<b>%s</b> %s", title, text);
  /* TRANSLATORS: on the patient handout, a title run into its text */
  return g_strdup_printf (bedside_pages_doc_gettext (doc, N_("<b>%s.</b> %s")), title, text);
}

/* One recommendation in the patient's words; @with_title FALSE when the
 * heading above already says it. */
static void
add_entry (BedsidePagesDoc            *doc,
           const BedsideCarePlanEntry *entry,
           BedsideHandoutGroup         group,
           gboolean                    with_title,
           double                      gap)
{
  const BedsideRecommendation *rec = bedside_pages_doc_get_recommendation (doc, entry->recommendation);
  gboolean tick = group == BEDSIDE_HANDOUT_ACTIVITY;
  double indent = tick ? TICK_INDENT : 0.0;
  g_autofree char *markup = format_entry (doc, rec, with_title);
  g_auto(GStrv) medicines = bedside_render_medicines_patient (entry, bedside_pages_doc_get_handout (doc));
  g_autofree char *because = bedside_render_patient_because (doc->plan, entry, bedside_pages_doc_get_handout (doc));

  bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, indent, gap,
                              tick ? BEDSIDE_PAGES_PIECE_TICK_BOX : BEDSIDE_PAGES_PIECE_NONE, markup);
  if (because != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (because, -1);
      bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_BODY, BEDSIDE_PAGES_INK_TEXT, indent,
                                  doc->style.piece_gap, BEDSIDE_PAGES_PIECE_NONE, escaped);
    }

  /* TRANSLATORS: on the patient handout: the dose of a medicine */
  add_labelled (doc, indent, bedside_pages_doc_gettext (doc, N_("How much")), rec->patient_dose);
  for (guint i = 0; medicines[i] != NULL; i++)
    add_labelled (doc, indent, bedside_pages_doc_gettext (doc, N_("How much")), medicines[i]);
  /* TRANSLATORS: on the patient handout: how long to keep doing it */
  add_labelled (doc, indent, bedside_pages_doc_gettext (doc, N_("How long")), rec->patient_duration);
  /* TRANSLATORS: on the patient handout: side effects and warning signs */
  add_labelled (doc, indent, bedside_pages_doc_gettext (doc, N_("Watch for")), rec->patient_watch);
}

/* The urgent actions and the safety net are boxed, with the heading on the
 * box's band. */
static gboolean
group_is_boxed (BedsideHandoutGroup group)
{
  return group == BEDSIDE_HANDOUT_URGENT || group == BEDSIDE_HANDOUT_SAFETY_NET;
}

static char *
group_heading (BedsidePagesDoc     *doc,
               BedsideHandoutGroup  group)
{
  const char *heading = bedside_pages_doc_gettext (doc, bedside_render_handout_heading (group));

  /* "Get help now if…": the list that follows completes the sentence. */
  if (group == BEDSIDE_HANDOUT_SAFETY_NET)
    return g_strdup_printf ("%s…", heading);
  return g_strdup (heading);
}

static void
add_group (BedsidePagesDoc     *doc,
           BedsideHandoutGroup  group)
{
  g_autoptr(GPtrArray) recs = g_ptr_array_new ();
  g_autofree char *heading = group_heading (doc, group);
  guint n_entries = bedside_care_plan_get_n_entries (doc->plan);
  gboolean boxed = group_is_boxed (group);

  for (guint i = 0; i < n_entries; i++)
    {
      const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (doc->plan, i);

      /* Grouped by the plan's recommendation, shown in the handout's
       * language; what the clinician declined is not the patient's. */
      if (bedside_render_handout_group (entry->recommendation) == group &&
          !bedside_care_plan_is_declined (doc->plan, i, NULL))
        g_ptr_array_add (recs, (gpointer) entry);
    }
  if (recs->len == 0)
    return;

  if (boxed)
    {
      g_autofree char *band = g_markup_escape_text (heading, -1);

      bedside_pages_doc_begin_block (doc, doc->style.section_gap,
                                     group == BEDSIDE_HANDOUT_URGENT ? BEDSIDE_PAGES_BOX_URGENT
                                                                     : BEDSIDE_PAGES_BOX_SAFETY);
      bedside_pages_doc_add_text (doc, BEDSIDE_PAGES_FONT_HEADING, BEDSIDE_PAGES_INK_ON_BAND, 0, 0,
                                  BEDSIDE_PAGES_PIECE_BAND, band);
    }
  else
    bedside_pages_doc_add_heading (doc, heading);

  for (guint i = 0; i < recs->len; i++)
    {
      const BedsideCarePlanEntry *entry = recs->pdata[i];
      const BedsideRecommendation *rec = bedside_pages_doc_get_recommendation (doc, entry->recommendation);
      const char *title = rec->patient_title != NULL ? rec->patient_title : rec->title;
      /* A lone safety net or follow-up says what its heading says. */
      gboolean with_title = group == BEDSIDE_HANDOUT_URGENT || recs->len > 1 ||
                            (group != BEDSIDE_HANDOUT_SAFETY_NET && g_utf8_collate (title, heading) != 0);

      if (boxed)
        add_entry (doc, entry, group, with_title, i > 0 ? doc->style.block_gap : 0);
      else
        {
          bedside_pages_doc_begin_block (doc, doc->style.block_gap, BEDSIDE_PAGES_BOX_NONE);
          add_entry (doc, entry, group, with_title, 0);
          bedside_pages_doc_end_block (doc, FALSE);
        }
    }

  if (boxed)
    bedside_pages_doc_end_block (doc, FALSE);
}

void
bedside_pages_build_handout (BedsidePagesDoc *doc)
{
  set_header (doc);
  add_title (doc);
  add_help (doc);
  for (guint g = 0; g < BEDSIDE_N_HANDOUT_GROUPS; g++)
    add_group (doc, (BedsideHandoutGroup) g);
}
