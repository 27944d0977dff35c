/* bedside-render-text.c: a care plan as plain text, for a medical record or a handout. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bedside-render.h"
#include "bedside-render-private.h"

/* Medical record systems and terminals are often 80 columns wide; leave room
 * for the indent some systems add when text is pasted. */
#define WRAP_COLUMN 76
#define BODY_INDENT "    "

G_DEFINE_ENUM_TYPE (BedsideAudience, bedside_audience,
                    G_DEFINE_ENUM_VALUE (BEDSIDE_AUDIENCE_CLINICIAN, "clinician"),
                    G_DEFINE_ENUM_VALUE (BEDSIDE_AUDIENCE_PATIENT, "patient"),
                    G_DEFINE_ENUM_VALUE (BEDSIDE_AUDIENCE_BOTH, "both"))

const char *
bedside_audience_to_string (BedsideAudience audience)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (BEDSIDE_TYPE_AUDIENCE);
  GEnumValue *value = g_enum_get_value (klass, audience);

  return value != NULL ? value->value_nick : NULL;
}

gboolean
bedside_audience_from_string (const char      *text,
                              BedsideAudience *audience)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  g_return_val_if_fail (audience != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  klass = g_type_class_ref (BEDSIDE_TYPE_AUDIENCE);
  value = g_enum_get_value_by_nick (klass, text);
  if (value == NULL)
    return FALSE;
  *audience = (BedsideAudience) value->value;
  return TRUE;
}

/* Guideline text comes from XML, where line breaks and indentation are
 * layout, so whitespace runs collapse. */
void
bedside_render_append_wrapped (GString    *out,
                               const char *first_indent,
                               const char *indent,
                               const char *text)
{
  const char *p = text != NULL ? text : "";
  glong column;
  glong indent_width = g_utf8_strlen (indent, -1);
  gboolean line_empty = TRUE;

  g_string_append (out, first_indent);
  column = g_utf8_strlen (first_indent, -1);

  while (*p != '\0')
    {
      const char *word;
      gsize word_bytes;
      glong word_width;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;

      word = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      word_bytes = (gsize) (p - word);
      word_width = g_utf8_strlen (word, (gssize) word_bytes);

      if (!line_empty && column + 1 + word_width > WRAP_COLUMN)
        {
          g_string_append_c (out, '\n');
          g_string_append (out, indent);
          column = indent_width;
          line_empty = TRUE;
        }

      if (!line_empty)
        {
          g_string_append_c (out, ' ');
          column++;
        }

      g_string_append_len (out, word, (gssize) word_bytes);
      column += word_width;
      line_empty = FALSE;
    }

  g_string_append_c (out, '\n');
}

/* "Label: text", continuation lines aligned under the text. */
static void
append_labelled (GString    *out,
                 const char *label,
                 const char *text)
{
  g_autofree char *first = NULL;
  g_autofree char *rest = NULL;

  if (text == NULL || *text == '\0')
    return;

  first = g_strdup_printf (BODY_INDENT "%s: ", label);
  rest = g_strnfill ((gsize) g_utf8_strlen (first, -1), ' ');
  bedside_render_append_wrapped (out, first, rest, text);
}

static void
append_heading (GString    *out,
                const char *heading,
                char        underline)
{
  g_autofree char *rule = g_strnfill ((gsize) g_utf8_strlen (heading, -1), underline);

  g_string_append_printf (out, "\n%s\n%s\n", heading, rule);
}

static void
append_rule (GString *out)
{
  g_autofree char *rule = g_strnfill (WRAP_COLUMN, '-');

  g_string_append_printf (out, "\n%s\n", rule);
}

static void
append_trace_header (GString               *out,
                     const BedsideCarePlan *plan)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (plan);
  g_autofree char *status = bedside_render_format_status (bedside_guideline_get_status (guideline));
  const char *sha256 = bedside_guideline_get_sha256 (guideline);

  g_string_append_printf (out, "Guideline: %s %s (%s), sha256 %.12s\n",
                          bedside_guideline_get_id (guideline),
                          bedside_guideline_get_version (guideline),
                          status,
                          sha256 != NULL ? sha256 : "");
}

/* "- Title [1][2]": a recommendation's title and its citation numbers. */
static void
append_entry_title (GString                     *out,
                    const BedsideRecommendation *rec,
                    const guint                 *citation_numbers)
{
  g_autoptr(GString) title = g_string_new (rec->title);

  if (rec->n_citations > 0)
    g_string_append_c (title, ' ');
  for (guint i = 0; i < rec->n_citations; i++)
    g_string_append_printf (title, "[%u]", citation_numbers[rec->citations[i]]);
  bedside_render_append_wrapped (out, "- ", "  ", title->str);
}

