/* test-safety.c: clinical-safety properties of the bundled back-spasm guideline.
 *
 * Two checks against the clinical requirement (/shared/clinical/back-spasm.md):
 *
 *  - the vignettes in data/back-spasm-vignettes.jsonl, each run through the
 *    session and the evaluator;
 *  - an exhaustive walk of the questionnaire: every value of every boolean
 *    and choice item and, for integer items, the values at and around each
 *    constant the guideline compares the item with, item by item in
 *    questionnaire order, branching over an item only when it is enabled by
 *    the earlier answers.  Each complete set of answers is evaluated and
 *    checked against safety properties and against oracle(), a plain
 *    re-implementation of the requirement's rules 1-10 that shares no code
 *    with the engine.
 *
 *    With -m slow the integer items take every boundary value (c - 1, c,
 *    c + 1, min and max): 74 million combinations, 25-30 s on two cores,
 *    too close to meson's default timeout.  By default they take one value
 *    per cell of the partition the constants make (values in one cell are
 *    indistinguishable to every expression, see pick_cell_representatives()):
 *    about 20 million combinations, under 10 s.
 *
 * Mutated copies of the guideline show that both checks can fail.
 */
#include "config.h"

#include <string.h>

#include "bedside-evaluator.h"

/* ---- the requirement's ids ------------------------------------------- */

/* The questionnaire, in the requirement's order. */
typedef enum {
  I_AGE,
  I_PREGNANT,
  I_RF_CAUDA_EQUINA,
  I_RF_PROGRESSIVE_DEFICIT,
  I_RF_CANCER,
  I_RF_INFECTION,
  I_RF_FRACTURE,
  I_DURATION_WEEKS,
  I_PAIN_SEVERITY,
  I_RADICULAR,
  I_PRIOR_EXERCISE_FAILED,
  I_PREFERS_NON_DRUG,
  I_PRIOR_MR_COURSE,
  I_MAOI_RECENT,
  I_CARDIAC,
  I_HYPERTHYROID,
  I_HEPATIC,
  I_SEROTONERGIC,
  I_CNS_DEPRESSANTS,
  I_GLAUCOMA_URINARY,
  I_DRIVES_OR_MACHINERY,
  I_GI_BLEED_HISTORY,
  I_CKD,
  I_ANTICOAGULANT,
  I_CV_DISEASE,
  I_NSAID_ALLERGY,
  N_ITEMS
} ItemId;

static const char * const item_names[N_ITEMS] = {
  "age", "pregnant", "rf_cauda_equina", "rf_progressive_deficit", "rf_cancer",
  "rf_infection", "rf_fracture", "duration_weeks", "pain_severity", "radicular",
  "prior_exercise_failed", "prefers_non_drug", "prior_mr_course", "maoi_recent",
  "cardiac", "hyperthyroid", "hepatic", "serotonergic", "cns_depressants",
  "glaucoma_urinary", "drives_or_machinery", "gi_bleed_history", "ckd",
  "anticoagulant", "cv_disease", "nsaid_allergy",
};

/* Choice codes, in the requirement's order; the oracle uses the indices. */
enum { PREGNANT_NO, PREGNANT_PREGNANT, PREGNANT_BREASTFEEDING };
enum { HEPATIC_NONE, HEPATIC_MILD, HEPATIC_MODERATE_SEVERE };
enum { CKD_NONE, CKD_MILD_MODERATE, CKD_SEVERE };
static const char * const pregnant_codes[] = { "no", "pregnant", "breastfeeding", NULL };
static const char * const hepatic_codes[] = { "none", "mild", "moderate_severe", NULL };
static const char * const ckd_codes[] = { "none", "mild_moderate", "severe", NULL };

typedef enum {
  R_URGENT_CAUDA_EQUINA,
  R_URGENT_RED_FLAG,
  R_OUT_OF_SCOPE_MINOR,
  R_STAY_ACTIVE,
  R_NO_ROUTINE_IMAGING,
  R_HEAT,
  R_MASSAGE,
  R_SPINAL_MANIPULATION,
  R_ACUPUNCTURE,
  R_EXERCISE_SUPERVISED,
  R_MOTOR_CONTROL,
  R_MIND_BODY,
  R_MULTIDISCIPLINARY_REHAB,
  R_MUSCLE_RELAXANT_SHORT,
  R_MUSCLE_RELAXANT_FLAREUPS_ONLY,
  R_NSAID,
  R_ANALGESIC_COMBINATION,
  R_ACETAMINOPHEN_OPTION,
  R_SECOND_LINE_CHRONIC,
  R_NO_LUMBAR_SUPPORT,
  R_NO_TENS,
  R_MR_CONTRA_MAOI,
  R_MR_CONTRA_CARDIAC,
  R_MR_CONTRA_THYROID,
  R_MR_CONTRA_HEPATIC,
  R_MR_AVOID_ELDERLY,
  R_MR_AVOID_PREGNANCY,
  R_MR_REDUCED_DOSE_HEPATIC,
  R_SEROTONIN_CAUTION,
  R_CNS_CAUTION,
  R_ANTICHOLINERGIC_CAUTION,
  R_DRIVING_CAUTION,
  R_NSAID_CAUTION,
  R_NSAID_AVOID,
  R_RADICULAR_NOTE,
  R_PREGNANCY_NOTE,
  R_FOLLOWUP_ACUTE,
  R_FOLLOWUP_CHRONIC,
  R_SAFETY_NET,
  N_RECS
} RecId;

static const char * const rec_names[N_RECS] = {
  "urgent_cauda_equina", "urgent_red_flag", "out_of_scope_minor", "stay_active",
  "no_routine_imaging", "heat", "massage", "spinal_manipulation", "acupuncture",
  "exercise_supervised", "motor_control", "mind_body", "multidisciplinary_rehab",
  "muscle_relaxant_short", "muscle_relaxant_flareups_only", "nsaid",
  "analgesic_combination", "acetaminophen_option", "second_line_chronic",
  "no_lumbar_support", "no_tens", "mr_contra_maoi", "mr_contra_cardiac",
  "mr_contra_thyroid", "mr_contra_hepatic", "mr_avoid_elderly", "mr_avoid_pregnancy",
  "mr_reduced_dose_hepatic", "serotonin_caution", "cns_caution",
  "anticholinergic_caution", "driving_caution", "nsaid_caution", "nsaid_avoid",
  "radicular_note", "pregnancy_note", "followup_acute", "followup_chronic",
  "safety_net",
};

G_STATIC_ASSERT (N_RECS <= 64);
#define BIT(r) (G_GUINT64_CONSTANT (1) << (r))

