/* bedside-render-groups.c: the grouping and wording the text and page renderers share. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bedside-render.h"
#include "bedside-render-private.h"

const BedsideRecommendationKind bedside_render_clinician_kinds[BEDSIDE_N_KINDS] = {
  BEDSIDE_KIND_URGENT,
  BEDSIDE_KIND_DO,
  BEDSIDE_KIND_CONSIDER,
  BEDSIDE_KIND_AVOID,
  BEDSIDE_KIND_CAUTION,
  BEDSIDE_KIND_INFO,
};

const char *
bedside_render_kind_heading (BedsideRecommendationKind kind)
{
  switch (kind)
    {
    case BEDSIDE_KIND_URGENT:   return N_("URGENT");
    case BEDSIDE_KIND_DO:       return N_("Do");
    case BEDSIDE_KIND_CONSIDER: return N_("Consider");
    case BEDSIDE_KIND_AVOID:    return N_("Avoid");
    case BEDSIDE_KIND_CAUTION:  return N_("Cautions");
    case BEDSIDE_KIND_INFO:     return N_("Information");
    case BEDSIDE_N_KINDS:
    default:                    return "";
    }
}

BedsideHandoutGroup
bedside_render_handout_group (const BedsideRecommendation *rec)
{
  if (rec->kind == BEDSIDE_KIND_URGENT)
    return BEDSIDE_HANDOUT_URGENT;

  switch (rec->topic)
    {
    case BEDSIDE_TOPIC_REFERRAL:   return BEDSIDE_HANDOUT_REFERRAL;
    case BEDSIDE_TOPIC_ACTIVITY:   return BEDSIDE_HANDOUT_ACTIVITY;
    case BEDSIDE_TOPIC_MEDICINE:   return BEDSIDE_HANDOUT_MEDICINE;
    case BEDSIDE_TOPIC_SAFETY_NET: return BEDSIDE_HANDOUT_SAFETY_NET;
    case BEDSIDE_TOPIC_FOLLOW_UP:  return BEDSIDE_HANDOUT_FOLLOW_UP;
    case BEDSIDE_TOPIC_GENERAL:
    default:                       return BEDSIDE_HANDOUT_OTHER;
    }
}

const char *
bedside_render_handout_heading (BedsideHandoutGroup group)
{
  switch (group)
    {
    case BEDSIDE_HANDOUT_URGENT:     return N_("Act now");
    case BEDSIDE_HANDOUT_REFERRAL:   return N_("Seeing another professional");
    case BEDSIDE_HANDOUT_ACTIVITY:   return N_("What to do");
    case BEDSIDE_HANDOUT_MEDICINE:   return N_("Medicines");
    case BEDSIDE_HANDOUT_SAFETY_NET: return N_("Get help now if");
    case BEDSIDE_HANDOUT_FOLLOW_UP:  return N_("When to come back");
    case BEDSIDE_HANDOUT_OTHER:      return N_("Other notes");
    case BEDSIDE_N_HANDOUT_GROUPS:
    default:                         return "";
    }
}

char *
bedside_render_format_status (BedsideReviewStatus status)
{
  char *text = g_ascii_strup (bedside_review_status_to_string (status), -1);

  g_strdelimit (text, "-", ' ');
  return text;
}

static const char *
describe_quality (const char *quality)
{
  if (quality == NULL || g_str_equal (quality, "none"))
    return NULL;
  if (g_str_equal (quality, "very-low"))
    return "very low quality";
  if (g_str_equal (quality, "consensus"))
    return "expert consensus";
  if (g_str_equal (quality, "label"))
    return "product labelling";
  if (g_str_equal (quality, "high"))
    return "high quality";
  if (g_str_equal (quality, "moderate"))
    return "moderate quality";
  if (g_str_equal (quality, "low"))
    return "low quality";
  return quality;
}

static const char *
describe_strength (const char *strength)
{
  if (strength == NULL || g_str_equal (strength, "none"))
    return NULL;
  if (g_str_equal (strength, "strong"))
    return "strong recommendation";
  if (g_str_equal (strength, "weak"))
    return "weak recommendation";
  return strength;
}

char *
bedside_render_format_evidence (const BedsideRecommendation *rec)
{
  const char *quality = describe_quality (rec->evidence_quality);
  const char *strength = describe_strength (rec->evidence_strength);
  const char *note = rec->evidence_note;
  GString *text = g_string_new (NULL);

  if (quality != NULL)
    g_string_append (text, quality);
  if (strength != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", strength);
  if (note != NULL && *note != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? ". " : "", note);

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

guint *
bedside_render_citation_numbers (const BedsideCarePlan *plan,
                                 GPtrArray             *cited)
{
  BedsideGuideline *guideline = bedside_care_plan_get_guideline (plan);
  guint *numbers = g_new0 (guint, bedside_guideline_get_n_references (guideline) + 1);

  /* Numbers follow the order of first citation, so the list at the end
   * reads in the same order as the plan. */
  for (guint i = 0; i < cited->len; i++)
    {
      const BedsideReference *ref = g_ptr_array_index (cited, i);
      numbers[ref->index] = i + 1;
    }

  return numbers;
}