static void
append_reasons (GString   *out,
                GPtrArray *reasons)
{
  if (reasons->len == 0)
    return;
  append_heading (out, "Why", '=');
  for (guint i = 0; i < reasons->len; i++)
    {
      const BedsideReason *reason = reasons->pdata[i];
      g_autofree char *line = reason->answers != NULL
        ? g_strdup_printf ("%s: %s (%s)", reason->decision, reason->outcome, reason->answers)
        : g_strdup_printf ("%s: %s", reason->decision, reason->outcome);

      bedside_render_append_wrapped (out, "- ", "  ", line);
    }
}

static void
append_clinician_entry (GString                    *out,
                        const BedsideCarePlan      *plan,
                        guint                       index,
                        const guint                *citation_numbers,
                        GPtrArray                  *reasons,
                        const gboolean             *shared,
                        GHashTable                 *shown_medicines)
{
  const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (plan, index);
  const BedsideRecommendation *rec = entry->recommendation;
  g_autofree char *evidence = bedside_render_format_evidence (rec);
  g_autofree char *why = bedside_render_entry_why (plan, index, reasons, shared);
  g_auto(GStrv) grounds = bedside_care_plan_dup_entry_grounds (plan, index);

  append_entry_title (out, rec, citation_numbers);
  bedside_render_append_wrapped (out, BODY_INDENT, BODY_INDENT, rec->clinician);

  if (entry->origin != BEDSIDE_ORIGIN_TREE && entry->subject != NULL)
    append_labelled (out, "About", entry->subject->title);
  append_labelled (out, "Dose", rec->dose);
  {
    g_auto(GStrv) medicines = bedside_render_medicines_clinician (entry);
    g_autoptr(GString) again = g_string_new (NULL);

    /* A medicine's dose is given in full where the plan first offers it. */
    for (guint i = 0; medicines[i] != NULL; i++)
      {
        if (g_hash_table_add (shown_medicines, (gpointer) entry->medicines[i]))
          append_labelled (out, "Dose", medicines[i]);
        else
          g_string_append_printf (again, "%s%s", again->len > 0 ? ", " : "", entry->medicines[i]->name);
      }
    if (again->len > 0)
      {
        g_string_append (again, ": as above");
        append_labelled (out, "Dose", again->str);
      }
  }
  for (guint i = 0; i < entry->n_left_out; i++)
    append_labelled (out, "Left out", entry->left_out[i]->name);
  append_labelled (out, "Duration", rec->duration);
  append_labelled (out, "Evidence", evidence);

  for (guint i = 0; grounds != NULL && grounds[i] != NULL; i++)
    append_labelled (out, "Because", grounds[i]);
  append_labelled (out, "Why", why);
}

/* What the clinician declined, with their reasons: out of the handout,
 * on the record. */
static void
append_declined (GString               *out,
                 const BedsideCarePlan *plan,
                 const guint           *citation_numbers)
{
  gboolean any = FALSE;

  for (guint i = 0; i < bedside_care_plan_get_n_entries (plan); i++)
    {
      const BedsideRecommendation *rec = bedside_care_plan_get_entry (plan, i)->recommendation;
      const char *reason = NULL;

      if (!bedside_care_plan_is_declined (plan, i, &reason))
        continue;
      if (!any)
        append_heading (out, "Declined by the clinician", '=');
      else
        g_string_append_c (out, '\n');
      any = TRUE;
      append_entry_title (out, rec, citation_numbers);
      append_labelled (out, "Reason", reason != NULL ? reason : "none given");
    }
}