/* The drugs that only the routine pathway may offer. */
#define ROUTINE_DRUGS (BIT (R_MUSCLE_RELAXANT_SHORT) | BIT (R_MUSCLE_RELAXANT_FLAREUPS_ONLY) | \
                       BIT (R_NSAID) | BIT (R_ACETAMINOPHEN_OPTION) |                           \
                       BIT (R_ANALGESIC_COMBINATION) | BIT (R_SECOND_LINE_CHRONIC))
#define MUSCLE_RELAXANTS (BIT (R_MUSCLE_RELAXANT_SHORT) | BIT (R_MUSCLE_RELAXANT_FLAREUPS_ONLY))

/* ---- the requirement, as plain C ------------------------------------- */

/* Answers as plain integers, indexed by ItemId: booleans 0/1, choices the
 * index of their code above, integers themselves; UNANSWERED otherwise. */
#define UNANSWERED G_MININT

enum { ACUTE, SUBACUTE, CHRONIC };

static gboolean
req_red_flag (const int *a)
{
  return a[I_RF_CAUDA_EQUINA] == 1 || a[I_RF_PROGRESSIVE_DEFICIT] == 1 ||
         a[I_RF_CANCER] == 1 || a[I_RF_INFECTION] == 1 || a[I_RF_FRACTURE] == 1;
}

static gboolean
req_routine (const int *a)
{
  return !req_red_flag (a) && a[I_AGE] >= 18;
}

static int
req_pathway (const int *a)
{
  if (a[I_DURATION_WEEKS] < 4)
    return ACUTE;
  if (a[I_DURATION_WEEKS] <= 12)
    return SUBACUTE;
  return CHRONIC;
}

static gboolean
req_drug (const int *a)
{
  return req_routine (a) && a[I_PREFERS_NON_DRUG] == 0;
}

/* The "enabled when" column.  Only earlier items are read. */
static gboolean
req_enabled (ItemId item,
             const int *a)
{
  switch (item)
    {
    case I_AGE:
    case I_RF_CAUDA_EQUINA:
    case I_RF_PROGRESSIVE_DEFICIT:
    case I_RF_CANCER:
    case I_RF_INFECTION:
    case I_RF_FRACTURE:
      return TRUE;
    case I_PREGNANT:
      return a[I_AGE] >= 12;
    case I_DURATION_WEEKS:
    case I_PAIN_SEVERITY:
    case I_RADICULAR:
    case I_PREFERS_NON_DRUG:
      return req_routine (a);
    case I_PRIOR_EXERCISE_FAILED:
      return req_routine (a) && req_pathway (a) == CHRONIC;
    case I_PRIOR_MR_COURSE:
      return req_drug (a) && req_pathway (a) == SUBACUTE;
    case I_MAOI_RECENT:
    case I_CARDIAC:
    case I_HYPERTHYROID:
    case I_HEPATIC:
    case I_SEROTONERGIC:
    case I_CNS_DEPRESSANTS:
    case I_GLAUCOMA_URINARY:
    case I_DRIVES_OR_MACHINERY:
    case I_GI_BLEED_HISTORY:
    case I_CKD:
    case I_ANTICOAGULANT:
    case I_CV_DISEASE:
    case I_NSAID_ALLERGY:
      return req_drug (a);
    case N_ITEMS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
req_pregnant_or_breastfeeding (const int *a)
{
  return a[I_PREGNANT] == PREGNANT_PREGNANT || a[I_PREGNANT] == PREGNANT_BREASTFEEDING;
}

static gboolean
req_mr_candidate (const int *a)
{
  int pathway;

  if (!req_drug (a))
    return FALSE;
  pathway = req_pathway (a);
  return (pathway == ACUTE && a[I_PAIN_SEVERITY] >= 4) ||
         (pathway == SUBACUTE && a[I_PAIN_SEVERITY] >= 4 && a[I_PRIOR_MR_COURSE] == 0) ||
         pathway == CHRONIC;
}

/* The notes that say why the muscle relaxant is not safe (mr_ok is false
 * exactly when this is not empty). */
static guint64
req_mr_reasons (const int *a)
{
  guint64 r = 0;

  if (a[I_MAOI_RECENT] == 1)
    r |= BIT (R_MR_CONTRA_MAOI);
  if (a[I_CARDIAC] == 1)
    r |= BIT (R_MR_CONTRA_CARDIAC);
  if (a[I_HYPERTHYROID] == 1)
    r |= BIT (R_MR_CONTRA_THYROID);
  if (a[I_HEPATIC] == HEPATIC_MODERATE_SEVERE)
    r |= BIT (R_MR_CONTRA_HEPATIC);
  if (a[I_AGE] >= 65)
    r |= BIT (R_MR_AVOID_ELDERLY);
  if (req_pregnant_or_breastfeeding (a))
    r |= BIT (R_MR_AVOID_PREGNANCY);
  return r;
}

static gboolean
req_nsaid_ok (const int *a)
{
  return !(a[I_NSAID_ALLERGY] == 1 || a[I_GI_BLEED_HISTORY] == 1 ||
           a[I_CKD] == CKD_SEVERE || a[I_PREGNANT] == PREGNANT_PREGNANT);
}

/* Rules 1-10 of the requirement: the ids of the plan. */
static guint64
oracle (const int *a)
{
  guint64 r = 0;
  int pathway;

  /* Rule 1 */
  if (req_red_flag (a))
    {
      if (a[I_RF_CAUDA_EQUINA] == 1)
        r |= BIT (R_URGENT_CAUDA_EQUINA);
      if (a[I_RF_PROGRESSIVE_DEFICIT] == 1 || a[I_RF_CANCER] == 1 ||
          a[I_RF_INFECTION] == 1 || a[I_RF_FRACTURE] == 1)
        r |= BIT (R_URGENT_RED_FLAG);
      return r | BIT (R_SAFETY_NET);
    }

  /* Rule 2 */
  if (a[I_AGE] < 18)
    return BIT (R_OUT_OF_SCOPE_MINOR) | BIT (R_SAFETY_NET);

  /* Rule 3 */
  r |= BIT (R_STAY_ACTIVE) | BIT (R_NO_ROUTINE_IMAGING) | BIT (R_NO_LUMBAR_SUPPORT) |
       BIT (R_NO_TENS) | BIT (R_SAFETY_NET);

  /* Rule 4 */
  pathway = req_pathway (a);
  if (pathway == ACUTE || pathway == SUBACUTE)
    {
      r |= BIT (R_HEAT) | BIT (R_MASSAGE) | BIT (R_SPINAL_MANIPULATION) |
           BIT (R_ACUPUNCTURE) | BIT (R_FOLLOWUP_ACUTE);
      if (pathway == SUBACUTE)
        r |= BIT (R_EXERCISE_SUPERVISED);
    }
  else
    {
      r |= BIT (R_EXERCISE_SUPERVISED) | BIT (R_MOTOR_CONTROL) | BIT (R_MIND_BODY) |
           BIT (R_ACUPUNCTURE) | BIT (R_FOLLOWUP_CHRONIC);
      if (a[I_PAIN_SEVERITY] >= 7 || a[I_PRIOR_EXERCISE_FAILED] == 1)
        r |= BIT (R_MULTIDISCIPLINARY_REHAB);
    }

  if (req_drug (a))
    {
      guint64 mr_reasons = req_mr_reasons (a);
      gboolean mr_ok = mr_reasons == 0;
      gboolean candidate = req_mr_candidate (a);

      /* Rules 5 and 6 */
      if (candidate && mr_ok)
        {
          r |= pathway == CHRONIC ? BIT (R_MUSCLE_RELAXANT_FLAREUPS_ONLY) : BIT (R_MUSCLE_RELAXANT_SHORT);
          if (a[I_HEPATIC] == HEPATIC_MILD)
            r |= BIT (R_MR_REDUCED_DOSE_HEPATIC);
          if (a[I_SEROTONERGIC] == 1)
            r |= BIT (R_SEROTONIN_CAUTION);
          if (a[I_CNS_DEPRESSANTS] == 1)
            r |= BIT (R_CNS_CAUTION);
          if (a[I_GLAUCOMA_URINARY] == 1)
            r |= BIT (R_ANTICHOLINERGIC_CAUTION);
          if (a[I_DRIVES_OR_MACHINERY] == 1)
            r |= BIT (R_DRIVING_CAUTION);
        }
      else if (candidate)
        r |= mr_reasons;

      /* Rule 7 */
      if (req_nsaid_ok (a))
        {
          r |= BIT (R_NSAID);
          if (a[I_ANTICOAGULANT] == 1 || a[I_CV_DISEASE] == 1 || a[I_AGE] >= 65 ||
              a[I_CKD] == CKD_MILD_MODERATE)
            r |= BIT (R_NSAID_CAUTION);
        }
      else
        {
          r |= BIT (R_NSAID_AVOID);
          if (pathway != CHRONIC)
            r |= BIT (R_ACETAMINOPHEN_OPTION);
        }

      /* Rule 8 */
      if ((r & BIT (R_MUSCLE_RELAXANT_SHORT)) && (r & BIT (R_NSAID)))
        r |= BIT (R_ANALGESIC_COMBINATION);

      /* Rule 9 */
      if (pathway == CHRONIC)
        r |= BIT (R_SECOND_LINE_CHRONIC);
    }

  /* Rule 10 */
  if (a[I_RADICULAR] == 1)
    r |= BIT (R_RADICULAR_NOTE);
  if (req_pregnant_or_breastfeeding (a))
    r |= BIT (R_PREGNANCY_NOTE);

  return r;
}

/* ---- the guideline, mapped onto the requirement ----------------------- */

#define MAX_FAILURES 20

typedef struct {
  BedsideValue value;
  int          plain;
} DomainValue;

typedef struct {
  BedsideGuideline *guideline;
  guint             n_items;
  /* by item: the values the walk tries when it is enabled */
  GArray          **domains;
  /* by item: every boundary value (c - 1, c, c + 1, min, max), and the
   * constants it is compared with */
  GArray          **boundaries;
  GArray          **constants;
  /* by recommendation index: its RecId */
  gint             *rec_of;
  guint             n_units_depth;   /* items assigned before work is shared out */
  gint              stop_after;      /* 0: walk everything; else stop after so many failures */
} Walk;

static BedsideGuideline *
load_bundled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "guidelines", "back-spasm.xml", NULL);
  g_autoptr(GError) error = NULL;
  BedsideGuideline *g = bedside_guideline_new_from_file (path, &error);

  g_assert_no_error (error);
  return g;
}

