/* bedside-translation.c: a guideline's texts in another language, checked against the original.
 *
 * Translations are made at build time from po/ (data/its/ has the rules):
 * the translated file is a complete guideline, so it is loaded and
 * validated like any other.  What it may differ in is only text: a
 * translation that changed an id, a test, a limit or the tree would change
 * the plan, so it is refused and the original's texts are used instead. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "bedside-integrity.h"
#include "bedside-translation.h"

/* Enough differences to see what went wrong, not a flood. */
#define MAX_DIFFERENCES 10

G_DEFINE_QUARK (bedside-translation-error-quark, bedside_translation_error)

/* ---- finding ------------------------------------------------------------ */

char *
bedside_guideline_find_translation (const BedsideGuideline  *guideline,
                                    const char              *language,
                                    GError                 **error)
{
  const char *path;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_auto(GStrv) variants = NULL;

  g_return_val_if_fail (guideline != NULL, NULL);

  if (!bedside_language_is_valid (language))
    {
      g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_BAD_LANGUAGE,
                   _("'%s' is not a language code (e.g. es, es_MX)"),
                   language != NULL ? language : "(null)");
      return NULL;
    }

  path = bedside_guideline_get_path (guideline);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  variants = bedside_language_dup_variants (language);

  for (guint i = 0; variants[i] != NULL; i++)
    {
      g_autofree char *candidate = g_build_filename (dir, variants[i], base, NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);
    }

  g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_NOT_FOUND,
               _("%s: no translation into '%s' (looked for %s%s%s%s%s)"),
               path, language, dir, G_DIR_SEPARATOR_S, variants[0], G_DIR_SEPARATOR_S, base);
  return NULL;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
bedside_guideline_list_translations (const BedsideGuideline *guideline)
{
  g_autofree char *dir_path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  const char *name;

  g_return_val_if_fail (guideline != NULL, NULL);

  dir_path = g_path_get_dirname (bedside_guideline_get_path (guideline));
  base = g_path_get_basename (bedside_guideline_get_path (guideline));
  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *candidate = NULL;

      if (!bedside_language_is_valid (name))
        continue;
      candidate = g_build_filename (dir_path, name, base, NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (languages, g_strdup (name));
    }
  g_ptr_array_sort (languages, compare_strings);
  g_ptr_array_add (languages, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&languages), FALSE);
}

/* ---- checking ----------------------------------------------------------- */

typedef struct {
  const char *path;      /* the translation's, for messages */
  GString    *message;
  guint       n;
} Differences;

G_GNUC_PRINTF (3, 4)
static void
differ (Differences *d,
        guint        line,
        const char  *format,
        ...)
{
  va_list args;

  d->n++;
  if (d->n > MAX_DIFFERENCES)
    return;

  if (d->message->len > 0)
    g_string_append_c (d->message, '\n');
  if (line > 0)
    g_string_append_printf (d->message, "%s:%u: ", d->path, line);
  else
    g_string_append_printf (d->message, "%s: ", d->path);

  va_start (args, format);
  g_string_append_vprintf (d->message, format, args);
  va_end (args);
}

/* While a medicine is compared, lines are lines of its records file. */
typedef struct {
  Differences *d;
  const char  *saved;
} RecordsPath;

static RecordsPath *
records_path_push (Differences            *d,
                   const BedsideGuideline *translation,
                   const BedsideMedicine  *medicine)
{
  RecordsPath *pushed = g_new0 (RecordsPath, 1);

  pushed->d = d;
  pushed->saved = d->path;
  d->path = bedside_guideline_get_medicine_source (translation, medicine->source)->path;
  return pushed;
}