static void
append_clinician (GString               *out,
                  const BedsideCarePlan *plan)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (plan);
  guint n_entries = bedside_care_plan_get_n_entries (plan);
  g_autoptr(GPtrArray) cited = bedside_care_plan_collect_cited_references (plan);
  g_autofree guint *citation_numbers = NULL;
  const char *pathway = bedside_care_plan_get_pathway (plan);
  g_auto(GStrv) warnings = bedside_render_guideline_warnings (guideline, NULL, FALSE);
  g_autoptr(GPtrArray) reasons = bedside_care_plan_dup_reasons (plan);
  g_autofree gboolean *shared = bedside_render_shared_reasons (plan, reasons);
  g_autoptr(GHashTable) shown_medicines = g_hash_table_new (NULL, NULL);
  BedsideDecisions *decisions = bedside_care_plan_get_decisions (plan);

  citation_numbers = bedside_render_citation_numbers (plan, cited);

  bedside_render_append_wrapped (out, "", "", bedside_guideline_get_title (guideline));
  append_trace_header (out, plan);
  for (guint i = 0; warnings[i] != NULL; i++)
    bedside_render_append_wrapped (out, "WARNING: ", "         ", warnings[i]);
  g_string_append_printf (out, "Pathway: %s\n", pathway != NULL ? pathway : "none");
  if (decisions != NULL && bedside_decisions_get_clinician (decisions) != NULL)
    g_string_append_printf (out, "Clinician: %s\n", bedside_decisions_get_clinician (decisions));
  append_reasons (out, reasons);

  for (guint s = 0; s < G_N_ELEMENTS (bedside_render_clinician_kinds); s++)
    {
      BedsideRecommendationKind kind = bedside_render_clinician_kinds[s];
      gboolean any = FALSE;

      for (guint i = 0; i < n_entries; i++)
        {
          const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (plan, i);

          if (entry->recommendation->kind != kind || bedside_care_plan_is_declined (plan, i, NULL))
            continue;

          if (!any)
            append_heading (out, bedside_render_kind_heading (kind), '=');
          else
            g_string_append_c (out, '\n');
          any = TRUE;
          append_clinician_entry (out, plan, i, citation_numbers, reasons, shared, shown_medicines);
        }
    }

  append_declined (out, plan, citation_numbers);
  if (decisions != NULL && bedside_decisions_get_note (decisions) != NULL)
    {
      append_heading (out, "Clinician's note", '=');
      bedside_render_append_wrapped (out, "", "", bedside_decisions_get_note (decisions));
    }

  if (cited->len > 0)
    {
      append_heading (out, "References", '=');
      for (guint i = 0; i < cited->len; i++)
        {
          const BedsideReference *ref = g_ptr_array_index (cited, i);
          g_autofree char *number = g_strdup_printf ("[%u] ", i + 1);
          g_autofree char *indent = g_strnfill (strlen (number), ' ');

          bedside_render_append_wrapped (out, number, indent, ref->text);
        }
    }
}

/* The handout's fixed strings are looked up in the handout's language, not
 * the interface's: N_() only marks them for the template. */
static const char *
handout_text (BedsideTranslation *handout,
              const char         *msgid)
{
  return bedside_translation_gettext (handout, msgid);
}

static void
append_patient_entry (GString                    *out,
                      BedsideTranslation         *handout,
                      const BedsideCarePlan      *plan,
                      const BedsideCarePlanEntry *entry)
{
  /* Matched by id in the translated guideline; without one, the source. */
  const BedsideRecommendation *rec = handout != NULL
    ? bedside_translation_get_recommendation (handout, entry->recommendation) : entry->recommendation;
  const char *title = rec->patient_title != NULL ? rec->patient_title : rec->title;
  g_auto(GStrv) medicines = bedside_render_medicines_patient (entry, handout);
  g_autofree char *because = bedside_render_patient_because (plan, entry, handout);

  bedside_render_append_wrapped (out, "- ", "  ", title);
  bedside_render_append_wrapped (out, BODY_INDENT, BODY_INDENT, rec->patient);
  if (because != NULL)
    bedside_render_append_wrapped (out, BODY_INDENT, BODY_INDENT, because);
  /* TRANSLATORS: on the patient handout: the dose of a medicine */
  append_labelled (out, handout_text (handout, N_("How much")), rec->patient_dose);
  for (guint i = 0; medicines[i] != NULL; i++)
    append_labelled (out, handout_text (handout, N_("How much")), medicines[i]);
  /* TRANSLATORS: on the patient handout: how long to keep doing it */
  append_labelled (out, handout_text (handout, N_("How long")), rec->patient_duration);
  /* TRANSLATORS: on the patient handout: side effects and warning signs */
  append_labelled (out, handout_text (handout, N_("Watch for")), rec->patient_watch);
}

/* The handout's trace, in its language, at its foot: the guideline the
 * plan was made with, and the translation its texts come from, each with
 * its checksum.  Not the review status: that is for the clinician, on the
 * clinician's plan. */
static void
append_handout_trace (GString               *out,
                      const BedsideCarePlan *plan,
                      BedsideTranslation    *handout)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (plan);
  BedsideGuideline *translated;
  const char *sha256;

  sha256 = bedside_guideline_get_sha256 (guideline);
  /* TRANSLATORS: on the patient handout, before the guideline's id, version and checksum */
  g_string_append_printf (out, "%s: %s %s, sha256 %.12s\n",
                          handout_text (handout, N_("Guideline")),
                          bedside_guideline_get_id (guideline),
                          bedside_guideline_get_version (guideline),
                          sha256 != NULL ? sha256 : "");

  translated = handout != NULL ? bedside_translation_get_guideline (handout) : guideline;
  if (translated != guideline)
    {
      sha256 = bedside_guideline_get_sha256 (translated);
      /* TRANSLATORS: on the patient handout, before the language and checksum of the guideline's translation */
      g_string_append_printf (out, "%s: %s, sha256 %.12s\n",
                              handout_text (handout, N_("Translation")),
                              bedside_guideline_get_language (translated),
                              sha256 != NULL ? sha256 : "");
    }
}