const char *
bedside_render_status_msgid (BedsideReviewStatus status)
{
  switch (status)
    {
    case BEDSIDE_STATUS_DRAFT:        return N_("Draft");
    case BEDSIDE_STATUS_UNDER_REVIEW: return N_("Under review");
    case BEDSIDE_STATUS_APPROVED:     return N_("Approved");
    case BEDSIDE_STATUS_RETIRED:      return N_("Retired");
    default:                          return N_("Draft");
    }
}

const char *
bedside_render_status_title (BedsideReviewStatus status)
{
  return _(bedside_render_status_msgid (status));
}

/* TRANSLATORS: %s is the date (YYYY-MM-DD) the guideline was due for review */
#define OVERDUE_WARNING N_("This guideline was due for review on %s: check that it is still current before relying on it.")

static const char *
status_warning (BedsideReviewStatus status)
{
  switch (status)
    {
    case BEDSIDE_STATUS_DRAFT:
      return N_("This guideline is a draft: it has not been approved for clinical use.");
    case BEDSIDE_STATUS_UNDER_REVIEW:
      return N_("This guideline is under review: it has not been approved for clinical use yet.");
    case BEDSIDE_STATUS_RETIRED:
      return N_("This guideline is retired: check for a current one before relying on it.");
    case BEDSIDE_STATUS_APPROVED:
    default:
      return NULL;
    }
}

char **
bedside_render_guideline_warnings (BedsideGuideline *guideline,
                                   const char       *date,
                                   gboolean          translate)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *status = status_warning (bedside_guideline_get_status (guideline));
  char **warnings;

  if (status != NULL)
    g_strv_builder_add (builder, translate ? _(status) : status);
  if (bedside_guideline_is_review_overdue (guideline, date))
    {
      const char *due = bedside_guideline_get_next_review (guideline);
      g_autofree char *overdue = translate ? g_strdup_printf (_(OVERDUE_WARNING), due)
                                           : g_strdup_printf (OVERDUE_WARNING, due);

      g_strv_builder_add (builder, overdue);
    }
  warnings = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return warnings;
}

/* The handout's help box ------------------------------------------------- */

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static const char *help_text (BedsideTranslation *handout,
                              gboolean            translate,
                              const char         *msgid) G_GNUC_FORMAT (3);

static const char *
help_text (BedsideTranslation *handout,
           gboolean            translate,
           const char         *msgid)
{
  if (handout != NULL)
    return bedside_translation_gettext (handout, msgid);
  return translate ? _(msgid) : msgid;
}