static char *
read_bundled (gsize *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "guidelines", "back-spasm.xml", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static gint
code_index (const char * const *codes,
            const char         *code)
{
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      return (gint) i;
  return -1;
}

static const char * const *
req_codes_for (guint item)
{
  switch (item)
    {
    case I_PREGNANT:
      return pregnant_codes;
    case I_HEPATIC:
      return hepatic_codes;
    case I_CKD:
      return ckd_codes;
    default:
      return NULL;
    }
}

static int
plain_from_value (BedsideGuideline   *g,
                  guint               item,
                  const BedsideValue *value)
{
  if (value->state != BEDSIDE_VALUE_KNOWN)
    return UNANSWERED;
  switch (value->type)
    {
    case BEDSIDE_TYPE_BOOLEAN:
      return value->boolean ? 1 : 0;
    case BEDSIDE_TYPE_INTEGER:
      return (int) value->integer;
    case BEDSIDE_TYPE_CHOICE:
      {
        const char * const *codes = req_codes_for (item);

        if (codes == NULL)
          g_error ("item '%s' is a choice; the requirement has no codes for it", item_names[item]);
        return code_index (codes, bedside_guideline_get_item (g, item)->codes[value->code]);
      }
    case BEDSIDE_TYPE_DECIMAL:
    case BEDSIDE_TYPE_TEXT:
    case BEDSIDE_TYPE_DATE:
    case BEDSIDE_TYPE_INVALID:
    default:
      g_assert_not_reached ();
    }
}

static guint64
id_set (JsonArray *array,
        GString   *problems,
        const char *name)
{
  guint64 set = 0;

  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      const char *id = json_array_get_string_element (array, k);
      gint r = code_index (rec_names, id);

      if (r < 0)
        g_string_append_printf (problems, "%s: unknown id '%s'\n", name, id);
      else
        set |= BIT (r);
    }
  return set;
}

typedef struct {
  Walk     *walk;
  GArray  **constants;   /* by item: gint64 */
} ConstantData;

static void
collect_constant (const BedsideSymbol *symbol,
                  const BedsideValue  *constant,
                  gpointer             user_data)
{
  ConstantData *data = user_data;

  if (symbol->is_definition || symbol->type != BEDSIDE_TYPE_INTEGER)
    return;
  g_assert_cmpint (constant->state, ==, BEDSIDE_VALUE_KNOWN);
  g_assert_cmpint (constant->type, ==, BEDSIDE_TYPE_INTEGER);
  g_array_append_val (data->constants[symbol->index], constant->integer);
}