static void
records_path_pop (RecordsPath *pushed)
{
  pushed->d->path = pushed->saved;
  g_free (pushed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RecordsPath, records_path_pop)

static const char *
expr_source (const BedsideExpr *expr)
{
  return expr != NULL ? bedside_expr_get_source (expr) : NULL;
}

static gboolean
same_presence (const char *a,
               const char *b)
{
  return (a == NULL) == (b == NULL);
}

static void
compare_metadata (Differences            *d,
                  const BedsideGuideline *source,
                  const BedsideGuideline *translation)
{
  const char * const *a = bedside_guideline_get_reviewers (source);
  const char * const *b = bedside_guideline_get_reviewers (translation);

  if (g_strcmp0 (bedside_guideline_get_id (source), bedside_guideline_get_id (translation)) != 0)
    differ (d, 0, _("it is the guideline '%s', not '%s'"),
            bedside_guideline_get_id (translation), bedside_guideline_get_id (source));
  if (g_strcmp0 (bedside_guideline_get_version (source), bedside_guideline_get_version (translation)) != 0)
    differ (d, 0, _("it translates version %s, the guideline is version %s"),
            bedside_guideline_get_version (translation), bedside_guideline_get_version (source));
  if (bedside_guideline_get_status (source) != bedside_guideline_get_status (translation) ||
      g_strcmp0 (bedside_guideline_get_review_date (source), bedside_guideline_get_review_date (translation)) != 0 ||
      g_strcmp0 (bedside_guideline_get_next_review (source), bedside_guideline_get_next_review (translation)) != 0 ||
      bedside_guideline_get_max_grade (source) != bedside_guideline_get_max_grade (translation))
    differ (d, 0, _("its review status, review dates or readability limit differ from the guideline's"));

  while (*a != NULL && *b != NULL && g_str_equal (*a, *b))
    a++, b++;
  if (*a != NULL || *b != NULL)
    differ (d, 0, _("its reviewers differ from the guideline's"));
}

static void
compare_references (Differences            *d,
                    const BedsideGuideline *source,
                    const BedsideGuideline *translation)
{
  guint n = bedside_guideline_get_n_references (source);

  if (n != bedside_guideline_get_n_references (translation))
    {
      differ (d, 0, _("%u references, the guideline has %u"),
              bedside_guideline_get_n_references (translation), n);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const BedsideReference *a = bedside_guideline_get_reference (source, i);
      const BedsideReference *b = bedside_guideline_get_reference (translation, i);

      /* Citations are not translated: they name the sources as published. */
      if (!g_str_equal (a->id, b->id) || g_strcmp0 (a->text, b->text) != 0)
        differ (d, b->line, _("reference '%s' differs from the guideline's reference '%s'"), b->id, a->id);
    }
}

static void
compare_questionnaire (Differences            *d,
                       const BedsideGuideline *source,
                       const BedsideGuideline *translation)
{
  guint n_sections = bedside_guideline_get_n_sections (source);
  guint n_items = bedside_guideline_get_n_items (source);

  if (n_sections != bedside_guideline_get_n_sections (translation) ||
      n_items != bedside_guideline_get_n_items (translation))
    {
      differ (d, 0, _("%u sections and %u items, the guideline has %u and %u"),
              bedside_guideline_get_n_sections (translation),
              bedside_guideline_get_n_items (translation), n_sections, n_items);
      return;
    }

  for (guint i = 0; i < n_sections; i++)
    {
      const BedsideSection *a = bedside_guideline_get_section (source, i);
      const BedsideSection *b = bedside_guideline_get_section (translation, i);

      if (!g_str_equal (a->id, b->id) || a->first_item != b->first_item || a->n_items != b->n_items ||
          !same_presence (a->description, b->description))
        differ (d, b->line, _("section '%s' differs from the guideline's section '%s'"), b->id, a->id);
    }

  for (guint i = 0; i < n_items; i++)
    {
      const BedsideItem *a = bedside_guideline_get_item (source, i);
      const BedsideItem *b = bedside_guideline_get_item (translation, i);
      gboolean same_options = a->n_options == b->n_options;

      for (guint o = 0; same_options && o < a->n_options; o++)
        same_options = g_str_equal (a->options[o].code, b->options[o].code);

      if (!g_str_equal (a->id, b->id))
        differ (d, b->line, _("item '%s' where the guideline has '%s'"), b->id, a->id);
      else if (a->type != b->type || a->required != b->required)
        differ (d, b->line, _("item '%s' has another type or requirement than in the guideline"), b->id);
      else if (a->has_min != b->has_min || a->has_max != b->has_max ||
               (a->has_min && a->min != b->min) || (a->has_max && a->max != b->max) ||
               g_strcmp0 (a->unit, b->unit) != 0)
        differ (d, b->line, _("item '%s' has other limits or another unit than in the guideline"), b->id);
      else if (!same_options)
        differ (d, b->line, _("item '%s' has other answer codes than in the guideline"), b->id);
      else if (g_strcmp0 (expr_source (a->enable_when), expr_source (b->enable_when)) != 0)
        differ (d, b->line, _("item '%s' is enabled by '%s', in the guideline by '%s'"), b->id,
                expr_source (b->enable_when) ? expr_source (b->enable_when) : "(always)",
                expr_source (a->enable_when) ? expr_source (a->enable_when) : "(always)");
      else if (!same_presence (a->help, b->help))
        differ (d, b->line, _("item '%s' has help where the guideline has none, or none where it has"), b->id);
    }
}

static void
compare_definitions (Differences            *d,
                     const BedsideGuideline *source,
                     const BedsideGuideline *translation)
{
  guint n = bedside_guideline_get_n_definitions (source);

  if (n != bedside_guideline_get_n_definitions (translation))
    {
      differ (d, 0, _("%u definitions, the guideline has %u"),
              bedside_guideline_get_n_definitions (translation), n);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const BedsideDefinition *a = bedside_guideline_get_definition (source, i);
      const BedsideDefinition *b = bedside_guideline_get_definition (translation, i);

      if (!g_str_equal (a->id, b->id) ||
          g_strcmp0 (expr_source (a->expr), expr_source (b->expr)) != 0)
        differ (d, b->line, _("definition '%s' differs from the guideline's '%s'"), b->id, a->id);
    }
}

static gboolean
same_conditions (const BedsideCondition *a,
                 guint                   n_a,
                 const BedsideCondition *b,
                 guint                   n_b)
{
  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (a[i].note != b[i].note || !same_presence (a[i].reason, b[i].reason) ||
        g_strcmp0 (expr_source (a[i].when), expr_source (b[i].when)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
same_indices (const guint *a,
              guint        n_a,
              const guint *b,
              guint        n_b)
{
  return n_a == n_b && (n_a == 0 || memcmp (a, b, n_a * sizeof *a) == 0);
}

static void
compare_recommendations (Differences            *d,
                         const BedsideGuideline *source,
                         const BedsideGuideline *translation)
{
  guint n = bedside_guideline_get_n_recommendations (source);

  if (n != bedside_guideline_get_n_recommendations (translation))
    {
      differ (d, 0, _("%u recommendations, the guideline has %u"),
              bedside_guideline_get_n_recommendations (translation), n);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const BedsideRecommendation *a = bedside_guideline_get_recommendation (source, i);
      const BedsideRecommendation *b = bedside_guideline_get_recommendation (translation, i);

      if (!g_str_equal (a->id, b->id))
        differ (d, b->line, _("recommendation '%s' where the guideline has '%s'"), b->id, a->id);
      else if (a->kind != b->kind || a->topic != b->topic ||
               g_strcmp0 (a->evidence_quality, b->evidence_quality) != 0 ||
               g_strcmp0 (a->evidence_strength, b->evidence_strength) != 0)
        differ (d, b->line, _("recommendation '%s' has another kind, topic or evidence grade"), b->id);
      else if (!same_presence (a->dose, b->dose) || !same_presence (a->duration, b->duration) ||
               !same_presence (a->patient_title, b->patient_title) ||
               !same_presence (a->patient, b->patient) ||
               !same_presence (a->patient_dose, b->patient_dose) ||
               !same_presence (a->patient_duration, b->patient_duration) ||
               !same_presence (a->patient_watch, b->patient_watch) ||
               !same_presence (a->evidence_note, b->evidence_note))
        differ (d, b->line, _("recommendation '%s' has other texts (dose, duration, patient texts, evidence) than in the guideline"), b->id);
      else if (!same_indices (a->citations, a->n_citations, b->citations, b->n_citations))
        differ (d, b->line, _("recommendation '%s' cites other references"), b->id);
      else if (!same_conditions (a->contraindications, a->n_contraindications,
                                 b->contraindications, b->n_contraindications) ||
               !same_conditions (a->cautions, a->n_cautions, b->cautions, b->n_cautions))
        differ (d, b->line, _("recommendation '%s' has other contraindications or cautions"), b->id);
      else if (!same_indices (a->requires, a->n_requires, b->requires, b->n_requires))
        differ (d, b->line, _("recommendation '%s' requires other recommendations"), b->id);
      else if (!same_indices (a->offers, a->n_offers, b->offers, b->n_offers))
        differ (d, b->line, _("recommendation '%s' offers other medicines"), b->id);
    }
}

static gboolean
same_record_conditions (const BedsideCondition *a,
                        guint                   n_a,
                        const BedsideCondition *b,
                        guint                   n_b)
{
  if (!same_conditions (a, n_a, b, n_b))
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (g_strcmp0 (a[i].id, b[i].id) != 0 || !same_presence (a[i].patient, b[i].patient) ||
        !same_indices (a[i].citations, a[i].n_citations, b[i].citations, b[i].n_citations) ||
        !same_indices (a[i].with, a[i].n_with, b[i].with, b[i].n_with))
      return FALSE;
  return TRUE;
}

/* The medicine records: the same medicines with the same reasons and
 * cautions (a translation may only translate their texts). */
static void
compare_medicines (Differences            *d,
                   const BedsideGuideline *source,
                   const BedsideGuideline *translation)
{
  guint n = bedside_guideline_get_n_medicines (source);

  if (n != bedside_guideline_get_n_medicines (translation))
    {
      differ (d, 0, _("%u medicines, the guideline has %u"), bedside_guideline_get_n_medicines (translation), n);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const BedsideMedicine *a = bedside_guideline_get_medicine (source, i);
      const BedsideMedicine *b = bedside_guideline_get_medicine (translation, i);
      g_autoptr(RecordsPath) in_records = records_path_push (d, translation, b);

      if (!g_str_equal (a->id, b->id) || g_strcmp0 (a->group, b->group) != 0)
        differ (d, b->line, _("medicine '%s' where the guideline has '%s'"), b->id, a->id);
      else if (a->prescription != b->prescription)
        differ (d, b->line, _("medicine '%s' is marked prescription differently"), b->id);
      else if (!same_record_conditions (a->against, a->n_against, b->against, b->n_against))
        differ (d, b->line, _("medicine '%s' has other reasons against it"), b->id);
      else if (!same_record_conditions (a->cautions, a->n_cautions, b->cautions, b->n_cautions))
        differ (d, b->line, _("medicine '%s' has other cautions"), b->id);
    }
}

/* The symbols of units that read the same in every language: a number
 * keeps its unit ("5 mg" is not "5 g"). */
static const char * const unit_symbols[] = {
  "mg", "mcg", "µg", "g", "kg", "mL", "ml", "L", "IU", "mmol", "mEq", "mmHg", "%", "°F", "°C",
};

/* The numbers of a text in order, each as written (digits and separators)
 * with the unit symbol that follows it, if any: "5 mg … 10 mg" gives
 * "5 mg", "10 mg".  A decimal comma counts as a point unless it could be
 * a thousands separator (three digits after it). */
static GPtrArray *
collect_numbers (const char *text)
{
  GPtrArray *numbers = g_ptr_array_new_with_free_func (g_free);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      GString *number;
      const char *q;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      number = g_string_new (NULL);
      while (g_ascii_isdigit (*p) ||
             ((*p == '.' || *p == ',') && g_ascii_isdigit (p[1])))
        {
          if (*p == ',' && !(g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) &&
                             !g_ascii_isdigit (p[4])))
            g_string_append_c (number, '.');   /* a decimal comma */
          else
            g_string_append_c (number, *p);
          p++;
        }
      /* Spaces, and no-break spaces (U+00A0), between a number and its unit. */
      for (q = p;;)
        if (*q == ' ')
          q++;
        else if ((guchar) q[0] == 0xc2 && (guchar) q[1] == 0xa0)
          q += 2;
        else
          break;
      for (guint u = 0; u < G_N_ELEMENTS (unit_symbols); u++)
        {
          gsize length = strlen (unit_symbols[u]);
          if (strncmp (q, unit_symbols[u], length) == 0 &&
              !g_ascii_isalnum (q[length]))
            {
              g_string_append_printf (number, " %s", unit_symbols[u]);
              break;
            }
        }
      g_ptr_array_add (numbers, g_string_free (number, FALSE));
    }
  return numbers;
}

static void
compare_numbers (Differences *d,
                 guint        line,
                 const char  *what,
                 const char  *source,
                 const char  *translated)
{
  g_autoptr(GPtrArray) a = collect_numbers (source);
  g_autoptr(GPtrArray) b = collect_numbers (translated);
  gboolean same = a->len == b->len;

  for (guint i = 0; same && i < a->len; i++)
    same = g_str_equal (a->pdata[i], b->pdata[i]);
  if (same)
    return;
  differ (d, line, _("%s does not have the same numbers and units, in the same order, as the original: "
          "\"%s\" translates \"%s\""),
          what, translated != NULL ? translated : "", source != NULL ? source : "");
}

/* Doses, limits, durations and years read the same in every language. */
static void
compare_texts (Differences            *d,
               const BedsideGuideline *source,
               const BedsideGuideline *translation)
{
  compare_numbers (d, 0, "the title", bedside_guideline_get_title (source),
                   bedside_guideline_get_title (translation));
  compare_numbers (d, 0, "the summary", bedside_guideline_get_summary (source),
                   bedside_guideline_get_summary (translation));
  compare_numbers (d, 0, "the audience", bedside_guideline_get_audience (source),
                   bedside_guideline_get_audience (translation));
  compare_numbers (d, 0, "the population", bedside_guideline_get_population (source),
                   bedside_guideline_get_population (translation));
  compare_numbers (d, 0, "the disclaimer", bedside_guideline_get_disclaimer (source),
                   bedside_guideline_get_disclaimer (translation));

  for (guint i = 0; i < bedside_guideline_get_n_sections (source); i++)
    {
      const BedsideSection *a = bedside_guideline_get_section (source, i);
      const BedsideSection *b = bedside_guideline_get_section (translation, i);

      compare_numbers (d, b->line, "a section title", a->title, b->title);
      compare_numbers (d, b->line, "a section description", a->description, b->description);
    }

  for (guint i = 0; i < bedside_guideline_get_n_items (source); i++)
    {
      const BedsideItem *a = bedside_guideline_get_item (source, i);
      const BedsideItem *b = bedside_guideline_get_item (translation, i);

      compare_numbers (d, b->line, "a question", a->label, b->label);
      compare_numbers (d, b->line, "a question's help", a->help, b->help);
      for (guint o = 0; o < a->n_options; o++)
        compare_numbers (d, b->line, "an answer", a->options[o].label, b->options[o].label);
    }

  for (guint i = 0; i < bedside_guideline_get_n_recommendations (source); i++)
    {
      const BedsideRecommendation *a = bedside_guideline_get_recommendation (source, i);
      const BedsideRecommendation *b = bedside_guideline_get_recommendation (translation, i);
      const struct { const char *what; const char *a; const char *b; } texts[] = {
        { "a title", a->title, b->title },
        { "a clinician text", a->clinician, b->clinician },
        { "a dose", a->dose, b->dose },
        { "a duration", a->duration, b->duration },
        { "a patient title", a->patient_title, b->patient_title },
        { "a patient text", a->patient, b->patient },
        { "a patient dose", a->patient_dose, b->patient_dose },
        { "a patient duration", a->patient_duration, b->patient_duration },
        { "a patient warning", a->patient_watch, b->patient_watch },
        { "an evidence note", a->evidence_note, b->evidence_note },
      };

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        compare_numbers (d, b->line, texts[t].what, texts[t].a, texts[t].b);
      for (guint c = 0; c < a->n_contraindications; c++)
        compare_numbers (d, b->contraindications[c].line, "a contraindication",
                         a->contraindications[c].reason, b->contraindications[c].reason);
      for (guint c = 0; c < a->n_cautions; c++)
        compare_numbers (d, b->cautions[c].line, "a caution",
                         a->cautions[c].reason, b->cautions[c].reason);
    }

  for (guint i = 0; i < bedside_guideline_get_n_medicines (source); i++)
    {
      const BedsideMedicine *a = bedside_guideline_get_medicine (source, i);
      const BedsideMedicine *b = bedside_guideline_get_medicine (translation, i);
      g_autoptr(RecordsPath) in_records = records_path_push (d, translation, b);
      const struct { const char *what; const char *a; const char *b; } texts[] = {
        { "a medicine's name", a->name, b->name },
        { "a medicine's dose", a->dose, b->dose },
        { "a medicine's maximum daily dose", a->max_daily, b->max_daily },
        { "a medicine's course", a->course, b->course },
        { "a tablet's strength", a->strength, b->strength },
        { "a medicine's patient dose", a->patient_dose, b->patient_dose },
        { "a medicine's patient maximum", a->patient_max, b->patient_max },
      };

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        compare_numbers (d, b->line, texts[t].what, texts[t].a, texts[t].b);
      for (guint c = 0; c < a->n_against; c++)
        {
          compare_numbers (d, b->against[c].line, "a reason against a medicine",
                           a->against[c].reason, b->against[c].reason);
          compare_numbers (d, b->against[c].line, "a patient's reason",
                           a->against[c].patient, b->against[c].patient);
        }
      for (guint c = 0; c < a->n_cautions; c++)
        {
          compare_numbers (d, b->cautions[c].line, "a medicine's caution",
                           a->cautions[c].reason, b->cautions[c].reason);
          compare_numbers (d, b->cautions[c].line, "a medicine's caution for the patient",
                           a->cautions[c].patient, b->cautions[c].patient);
        }
    }

  for (guint i = 1; i < bedside_guideline_get_n_branches (source); i++)
    {
      const BedsideBranch *a = bedside_guideline_get_branch (source, i);
      const BedsideBranch *b = bedside_guideline_get_branch (translation, i);

      compare_numbers (d, b->line, "a branch label", a->label, b->label);
      if (a->decision != NULL && b->decision != NULL && a == a->decision->branches[0])
        compare_numbers (d, b->decision->line, "a decision label", a->decision->label, b->decision->label);
    }
}

static void compare_branch (Differences *d, const BedsideBranch *a, const BedsideBranch *b);

static void
compare_node (Differences       *d,
              const BedsideNode *a,
              const BedsideNode *b)
{
  if (a->type != b->type)
    {
      differ (d, b->line, _("the decision tree differs from the guideline's here"));
      return;
    }

  switch (a->type)
    {
    case BEDSIDE_NODE_RECOMMEND:
      if (a->recommendation != b->recommendation)
        differ (d, b->line, _("the decision tree recommends something else here"));
      break;
    case BEDSIDE_NODE_DECISION:
      if (g_strcmp0 (a->id, b->id) != 0 || a->n_branches != b->n_branches ||
          !same_presence (a->label, b->label))
        differ (d, b->line, _("decision '%s' differs from the guideline's"), b->id ? b->id : "");
      else
        for (guint i = 0; i < a->n_branches; i++)
          compare_branch (d, a->branches[i], b->branches[i]);
      break;
    case BEDSIDE_NODE_STOP:
    default:
      break;
    }
}

static void
compare_branch (Differences         *d,
                const BedsideBranch *a,
                const BedsideBranch *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->pathway, b->pathway) != 0 ||
      g_strcmp0 (expr_source (a->when), expr_source (b->when)) != 0 ||
      a->index != b->index || !same_presence (a->label, b->label) ||
      a->n_children != b->n_children)
    {
      if (b->index == 0)
        differ (d, b->line, _("the decision tree adds other recommendations or decisions than the guideline's"));
      else
        differ (d, b->line, _("branch%s%s differs from the guideline's (test, pathway or what it adds)"),
                b->id ? " " : "", b->id ? b->id : "");
      return;
    }
  for (guint i = 0; i < a->n_children; i++)
    compare_node (d, a->children[i], b->children[i]);
}