char **
bedside_render_handout_help (const BedsideHandoutContacts *contacts,
                             BedsideTranslation           *handout,
                             gboolean                      translate)
{
  static const BedsideHandoutContacts none = { NULL, NULL, NULL };
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *emergency;
  char **help;

  if (contacts == NULL)
    contacts = &none;
  emergency = is_set (contacts->emergency_number) ? contacts->emergency_number
                                                  : BEDSIDE_DEFAULT_EMERGENCY_NUMBER;

  /* Every handout says it, whatever the plan: a patient whose pain turns
   * into an emergency at night reads the handout, not the guideline. */
  {
    /* TRANSLATORS: the first line of the help box on every patient handout; %s is the emergency number (911 in the US: in Spanish, "llame al 911") */
    g_autofree char *line = g_strdup_printf (help_text (handout, translate, N_("In an emergency, call %s.")),
                                             emergency);

    g_strv_builder_add (builder, line);
  }

  if (is_set (contacts->clinic_phone))
    {
      g_autofree char *line = NULL;

      if (is_set (contacts->clinic_name))
        /* TRANSLATORS: on every patient handout, under the emergency number: the clinic's name, then its phone number */
        line = g_strdup_printf (help_text (handout, translate, N_("Questions? Call %s at %s.")),
                                contacts->clinic_name, contacts->clinic_phone);
      else
        /* TRANSLATORS: on every patient handout, under the emergency number; %s is the clinic's phone number */
        line = g_strdup_printf (help_text (handout, translate, N_("Questions? Call the clinic at %s.")),
                                contacts->clinic_phone);
      g_strv_builder_add (builder, line);
    }

  help = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return help;
}

gboolean
bedside_render_handout_check_language (BedsideTranslation  *handout,
                                       GError             **error)
{
  BedsideGuideline *source;
  const char *language;
  const char *id;

  g_return_val_if_fail (handout != NULL, FALSE);

  if (bedside_translation_has_guideline (handout) && bedside_translation_has_catalog (handout))
    return TRUE;

  source = bedside_translation_get_source (handout);
  language = bedside_translation_get_language (handout);
  id = bedside_guideline_get_id (source);

  if (!bedside_translation_has_guideline (handout))
    {
      g_autofree char *path = bedside_guideline_find_translation (source, language, NULL);
      g_autoptr(BedsideGuideline) refused = NULL;
      g_autoptr(GError) why = NULL;

      if (path == NULL)
        {
          g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_NOT_FOUND,
                       "no patient handout in '%s': %s has no translation into '%s'", language, id, language);
          return FALSE;
        }
      /* Found but refused: say why, as loading it again says. */
      refused = bedside_guideline_load_translation (source, language, &why);
      g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_MISMATCH,
                   "no patient handout in '%s': the '%s' translation of %s was refused: %s",
                   language, language, id, why != NULL ? why->message : "it does not match the guideline");
      return FALSE;
    }

  g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_NOT_FOUND,
               "no patient handout in '%s': Bedside has no catalog for '%s' "
               "(the handout's headings and help box)", language, language);
  return FALSE;
}

/* ---- reasons ------------------------------------------------------------ */

/* "Why: Pathway by duration, Muscle relaxant": the decisions this entry
 * went through that not every entry did (those are in the Why section). */
char *
bedside_render_entry_why (const BedsideCarePlan *plan,
                          guint                  index,
                          GPtrArray             *reasons,
                          const gboolean        *shared)
{
  guint n = 0;
  g_autofree guint *positions = bedside_care_plan_dup_entry_reasons (plan, index, &n);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const BedsideReason *reason = reasons->pdata[positions[i]];
      if (shared[positions[i]])
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, reason->decision);
    }
  return g_string_free (text, text->len == 0);
}

/* Which reasons every entry went through: they are not repeated. */
gboolean *
bedside_render_shared_reasons (const BedsideCarePlan *plan,
                               GPtrArray             *reasons)
{
  guint n_entries = bedside_care_plan_get_n_entries (plan);
  g_autofree guint *count = g_new0 (guint, MAX (reasons->len, 1));
  gboolean *shared = g_new0 (gboolean, MAX (reasons->len, 1));

  for (guint e = 0; e < n_entries; e++)
    {
      guint n = 0;
      g_autofree guint *positions = bedside_care_plan_dup_entry_reasons (plan, e, &n);
      for (guint i = 0; i < n; i++)
        count[positions[i]]++;
    }
  for (guint r = 0; r < reasons->len; r++)
    shared[r] = n_entries > 1 && count[r] == n_entries;
  return shared;
}