static void
collect_from (ConstantData      *data,
              const BedsideExpr *expr)
{
  if (expr == NULL)
    return;
  /* The boundaries are only the whole story when every use of an item is
   * a comparison with a constant. */
  if (!bedside_expr_foreach_constant (expr, collect_constant, data))
    g_error ("'%s' uses an item in a way its constants do not describe;"
             " the boundary walk would not be exhaustive", bedside_expr_get_source (expr));
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Values of an integer item that lie in the same cell of the partition
 * its constants make (between two constants, or equal to one) are
 * interchangeable: every use of the item is a comparison with one of the
 * constants (collect_from() checks that), so no expression can tell them
 * apart.  The quick walk takes one value per cell: the one just below the
 * next constant (c - 1, or the constant itself), and in the top cell the
 * one just above the last constant (c + 1).  So every pair (c - 1, c) and
 * the value above the last constant are walked.
 *
 * The cell of @x: 2 × the number of constants below it, + 1 if it is one
 * (@constants sorted, without repeats). */
static guint
cell_of (GArray *constants,
         gint64  x)
{
  guint cell = 0;

  for (guint c = 0; c < constants->len; c++)
    {
      gint64 constant = g_array_index (constants, gint64, c);

      if (constant < x)
        cell += 2;
      else if (constant == x)
        cell += 1;
    }
  return cell;
}

static void
pick_cell_representatives (GArray *boundaries,
                           GArray *constants,
                           GArray *domain)
{
  guint top = 2 * constants->len;   /* the cell above every constant */
  guint k = 0;

  while (k < boundaries->len)
    {
      guint cell = cell_of (constants, g_array_index (boundaries, DomainValue, k).value.integer);
      guint end = k;

      while (end + 1 < boundaries->len &&
             cell_of (constants, g_array_index (boundaries, DomainValue, end + 1).value.integer) == cell)
        end++;
      g_array_append_val (domain, g_array_index (boundaries, DomainValue, cell == top ? k : end));
      k = end + 1;
    }
}

/* Checks that the guideline's questionnaire is the requirement's, and
 * builds the domains the walk tries: every boundary value of integer items
 * if @full, else one per cell. */
static Walk *
walk_new (BedsideGuideline *g,
          gboolean          full)
{
  Walk *walk = g_new0 (Walk, 1);
  ConstantData data = { walk, NULL };
  guint n_recs = bedside_guideline_get_n_recommendations (g);

  walk->guideline = bedside_guideline_ref (g);
  walk->n_items = bedside_guideline_get_n_items (g);
  g_assert_cmpuint (walk->n_items, ==, N_ITEMS);

  /* Recommendations: exactly the requirement's ids. */
  g_assert_cmpuint (n_recs, ==, N_RECS);
  walk->rec_of = g_new (gint, n_recs);
  for (guint i = 0; i < n_recs; i++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (g, i);

      walk->rec_of[i] = code_index (rec_names, rec->id);
      if (walk->rec_of[i] < 0)
        g_error ("recommendation '%s' is not in the requirement", rec->id);
    }
  for (guint r = 0; r < N_RECS; r++)
    if (bedside_guideline_lookup_recommendation (g, rec_names[r]) == NULL)
      g_error ("recommendation '%s' of the requirement is missing", rec_names[r]);

  /* Constants, from every expression of the guideline. */
  data.constants = g_new0 (GArray *, walk->n_items);
  for (guint i = 0; i < walk->n_items; i++)
    data.constants[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < walk->n_items; i++)
    collect_from (&data, bedside_guideline_get_item (g, i)->enable_when);
  for (guint i = 0; i < bedside_guideline_get_n_definitions (g); i++)
    {
      const BedsideDefinition *def = bedside_guideline_get_definition (g, i);

      /* A definition that is a number would hide its item's comparisons. */
      if (bedside_expr_get_type (def->expr) != BEDSIDE_TYPE_BOOLEAN)
        g_error ("definition '%s' is not a condition; the boundary walk cannot see through it", def->id);
      collect_from (&data, def->expr);
    }
  for (guint i = 0; i < bedside_guideline_get_n_branches (g); i++)
    collect_from (&data, bedside_guideline_get_branch (g, i)->when);
  for (guint i = 0; i < n_recs; i++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (g, i);

      for (guint c = 0; c < rec->n_contraindications; c++)
        collect_from (&data, rec->contraindications[c].when);
      for (guint c = 0; c < rec->n_cautions; c++)
        collect_from (&data, rec->cautions[c].when);
    }

  walk->domains = g_new0 (GArray *, walk->n_items);
  walk->boundaries = g_new0 (GArray *, walk->n_items);
  walk->constants = g_new0 (GArray *, walk->n_items);
  for (guint i = 0; i < walk->n_items; i++)
    {
      walk->boundaries[i] = g_array_new (FALSE, FALSE, sizeof (DomainValue));
      walk->constants[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  for (guint i = 0; i < walk->n_items; i++)
    {
      const BedsideItem *item = bedside_guideline_get_item (g, i);
      GArray *domain = g_array_new (FALSE, FALSE, sizeof (DomainValue));

      if (!g_str_equal (item->id, item_names[i]))
        g_error ("item %u is '%s'; the requirement has '%s' there", i, item->id, item_names[i]);
      if (!item->required)
        g_error ("item '%s' is optional; the requirement says every item is required", item->id);

      switch (item->type)
        {
        case BEDSIDE_TYPE_BOOLEAN:
          for (int b = 0; b <= 1; b++)
            {
              DomainValue v = { bedside_value_boolean (b), b };
              g_array_append_val (domain, v);
            }
          break;

        case BEDSIDE_TYPE_CHOICE:
          {
            const char * const *req_codes = req_codes_for (i);

            if (req_codes == NULL)
              g_error ("item '%s' is a choice; the requirement has no codes for it", item->id);
            g_assert_cmpuint (item->n_options, ==, g_strv_length ((char **) req_codes));
            for (guint k = 0; k < item->n_options; k++)
              {
                DomainValue v = { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_CHOICE }, 0 };

                v.value.code = (gint) k;
                v.plain = code_index (req_codes, item->codes[k]);
                if (v.plain < 0)
                  g_error ("item '%s': code '%s' is not in the requirement", item->id, item->codes[k]);
                g_array_append_val (domain, v);
              }
          }
          break;

        case BEDSIDE_TYPE_INTEGER:
          {
            GArray *points = g_array_new (FALSE, FALSE, sizeof (gint64));
            gint64 min, max;

            g_assert_true (item->has_min && item->has_max);
            min = (gint64) item->min;
            max = (gint64) item->max;
            g_array_append_val (points, min);
            g_array_append_val (points, max);
            for (guint c = 0; c < data.constants[i]->len; c++)
              for (gint64 d = -1; d <= 1; d++)
                {
                  gint64 x = g_array_index (data.constants[i], gint64, c) + d;
                  if (x >= min && x <= max)
                    g_array_append_val (points, x);
                }
            g_array_sort (points, compare_gint64);
            for (guint k = 0; k < points->len; k++)
              {
                gint64 x = g_array_index (points, gint64, k);
                DomainValue v = { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_INTEGER }, (int) x };

                if (k > 0 && x == g_array_index (points, gint64, k - 1))
                  continue;
                v.value.integer = x;
                g_array_append_val (walk->boundaries[i], v);
              }
            g_array_unref (points);
            g_array_sort (data.constants[i], compare_gint64);
            for (guint c = 0; c < data.constants[i]->len; c++)
              if (c == 0 || g_array_index (data.constants[i], gint64, c) != g_array_index (data.constants[i], gint64, c - 1))
                g_array_append_val (walk->constants[i], g_array_index (data.constants[i], gint64, c));
            if (full)
              g_array_append_vals (domain, walk->boundaries[i]->data, walk->boundaries[i]->len);
            else
              pick_cell_representatives (walk->boundaries[i], walk->constants[i], domain);
          }
          break;

        case BEDSIDE_TYPE_DECIMAL:
        case BEDSIDE_TYPE_TEXT:
        case BEDSIDE_TYPE_DATE:
        case BEDSIDE_TYPE_INVALID:
        default:
          g_error ("item '%s': the requirement has no item of type %s", item->id,
                   bedside_value_type_to_string (item->type));
        }
      walk->domains[i] = domain;
    }

  /* The requirement's ranges. */
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_AGE)->min, ==, 0);
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_AGE)->max, ==, 120);
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_DURATION_WEEKS)->min, ==, 0);
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_DURATION_WEEKS)->max, ==, 520);
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_PAIN_SEVERITY)->min, ==, 0);
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_PAIN_SEVERITY)->max, ==, 10);

  for (guint i = 0; i < walk->n_items; i++)
    g_array_unref (data.constants[i]);
  g_free (data.constants);

  walk->n_units_depth = 2;  /* age and pregnancy: a few dozen units of work */
  return walk;
}