gboolean
bedside_guideline_check_translation (const BedsideGuideline  *source,
                                     const BedsideGuideline  *translation,
                                     GError                 **error)
{
  g_autoptr(GString) message = g_string_new (NULL);
  Differences d = { bedside_guideline_get_path (translation), message, 0 };

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (translation != NULL, FALSE);

  compare_metadata (&d, source, translation);
  compare_references (&d, source, translation);
  compare_questionnaire (&d, source, translation);
  compare_definitions (&d, source, translation);
  compare_medicines (&d, source, translation);
  compare_recommendations (&d, source, translation);
  if (bedside_guideline_get_n_branches (source) != bedside_guideline_get_n_branches (translation))
    differ (&d, 0, _("its decision tree has %u branches, the guideline's has %u"),
            bedside_guideline_get_n_branches (translation),
            bedside_guideline_get_n_branches (source));
  else
    compare_branch (&d, bedside_guideline_get_tree (source), bedside_guideline_get_tree (translation));
  /* Only when the structure is the same do the texts pair up. */
  if (d.n == 0)
    compare_texts (&d, source, translation);

  if (d.n == 0)
    return TRUE;

  if (d.n > MAX_DIFFERENCES)
    g_string_append_printf (message, "\n%s: … and %u more differences", d.path, d.n - MAX_DIFFERENCES);
  g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_MISMATCH,
               _("%s: not a translation of %s %s: it differs in more than its texts\n%s"),
               d.path, bedside_guideline_get_id (source), bedside_guideline_get_version (source),
               message->str);
  return FALSE;
}