/* Where to get help, between two rows of stars: it must not be missed. */
static void
append_help (GString                      *out,
             BedsideTranslation           *handout,
             const BedsideHandoutContacts *contacts)
{
  g_auto(GStrv) help = bedside_render_handout_help (contacts, handout, FALSE);
  g_autofree char *stars = g_strnfill (WRAP_COLUMN, '*');

  g_string_append_printf (out, "\n%s\n", stars);
  for (guint i = 0; help[i] != NULL; i++)
    bedside_render_append_wrapped (out, "", "", help[i]);
  g_string_append_printf (out, "%s\n", stars);
}

static void
append_patient (GString                      *out,
                const BedsideCarePlan        *plan,
                BedsideTranslation           *handout,
                const BedsideHandoutContacts *contacts,
                gboolean                      with_trace)
{
  BedsideGuideline *guideline = handout != NULL ? bedside_translation_get_guideline (handout)
                                                : bedside_care_plan_get_guideline (plan);
  guint n_entries = bedside_care_plan_get_n_entries (plan);

  /* TRANSLATORS: the first line of the patient handout as text */
  g_string_append_printf (out, "%s\n", handout_text (handout, N_("YOUR CARE PLAN")));
  bedside_render_append_wrapped (out, "", "", bedside_guideline_get_title (guideline));
  append_help (out, handout, contacts);

  for (guint g = 0; g < BEDSIDE_N_HANDOUT_GROUPS; g++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < n_entries; i++)
        {
          const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (plan, i);

          if (bedside_render_handout_group (entry->recommendation) != g ||
              bedside_care_plan_is_declined (plan, i, NULL))
            continue;

          if (!any)
            append_heading (out, handout_text (handout, bedside_render_handout_heading (g)), '=');
          else
            g_string_append_c (out, '\n');
          any = TRUE;
          append_patient_entry (out, handout, plan, entry);
        }
    }

  /* A printed handout must still be traceable to the guideline text. */
  if (with_trace)
    {
      append_rule (out);
      append_handout_trace (out, plan, handout);
    }
}

/* The guideline's disclaimer is written for the clinician ("decision
 * support for clinicians"): it closes the clinician's plan, never the
 * handout. */
static void
append_disclaimer (GString               *out,
                   const BedsideCarePlan *plan)
{
  const char *disclaimer = bedside_guideline_get_disclaimer (bedside_care_plan_get_guideline (plan));

  if (disclaimer == NULL || *disclaimer == '\0')
    return;
  append_rule (out);
  bedside_render_append_wrapped (out, "", "", disclaimer);
}

char *
bedside_render_text (const BedsideCarePlan *plan,
                     BedsideAudience        audience)
{
  return bedside_render_text_translated (plan, audience, NULL);
}

char *
bedside_render_text_translated (const BedsideCarePlan *plan,
                                BedsideAudience        audience,
                                BedsideTranslation    *handout)
{
  return bedside_render_text_with_contacts (plan, audience, handout, NULL);
}

char *
bedside_render_text_with_contacts (const BedsideCarePlan        *plan,
                                   BedsideAudience               audience,
                                   BedsideTranslation           *handout,
                                   const BedsideHandoutContacts *contacts)
{
  GString *out;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (handout == NULL ||
                        bedside_translation_get_source (handout) == bedside_care_plan_get_guideline (plan),
                        NULL);

  out = g_string_sized_new (4096);

  switch (audience)
    {
    case BEDSIDE_AUDIENCE_CLINICIAN:
      append_clinician (out, plan);
      append_disclaimer (out, plan);
      break;
    case BEDSIDE_AUDIENCE_PATIENT:
      append_patient (out, plan, handout, contacts, TRUE);
      break;
    case BEDSIDE_AUDIENCE_BOTH:
    default:
      append_clinician (out, plan);
      append_disclaimer (out, plan);
      append_rule (out);
      /* The clinician's trace above covers an untranslated handout. */
      append_patient (out, plan, handout, contacts, handout != NULL);
      break;
    }

  return g_string_free (out, FALSE);
}