static void
walk_free (Walk *walk)
{
  for (guint i = 0; i < walk->n_items; i++)
    {
      g_array_unref (walk->domains[i]);
      g_array_unref (walk->boundaries[i]);
      g_array_unref (walk->constants[i]);
    }
  g_free (walk->domains);
  g_free (walk->boundaries);
  g_free (walk->constants);
  g_free (walk->rec_of);
  bedside_guideline_unref (walk->guideline);
  g_free (walk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Walk, walk_free)

static char *
domain_to_string (const Walk *walk,
                  guint       item)
{
  GString *s = g_string_new (NULL);
  GArray *domain = walk->domains[item];

  for (guint k = 0; k < domain->len; k++)
    {
      g_autofree char *text = bedside_value_to_string (&g_array_index (domain, DomainValue, k).value,
                                                       bedside_guideline_get_item (walk->guideline, item)->codes);
      g_string_append_printf (s, "%s%s", k > 0 ? " " : "", text);
    }
  return g_string_free (s, FALSE);
}

static char *
ids_to_string (guint64 set)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < N_RECS; r++)
    if (set & BIT (r))
      g_string_append_printf (s, "%s%s", s->len > 0 ? " " : "", rec_names[r]);
  return g_string_free (s, FALSE);
}

/* ---- the walk --------------------------------------------------------- */

typedef struct {
  const Walk         *walk;
  BedsideEvaluator   *evaluator;
  BedsideValue        values[N_ITEMS];
  int                 plain[N_ITEMS];
  BedsideValue       *definition_values;
  guint8             *definition_done;
  guint               n_definitions;
  BedsideEvalContext  context;
  /* units of work: claimed through a shared array of flags */
  gint               *claimed;
  guint               n_units;
  guint               unit;
  guint64             walked;
  guint64             failures;
  GPtrArray          *messages;
  gboolean            count_only;
  gint               *stop;   /* shared: set when stop_after failures are reached */
  guint64             pattern;        /* bit i: item i is answered */
  GArray             *seen_patterns;  /* guint64: those checked with a session */
} Worker;

static char *
describe (const Worker *w)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < w->walk->n_items; i++)
    if (w->values[i].state == BEDSIDE_VALUE_KNOWN)
      {
        const BedsideItem *item = bedside_guideline_get_item (w->walk->guideline, i);
        g_autofree char *text = bedside_value_to_string (&w->values[i], item->codes);

        g_string_append_printf (s, "%s%s=%s", s->len > 0 ? ", " : "", item->id, text);
      }
  return g_string_free (s, FALSE);
}

static void fail (Worker *w, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
fail (Worker     *w,
      const char *format,
      ...)
{
  w->failures++;
  if (w->messages->len < MAX_FAILURES)
    {
      va_list args;
      g_autofree char *what = NULL;
      g_autofree char *where = describe (w);

      va_start (args, format);
      what = g_strdup_vprintf (format, args);
      va_end (args);
      g_ptr_array_add (w->messages, g_strdup_printf ("%s\n    answers: {%s}", what, where));
    }
  if (w->walk->stop_after > 0 && w->failures >= (guint64) w->walk->stop_after)
    g_atomic_int_set (w->stop, 1);
}

static gboolean
engine_enabled (Worker            *w,
                const BedsideItem *item)
{
  gboolean known, enabled;

  if (item->enable_when == NULL)
    return TRUE;
  memset (w->definition_done, 0, MAX (w->n_definitions, 1));
  enabled = bedside_expr_evaluate_boolean (item->enable_when, &w->context, &known);
  return enabled && known;
}

/* Once per pattern of enabled items: the session agrees that these answers
 * are complete, and bedside_evaluate() gives the plan the batch evaluator
 * gives. */
static void
check_with_session (Worker       *w,
                    const guint  *out,
                    guint         n_out)
{
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < w->seen_patterns->len; k++)
    if (g_array_index (w->seen_patterns, guint64, k) == w->pattern)
      return;
  g_array_append_val (w->seen_patterns, w->pattern);

  session = bedside_session_new (w->walk->guideline);
  for (guint i = 0; i < w->walk->n_items; i++)
    if (w->values[i].state == BEDSIDE_VALUE_KNOWN)
      {
        if (!bedside_session_set_answer (session, i, &w->values[i], &error))
          {
            fail (w, "the session refuses an answer: %s", error->message);
            return;
          }
      }
  for (guint i = 0; i < w->walk->n_items; i++)
    if (bedside_session_is_enabled (session, i) != (w->values[i].state == BEDSIDE_VALUE_KNOWN))
      fail (w, "the session and the walk disagree on whether '%s' is enabled",
            bedside_guideline_get_item (w->walk->guideline, i)->id);
  if (!bedside_session_is_complete (session))
    fail (w, "the session says complete answers are incomplete");
  plan = bedside_evaluate (session, &error);
  if (plan == NULL)
    {
      fail (w, "bedside_evaluate() fails on complete answers: %s", error->message);
      return;
    }
  if (bedside_care_plan_get_n_entries (plan) != n_out)
    fail (w, "bedside_evaluate() and the batch evaluator disagree");
  else
    for (guint k = 0; k < n_out; k++)
      if (bedside_care_plan_get_entry (plan, k)->recommendation->index != out[k])
        fail (w, "bedside_evaluate() and the batch evaluator disagree");
}