BedsideGuideline *
bedside_guideline_load_translation (const BedsideGuideline  *guideline,
                                    const char              *language,
                                    GError                 **error)
{
  g_autofree char *path = NULL;
  g_autoptr(BedsideGuideline) translation = NULL;
  const char *translated_language;

  g_return_val_if_fail (guideline != NULL, NULL);

  path = bedside_guideline_find_translation (guideline, language, error);
  if (path == NULL)
    return NULL;

  /* A clinic's SHA256SUMS in the language's folder guards a translation as
   * it guards a guideline: the patient reads these texts. */
  translation = bedside_guideline_new_verified (path, NULL, error);
  if (translation == NULL)
    return NULL;

  translated_language = bedside_guideline_get_language (translation);
  if (!bedside_language_matches (translated_language, language))
    {
      g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_MISMATCH,
                   _("%s: its language is '%s', not '%s'"),
                   path, translated_language != NULL ? translated_language : "(none)", language);
      return NULL;
    }

  if (!bedside_guideline_check_translation (guideline, translation, error))
    return NULL;

  return g_steal_pointer (&translation);
}

/* ---- a handout's language ------------------------------------------------ */

struct _BedsideTranslation {
  gatomicrefcount   ref_count;
  char             *language;
  BedsideGuideline *source;
  BedsideGuideline *translated;        /* NULL: the source's texts */
  GError           *guideline_error;   /* why there is no translated guideline */
  BedsideCatalog   *catalog;           /* NULL: English fixed strings */
  GError           *catalog_error;
};