static void
check_leaf (Worker *w)
{
  const Walk *walk = w->walk;
  const int *a = w->plain;
  g_autoptr(GError) error = NULL;
  const guint *out = NULL;
  guint n_out = 0;
  guint64 got = 0, expected;

  w->walked++;

  /* Evaluation succeeds on every complete set of answers. */
  if (!bedside_evaluator_run (w->evaluator, w->values, &out, &n_out, &error))
    {
      fail (w, "evaluation fails on complete answers: %s", error->message);
      return;
    }
  check_with_session (w, out, n_out);

  for (guint k = 0; k < n_out; k++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (walk->guideline, out[k]);
      gint r = walk->rec_of[out[k]];

      if (got & BIT (r))
        fail (w, "'%s' is in the plan twice", rec->id);
      got |= BIT (r);
      /* Every recommendation cites at least one reference that exists. */
      if (rec->n_citations == 0)
        fail (w, "'%s' cites no reference", rec->id);
      for (guint c = 0; c < rec->n_citations; c++)
        if (rec->citations[c] >= bedside_guideline_get_n_references (walk->guideline))
          fail (w, "'%s' cites a reference that does not exist", rec->id);
    }

  /* Every plan has the safety net and at least one recommendation. */
  if (n_out == 0)
    fail (w, "empty plan");
  if (!(got & BIT (R_SAFETY_NET)))
    fail (w, "no safety_net");

  /* A red flag always yields its urgent recommendation, no routine drug,
   * nothing routine. */
  if (req_red_flag (a))
    {
      guint64 allowed = BIT (R_URGENT_CAUDA_EQUINA) | BIT (R_URGENT_RED_FLAG) | BIT (R_SAFETY_NET);

      if (a[I_RF_CAUDA_EQUINA] == 1 && !(got & BIT (R_URGENT_CAUDA_EQUINA)))
        fail (w, "cauda equina without urgent_cauda_equina");
      if ((a[I_RF_PROGRESSIVE_DEFICIT] == 1 || a[I_RF_CANCER] == 1 ||
           a[I_RF_INFECTION] == 1 || a[I_RF_FRACTURE] == 1) &&
          !(got & BIT (R_URGENT_RED_FLAG)))
        fail (w, "red flag without urgent_red_flag");
      if (got & ROUTINE_DRUGS)
        {
          g_autofree char *drugs = ids_to_string (got & ROUTINE_DRUGS);
          fail (w, "red flag with a routine drug: %s", drugs);
        }
      if (got & ~allowed)
        {
          g_autofree char *extra = ids_to_string (got & ~allowed);
          fail (w, "red flag with routine recommendations: %s", extra);
        }
    }

  /* A contraindicated drug is never offered, and the note says why. */
  if (req_mr_reasons (a) != 0 && (got & MUSCLE_RELAXANTS))
    fail (w, "muscle relaxant despite a contraindication");
  if (req_mr_candidate (a) && (req_mr_reasons (a) & ~got))
    {
      g_autofree char *missing = ids_to_string (req_mr_reasons (a) & ~got);
      fail (w, "muscle relaxant contraindicated without the note: %s", missing);
    }
  if (req_drug (a) && !req_nsaid_ok (a))
    {
      if (got & BIT (R_NSAID))
        fail (w, "NSAID despite a contraindication");
      if (!(got & BIT (R_NSAID_AVOID)))
        fail (w, "NSAID contraindicated without nsaid_avoid");
    }
  if ((got & BIT (R_ANALGESIC_COMBINATION)) &&
      (got & (BIT (R_MUSCLE_RELAXANT_SHORT) | BIT (R_NSAID))) != (BIT (R_MUSCLE_RELAXANT_SHORT) | BIT (R_NSAID)))
    fail (w, "analgesic_combination without both of its drugs");

  /* The oracle: exactly the requirement's plan. */
  expected = oracle (a);
  if (got != expected)
    {
      g_autofree char *missing = ids_to_string (expected & ~got);
      g_autofree char *unexpected = ids_to_string (got & ~expected);

      fail (w, "plan differs from the requirement: missing [%s], unexpected [%s]", missing, unexpected);
    }
}

static void
walk_item (Worker *w,
           guint   i)
{
  const Walk *walk = w->walk;
  const BedsideItem *item;
  gboolean enabled;
  GArray *domain;

  if (!w->count_only && g_atomic_int_get (w->stop))
    return;

  if (i == walk->n_units_depth)
    {
      guint unit = w->unit++;

      if (w->count_only)
        return;
      g_assert_cmpuint (unit, <, w->n_units);
      if (!g_atomic_int_compare_and_exchange (&w->claimed[unit], 0, 1))
        return;
    }
  if (i == walk->n_items)
    {
      check_leaf (w);
      return;
    }

  item = bedside_guideline_get_item (walk->guideline, i);
  enabled = engine_enabled (w, item);
  if (enabled != req_enabled ((ItemId) i, w->plain))
    fail (w, "'%s' is %s by the guideline but %s by the requirement", item->id,
          enabled ? "enabled" : "not enabled", enabled ? "not" : "enabled");

  if (!enabled)
    {
      walk_item (w, i + 1);
      return;
    }
  domain = walk->domains[i];
  w->pattern |= G_GUINT64_CONSTANT (1) << i;
  for (guint k = 0; k < domain->len; k++)
    {
      const DomainValue *v = &g_array_index (domain, DomainValue, k);

      w->values[i] = v->value;
      w->plain[i] = v->plain;
      walk_item (w, i + 1);
    }
  w->pattern &= ~(G_GUINT64_CONSTANT (1) << i);
  w->values[i] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
  w->plain[i] = UNANSWERED;
}

static void
worker_init (Worker     *w,
             const Walk *walk,
             gint       *claimed,
             guint       n_units,
             gint       *stop)
{
  memset (w, 0, sizeof *w);
  w->walk = walk;
  w->evaluator = bedside_evaluator_new (walk->guideline);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      w->values[i] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
      w->plain[i] = UNANSWERED;
    }
  w->n_definitions = bedside_guideline_get_n_definitions (walk->guideline);
  w->definition_values = g_new0 (BedsideValue, MAX (w->n_definitions, 1));
  w->definition_done = g_new0 (guint8, MAX (w->n_definitions, 1));
  w->context.items = w->values;
  w->context.definitions = bedside_guideline_get_definition_exprs (walk->guideline);
  w->context.definition_values = w->definition_values;
  w->context.definition_done = w->definition_done;
  w->claimed = claimed;
  w->n_units = n_units;
  w->stop = stop;
  w->messages = g_ptr_array_new_with_free_func (g_free);
  w->seen_patterns = g_array_new (FALSE, FALSE, sizeof (guint64));
}

static void
worker_clear (Worker *w)
{
  bedside_evaluator_free (w->evaluator);
  g_free (w->definition_values);
  g_free (w->definition_done);
  g_ptr_array_unref (w->messages);
  g_array_unref (w->seen_patterns);
}