/* Bedside's own strings are written in English: English needs no catalog. */
static gboolean
is_english (const char *language)
{
  return bedside_language_matches (language, "en");
}

BedsideTranslation *
bedside_translation_new (BedsideGuideline  *guideline,
                         const char        *language,
                         GError           **error)
{
  g_autoptr(BedsideTranslation) self = NULL;
  const char *own = bedside_guideline_get_language (guideline);

  g_return_val_if_fail (guideline != NULL, NULL);

  if (own == NULL)
    own = "en";
  if (language == NULL)
    language = own;
  if (!bedside_language_is_valid (language))
    {
      g_set_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_BAD_LANGUAGE,
                   _("'%s' is not a language code (e.g. es, es_MX)"), language);
      return NULL;
    }

  self = g_new0 (BedsideTranslation, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->language = g_strdup (language);
  self->source = bedside_guideline_ref (guideline);

  if (!bedside_language_matches (language, own))
    self->translated = bedside_guideline_load_translation (guideline, language, &self->guideline_error);

  if (!is_english (language))
    self->catalog = bedside_catalog_new_for_language (GETTEXT_PACKAGE, language, &self->catalog_error);

  return g_steal_pointer (&self);
}

BedsideTranslation *
bedside_translation_ref (BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bedside_translation_unref (BedsideTranslation *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->catalog, bedside_catalog_free);
  g_clear_error (&self->catalog_error);
  g_clear_pointer (&self->translated, bedside_guideline_unref);
  g_clear_error (&self->guideline_error);
  g_clear_pointer (&self->source, bedside_guideline_unref);
  g_free (self->language);
  g_free (self);
}

const char *
bedside_translation_get_language (const BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}

BedsideGuideline *
bedside_translation_get_source (const BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

BedsideGuideline *
bedside_translation_get_guideline (const BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->translated != NULL ? self->translated : self->source;
}

gboolean
bedside_translation_has_guideline (const BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->translated != NULL || self->guideline_error == NULL;
}

gboolean
bedside_translation_has_catalog (const BedsideTranslation *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->catalog != NULL || self->catalog_error == NULL;
}

char *
bedside_translation_describe_missing (const BedsideTranslation *self)
{
  const char *own;
  const char *id;
  gboolean refused;

  g_return_val_if_fail (self != NULL, NULL);

  own = bedside_guideline_get_language (self->source);
  own = own != NULL ? own : "en";
  id = bedside_guideline_get_id (self->source);
  refused = self->guideline_error != NULL &&
            !g_error_matches (self->guideline_error, BEDSIDE_TRANSLATION_ERROR,
                              BEDSIDE_TRANSLATION_ERROR_NOT_FOUND);

  if (refused)
    return g_strdup_printf ("the '%s' translation of %s was refused, its texts stay in '%s': %s",
                            self->language, id, own, self->guideline_error->message);
  if (self->guideline_error != NULL && self->catalog_error != NULL)
    return g_strdup_printf ("no translation into '%s': the handout stays in '%s'",
                            self->language, own);
  if (self->guideline_error != NULL)
    return g_strdup_printf ("%s has no translation into '%s', its texts stay in '%s' (%s)",
                            id, self->language, own, self->guideline_error->message);
  if (self->catalog_error != NULL)
    return g_strdup_printf ("no catalog for '%s', the headings stay in English (%s)",
                            self->language, self->catalog_error->message);
  return NULL;
}

const BedsideRecommendation *
bedside_translation_get_recommendation (const BedsideTranslation    *self,
                                        const BedsideRecommendation *source)
{
  const BedsideRecommendation *translated;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (self->translated == NULL)
    return source;
  /* By id: the check made sure both guidelines have the same ones. */
  translated = bedside_guideline_lookup_recommendation (self->translated, source->id);
  return translated != NULL ? translated : source;
}

const BedsideMedicine *
bedside_translation_get_medicine (const BedsideTranslation *self,
                                  const BedsideMedicine    *source)
{
  const BedsideMedicine *translated;

  g_return_val_if_fail (source != NULL, NULL);

  if (self == NULL || self->translated == NULL)
    return source;
  translated = bedside_guideline_lookup_medicine (self->translated, source->id);
  /* The check made sure both have the same reasons and cautions. */
  if (translated == NULL || translated->n_against != source->n_against ||
      translated->n_cautions != source->n_cautions)
    return source;
  return translated;
}

const char *
bedside_translation_gettext (const BedsideTranslation *self,
                             const char               *msgid)
{
  if (self == NULL)
    return msgid;
  return bedside_catalog_gettext (self->catalog, msgid);
}