static gpointer
worker_thread (gpointer data)
{
  walk_item (data, 0);
  return NULL;
}

typedef struct {
  guint64 walked;
  guint64 failures;
  guint64 patterns;
  GPtrArray *messages;
} WalkResult;

static int
compare_messages (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
run_walk (Walk       *walk,
          guint       n_threads,
          WalkResult *result)
{
  Worker counter;
  g_autofree gint *claimed = NULL;
  g_autofree Worker *workers = NULL;
  g_autofree GThread **threads = NULL;
  g_autoptr(GArray) patterns = g_array_new (FALSE, FALSE, sizeof (guint64));
  gint stop = 0, counting_stop = 0;
  guint n_units;

  /* Count the units of work (the enabled assignments of the first items). */
  worker_init (&counter, walk, NULL, 0, &counting_stop);
  counter.count_only = TRUE;
  walk_item (&counter, 0);
  n_units = counter.unit;   /* its failures, if any, are found again below */
  worker_clear (&counter);

  claimed = g_new0 (gint, n_units);
  workers = g_new0 (Worker, n_threads);
  threads = g_new0 (GThread *, n_threads);
  for (guint t = 0; t < n_threads; t++)
    {
      worker_init (&workers[t], walk, claimed, n_units, &stop);
      threads[t] = g_thread_new ("safety-walk", worker_thread, &workers[t]);
    }

  memset (result, 0, sizeof *result);
  result->messages = g_ptr_array_new_with_free_func (g_free);
  for (guint t = 0; t < n_threads; t++)
    {
      g_thread_join (threads[t]);
      result->walked += workers[t].walked;
      result->failures += workers[t].failures;
      for (guint k = 0; k < workers[t].seen_patterns->len; k++)
        {
          guint64 pattern = g_array_index (workers[t].seen_patterns, guint64, k);
          guint j;

          for (j = 0; j < patterns->len; j++)
            if (g_array_index (patterns, guint64, j) == pattern)
              break;
          if (j == patterns->len)
            g_array_append_val (patterns, pattern);
        }
      for (guint m = 0; m < workers[t].messages->len; m++)
        g_ptr_array_add (result->messages, g_strdup (workers[t].messages->pdata[m]));
      worker_clear (&workers[t]);
    }
  result->patterns = patterns->len;
  /* Thread order varies; report failures in a stable order. */
  g_ptr_array_sort (result->messages, compare_messages);
  if (walk->stop_after == 0)
    for (guint u = 0; u < n_units; u++)
      g_assert_cmpint (claimed[u], ==, 1);
}

/* The number of complete sets of answers, counted from the requirement's
 * "enabled when" column alone (not by walking): ages and durations as the
 * domains below give them. */
static guint64
expected_count (const Walk *walk)
{
  guint64 total = 0;
  /* The medication block (all enabled under drug): 11 booleans, 2 choices. */
  const guint64 medication = (1u << 11) * 3 * 3;
  GArray *ages = walk->domains[I_AGE];
  GArray *durations = walk->domains[I_DURATION_WEEKS];
  guint64 pains = walk->domains[I_PAIN_SEVERITY]->len;

  for (guint k = 0; k < ages->len; k++)
    {
      int age = g_array_index (ages, DomainValue, k).plain;
      guint64 pregnant = age >= 12 ? 3 : 1;
      guint64 routine = 0;

      if (age < 18)
        {
          total += pregnant * 32;   /* red flags, then nothing */
          continue;
        }
      for (guint d = 0; d < durations->len; d++)
        {
          int weeks = g_array_index (durations, DomainValue, d).plain;
          guint64 exercise = weeks > 12 ? 2 : 1;
          guint64 prior_mr = weeks >= 4 && weeks <= 12 ? 2 : 1;

          /* pain × radicular × prior exercise × (no medicines + medicines) */
          routine += pains * 2 * exercise * (1 + prior_mr * medication);
        }
      total += pregnant * (31 + routine);   /* 31 ways to have a red flag */
    }
  return total;
}

static void
test_walk (void)
{
  g_autoptr(BedsideGuideline) g = load_bundled ();
  gboolean full = g_test_slow ();
  g_autoptr(Walk) walk = walk_new (g, full);
  WalkResult result;
  guint n_threads = CLAMP (g_get_num_processors (), 1, 8);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < walk->n_items; i++)
    {
      const BedsideItem *item = bedside_guideline_get_item (g, i);
      g_autofree char *domain = domain_to_string (walk, i);

      if (item->type == BEDSIDE_TYPE_INTEGER)
        g_test_message ("%s walked at: %s", item->id, domain);
    }
  g_test_message (full ? "every boundary value (-m slow)"
                       : "one value per cell of the boundaries (-m slow walks every boundary value)");

  run_walk (walk, n_threads, &result);

  for (guint m = 0; m < result.messages->len; m++)
    g_test_message ("FAIL: %s", (const char *) result.messages->pdata[m]);
  if (result.failures > result.messages->len)
    g_test_message ("... %" G_GUINT64_FORMAT " failures in all", result.failures);
  g_test_message ("walked %" G_GUINT64_FORMAT " combinations in %.1f s on %u threads"
                  " (%" G_GUINT64_FORMAT " patterns of enabled items also through the session)",
                  result.walked, (g_get_monotonic_time () - start) / 1e6, n_threads, result.patterns);
  g_ptr_array_unref (result.messages);

  g_assert_cmpuint (result.failures, ==, 0);
  g_assert_cmpuint (result.walked, ==, expected_count (walk));
}

/* ---- vignettes ------------------------------------------------------- */

/* Runs every vignette of @file through the session and the evaluator;
 * returns the number that fail, each named in @problems. */
static guint
run_vignettes (BedsideGuideline *g,
               const char       *file,
               GString          *problems,
               guint            *n_run)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", file, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint failed = 0;

  *n_run = 0;
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(BedsideSession) session = NULL;
      g_autoptr(BedsideCarePlan) plan = NULL;
      JsonObject *vignette, *expect, *answers;
      const char *name;
      guint64 include, exclude, got = 0;
      int plain[N_ITEMS];
      gsize before = problems->len;

      if (*lines[i] == '\0')
        continue;
      (*n_run)++;
      root = bedside_answers_data_read (lines[i], -1, file, &error);
      g_assert_no_error (root == NULL ? error : NULL);
      vignette = json_node_get_object (root);
      name = json_object_get_string_member (vignette, "name");
      if (!g_hash_table_add (names, (gpointer) name))
        g_string_append_printf (problems, "%s: the name is used twice\n", name);
      expect = json_object_get_object_member (vignette, "expect");
      answers = json_object_get_object_member (vignette, "answers");
      include = id_set (json_object_get_array_member (expect, "include"), problems, name);
      exclude = id_set (json_object_get_array_member (expect, "exclude"), problems, name);
      if (include & exclude)
        g_string_append_printf (problems, "%s: an id is both included and excluded\n", name);

      session = bedside_session_new (g);
      if (!bedside_session_load_answers_json (session, json_object_get_member (vignette, "answers"),
                                              name, &error))
        {
          g_string_append_printf (problems, "%s: %s\n", name, error->message);
          g_clear_error (&error);
          failed++;
          continue;
        }

      /* Only enabled items are answered, by the requirement's reading
       * and the guideline's, and the answers are complete. */
      for (guint k = 0; k < N_ITEMS; k++)
        plain[k] = plain_from_value (g, k, bedside_session_get_answer (session, k));
      for (guint k = 0; k < N_ITEMS; k++)
        {
          int earlier[N_ITEMS];
          gboolean req;

          /* The requirement's enable-when reads only earlier items. */
          for (guint j = 0; j < N_ITEMS; j++)
            earlier[j] = j < k ? plain[j] : UNANSWERED;
          req = req_enabled ((ItemId) k, earlier);
          if (json_object_has_member (answers, item_names[k]) && !bedside_session_is_enabled (session, k))
            g_string_append_printf (problems, "%s: '%s' is answered but not enabled\n", name, item_names[k]);
          if (bedside_session_is_enabled (session, k) != req)
            g_string_append_printf (problems, "%s: '%s' is %s by the guideline but %s by the requirement\n",
                                    name, item_names[k], req ? "not enabled" : "enabled",
                                    req ? "enabled" : "not");
        }
      if (!bedside_session_is_complete (session))
        g_string_append_printf (problems, "%s: the answers are not complete\n", name);

      plan = bedside_evaluate (session, &error);
      if (plan == NULL)
        {
          g_string_append_printf (problems, "%s: %s\n", name, error->message);
          g_clear_error (&error);
          failed++;
          continue;
        }
      for (guint k = 0; k < bedside_care_plan_get_n_entries (plan); k++)
        {
          gint r = code_index (rec_names, bedside_care_plan_get_entry (plan, k)->recommendation->id);
          g_assert_cmpint (r, >=, 0);
          got |= BIT (r);
        }
      if (include & ~got)
        {
          g_autofree char *missing = ids_to_string (include & ~got);
          g_string_append_printf (problems, "%s: missing %s\n", name, missing);
        }
      if (exclude & got)
        {
          g_autofree char *unexpected = ids_to_string (exclude & got);
          g_string_append_printf (problems, "%s: unexpected %s\n", name, unexpected);
        }
      /* The vignettes and the oracle are two readings of the requirement:
       * they must agree too. */
      if ((include & ~oracle (plain)) || (exclude & oracle (plain)))
        g_string_append_printf (problems, "%s: the vignette and the test's oracle disagree\n", name);
      if (json_object_has_member (expect, "pathway") &&
          g_strcmp0 (bedside_care_plan_get_pathway (plan), json_object_get_string_member (expect, "pathway")) != 0)
        g_string_append_printf (problems, "%s: pathway %s, expected %s\n", name,
                                bedside_care_plan_get_pathway (plan),
                                json_object_get_string_member (expect, "pathway"));
      if (problems->len != before)
        failed++;
    }
  return failed;
}

static void
test_vignettes (void)
{
  g_autoptr(BedsideGuideline) g = load_bundled ();
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n, failed;

  failed = run_vignettes (g, "back-spasm-vignettes.jsonl", problems, &n);
  g_test_message ("%u vignettes, %u failed", n, failed);
  if (failed > 0)
    g_test_message ("%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");
  g_assert_cmpuint (n, >=, 60);
}

/* ---- the checks can fail ---------------------------------------------- */

/* Each mutant breaks one rule of the requirement; the walk and the
 * vignettes must both notice.  The walk stops at its first failure, and
 * each mutant is chosen so that it fails early in questionnaire order. */
static const struct {
  const char *what;
  const char *from;
  const char *to;
} mutants[] = {
  { "rule 1: a red flag no longer stops the walk",
    "<recommend ref=\"safety_net\"/>\n        <stop/>", "<recommend ref=\"safety_net\"/>" },
  { "rule 5: muscle relaxant from pain 5",
    "(acute and pain_severity &gt;= 4)", "(acute and pain_severity &gt;= 5)" },
  { "rule 6: no driving caution",
    "<caution when=\"drives_or_machinery\" note=\"driving_caution\"/>", "" },
  { "enable-when: pregnancy asked from 13",
    "enable-when=\"age &gt;= 12\"", "enable-when=\"age &gt;= 13\"" },
  { "rule 7: acetaminophen in chronic pain too",
    "when=\"not nsaid_ok and not chronic\"", "when=\"not nsaid_ok\"" },
  { "rule 7: NSAID in pregnancy",
    "<contraindication when=\"pregnant = 'pregnant'\" note=\"nsaid_avoid\">", "<contraindication when=\"false\" note=\"nsaid_avoid\">" },
  { "rule 1: cauda equina hides the other red flags (the guideline before this test)",
    "<branch when=\"rf_progressive_deficit or rf_cancer or rf_infection or rf_fracture\" label=\"another red flag as well: urgent evaluation\">",
    "<branch when=\"false\" label=\"another red flag as well: urgent evaluation\">" },
};

static void
test_mutants (void)
{
  gsize length;
  g_autofree char *original = read_bundled (&length);

  for (guint m = 0; m < G_N_ELEMENTS (mutants); m++)
    {
      g_autoptr(GString) xml = g_string_new (original);
      g_autoptr(GError) error = NULL;
      g_autoptr(BedsideGuideline) g = NULL;
      g_autoptr(Walk) walk = NULL;
      g_autoptr(GString) problems = g_string_new (NULL);
      WalkResult result;
      guint n, failed;

      g_assert_cmpuint (g_string_replace (xml, mutants[m].from, mutants[m].to, 1), ==, 1);
      g = bedside_guideline_new_from_data (xml->str, xml->len, "mutant.xml", &error);
      g_assert_no_error (error);

      walk = walk_new (g, FALSE);
      walk->stop_after = 1;
      run_walk (walk, 1, &result);
      g_test_message ("mutant '%s': walk fails after %" G_GUINT64_FORMAT " combinations: %s",
                      mutants[m].what, result.walked,
                      result.messages->len > 0 ? (const char *) result.messages->pdata[0] : "(nothing)");
      g_assert_cmpuint (result.failures, >, 0);
      g_ptr_array_unref (result.messages);

      failed = run_vignettes (g, "back-spasm-vignettes.jsonl", problems, &n);
      g_test_message ("mutant '%s': %u of %u vignettes fail", mutants[m].what, failed, n);
      g_assert_cmpuint (failed, >, 0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safety/vignettes", test_vignettes);
  g_test_add_func ("/safety/walk", test_walk);
  g_test_add_func ("/safety/mutants", test_mutants);
  return g_test_run ();
}
