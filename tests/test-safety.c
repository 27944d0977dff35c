/* test-safety.c: clinical-safety properties of the bundled back-spasm guideline.
 *
 * Checks against the clinical requirement, version 1.1
 * (/shared/clinical/back-spasm.md):
 *
 *  - the vignettes in data/back-spasm-vignettes.jsonl (written by
 *    gen-back-spasm-vignettes.py from its own reading of the requirement),
 *    each run through the session and the evaluator;
 *  - a walk of every complete set of answers, item by item in questionnaire
 *    order, branching over an item only when the earlier answers enable it.
 *    Each answer set is evaluated and checked against safety properties
 *    (below) and against oracle(), a plain re-implementation of the
 *    requirement's rules 1-10 that shares no code with the engine: the
 *    plan must hold exactly the oracle's recommendation ids, with its
 *    pathway.
 *
 * Safety properties, for every answer set: the plan is never empty and has
 * the safety net; a red flag gives its own recommendations and nothing of
 * the routine pathway; no plan offers a medicine while one of the reasons
 * against it in its record holds (each reason is evaluated on the answers
 * and must be known and false); every item a record's reasons and cautions
 * read was answered wherever that medicine is offered; a medicine left out
 * has a reason that holds, with its note in the plan; a caution of an
 * offered medicine that holds has its note in the plan.
 *
 * What the walk enumerates
 *
 *  - Booleans: both values.  Choices: every code.  Integers: one value per
 *    cell of the partition that comparisons with constants make, the
 *    guideline's (read from its expression trees: `age >= 65` cuts between
 *    64 and 65, `age > 75` between 75 and 76, `x = c` on both sides of c)
 *    and the requirement's (spec_cuts[]: a constant the guideline lacks or
 *    gets wrong is still cut at).  Values in one cell are
 *    indistinguishable to every expression and to the oracle: every use of
 *    an integer or choice item is a comparison with constants
 *    (check_expressions() makes sure).
 *
 *  - By default the walk then factors out what only adds notes.  Each
 *    reduction is exact, and applies only where both the guideline
 *    (analysed when the walk is built: classify()) and the requirement
 *    (the tables spec_local[], spec_reason[], spec_cuts[] and
 *    spec_choice_atoms[], read off rules 1-10) allow it; anything else is
 *    walked in full.  The log names what was factored out.
 *
 *    Local nodes.  An item is local when only cautions (of a recommendation
 *    or of a medicine record) and note-only decisions read it (decisions
 *    whose branches only recommend notes that offer nothing, have no
 *    safety rules of their own and that nothing requires; no stop, no
 *    pathway), never an enable-when, a branch of the tree, or a reason
 *    against a medicine: radicular, drives_or_machinery,
 *    glaucoma_urinary, cv_disease, other_serotonergic.  The same holds
 *    for the refinement of an integer or choice item within a cell of the
 *    comparisons that decide more than notes: "age~" (age < 25, only in
 *    the duloxetine caution; age > 75, only in a tramadol caution),
 *    "pain_severity~" (pain >= 7, only in the note-only decision for
 *    multidisciplinary_rehab), "ckd~" (mild_moderate against none, only
 *    in the NSAID caution).  Every note a local node can add depends only
 *    on the other answers (the core) and on that node; no other note
 *    depends on it.  Nodes that one caution reads together, or whose
 *    cautions can add the same note, form a component: for each set of core
 *    answers, the walk sets every local node to its baseline, then walks
 *    each component through all its other values while the rest stay at
 *    theirs: 1 + sum (product - 1) answer sets instead of the product.  A
 *    component whose nodes are each read only by cautions of their own
 *    (one node each), every one false at the node's baseline whatever else
 *    holds (three-valued evaluation with the rest unknown), adds the union
 *    of the notes each node adds alone, in the engine and in the
 *    requirement (each such condition is one more "or" in its note's
 *    rule): such a component is walked one node at a time.  In the bundled
 *    guideline every component is one node: for each core, 1 + (number of
 *    enabled local nodes) answer sets.
 *
 *    Reason items are booleans read only by reasons against medicines,
 *    each reason reading that one item alone and holding exactly when it
 *    is yes, and through suitable(MEDICINE) (maoi_recent, recent_mi,
 *    heart_failure, arrhythmia, hyperthyroid, gi_bleed_history,
 *    nsaid_allergy, seizures, misuse_or_suicidality).  Items whose reasons
 *    belong to the same medicines form a class.  When some items of a
 *    class are yes, the same medicines are left out whichever they are
 *    (and every suitable() reads the same), and the plan gains the notes of
 *    each reason that holds: the plan for several is the union of the
 *    plans for each alone.  The requirement reads them the same way (one
 *    more "or" in nsaid_ok, mr_ok, tramadol_ok, duloxetine_ok; one note
 *    per reason).  So each class is walked as "all no" plus "each one
 *    alone": 1 + n answer sets instead of 2^n, the classes crossed with
 *    each other and with the core.
 *
 *    With -m slow the walk takes every combination instead (the full
 *    product: 312 million answer sets against 5.3 million, 15 to 30
 *    minutes on two cores; run the test binary directly, meson's timeout
 *    is too short): it checks that the reductions lose nothing.  Either way the
 *    number of answer sets walked is compared with a count made from the
 *    requirement's "enabled when" column alone (expected_count()), and the
 *    number of complete answer sets they stand for is reported.
 *
 *  - The plan itself (bedside_evaluator_to_plan(), for the pathway and the
 *    medicines) is built once per set of core and reason answers, with the
 *    local nodes at their baseline: which medicines are offered or left out
 *    depends only on the reasons, which read no local node.
 *
 * Mutated copies of the guideline and of its medicine records show that the
 * walk and the vignettes can fail.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bedside-evaluator.h"
/* The walk reads the comparison operators of the guideline's expressions,
 * to cut integer domains at the right side of each constant. */
#include "bedside-expr-private.h"

/* ---- the requirement's ids ------------------------------------------- */

/* The questionnaire, in the requirement's order. */
typedef enum {
  I_AGE,
  I_PREGNANT,
  I_RF_CAUDA_EQUINA,
  I_RF_PROGRESSIVE_DEFICIT,
  I_RF_INFECTION,
  I_RF_VASCULAR,
  I_RF_MAJOR_TRAUMA,
  I_RF_CANCER,
  I_RF_CANCER_NEURO,
  I_RF_FRACTURE,
  I_DURATION_WEEKS,
  I_PAIN_SEVERITY,
  I_RADICULAR,
  I_PRIOR_EXERCISE_FAILED,
  I_PREFERS_NON_DRUG,
  I_PRIOR_MR_COURSE,
  I_NSAID_TRIED_FAILED,
  I_MAOI_RECENT,
  I_RECENT_MI,
  I_HEART_FAILURE,
  I_ARRHYTHMIA,
  I_HYPERTHYROID,
  I_HEPATIC,
  I_SSRI_SNRI,
  I_OTHER_SEROTONERGIC,
  I_ALCOHOL_REGULAR,
  I_SEDATIVES,
  I_GLAUCOMA_URINARY,
  I_DRIVES_OR_MACHINERY,
  I_GI_BLEED_HISTORY,
  I_CKD,
  I_ANTICOAGULANT,
  I_CV_DISEASE,
  I_STEROIDS_ORAL,
  I_NSAID_ALLERGY,
  I_SEIZURES,
  I_MISUSE_OR_SUICIDALITY,
  N_ITEMS
} ItemId;

static const char * const item_names[N_ITEMS] = {
  "age", "pregnant", "rf_cauda_equina", "rf_progressive_deficit", "rf_infection",
  "rf_vascular", "rf_major_trauma", "rf_cancer", "rf_cancer_neuro", "rf_fracture",
  "duration_weeks", "pain_severity", "radicular", "prior_exercise_failed",
  "prefers_non_drug", "prior_mr_course", "nsaid_tried_failed", "maoi_recent",
  "recent_mi", "heart_failure", "arrhythmia", "hyperthyroid", "hepatic", "ssri_snri",
  "other_serotonergic", "alcohol_regular", "sedatives", "glaucoma_urinary",
  "drives_or_machinery", "gi_bleed_history", "ckd", "anticoagulant", "cv_disease",
  "steroids_oral", "nsaid_allergy", "seizures", "misuse_or_suicidality",
};

G_STATIC_ASSERT (N_ITEMS <= 64);
#define ITEM_BIT(i) (G_GUINT64_CONSTANT (1) << (i))

/* Choice codes, in the requirement's order; the oracle uses the indices. */
enum { PREGNANT_NO, PREGNANT_PREGNANT, PREGNANT_BREASTFEEDING };
enum { HEPATIC_NONE, HEPATIC_MILD, HEPATIC_MODERATE_SEVERE };
enum { CKD_NONE, CKD_MILD_MODERATE, CKD_SEVERE };
static const char * const pregnant_codes[] = { "no", "pregnant", "breastfeeding", NULL };
static const char * const hepatic_codes[] = { "none", "mild", "moderate_severe", NULL };
static const char * const ckd_codes[] = { "none", "mild_moderate", "severe", NULL };

/* The recommendations, in the requirement's order. */
typedef enum {
  R_URGENT_CAUDA_EQUINA,
  R_EMERGENCY_DEFICIT,
  R_EMERGENCY_INFECTION,
  R_EMERGENCY_VASCULAR,
  R_URGENT_CANCER,
  R_EMERGENCY_TRAUMA,
  R_EMERGENCY_MSCC,
  R_URGENT_FRACTURE,
  R_INTERIM_CARE,
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
  R_CHRONIC_DRUGS_LATER,
  R_MUSCLE_RELAXANT_SHORT,
  R_MUSCLE_RELAXANT_FLAREUPS_ONLY,
  R_MR_NO_RESTART,
  R_NSAID,
  R_ANALGESIC_COMBINATION,
  R_ACETAMINOPHEN_OPTION,
  R_ACETAMINOPHEN_LIVER_CAUTION,
  R_SECOND_LINE_LATER,
  R_DULOXETINE_OPTION,
  R_DULOXETINE_SEROTONIN_CAUTION,
  R_DULOXETINE_CAUTION,
  R_DULOXETINE_AVOID,
  R_TRAMADOL_OPTION,
  R_TRAMADOL_AVOID,
  R_TRAMADOL_SEROTONIN_CAUTION,
  R_TRAMADOL_DOSE_CAUTION,
  R_SECOND_LINE_ONE_ONLY,
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
  R_FOLLOWUP_SUBACUTE,
  R_FOLLOWUP_CHRONIC,
  R_SAFETY_NET,
  N_RECS
} RecId;

static const char * const rec_names[N_RECS] = {
  "urgent_cauda_equina", "emergency_deficit", "emergency_infection", "emergency_vascular",
  "urgent_cancer", "emergency_trauma", "emergency_mscc", "urgent_fracture", "interim_care",
  "out_of_scope_minor", "stay_active", "no_routine_imaging", "heat", "massage",
  "spinal_manipulation", "acupuncture", "exercise_supervised", "motor_control", "mind_body",
  "multidisciplinary_rehab", "chronic_drugs_later", "muscle_relaxant_short",
  "muscle_relaxant_flareups_only", "mr_no_restart", "nsaid", "analgesic_combination",
  "acetaminophen_option", "acetaminophen_liver_caution", "second_line_later",
  "duloxetine_option", "duloxetine_serotonin_caution", "duloxetine_caution",
  "duloxetine_avoid", "tramadol_option", "tramadol_avoid", "tramadol_serotonin_caution",
  "tramadol_dose_caution", "second_line_one_only", "no_lumbar_support", "no_tens",
  "mr_contra_maoi", "mr_contra_cardiac", "mr_contra_thyroid", "mr_contra_hepatic",
  "mr_avoid_elderly", "mr_avoid_pregnancy", "mr_reduced_dose_hepatic", "serotonin_caution",
  "cns_caution", "anticholinergic_caution", "driving_caution", "nsaid_caution",
  "nsaid_avoid", "radicular_note", "pregnancy_note", "followup_acute", "followup_subacute",
  "followup_chronic", "safety_net",
};

G_STATIC_ASSERT (N_RECS <= 64);
#define BIT(r) (G_GUINT64_CONSTANT (1) << (r))

/* Rule 1's recommendations: all a plan with a red flag may hold. */
#define RED_FLAG_RECS (BIT (R_URGENT_CAUDA_EQUINA) | BIT (R_EMERGENCY_DEFICIT) |             \
                       BIT (R_EMERGENCY_INFECTION) | BIT (R_EMERGENCY_VASCULAR) |           \
                       BIT (R_URGENT_CANCER) | BIT (R_EMERGENCY_TRAUMA) |                   \
                       BIT (R_EMERGENCY_MSCC) | BIT (R_URGENT_FRACTURE) |                   \
                       BIT (R_INTERIM_CARE) | BIT (R_SAFETY_NET))
/* The medicines of the routine pathway. */
#define ROUTINE_DRUGS (BIT (R_MUSCLE_RELAXANT_SHORT) | BIT (R_MUSCLE_RELAXANT_FLAREUPS_ONLY) | \
                       BIT (R_NSAID) | BIT (R_ACETAMINOPHEN_OPTION) |                           \
                       BIT (R_ANALGESIC_COMBINATION) | BIT (R_DULOXETINE_OPTION) |              \
                       BIT (R_TRAMADOL_OPTION))

/* ---- the requirement, as plain C ------------------------------------- */

/* Answers as plain integers, indexed by ItemId: booleans 0/1, choices the
 * index of their code above, integers themselves; UNANSWERED otherwise.
 * A red flag that was not asked counts as no (== 1 is false). */
#define UNANSWERED G_MININT
#define YES(a, i) ((a)[i] == 1)

enum { NO_PATHWAY = -1, ACUTE, SUBACUTE, CHRONIC };
static const char * const pathway_names[] = { "acute", "subacute", "chronic" };

static gboolean
req_emergency_flag (const int *a)
{
  return YES (a, I_RF_CAUDA_EQUINA) || YES (a, I_RF_PROGRESSIVE_DEFICIT) ||
         YES (a, I_RF_INFECTION) || YES (a, I_RF_VASCULAR) || YES (a, I_RF_MAJOR_TRAUMA) ||
         YES (a, I_RF_CANCER_NEURO);
}

static gboolean
req_urgent_flag (const int *a)
{
  return YES (a, I_RF_CANCER) || YES (a, I_RF_FRACTURE);
}

static gboolean
req_red_flag (const int *a)
{
  return req_emergency_flag (a) || req_urgent_flag (a);
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
  return req_routine (a) && a[I_PREFERS_NON_DRUG] == 0 &&
         (req_pathway (a) != CHRONIC || YES (a, I_PRIOR_EXERCISE_FAILED));
}

static gboolean
req_chronic_drug (const int *a)
{
  return req_drug (a) && req_pathway (a) == CHRONIC;
}

static gboolean
req_mr_candidate (const int *a)
{
  return req_drug (a) && a[I_PAIN_SEVERITY] >= 4 &&
         (req_pathway (a) == CHRONIC || a[I_PRIOR_MR_COURSE] == 0);
}

/* The "enabled when" column.  Only earlier items are read: age, the red
 * flags, duration, pain, prior_exercise_failed, prefers_non_drug and
 * prior_mr_course (flow_items[] below). */
static gboolean
req_enabled (ItemId     item,
             const int *a)
{
  switch (item)
    {
    case I_AGE:
    case I_RF_CAUDA_EQUINA:
    case I_RF_PROGRESSIVE_DEFICIT:
    case I_RF_INFECTION:
    case I_RF_VASCULAR:
    case I_RF_MAJOR_TRAUMA:
    case I_RF_CANCER:
    case I_RF_FRACTURE:
      return TRUE;
    case I_PREGNANT:
      return a[I_AGE] >= 12;
    case I_RF_CANCER_NEURO:
      return YES (a, I_RF_CANCER);
    case I_DURATION_WEEKS:
    case I_PAIN_SEVERITY:
    case I_RADICULAR:
    case I_PREFERS_NON_DRUG:
      return req_routine (a);
    case I_PRIOR_EXERCISE_FAILED:
      return req_routine (a) && req_pathway (a) == CHRONIC;
    case I_PRIOR_MR_COURSE:
      return req_drug (a) && req_pathway (a) != CHRONIC;
    case I_NSAID_TRIED_FAILED:
    case I_SEIZURES:
    case I_MISUSE_OR_SUICIDALITY:
      return req_chronic_drug (a);
    case I_MAOI_RECENT:
    case I_OTHER_SEROTONERGIC:
    case I_SEDATIVES:
    case I_GLAUCOMA_URINARY:
    case I_DRIVES_OR_MACHINERY:
      return req_mr_candidate (a) || req_chronic_drug (a);
    case I_ARRHYTHMIA:
    case I_HYPERTHYROID:
      return req_mr_candidate (a);
    case I_RECENT_MI:
    case I_HEART_FAILURE:
    case I_HEPATIC:
    case I_SSRI_SNRI:
    case I_ALCOHOL_REGULAR:
    case I_GI_BLEED_HISTORY:
    case I_CKD:
    case I_ANTICOAGULANT:
    case I_CV_DISEASE:
    case I_STEROIDS_ORAL:
    case I_NSAID_ALLERGY:
      return req_drug (a);
    case N_ITEMS:
    default:
      g_assert_not_reached ();
    }
}

/* The items req_enabled() reads. */
static const ItemId flow_items[] = {
  I_AGE, I_RF_CAUDA_EQUINA, I_RF_PROGRESSIVE_DEFICIT, I_RF_INFECTION, I_RF_VASCULAR,
  I_RF_MAJOR_TRAUMA, I_RF_CANCER, I_RF_CANCER_NEURO, I_RF_FRACTURE, I_DURATION_WEEKS,
  I_PAIN_SEVERITY, I_PRIOR_EXERCISE_FAILED, I_PREFERS_NON_DRUG, I_PRIOR_MR_COURSE,
};

static gboolean
req_pregnant_or_breastfeeding (const int *a)
{
  return a[I_PREGNANT] == PREGNANT_PREGNANT || a[I_PREGNANT] == PREGNANT_BREASTFEEDING;
}

static gboolean
req_cardiac (const int *a)
{
  return YES (a, I_RECENT_MI) || YES (a, I_HEART_FAILURE) || YES (a, I_ARRHYTHMIA);
}

static gboolean
req_serotonergic (const int *a)
{
  return YES (a, I_SSRI_SNRI) || YES (a, I_OTHER_SEROTONERGIC);
}

/* Rule 5's notes, one per reason that holds: mr_ok is false exactly when
 * there is one. */
static guint64
req_mr_reasons (const int *a)
{
  guint64 r = 0;

  if (YES (a, I_MAOI_RECENT))
    r |= BIT (R_MR_CONTRA_MAOI);
  if (req_cardiac (a))
    r |= BIT (R_MR_CONTRA_CARDIAC);
  if (YES (a, I_HYPERTHYROID))
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
  return !(YES (a, I_NSAID_ALLERGY) || YES (a, I_GI_BLEED_HISTORY) || a[I_CKD] == CKD_SEVERE ||
           a[I_PREGNANT] == PREGNANT_PREGNANT || YES (a, I_RECENT_MI) || YES (a, I_HEART_FAILURE) ||
           a[I_HEPATIC] == HEPATIC_MODERATE_SEVERE || YES (a, I_ANTICOAGULANT) ||
           (req_pathway (a) == CHRONIC && a[I_AGE] >= 65) ||
           (a[I_AGE] >= 65 && YES (a, I_STEROIDS_ORAL)));
}

static gboolean
req_duloxetine_ok (const int *a)
{
  return !(YES (a, I_MAOI_RECENT) || YES (a, I_SSRI_SNRI) || a[I_HEPATIC] != HEPATIC_NONE ||
           a[I_CKD] == CKD_SEVERE || YES (a, I_ALCOHOL_REGULAR));
}

static gboolean
req_tramadol_ok (const int *a)
{
  return !(YES (a, I_MAOI_RECENT) || YES (a, I_ALCOHOL_REGULAR) || YES (a, I_SEDATIVES) ||
           YES (a, I_SEIZURES) || YES (a, I_MISUSE_OR_SUICIDALITY) ||
           req_pregnant_or_breastfeeding (a));
}

/* Rules 1-10 of the requirement: the ids of the plan, and its pathway
 * (NO_PATHWAY outside the routine pathway). */
static guint64
oracle (const int *a,
        int       *pathway_out)
{
  guint64 r = 0;
  int pathway;

  *pathway_out = NO_PATHWAY;

  /* Rule 1 */
  if (req_red_flag (a))
    {
      if (YES (a, I_RF_CAUDA_EQUINA))
        r |= BIT (R_URGENT_CAUDA_EQUINA);
      if (YES (a, I_RF_PROGRESSIVE_DEFICIT))
        r |= BIT (R_EMERGENCY_DEFICIT);
      if (YES (a, I_RF_INFECTION))
        r |= BIT (R_EMERGENCY_INFECTION);
      if (YES (a, I_RF_VASCULAR))
        r |= BIT (R_EMERGENCY_VASCULAR);
      if (YES (a, I_RF_MAJOR_TRAUMA))
        r |= BIT (R_EMERGENCY_TRAUMA);
      if (YES (a, I_RF_CANCER_NEURO))
        r |= BIT (R_EMERGENCY_MSCC);
      if (YES (a, I_RF_CANCER) && !YES (a, I_RF_CANCER_NEURO))
        r |= BIT (R_URGENT_CANCER);
      if (YES (a, I_RF_FRACTURE))
        r |= BIT (R_URGENT_FRACTURE);
      r |= BIT (R_SAFETY_NET);
      if (req_urgent_flag (a) && !req_emergency_flag (a))
        r |= BIT (R_INTERIM_CARE);
      return r;
    }

  /* Rule 2 */
  if (a[I_AGE] < 18)
    return BIT (R_OUT_OF_SCOPE_MINOR) | BIT (R_SAFETY_NET);

  /* Rule 3 */
  r |= BIT (R_STAY_ACTIVE) | BIT (R_NO_ROUTINE_IMAGING) | BIT (R_NO_LUMBAR_SUPPORT) |
       BIT (R_NO_TENS) | BIT (R_SAFETY_NET);

  /* Rule 4 */
  pathway = *pathway_out = req_pathway (a);
  if (pathway == ACUTE)
    r |= BIT (R_HEAT) | BIT (R_MASSAGE) | BIT (R_SPINAL_MANIPULATION) | BIT (R_ACUPUNCTURE) |
         BIT (R_FOLLOWUP_ACUTE);
  else if (pathway == SUBACUTE)
    r |= BIT (R_HEAT) | BIT (R_MASSAGE) | BIT (R_SPINAL_MANIPULATION) | BIT (R_ACUPUNCTURE) |
         BIT (R_EXERCISE_SUPERVISED) | BIT (R_FOLLOWUP_SUBACUTE);
  else
    {
      r |= BIT (R_EXERCISE_SUPERVISED) | BIT (R_MOTOR_CONTROL) | BIT (R_MIND_BODY) |
           BIT (R_ACUPUNCTURE) | BIT (R_SPINAL_MANIPULATION) | BIT (R_FOLLOWUP_CHRONIC);
      if (a[I_PAIN_SEVERITY] >= 7 || YES (a, I_PRIOR_EXERCISE_FAILED))
        r |= BIT (R_MULTIDISCIPLINARY_REHAB);
      if (a[I_PREFERS_NON_DRUG] == 0 && a[I_PRIOR_EXERCISE_FAILED] == 0)
        r |= BIT (R_CHRONIC_DRUGS_LATER);
    }

  if (req_drug (a))
    {
      gboolean mr_in = FALSE, duloxetine = FALSE, tramadol = FALSE;
      gboolean nsaid_ok = req_nsaid_ok (a);

      /* Rule 5 */
      if (req_mr_candidate (a))
        {
          guint64 reasons = req_mr_reasons (a);

          if (reasons == 0)
            {
              r |= pathway == CHRONIC ? BIT (R_MUSCLE_RELAXANT_FLAREUPS_ONLY) : BIT (R_MUSCLE_RELAXANT_SHORT);
              mr_in = TRUE;
            }
          else
            r |= reasons;
        }
      if (pathway != CHRONIC && YES (a, I_PRIOR_MR_COURSE))
        r |= BIT (R_MR_NO_RESTART);

      /* Rule 7 */
      if (nsaid_ok && !(pathway == CHRONIC && YES (a, I_NSAID_TRIED_FAILED)))
        {
          r |= BIT (R_NSAID);
          if (YES (a, I_CV_DISEASE) || a[I_AGE] >= 65 || a[I_CKD] == CKD_MILD_MODERATE ||
              YES (a, I_SSRI_SNRI) || YES (a, I_STEROIDS_ORAL))
            r |= BIT (R_NSAID_CAUTION);
        }
      if (!nsaid_ok)
        {
          r |= BIT (R_NSAID_AVOID) | BIT (R_ACETAMINOPHEN_OPTION);
          if (a[I_HEPATIC] != HEPATIC_NONE || YES (a, I_ALCOHOL_REGULAR))
            r |= BIT (R_ACETAMINOPHEN_LIVER_CAUTION);
        }

      /* Rule 8 */
      if ((r & BIT (R_MUSCLE_RELAXANT_SHORT)) && (r & BIT (R_NSAID)))
        r |= BIT (R_ANALGESIC_COMBINATION);

      /* Rule 9 */
      if (req_chronic_drug (a))
        {
          gboolean second_line = YES (a, I_NSAID_TRIED_FAILED) || !nsaid_ok;

          if (!second_line)
            r |= BIT (R_SECOND_LINE_LATER);
          else
            {
              if (req_duloxetine_ok (a))
                {
                  duloxetine = TRUE;
                  r |= BIT (R_DULOXETINE_OPTION);
                  if (YES (a, I_OTHER_SEROTONERGIC))
                    r |= BIT (R_DULOXETINE_SEROTONIN_CAUTION);
                  if (YES (a, I_ANTICOAGULANT) || YES (a, I_GLAUCOMA_URINARY) || YES (a, I_CV_DISEASE) ||
                      a[I_AGE] < 25 || a[I_AGE] >= 65 || req_pregnant_or_breastfeeding (a))
                    r |= BIT (R_DULOXETINE_CAUTION);
                }
              else
                r |= BIT (R_DULOXETINE_AVOID);
              if (req_tramadol_ok (a))
                {
                  tramadol = TRUE;
                  r |= BIT (R_TRAMADOL_OPTION);
                  if (req_serotonergic (a))
                    r |= BIT (R_TRAMADOL_SEROTONIN_CAUTION);
                  if (a[I_CKD] == CKD_SEVERE || a[I_HEPATIC] == HEPATIC_MODERATE_SEVERE || a[I_AGE] >= 65)
                    r |= BIT (R_TRAMADOL_DOSE_CAUTION);
                }
              else
                r |= BIT (R_TRAMADOL_AVOID);
              if (duloxetine && tramadol)
                r |= BIT (R_SECOND_LINE_ONE_ONLY);
              if ((r & BIT (R_MUSCLE_RELAXANT_FLAREUPS_ONLY)) && (duloxetine || tramadol))
                r |= BIT (R_SEROTONIN_CAUTION);
            }
        }

      /* Rule 6 (after rule 9: the driving caution reads its options) */
      if (mr_in)
        {
          if (a[I_HEPATIC] == HEPATIC_MILD)
            r |= BIT (R_MR_REDUCED_DOSE_HEPATIC);
          if (req_serotonergic (a))
            r |= BIT (R_SEROTONIN_CAUTION);
          if (YES (a, I_ALCOHOL_REGULAR) || YES (a, I_SEDATIVES))
            r |= BIT (R_CNS_CAUTION);
          if (YES (a, I_GLAUCOMA_URINARY))
            r |= BIT (R_ANTICHOLINERGIC_CAUTION);
        }
      if ((mr_in || duloxetine || tramadol) && YES (a, I_DRIVES_OR_MACHINERY))
        r |= BIT (R_DRIVING_CAUTION);
    }

  /* Rule 10 */
  if (YES (a, I_RADICULAR))
    r |= BIT (R_RADICULAR_NOTE);
  if (req_pregnant_or_breastfeeding (a))
    r |= BIT (R_PREGNANCY_NOTE);

  return r;
}

/* How the requirement reads the items the walk factors out (see the top
 * of the file).  Read off rules 1-10 and oracle() above:
 *
 * Local items: each is read only where it adds these notes, and there
 * only alongside core items or items of its own component. */
static const struct {
  ItemId      item;
  const char *notes;   /* the notes it can add (components share one) */
} spec_local[] = {
  { I_RADICULAR, "radicular_note" },                                       /* rule 10 */
  { I_DRIVES_OR_MACHINERY, "driving_caution" },                            /* rule 6 */
  { I_GLAUCOMA_URINARY, "anticholinergic_caution duloxetine_caution" },    /* rules 6, 9 */
  { I_CV_DISEASE, "nsaid_caution duloxetine_caution" },                    /* rules 7, 9 */
  { I_OTHER_SEROTONERGIC,
    "serotonin_caution duloxetine_serotonin_caution tramadol_serotonin_caution" },  /* 6, 9 */
};

/* Reason items: each is read only as one more "or" in the definitions
 * named (and each makes its own note in rule 5: one per reason): a yes
 * makes them false, whichever of the items with the same definitions it
 * is. */
static const struct {
  ItemId      item;
  const char *reads_into;
} spec_reason[] = {
  { I_MAOI_RECENT, "mr_ok duloxetine_ok tramadol_ok" },
  { I_RECENT_MI, "mr_ok nsaid_ok" },
  { I_HEART_FAILURE, "mr_ok nsaid_ok" },
  { I_ARRHYTHMIA, "mr_ok" },
  { I_HYPERTHYROID, "mr_ok" },
  { I_GI_BLEED_HISTORY, "nsaid_ok" },
  { I_NSAID_ALLERGY, "nsaid_ok" },
  { I_SEIZURES, "tramadol_ok" },
  { I_MISUSE_OR_SUICIDALITY, "tramadol_ok" },
};

/* The requirement's comparisons of integer and choice items with
 * constants: every one must be listed, with the note it adds when that is
 * all it does (a local atom, one more "or" in that note's condition).
 * Integers as cuts ("between v and v + 1", by v): `age >= 12`, `>= 18`,
 * `< 25`, `>= 65`; `duration < 4`, `<= 12`; `pain >= 4`, `>= 7`. */
static const struct {
  ItemId      item;
  gint64      after;
  const char *notes;   /* NULL: it decides more than a note */
} spec_cuts[] = {
  { I_AGE, 11, NULL }, { I_AGE, 17, NULL },
  { I_AGE, 24, "duloxetine_caution" },                   /* rule 9 */
  { I_AGE, 64, NULL },
  { I_DURATION_WEEKS, 3, NULL }, { I_DURATION_WEEKS, 12, NULL },
  { I_PAIN_SEVERITY, 3, NULL },
  { I_PAIN_SEVERITY, 6, "multidisciplinary_rehab" },     /* rule 4 */
};

/* Choices: the codes for which the comparison is true. */
static const struct {
  ItemId      item;
  const char *codes;
  const char *notes;
} spec_choice_atoms[] = {
  { I_PREGNANT, "pregnant", NULL },                      /* nsaid_ok */
  { I_PREGNANT, "pregnant breastfeeding", NULL },        /* mr_ok, tramadol_ok, rule 10 */
  { I_HEPATIC, "moderate_severe", NULL },                /* mr_ok, nsaid_ok */
  { I_HEPATIC, "mild moderate_severe", NULL },           /* duloxetine_ok */
  { I_HEPATIC, "mild", "mr_reduced_dose_hepatic" },      /* rule 6 */
  { I_CKD, "severe", NULL },                             /* nsaid_ok, duloxetine_ok */
  { I_CKD, "mild_moderate", "nsaid_caution" },           /* rule 7 */
};

/* ---- the guideline, mapped onto the requirement ----------------------- */

#define MAX_FAILURES 20

/* The items with more than two values.  The analysis below has a node for
 * each item and one for each of these items' refinement within a cell
 * ("age~": which side of a cut that only cautions read, such as
 * age < 25; "ckd~": mild_moderate or none, which only the NSAID caution
 * tells apart). */
#define N_SPLIT 6
static const ItemId split_items[N_SPLIT] = {
  I_AGE, I_PREGNANT, I_DURATION_WEEKS, I_PAIN_SEVERITY, I_HEPATIC, I_CKD,
};
#define N_NODES (N_ITEMS + N_SPLIT)
#define REFINEMENT(k) (N_ITEMS + (k))
G_STATIC_ASSERT (N_NODES <= 64);

static gint
split_slot (guint item)
{
  for (guint k = 0; k < N_SPLIT; k++)
    if (split_items[k] == item)
      return (gint) k;
  return -1;
}

typedef struct {
  BedsideValue value;
  int          plain;
} DomainValue;

typedef enum {
  ROLE_NONE,     /* a refinement with nothing to refine */
  ROLE_CORE,     /* walked in full */
  ROLE_LOCAL,    /* one component at a time */
  ROLE_REASON,   /* "all no" or one at a time, per class */
} Role;

typedef struct {
  BedsideGuideline *guideline;
  guint             n_items;
  /* by item: the values the walk tries when it is enabled */
  GArray          **domains;
  /* by split slot: every value that matters (integers: one per cell of the
   * constants), and the same values grouped into the cells that more than
   * notes tell apart, each a GArray of DomainValue, its baseline first */
  GArray           *fine[N_SPLIT];
  GPtrArray        *cells[N_SPLIT];
  /* by recommendation index: its RecId, or -1 for one the requirement
   * does not name (it must never be in a plan) */
  gint             *rec_of;
  /* the reductions (all items ROLE_CORE, no refinements, with -m slow) */
  gboolean          factored;
  Role              role[N_NODES];
  guint             group[N_NODES];        /* LOCAL: component; REASON: class */
  guint             n_components;
  guint             n_classes;
  guint64           local_nodes;           /* local by the analysis, walked in full or not */
  /* by medicine index: the items its reasons and cautions read */
  guint64          *medicine_reads;
  guint             n_medicines;
  GPtrArray        *notes;                 /* what the analysis found, for the log */
  guint             n_missing;             /* the requirement's recommendations it lacks */
  guint             n_units_depth;         /* items assigned before work is shared out */
  gint              stop_after;            /* 0: walk everything; else stop after so many failures */
} Walk;

static char *
bundled_path (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "guidelines", file, NULL);
}

static BedsideGuideline *
load_bundled (void)
{
  g_autofree char *path = bundled_path ("back-spasm.xml");
  g_autoptr(GError) error = NULL;
  BedsideGuideline *g = bedside_guideline_new_from_file (path, &error);

  g_assert_no_error (error);
  return g;
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

static char *
ids_to_string (guint64 set)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < N_RECS; r++)
    if (set & BIT (r))
      g_string_append_printf (s, "%s%s", s->len > 0 ? " " : "", rec_names[r]);
  return g_string_free (s, FALSE);
}

static guint64
id_set (JsonArray  *array,
        GString    *problems,
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

static const char *
node_name (guint node)
{
  static const char * const refinements[N_SPLIT] = {
    "age~", "pregnant~", "duration_weeks~", "pain_severity~", "hepatic~", "ckd~",
  };

  return node < N_ITEMS ? item_names[node] : refinements[node - N_ITEMS];
}

/* ---- what an expression reads ----------------------------------------- */

/* A comparison of a split item with constants, in an expression's tree:
 * the item's slot, the operator (the symbol on the left), and the
 * constants.  Returns FALSE for any other node. */
typedef struct {
  gint            slot;
  NodeKind        kind;
  const Node     *constants[64];
  guint           n_constants;
} Comparison;

static gboolean
read_comparison (const BedsideExpr *expr,
                 const Node        *n,
                 Comparison        *cmp)
{
  const guint32 *k = &expr->kids[n->first_kid];
  const Node *left = n->n_kids > 0 ? &expr->nodes[k[0]] : NULL;
  const Node *right = n->n_kids > 1 ? &expr->nodes[k[1]] : NULL;
  const Node *symbol;
  NodeKind kind = (NodeKind) n->kind;

  switch (kind)
    {
    case NODE_EQ:
    case NODE_NE:
    case NODE_LT:
    case NODE_LE:
    case NODE_GT:
    case NODE_GE:
      if (left->kind == NODE_SYMBOL && (right->kind == NODE_LITERAL || right->kind == NODE_STRING))
        symbol = left, cmp->constants[0] = right;
      else if (right->kind == NODE_SYMBOL && (left->kind == NODE_LITERAL || left->kind == NODE_STRING))
        {
          /* c < x is x > c, and so on. */
          symbol = right, cmp->constants[0] = left;
          kind = kind == NODE_LT ? NODE_GT : kind == NODE_GT ? NODE_LT :
                 kind == NODE_LE ? NODE_GE : kind == NODE_GE ? NODE_LE : kind;
        }
      else
        return FALSE;
      cmp->n_constants = 1;
      break;

    case NODE_IN:
    case NODE_NOT_IN:
      if (left->kind != NODE_SYMBOL || (gsize) n->n_kids - 1 > G_N_ELEMENTS (cmp->constants))
        return FALSE;
      symbol = left;
      cmp->n_constants = 0;
      for (guint j = 1; j < n->n_kids; j++)
        cmp->constants[cmp->n_constants++] = &expr->nodes[k[j]];
      break;

    default:
      return FALSE;
    }
  if (symbol->symbol.is_definition)
    return FALSE;
  cmp->slot = split_slot (symbol->symbol.index);
  cmp->kind = kind;
  return cmp->slot >= 0;
}

/* Whether comparison @cmp holds for the value @v (a plain integer, or a
 * choice's code index). */
static gboolean
comparison_holds (const Comparison *cmp,
                  gint64            v)
{
  gint64 c = cmp->constants[0]->value.type == BEDSIDE_TYPE_CHOICE
    ? cmp->constants[0]->value.code : cmp->constants[0]->value.integer;

  switch (cmp->kind)
    {
    case NODE_EQ: return v == c;
    case NODE_NE: return v != c;
    case NODE_LT: return v < c;
    case NODE_LE: return v <= c;
    case NODE_GT: return v > c;
    case NODE_GE: return v >= c;
    case NODE_IN:
    case NODE_NOT_IN:
      {
        gboolean in = FALSE;

        for (guint j = 0; j < cmp->n_constants; j++)
          {
            const BedsideValue *x = &cmp->constants[j]->value;
            in = in || v == (x->type == BEDSIDE_TYPE_CHOICE ? x->code : x->integer);
          }
        return cmp->kind == NODE_IN ? in : !in;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Adds the cuts an integer comparison makes: `x < c` and `x >= c` between
 * c - 1 and c, `x <= c` and `x > c` between c and c + 1, `x = c`, `x != c`
 * and `x in (...)` on both sides. */
static void
add_cut (GArray *cuts,
         gint64  after)
{
  for (guint k = 0; k < cuts->len; k++)
    if (g_array_index (cuts, gint64, k) == after)
      return;
  g_array_append_val (cuts, after);
}

static void
collect_cuts (const BedsideExpr *expr,
              GArray           **cuts)
{
  for (guint i = 0; i < expr->n_nodes; i++)
    {
      Comparison cmp;

      if (!read_comparison (expr, &expr->nodes[i], &cmp) ||
          cmp.constants[0]->value.type != BEDSIDE_TYPE_INTEGER)
        continue;
      for (guint j = 0; j < cmp.n_constants; j++)
        {
          gint64 c = cmp.constants[j]->value.integer;

          if (cmp.kind == NODE_LT || cmp.kind == NODE_GE)
            add_cut (cuts[cmp.slot], c - 1);
          else if (cmp.kind == NODE_LE || cmp.kind == NODE_GT)
            add_cut (cuts[cmp.slot], c);
          else
            {
              add_cut (cuts[cmp.slot], c - 1);
              add_cut (cuts[cmp.slot], c);
            }
        }
    }
}

/* The items an expression reads (through definitions, but not through
 * suitable(): see below), and its comparisons of split items, as masks of
 * the values (Walk.fine) for which they hold. */
typedef struct {
  guint64  items;
  GArray  *atoms[N_SPLIT];   /* guint64 masks */
} ReadSet;

static void
read_set_init (ReadSet *set)
{
  set->items = 0;
  for (guint k = 0; k < N_SPLIT; k++)
    set->atoms[k] = g_array_new (FALSE, FALSE, sizeof (guint64));
}

static void
read_set_clear (ReadSet *set)
{
  for (guint k = 0; k < N_SPLIT; k++)
    g_clear_pointer (&set->atoms[k], g_array_unref);
}

static void
add_atom (GArray  *atoms,
          guint64  mask)
{
  for (guint k = 0; k < atoms->len; k++)
    if (g_array_index (atoms, guint64, k) == mask)
      return;
  g_array_append_val (atoms, mask);
}

static void
add_reads (ReadSet       *to,
           const ReadSet *from)
{
  to->items |= from->items;
  for (guint k = 0; k < N_SPLIT; k++)
    for (guint c = 0; c < from->atoms[k]->len; c++)
      add_atom (to->atoms[k], g_array_index (from->atoms[k], guint64, c));
}

typedef struct {
  const Walk *walk;
  ReadSet    *set;
} ReadData;

static void read_expression (const Walk *walk, const BedsideExpr *expr, ReadSet *set);

static void
read_symbol (const BedsideSymbol *symbol,
             gpointer             user_data)
{
  ReadData *data = user_data;
  const BedsideDefinition *def;

  if (!symbol->is_definition)
    {
      data->set->items |= ITEM_BIT (symbol->index);
      return;
    }
  def = bedside_guideline_get_definition (data->walk->guideline, symbol->index);
  /* suitable(MEDICINE) reads what the medicine's reasons read, but only as
   * "no reason holds": the reason items' argument (top of the file) rests
   * on that, so it is not expanded here.  The reasons themselves are read
   * where the analysis reads the records. */
  if (g_str_has_prefix (def->id, "suitable("))
    return;
  read_expression (data->walk, def->expr, data->set);
}

static void
read_expression (const Walk        *walk,
                 const BedsideExpr *expr,
                 ReadSet           *set)
{
  ReadData data = { walk, set };

  if (expr == NULL)
    return;
  for (guint i = 0; i < expr->n_nodes; i++)
    {
      Comparison cmp;
      guint64 mask = 0;
      GArray *fine;

      if (!read_comparison (expr, &expr->nodes[i], &cmp))
        continue;
      fine = walk->fine[cmp.slot];
      for (guint j = 0; j < fine->len; j++)
        {
          const DomainValue *v = &g_array_index (fine, DomainValue, j);

          if (comparison_holds (&cmp, v->value.type == BEDSIDE_TYPE_CHOICE ? v->value.code : v->value.integer))
            mask |= G_GUINT64_CONSTANT (1) << j;
        }
      add_atom (set->atoms[cmp.slot], mask);
    }
  bedside_expr_foreach_symbol (expr, read_symbol, &data);
}

/* Every expression of the guideline, its medicine records included. */
static GPtrArray *
all_expressions (BedsideGuideline *g)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; i < bedside_guideline_get_n_items (g); i++)
    if (bedside_guideline_get_item (g, i)->enable_when != NULL)
      g_ptr_array_add (all, bedside_guideline_get_item (g, i)->enable_when);
  for (guint i = 0; i < bedside_guideline_get_n_definitions (g); i++)
    g_ptr_array_add (all, bedside_guideline_get_definition (g, i)->expr);
  for (guint i = 0; i < bedside_guideline_get_n_branches (g); i++)
    if (bedside_guideline_get_branch (g, i)->when != NULL)
      g_ptr_array_add (all, bedside_guideline_get_branch (g, i)->when);
  for (guint i = 0; i < bedside_guideline_get_n_recommendations (g); i++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (g, i);

      for (guint c = 0; c < rec->n_contraindications; c++)
        g_ptr_array_add (all, rec->contraindications[c].when);
      for (guint c = 0; c < rec->n_cautions; c++)
        if (rec->cautions[c].when != NULL)
          g_ptr_array_add (all, rec->cautions[c].when);
    }
  for (guint i = 0; i < bedside_guideline_get_n_medicines (g); i++)
    {
      const BedsideMedicine *m = bedside_guideline_get_medicine (g, i);

      for (guint c = 0; c < m->n_against; c++)
        g_ptr_array_add (all, m->against[c].when);
      for (guint c = 0; c < m->n_cautions; c++)
        if (m->cautions[c].when != NULL)
          g_ptr_array_add (all, m->cautions[c].when);
    }
  return all;
}

static void
count_constant (const BedsideSymbol *symbol,
                const BedsideValue  *constant,
                gpointer             user_data)
{
  (void) constant;
  if (!symbol->is_definition && split_slot (symbol->index) >= 0)
    (*(guint *) user_data)++;
}

/* The values are only the whole story when every use of an integer or
 * choice item is a comparison with constants that read_comparison()
 * reads: checks that, and cuts the integer items (@cuts, by slot). */
static void
check_expressions (BedsideGuideline *g,
                   GArray          **cuts)
{
  g_autoptr(GPtrArray) all = all_expressions (g);

  /* A definition that is a number would hide its item's comparisons. */
  for (guint i = 0; i < bedside_guideline_get_n_definitions (g); i++)
    if (bedside_expr_get_type (bedside_guideline_get_definition (g, i)->expr) != BEDSIDE_TYPE_BOOLEAN)
      g_error ("definition '%s' is not a condition; the walk cannot see through it",
               bedside_guideline_get_definition (g, i)->id);
  for (guint e = 0; e < all->len; e++)
    {
      const BedsideExpr *expr = all->pdata[e];
      guint reported = 0, read = 0;

      if (!bedside_expr_foreach_constant (expr, count_constant, &reported))
        g_error ("'%s' uses an item in a way its constants do not describe;"
                 " the walk would not be exhaustive", bedside_expr_get_source (expr));
      for (guint i = 0; i < expr->n_nodes; i++)
        {
          Comparison cmp;

          if (read_comparison (expr, &expr->nodes[i], &cmp))
            read += cmp.n_constants;
        }
      if (read != reported)
        g_error ("'%s' compares an item with a constant in a way the walk cannot read",
                 bedside_expr_get_source (expr));
      collect_cuts (expr, cuts);
    }
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* ---- which items the walk factors out --------------------------------- */

/* A union-find over nodes. */
static guint
find_root (guint *parent,
           guint  x)
{
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

static void
join_nodes (guint   *parent,
            guint64  nodes)
{
  gint first = -1;

  for (guint i = 0; i < N_NODES; i++)
    if (nodes & ITEM_BIT (i))
      {
        if (first < 0)
          first = (gint) i;
        else
          parent[find_root (parent, i)] = find_root (parent, (guint) first);
      }
}

/* A note a caution or a note-only decision adds, or that such a
 * decision's branch recommends, keeps its effect to itself: it offers no
 * medicine, has no safety rules of its own, and nothing requires it. */
static gboolean
note_is_plain (BedsideGuideline *g,
               guint             note)
{
  const BedsideRecommendation *rec = bedside_guideline_get_recommendation (g, note);

  if (rec->n_offers > 0 || rec->n_contraindications > 0 || rec->n_cautions > 0)
    return FALSE;
  for (guint i = 0; i < bedside_guideline_get_n_recommendations (g); i++)
    {
      const BedsideRecommendation *other = bedside_guideline_get_recommendation (g, i);

      for (guint k = 0; k < other->n_requires; k++)
        if (other->requires[k] == note)
          return FALSE;
    }
  return TRUE;
}

/* A decision that only adds notes: each branch recommends plain notes and
 * does nothing else (no nested decision, no stop, no pathway). */
static gboolean
decision_adds_notes_only (BedsideGuideline  *g,
                          const BedsideNode *decision)
{
  for (guint b = 0; b < decision->n_branches; b++)
    {
      const BedsideBranch *branch = decision->branches[b];

      if (branch->pathway != NULL)
        return FALSE;
      for (guint c = 0; c < branch->n_children; c++)
        if (branch->children[c]->type != BEDSIDE_NODE_RECOMMEND ||
            !note_is_plain (g, branch->children[c]->recommendation))
          return FALSE;
    }
  return TRUE;
}

/* A caution (of a recommendation or a record) or a note-only decision:
 * what it reads, the notes it can add, and whether it is one condition
 * (a caution) that adds them when it holds. */
typedef struct {
  ReadSet             reads;
  GArray             *notes;   /* guint: recommendation indices */
  const BedsideExpr  *when;    /* a caution's; NULL for a decision */
  guint64             nodes;   /* the local nodes it reads */
} Unit;

typedef struct {
  Walk             *walk;
  GArray           *units;            /* Unit */
  ReadSet           core;             /* read where the reductions do not apply */
  guint64           reason;           /* read by a reason against a medicine */
  guint64           reason_medicines[N_ITEMS];   /* the medicines whose reasons read it */
  gint             *note_owner;       /* by recommendation: a local node whose unit adds it, or -1 */
  /* by split slot: the cells of the values, as masks of Walk.fine */
  guint64           cells[N_SPLIT][64];
  guint             n_cells[N_SPLIT];
  guint64           local;            /* the local nodes, by the guideline */
  guint             parent[N_NODES];  /* union-find: the guideline's components */
  guint             spec_parent[N_NODES];   /* and the requirement's */
  gboolean          false_baseline[N_NODES];
} Analysis;

static void
read_core (Analysis          *an,
           const BedsideExpr *expr)
{
  ReadSet set;

  read_set_init (&set);
  read_expression (an->walk, expr, &set);
  add_reads (&an->core, &set);
  read_set_clear (&set);
}

static Unit *
add_unit (Analysis          *an,
          const BedsideExpr *when)
{
  Unit unit = { .when = when, .nodes = 0 };

  read_set_init (&unit.reads);
  unit.notes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (an->units, unit);
  return &g_array_index (an->units, Unit, an->units->len - 1);
}

static void
add_caution_unit (Analysis               *an,
                  const BedsideCondition *caution)
{
  Unit *unit = add_unit (an, caution->when);

  read_expression (an->walk, caution->when, &unit->reads);
  g_array_append_val (unit->notes, caution->note);
}

static void
analyse_branch (Analysis            *an,
                const BedsideBranch *branch)
{
  for (guint c = 0; c < branch->n_children; c++)
    {
      const BedsideNode *node = branch->children[c];

      if (node->type != BEDSIDE_NODE_DECISION)
        continue;
      if (decision_adds_notes_only (an->walk->guideline, node))
        {
          Unit *unit = add_unit (an, NULL);

          for (guint b = 0; b < node->n_branches; b++)
            {
              read_expression (an->walk, node->branches[b]->when, &unit->reads);
              for (guint k = 0; k < node->branches[b]->n_children; k++)
                g_array_append_val (unit->notes, node->branches[b]->children[k]->recommendation);
            }
        }
      else
        for (guint b = 0; b < node->n_branches; b++)
          {
            read_core (an, node->branches[b]->when);
            analyse_branch (an, node->branches[b]);
          }
    }
}

static void
add_note (Walk       *walk,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
add_note (Walk       *walk,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (walk->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

static gint
spec_local_index (guint item)
{
  for (guint k = 0; k < G_N_ELEMENTS (spec_local); k++)
    if (spec_local[k].item == item)
      return (gint) k;
  return -1;
}

static gint
spec_reason_index (guint item)
{
  for (guint k = 0; k < G_N_ELEMENTS (spec_reason); k++)
    if (spec_reason[k].item == item)
      return (gint) k;
  return -1;
}

static gboolean
notes_share (const char *a,
             const char *b)
{
  g_auto(GStrv) x = g_strsplit (a, " ", -1);
  g_auto(GStrv) y = g_strsplit (b, " ", -1);

  for (guint i = 0; x[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) y, x[i]))
      return TRUE;
  return FALSE;
}

/* The requirement's atoms of split item @slot, as masks of Walk.fine, with
 * their notes (NULL: core). */
static guint
spec_atoms (const Walk  *walk,
            guint        slot,
            guint64     *masks,
            const char **notes)
{
  GArray *fine = walk->fine[slot];
  guint n = 0;

  for (guint k = 0; k < G_N_ELEMENTS (spec_cuts); k++)
    if (spec_cuts[k].item == split_items[slot])
      {
        masks[n] = 0;
        for (guint j = 0; j < fine->len; j++)
          if (g_array_index (fine, DomainValue, j).plain <= spec_cuts[k].after)
            masks[n] |= G_GUINT64_CONSTANT (1) << j;
        notes[n++] = spec_cuts[k].notes;
      }
  for (guint k = 0; k < G_N_ELEMENTS (spec_choice_atoms); k++)
    if (spec_choice_atoms[k].item == split_items[slot])
      {
        g_auto(GStrv) codes = g_strsplit (spec_choice_atoms[k].codes, " ", -1);

        masks[n] = 0;
        for (guint j = 0; j < fine->len; j++)
          if (g_strv_contains ((const char * const *) codes,
                               req_codes_for (split_items[slot])[g_array_index (fine, DomainValue, j).plain]))
            masks[n] |= G_GUINT64_CONSTANT (1) << j;
        notes[n++] = spec_choice_atoms[k].notes;
      }
  return n;
}

/* Whether @mask is the same for every value of @cell (a mask of values). */
static gboolean
constant_on (guint64 mask,
             guint64 cell)
{
  return (mask & cell) == 0 || (mask & cell) == cell;
}

/* Groups the values of Walk.fine[slot] into cells that no atom of @atoms
 * tells apart: the cells, as masks. */
static GArray *
group_values (const Walk *walk,
              guint       slot,
              GArray     *atoms)
{
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint n = walk->fine[slot]->len;
  guint64 done = 0;

  for (guint j = 0; j < n; j++)
    {
      guint64 cell = 0;

      if (done & (G_GUINT64_CONSTANT (1) << j))
        continue;
      for (guint l = j; l < n; l++)
        {
          gboolean same = TRUE;

          for (guint a = 0; a < atoms->len && same; a++)
            {
              guint64 mask = g_array_index (atoms, guint64, a);
              same = ((mask >> j) & 1) == ((mask >> l) & 1);
            }
          if (same)
            cell |= G_GUINT64_CONSTANT (1) << l;
        }
      done |= cell;
      g_array_append_val (cells, cell);
    }
  return cells;
}

/* Whether the reasons against medicines that read item @i, alone, hold
 * exactly when it is yes. */
static gboolean
reasons_hold_when_yes (const Walk *walk,
                       guint       i)
{
  BedsideGuideline *g = walk->guideline;
  guint n_defs = bedside_guideline_get_n_definitions (g);
  g_autofree BedsideValue *def_values = g_new0 (BedsideValue, MAX (n_defs, 1));
  g_autofree guint8 *def_done = g_new0 (guint8, MAX (n_defs, 1));
  BedsideValue values[N_ITEMS];
  BedsideEvalContext context = { values, bedside_guideline_get_definition_exprs (g), def_values, def_done };

  if (bedside_guideline_get_item (g, i)->type != BEDSIDE_TYPE_BOOLEAN)
    return FALSE;
  for (guint m = 0; m < bedside_guideline_get_n_medicines (g); m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (g, m);

      for (guint c = 0; c < medicine->n_against; c++)
        {
          ReadSet set;
          gboolean reads_it;

          read_set_init (&set);
          read_expression (walk, medicine->against[c].when, &set);
          reads_it = set.items & ITEM_BIT (i);
          read_set_clear (&set);
          if (!reads_it)
            continue;
          for (int b = 0; b <= 1; b++)
            {
              gboolean known, holds;

              for (guint j = 0; j < N_ITEMS; j++)
                values[j] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
              values[i] = bedside_value_boolean (b);
              memset (def_done, 0, MAX (n_defs, 1));
              holds = bedside_expr_evaluate_boolean (medicine->against[c].when, &context, &known);
              if (!known || holds != b)
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* Whether caution @when is false, known so, when @item has @value, whatever
 * the other answers are (they are left unknown: a three-valued false does
 * not depend on them). */
static gboolean
false_whatever_else (const Walk        *walk,
                     const BedsideExpr *when,
                     guint              item,
                     const BedsideValue *value)
{
  BedsideGuideline *g = walk->guideline;
  guint n_defs = bedside_guideline_get_n_definitions (g);
  g_autofree BedsideValue *def_values = g_new0 (BedsideValue, MAX (n_defs, 1));
  g_autofree guint8 *def_done = g_new0 (guint8, MAX (n_defs, 1));
  BedsideValue values[N_ITEMS];
  BedsideEvalContext context = { values, bedside_guideline_get_definition_exprs (g), def_values, def_done };
  gboolean known, holds;

  for (guint j = 0; j < N_ITEMS; j++)
    values[j] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
  values[item] = *value;
  holds = bedside_expr_evaluate_boolean (when, &context, &known);
  return known && !holds;
}

/* Reads the guideline: what decides more than notes (an.core), the units,
 * and the reasons against medicines. */
static void
read_guideline (Analysis *an)
{
  Walk *walk = an->walk;
  BedsideGuideline *g = walk->guideline;

  /* What decides whether an item is asked, and the tree's tests. */
  for (guint i = 0; i < N_ITEMS; i++)
    read_core (an, bedside_guideline_get_item (g, i)->enable_when);
  analyse_branch (an, bedside_guideline_get_tree (g));
  for (guint r = 0; r < bedside_guideline_get_n_recommendations (g); r++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (g, r);

      for (guint c = 0; c < rec->n_contraindications; c++)
        read_core (an, rec->contraindications[c].when);
      for (guint c = 0; c < rec->n_cautions; c++)
        add_caution_unit (an, &rec->cautions[c]);
    }

  /* The records: reasons against and cautions. */
  for (guint m = 0; m < walk->n_medicines; m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (g, m);

      for (guint c = 0; c < medicine->n_against; c++)
        {
          ReadSet set;

          read_set_init (&set);
          read_expression (walk, medicine->against[c].when, &set);
          /* Its comparisons decide which medicines are offered. */
          for (guint k = 0; k < N_SPLIT; k++)
            for (guint j = 0; j < set.atoms[k]->len; j++)
              add_atom (an->core.atoms[k], g_array_index (set.atoms[k], guint64, j));
          an->reason |= set.items;
          for (guint i = 0; i < N_ITEMS; i++)
            if (set.items & ITEM_BIT (i))
              an->reason_medicines[i] |= G_GUINT64_CONSTANT (1) << m;
          /* A reason item's reasons read it alone. */
          if (set.items & (set.items - 1))
            an->core.items |= set.items;
          read_set_clear (&set);
        }
      for (guint c = 0; c < medicine->n_cautions; c++)
        if (medicine->cautions[c].when != NULL)
          add_caution_unit (an, &medicine->cautions[c]);
    }

  /* A unit whose notes do more than add themselves is read like the tree. */
  for (guint u = 0; u < an->units->len; u++)
    {
      Unit *unit = &g_array_index (an->units, Unit, u);
      gboolean plain = TRUE;

      for (guint k = 0; k < unit->notes->len; k++)
        plain = plain && note_is_plain (g, g_array_index (unit->notes, guint, k));
      if (!plain)
        add_reads (&an->core, &unit->reads);
    }
}

/* The cells of the split items: values that no comparison outside notes
 * tells apart, the guideline's or the requirement's. */
static void
find_cells (Analysis *an)
{
  for (guint k = 0; k < N_SPLIT; k++)
    {
      guint64 masks[64];
      const char *notes[64];
      guint n = spec_atoms (an->walk, k, masks, notes);
      g_autoptr(GArray) atoms = g_array_copy (an->core.atoms[k]);
      g_autoptr(GArray) cells = NULL;

      for (guint a = 0; a < n; a++)
        if (notes[a] == NULL)
          add_atom (atoms, masks[a]);
      cells = group_values (an->walk, k, atoms);
      an->n_cells[k] = cells->len;
      for (guint c = 0; c < cells->len; c++)
        an->cells[k][c] = g_array_index (cells, guint64, c);
    }
}

/* The local nodes by the guideline: items that no core reader and no
 * reason reads, and the refinements of split items that have a cell of
 * more than one value.  Joined when one unit reads both, or their units
 * can add the same note. */
static void
find_local_nodes (Analysis *an)
{
  for (guint i = 0; i < N_ITEMS; i++)
    if (!(an->core.items & ITEM_BIT (i)) && !(an->reason & ITEM_BIT (i)))
      an->local |= ITEM_BIT (i);
  for (guint k = 0; k < N_SPLIT; k++)
    if (an->n_cells[k] < an->walk->fine[k]->len && !(an->local & ITEM_BIT (split_items[k])))
      an->local |= ITEM_BIT (REFINEMENT (k));

  for (guint u = 0; u < an->units->len; u++)
    {
      Unit *unit = &g_array_index (an->units, Unit, u);

      unit->nodes = unit->reads.items & an->local;
      /* A comparison that tells values of one cell apart reads the
       * refinement. */
      for (guint k = 0; k < N_SPLIT; k++)
        for (guint j = 0; j < unit->reads.atoms[k]->len; j++)
          for (guint c = 0; c < an->n_cells[k]; c++)
            if (!constant_on (g_array_index (unit->reads.atoms[k], guint64, j), an->cells[k][c]))
              unit->nodes |= ITEM_BIT (REFINEMENT (k)) & an->local;
      join_nodes (an->parent, unit->nodes);
      for (guint j = 0; j < unit->notes->len; j++)
        {
          guint note = g_array_index (unit->notes, guint, j);

          for (guint n = 0; n < N_NODES; n++)
            if (unit->nodes & ITEM_BIT (n))
              {
                if (an->note_owner[note] < 0)
                  an->note_owner[note] = (gint) n;
                else
                  join_nodes (an->parent, ITEM_BIT (n) | ITEM_BIT (an->note_owner[note]));
              }
        }
    }
}

/* The requirement's components: local items and atoms that can add the
 * same note. */
static void
join_by_requirement (Analysis *an)
{
  char *node_notes[N_NODES] = { NULL };

  for (guint k = 0; k < G_N_ELEMENTS (spec_local); k++)
    node_notes[spec_local[k].item] = g_strdup (spec_local[k].notes);
  for (guint k = 0; k < N_SPLIT; k++)
    {
      guint64 masks[64];
      const char *notes[64];
      guint n = spec_atoms (an->walk, k, masks, notes);
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint a = 0; a < n; a++)
        if (notes[a] != NULL)
          g_string_append_printf (all, "%s%s", all->len > 0 ? " " : "", notes[a]);
      if (all->len > 0)
        node_notes[REFINEMENT (k)] = g_strdup (all->str);
    }
  for (guint i = 0; i < N_NODES; i++)
    for (guint j = 0; j < i; j++)
      if (node_notes[i] != NULL && node_notes[j] != NULL && notes_share (node_notes[i], node_notes[j]))
        join_nodes (an->spec_parent, ITEM_BIT (i) | ITEM_BIT (j));
  for (guint i = 0; i < N_NODES; i++)
    g_free (node_notes[i]);
}

/* Each node's role: local or reason where the guideline and the
 * requirement agree, core otherwise. */
static void
decide_roles (Analysis *an)
{
  Walk *walk = an->walk;

  walk->local_nodes = 0;
  for (guint i = 0; i < N_ITEMS; i++)
    {
      gboolean g_local = (an->local & ITEM_BIT (i)) != 0;
      gboolean g_reason = !(an->core.items & ITEM_BIT (i)) && (an->reason & ITEM_BIT (i)) &&
                          reasons_hold_when_yes (walk, i);
      gboolean s_local = spec_local_index (i) >= 0;
      gboolean s_reason = spec_reason_index (i) >= 0;
      gboolean unit_reads = FALSE;

      for (guint u = 0; u < an->units->len; u++)
        if (g_array_index (an->units, Unit, u).reads.items & ITEM_BIT (i))
          unit_reads = TRUE;
      if (g_reason && unit_reads)
        g_reason = FALSE;   /* a caution reads it too */

      walk->role[i] = ROLE_CORE;
      if (g_local && s_local)
        walk->role[i] = ROLE_LOCAL;
      else if (g_reason && s_reason)
        walk->role[i] = ROLE_REASON;
      else if (s_local || s_reason)
        add_note (walk, "%s: the requirement reads it as a %s item, the guideline does not: walked in full",
                  item_names[i], s_local ? "local" : "reason");
      else if (g_local || g_reason)
        add_note (walk, "%s: the guideline reads it as a %s item, the requirement does not: walked in full",
                  item_names[i], g_local ? "local" : "reason");
      if (g_local && !unit_reads)
        add_note (walk, "%s: nothing in the guideline reads it", item_names[i]);
    }
  for (guint k = 0; k < N_SPLIT; k++)
    walk->role[REFINEMENT (k)] = (an->local & ITEM_BIT (REFINEMENT (k))) &&
                                 walk->role[split_items[k]] == ROLE_CORE ? ROLE_LOCAL : ROLE_NONE;
  for (guint n = 0; n < N_NODES; n++)
    if (walk->role[n] == ROLE_LOCAL)
      walk->local_nodes |= ITEM_BIT (n);
  /* A refinement the walk does not take merges nothing: its cells are
   * the values themselves. */
  for (guint k = 0; k < N_SPLIT; k++)
    if (walk->role[REFINEMENT (k)] != ROLE_LOCAL)
      {
        an->n_cells[k] = walk->fine[k]->len;
        for (guint j = 0; j < walk->fine[k]->len; j++)
          an->cells[k][j] = G_GUINT64_CONSTANT (1) << j;
      }
}

/* Whether every caution that reads @node is false, whatever else holds,
 * when @item has @value. */
static gboolean
cautions_false_at (Analysis           *an,
                   guint               node,
                   guint               item,
                   const BedsideValue *value)
{
  for (guint u = 0; u < an->units->len; u++)
    {
      Unit *unit = &g_array_index (an->units, Unit, u);

      if ((unit->nodes & ITEM_BIT (node)) &&
          (unit->when == NULL || !false_whatever_else (an->walk, unit->when, item, value)))
        return FALSE;
    }
  return TRUE;
}

/* Baselines: a value at which every caution that reads the node is false,
 * whatever else holds, and so are the requirement's atoms; put first.  A
 * local item's domain; a refinement's values within each cell (Walk.cells
 * built here).  Where there is none, or a note-only decision reads the
 * node, the first value, and the node's component is walked whole. */
static void
choose_baselines (Analysis *an)
{
  Walk *walk = an->walk;

  for (guint n = 0; n < N_NODES; n++)
    an->false_baseline[n] = walk->role[n] == ROLE_LOCAL;

  for (guint k = 0; k < N_SPLIT; k++)
    {
      guint64 masks[64];
      const char *notes[64];
      guint n_atoms = spec_atoms (walk, k, masks, notes);

      walk->cells[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      for (guint c = 0; c < an->n_cells[k]; c++)
        {
          GArray *values = g_array_new (FALSE, FALSE, sizeof (DomainValue));
          gboolean found = FALSE;

          for (guint j = 0; j < walk->fine[k]->len; j++)
            if (an->cells[k][c] & (G_GUINT64_CONSTANT (1) << j))
              {
                const DomainValue *v = &g_array_index (walk->fine[k], DomainValue, j);
                gboolean all_false = cautions_false_at (an, REFINEMENT (k), split_items[k], &v->value);

                for (guint a = 0; a < n_atoms && all_false; a++)
                  if (notes[a] != NULL && (masks[a] & (G_GUINT64_CONSTANT (1) << j)) &&
                      !constant_on (masks[a], an->cells[k][c]))
                    all_false = FALSE;
                if (all_false && !found)
                  {
                    found = TRUE;
                    g_array_prepend_val (values, *v);
                  }
                else
                  g_array_append_val (values, *v);
              }
          if (!found && values->len > 1)
            an->false_baseline[REFINEMENT (k)] = FALSE;
          g_ptr_array_add (walk->cells[k], values);
        }
    }

  for (guint i = 0; i < N_ITEMS; i++)
    if (walk->role[i] == ROLE_LOCAL)
      {
        GArray *domain = walk->domains[i];
        gint baseline = -1;

        for (guint d = 0; d < domain->len && baseline < 0; d++)
          {
            const DomainValue *v = &g_array_index (domain, DomainValue, d);

            /* The requirement: a yes adds its notes. */
            if (v->plain == 0 && cautions_false_at (an, i, i, &v->value))
              baseline = (gint) d;
          }
        if (baseline < 0)
          an->false_baseline[i] = FALSE;
        else if (baseline > 0)
          {
            DomainValue first = g_array_index (domain, DomainValue, 0);

            g_array_index (domain, DomainValue, 0) = g_array_index (domain, DomainValue, baseline);
            g_array_index (domain, DomainValue, baseline) = first;
          }
      }
}

/* Components: joined by the guideline and by the requirement.  A
 * component whose nodes are each read by cautions of their own, all false
 * at the node's baseline, adds the union of what each node adds alone: its
 * nodes are walked one at a time, each its own component. */
static void
form_components (Analysis *an)
{
  Walk *walk = an->walk;
  gboolean split[N_NODES];
  gint ids[N_NODES];

  for (guint i = 0; i < N_NODES; i++)
    for (guint j = 0; j < i; j++)
      if (walk->role[i] == ROLE_LOCAL && walk->role[j] == ROLE_LOCAL &&
          find_root (an->spec_parent, i) == find_root (an->spec_parent, j))
        join_nodes (an->parent, ITEM_BIT (i) | ITEM_BIT (j));

  for (guint i = 0; i < N_NODES; i++)
    {
      split[i] = TRUE;
      ids[i] = -1;
    }
  for (guint i = 0; i < N_NODES; i++)
    if (walk->role[i] == ROLE_LOCAL && !an->false_baseline[i])
      split[find_root (an->parent, i)] = FALSE;
  for (guint u = 0; u < an->units->len; u++)
    {
      guint64 nodes = g_array_index (an->units, Unit, u).nodes & walk->local_nodes;

      if (nodes & (nodes - 1))
        for (guint i = 0; i < N_NODES; i++)
          if (nodes & ITEM_BIT (i))
            split[find_root (an->parent, i)] = FALSE;
    }

  walk->n_components = 0;
  for (guint i = 0; i < N_NODES; i++)
    if (walk->role[i] == ROLE_LOCAL)
      {
        guint root = find_root (an->parent, i);

        if (split[root])
          walk->group[i] = walk->n_components++;
        else
          {
            if (ids[root] < 0)
              ids[root] = (gint) walk->n_components++;
            walk->group[i] = (guint) ids[root];
          }
      }
}

/* Classes: the same medicines in the guideline, the same definitions in
 * the requirement. */
static void
form_classes (Analysis *an)
{
  Walk *walk = an->walk;
  guint64 class_medicines[N_ITEMS];
  gint class_spec[N_ITEMS];

  walk->n_classes = 0;
  for (guint i = 0; i < N_ITEMS; i++)
    if (walk->role[i] == ROLE_REASON)
      {
        gint spec = spec_reason_index (i);
        guint c;

        for (c = 0; c < walk->n_classes; c++)
          if (class_medicines[c] == an->reason_medicines[i] &&
              g_str_equal (spec_reason[class_spec[c]].reads_into, spec_reason[spec].reads_into))
            break;
        if (c == walk->n_classes)
          {
            class_medicines[c] = an->reason_medicines[i];
            class_spec[c] = spec;
            walk->n_classes++;
          }
        walk->group[i] = c;
      }
}

/* Decides each node's role (see the top of the file), the cells of the
 * split items (Walk.cells), the baselines, the components and the
 * classes: what the guideline does with an item, and what the
 * requirement does, must both allow a reduction. */
static void
classify (Walk *walk)
{
  guint n_recs = bedside_guideline_get_n_recommendations (walk->guideline);
  Analysis an = { .walk = walk, .units = g_array_new (FALSE, FALSE, sizeof (Unit)) };

  read_set_init (&an.core);
  an.note_owner = g_new (gint, MAX (n_recs, 1));
  for (guint r = 0; r < n_recs; r++)
    an.note_owner[r] = -1;
  for (guint i = 0; i < N_NODES; i++)
    an.parent[i] = an.spec_parent[i] = i;

  read_guideline (&an);
  find_cells (&an);
  find_local_nodes (&an);
  join_by_requirement (&an);
  decide_roles (&an);
  choose_baselines (&an);
  form_components (&an);
  form_classes (&an);

  for (guint u = 0; u < an.units->len; u++)
    {
      read_set_clear (&g_array_index (an.units, Unit, u).reads);
      g_array_unref (g_array_index (an.units, Unit, u).notes);
    }
  g_array_unref (an.units);
  g_free (an.note_owner);
  read_set_clear (&an.core);
}

/* The items each medicine's record reads, through definitions (a record's
 * item may be mapped to a definition of the guideline). */
static void
collect_medicine_reads (Walk *walk)
{
  BedsideGuideline *g = walk->guideline;

  walk->medicine_reads = g_new0 (guint64, MAX (walk->n_medicines, 1));
  for (guint m = 0; m < walk->n_medicines; m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (g, m);
      ReadSet set;

      read_set_init (&set);
      for (guint c = 0; c < medicine->n_against; c++)
        read_expression (walk, medicine->against[c].when, &set);
      for (guint c = 0; c < medicine->n_cautions; c++)
        read_expression (walk, medicine->cautions[c].when, &set);
      walk->medicine_reads[m] = set.items;
      read_set_clear (&set);
    }
}

/* The values of an integer item: one per cell of @cuts (sorted), its
 * lowest, but in the lowest cell its highest (so that each cut is walked
 * on both sides: 11 and 12, 17 and 18, ...). */
static GArray *
integer_values (const BedsideItem *item,
                GArray            *cuts)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (DomainValue));
  gint64 min = (gint64) item->min, max = (gint64) item->max, lo = min;

  g_array_sort (cuts, compare_gint64);
  for (guint k = 0; k <= cuts->len && lo <= max; k++)
    {
      gint64 hi = k < cuts->len ? MIN (g_array_index (cuts, gint64, k), max) : max;
      DomainValue v = { { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_INTEGER }, 0 };

      if (hi < lo)
        continue;
      v.value.integer = lo == min ? hi : lo;
      v.plain = (int) v.value.integer;
      g_array_append_val (values, v);
      lo = hi + 1;
    }
  return values;
}

static GArray *
choice_values (const BedsideItem *item,
               guint              i)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (DomainValue));
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
      g_array_append_val (values, v);
    }
  return values;
}

/* Checks that the guideline's questionnaire and recommendations are the
 * requirement's, and builds the domains the walk tries.  @factored: the
 * reductions at the top of the file (FALSE: every combination). */
static Walk *
walk_new (BedsideGuideline *g,
          gboolean          factored)
{
  Walk *walk = g_new0 (Walk, 1);
  guint n_recs = bedside_guideline_get_n_recommendations (g);
  GArray *cuts[N_SPLIT];

  walk->guideline = bedside_guideline_ref (g);
  walk->n_items = bedside_guideline_get_n_items (g);
  walk->n_medicines = bedside_guideline_get_n_medicines (g);
  walk->notes = g_ptr_array_new_with_free_func (g_free);
  g_assert_cmpuint (walk->n_items, ==, N_ITEMS);
  g_assert_cmpuint (walk->n_medicines, <=, 64);

  /* Recommendations: every one of the requirement's ids.  A note of a
   * records file that the requirement does not name may exist, but no plan
   * may hold it (rec_of -1). */
  walk->rec_of = g_new (gint, MAX (n_recs, 1));
  for (guint i = 0; i < n_recs; i++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (g, i);

      walk->rec_of[i] = code_index (rec_names, rec->id);
      if (walk->rec_of[i] < 0)
        add_note (walk, "recommendation '%s' is not in the requirement: no plan may hold it", rec->id);
    }
  for (guint r = 0; r < N_RECS; r++)
    if (bedside_guideline_lookup_recommendation (g, rec_names[r]) == NULL)
      {
        /* The walk fails where the requirement asks for it. */
        add_note (walk, "recommendation '%s' of the requirement is missing", rec_names[r]);
        walk->n_missing++;
      }

  for (guint i = 0; i < walk->n_items; i++)
    {
      const BedsideItem *item = bedside_guideline_get_item (g, i);
      gboolean split = item->type == BEDSIDE_TYPE_INTEGER || item->type == BEDSIDE_TYPE_CHOICE;

      if (!g_str_equal (item->id, item_names[i]))
        g_error ("item %u is '%s'; the requirement has '%s' there", i, item->id, item_names[i]);
      if (!item->required)
        g_error ("item '%s' is optional; the requirement says every item is required", item->id);
      if (item->type != BEDSIDE_TYPE_BOOLEAN && !split)
        g_error ("item '%s': the requirement has no item of type %s", item->id,
                 bedside_value_type_to_string (item->type));
      if (split != (split_slot (i) >= 0))
        g_error ("item '%s' is of type %s, not the requirement's", item->id,
                 bedside_value_type_to_string (item->type));
    }

  /* Every value that matters: integers cut by the guideline's comparisons
   * and the requirement's, choices all their codes. */
  for (guint k = 0; k < N_SPLIT; k++)
    cuts[k] = g_array_new (FALSE, FALSE, sizeof (gint64));
  check_expressions (g, cuts);
  for (guint k = 0; k < G_N_ELEMENTS (spec_cuts); k++)
    add_cut (cuts[split_slot (spec_cuts[k].item)], spec_cuts[k].after);
  for (guint k = 0; k < N_SPLIT; k++)
    {
      const BedsideItem *item = bedside_guideline_get_item (g, split_items[k]);

      if (item->type == BEDSIDE_TYPE_INTEGER)
        {
          g_assert_true (item->has_min && item->has_max);
          walk->fine[k] = integer_values (item, cuts[k]);
        }
      else
        walk->fine[k] = choice_values (item, split_items[k]);
      g_assert_cmpuint (walk->fine[k]->len, <=, 64);
      g_array_unref (cuts[k]);
    }

  /* Booleans: both values. */
  walk->domains = g_new0 (GArray *, walk->n_items);
  for (guint i = 0; i < walk->n_items; i++)
    if (split_slot (i) < 0)
      {
        walk->domains[i] = g_array_new (FALSE, FALSE, sizeof (DomainValue));
        for (int b = 0; b <= 1; b++)
          {
            DomainValue v = { bedside_value_boolean (b), b };
            g_array_append_val (walk->domains[i], v);
          }
      }

  /* Which items the walk factors out, the cells, the baselines. */
  classify (walk);
  for (guint k = 0; k < G_N_ELEMENTS (flow_items); k++)
    g_assert_cmpint (walk->role[flow_items[k]], ==, ROLE_CORE);
  walk->factored = factored;
  if (!factored)
    for (guint n = 0; n < N_NODES; n++)
      walk->role[n] = n < N_ITEMS ? ROLE_CORE : ROLE_NONE;

  /* The split items: one value per cell (its baseline; the refinement
   * walks the others), or, with -m slow, every value. */
  for (guint k = 0; k < N_SPLIT; k++)
    {
      GArray *domain = g_array_new (FALSE, FALSE, sizeof (DomainValue));

      if (walk->role[REFINEMENT (k)] == ROLE_LOCAL)
        for (guint c = 0; c < walk->cells[k]->len; c++)
          g_array_append_val (domain, g_array_index ((GArray *) walk->cells[k]->pdata[c], DomainValue, 0));
      else
        g_array_append_vals (domain, walk->fine[k]->data, walk->fine[k]->len);
      walk->domains[split_items[k]] = domain;
    }

  /* The requirement's ranges. */
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_AGE)->min, ==, 0);
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_AGE)->max, ==, 120);
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_DURATION_WEEKS)->min, ==, 0);
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_DURATION_WEEKS)->max, ==, 520);
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_PAIN_SEVERITY)->min, ==, 0);
  g_assert_cmpfloat (bedside_guideline_get_item (g, I_PAIN_SEVERITY)->max, ==, 10);

  collect_medicine_reads (walk);

  /* The units of work: every enabled assignment of the items up to
   * prior_mr_course, a few thousand, most of them small. */
  walk->n_units_depth = I_PRIOR_MR_COURSE + 1;
  return walk;
}

static void
walk_free (Walk *walk)
{
  for (guint i = 0; i < walk->n_items; i++)
    g_array_unref (walk->domains[i]);
  for (guint k = 0; k < N_SPLIT; k++)
    {
      g_clear_pointer (&walk->fine[k], g_array_unref);
      g_clear_pointer (&walk->cells[k], g_ptr_array_unref);
    }
  g_free (walk->domains);
  g_free (walk->rec_of);
  g_free (walk->medicine_reads);
  g_ptr_array_unref (walk->notes);
  bedside_guideline_unref (walk->guideline);
  g_free (walk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Walk, walk_free)

/* "11 12 25|18 65|76": the values walked; the values of one cell joined by
 * "|", its baseline first. */
static char *
cells_to_string (const Walk *walk,
                 guint       slot)
{
  GString *s = g_string_new (NULL);
  const char * const *codes = bedside_guideline_get_item (walk->guideline, split_items[slot])->codes;

  for (guint c = 0; c < walk->cells[slot]->len; c++)
    {
      GArray *values = walk->cells[slot]->pdata[c];

      for (guint k = 0; k < values->len; k++)
        {
          g_autofree char *text = bedside_value_to_string (&g_array_index (values, DomainValue, k).value, codes);

          g_string_append_printf (s, "%s%s", k > 0 ? "|" : c > 0 ? " " : "", text);
        }
    }
  return g_string_free (s, FALSE);
}

static char *
groups_to_string (const Walk *walk,
                  Role        role)
{
  GString *s = g_string_new (NULL);
  guint n = role == ROLE_LOCAL ? walk->n_components : walk->n_classes;

  for (guint c = 0; c < n; c++)
    {
      gboolean first = TRUE;

      g_string_append (s, c > 0 ? ", {" : "{");
      for (guint i = 0; i < N_NODES; i++)
        if (walk->role[i] == role && walk->group[i] == c)
          {
            g_string_append_printf (s, "%s%s", first ? "" : " ", node_name (i));
            first = FALSE;
          }
      g_string_append (s, "}");
    }
  return g_string_free (s, FALSE);
}

/* ---- the walk --------------------------------------------------------- */

typedef struct {
  const Walk         *walk;
  BedsideEvaluator   *evaluator;
  BedsideValue        values[N_ITEMS];
  int                 plain[N_ITEMS];
  guint               cell[N_SPLIT];      /* factored: the cell of each split item */
  BedsideValue       *definition_values;
  guint8             *definition_done;
  guint               n_definitions;
  BedsideEvalContext  context;
  /* units of work: claimed through a shared array of flags */
  gint               *claimed;
  guint               n_units;
  guint               unit;
  guint64             walked;
  guint64             plans;
  guint64             failures;
  GPtrArray          *messages;
  gboolean            count_only;
  gint               *stop;   /* shared: set when stop_after failures are reached */
  guint64             pattern;        /* bit i: item i is enabled */
  guint64             deferred;       /* enabled local and reason nodes: set at the leaf */
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
evaluate_condition (Worker            *w,
                    const BedsideExpr *expr,
                    gboolean          *known)
{
  memset (w->definition_done, 0, MAX (w->n_definitions, 1));
  return bedside_expr_evaluate_boolean (expr, &w->context, known);
}

static gboolean
engine_enabled (Worker            *w,
                const BedsideItem *item)
{
  gboolean known, enabled;

  if (item->enable_when == NULL)
    return TRUE;
  enabled = evaluate_condition (w, item->enable_when, &known);
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

static gboolean
plan_has (guint64      got,
          const Walk  *walk,
          guint        note)
{
  return walk->rec_of[note] >= 0 && (got & BIT (walk->rec_of[note]));
}

/* The plan's pathway and medicines: what offered medicines' records say. */
static void
check_plan (Worker  *w,
            guint64  got,
            int      pathway)
{
  const Walk *walk = w->walk;
  g_autoptr(BedsideCarePlan) plan = bedside_evaluator_to_plan (w->evaluator);
  const char *plan_pathway = bedside_care_plan_get_pathway (plan);
  guint64 answered = 0;

  w->plans++;
  if (pathway != NO_PATHWAY)
    {
      if (g_strcmp0 (plan_pathway, pathway_names[pathway]) != 0)
        fail (w, "pathway %s, the requirement's is %s", plan_pathway, pathway_names[pathway]);
    }
  else if (plan_pathway != NULL &&
           (g_str_equal (plan_pathway, "acute") || g_str_equal (plan_pathway, "subacute") ||
            g_str_equal (plan_pathway, "chronic")))
    fail (w, "pathway %s outside the routine pathway", plan_pathway);

  for (guint i = 0; i < N_ITEMS; i++)
    if (w->values[i].state == BEDSIDE_VALUE_KNOWN)
      answered |= ITEM_BIT (i);

  for (guint k = 0; k < bedside_care_plan_get_n_entries (plan); k++)
    {
      const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (plan, k);
      const BedsideRecommendation *rec = entry->recommendation;

      if (rec->n_offers == 0)
        continue;
      if (entry->origin == BEDSIDE_ORIGIN_TREE && entry->n_medicines == 0)
        fail (w, "'%s' is in the plan but offers none of its medicines", rec->id);
      if (entry->n_medicines + entry->n_left_out != rec->n_offers)
        fail (w, "'%s' offers %u medicines and leaves out %u, of %u", rec->id,
              entry->n_medicines, entry->n_left_out, rec->n_offers);

      for (guint m = 0; m < entry->n_medicines; m++)
        {
          const BedsideMedicine *medicine = entry->medicines[m];
          guint64 unanswered = walk->medicine_reads[medicine->index] & ~answered;

          /* Never offered while a reason against it holds. */
          for (guint c = 0; c < medicine->n_against; c++)
            {
              gboolean known, holds = evaluate_condition (w, medicine->against[c].when, &known);

              if (!known)
                fail (w, "'%s' offers %s, but the reason against it '%s' is unknown", rec->id,
                      medicine->id, bedside_expr_get_source (medicine->against[c].when));
              else if (holds)
                fail (w, "'%s' offers %s although a reason against it holds: %s", rec->id,
                      medicine->id, bedside_expr_get_source (medicine->against[c].when));
            }
          /* Everything its record reads was asked and answered. */
          for (guint i = 0; i < N_ITEMS; i++)
            if (unanswered & ITEM_BIT (i))
              fail (w, "'%s' offers %s, whose record reads '%s', which was not answered", rec->id,
                    medicine->id, item_names[i]);
          /* Each caution that holds has its note in the plan. */
          for (guint c = 0; c < medicine->n_cautions; c++)
            {
              const BedsideCondition *caution = &medicine->cautions[c];
              gboolean known = TRUE, holds = TRUE;

              if (caution->when != NULL)
                holds = evaluate_condition (w, caution->when, &known);
              if (!known)
                {
                  fail (w, "'%s' offers %s, but its caution '%s' is unknown", rec->id, medicine->id,
                        bedside_expr_get_source (caution->when));
                  continue;
                }
              if (holds && caution->n_with > 0)
                {
                  gboolean with = FALSE;

                  for (guint j = 0; j < caution->n_with; j++)
                    with = with || bedside_care_plan_offers (plan, bedside_guideline_get_medicine (walk->guideline,
                                                                                                     caution->with[j]));
                  holds = with;
                }
              if (holds && !plan_has (got, walk, caution->note))
                fail (w, "a caution of %s holds (%s) but its note '%s' is not in the plan", medicine->id,
                      caution->when != NULL ? bedside_expr_get_source (caution->when) : "with",
                      bedside_guideline_get_recommendation (walk->guideline, caution->note)->id);
            }
        }

      /* A medicine left out has a reason that holds, and its note. */
      for (guint m = 0; m < entry->n_left_out; m++)
        {
          const BedsideMedicine *medicine = entry->left_out[m];
          gboolean any = FALSE;

          for (guint c = 0; c < medicine->n_against; c++)
            {
              gboolean known, holds = evaluate_condition (w, medicine->against[c].when, &known);

              if (!known || !holds)
                continue;
              any = TRUE;
              if (!plan_has (got, walk, medicine->against[c].note))
                fail (w, "%s is left out (%s) but the note '%s' is not in the plan", medicine->id,
                      bedside_expr_get_source (medicine->against[c].when),
                      bedside_guideline_get_recommendation (walk->guideline, medicine->against[c].note)->id);
            }
          if (!any)
            fail (w, "'%s' leaves out %s, but no reason against it holds", rec->id, medicine->id);
        }
    }
}

/* Whether @plain is the baseline of its cell (the value the factored walk
 * sets before it walks the refinement). */
static gboolean
is_cell_baseline (const Walk *walk,
                  guint       slot,
                  int         plain)
{
  for (guint c = 0; c < walk->cells[slot]->len; c++)
    if (g_array_index ((GArray *) walk->cells[slot]->pdata[c], DomainValue, 0).plain == plain)
      return TRUE;
  return FALSE;
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
  gboolean with_plan = TRUE;
  int pathway;

  if (g_atomic_int_get (w->stop))
    return;
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

      if (r < 0)
        {
          fail (w, "'%s' is in the plan; the requirement has no such recommendation", rec->id);
          continue;
        }
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

  /* A red flag always yields its own recommendations, no medicine,
   * nothing routine. */
  if (req_red_flag (a))
    {
      if (got & ROUTINE_DRUGS)
        {
          g_autofree char *drugs = ids_to_string (got & ROUTINE_DRUGS);
          fail (w, "red flag with a routine drug: %s", drugs);
        }
      if (got & ~RED_FLAG_RECS)
        {
          g_autofree char *extra = ids_to_string (got & ~RED_FLAG_RECS);
          fail (w, "red flag with routine recommendations: %s", extra);
        }
    }
  if ((got & BIT (R_ANALGESIC_COMBINATION)) &&
      (got & (BIT (R_MUSCLE_RELAXANT_SHORT) | BIT (R_NSAID))) != (BIT (R_MUSCLE_RELAXANT_SHORT) | BIT (R_NSAID)))
    fail (w, "analgesic_combination without both of its medicines");

  /* The oracle: exactly the requirement's plan. */
  expected = oracle (a, &pathway);
  if (got != expected)
    {
      g_autofree char *missing = ids_to_string (expected & ~got);
      g_autofree char *unexpected = ids_to_string (got & ~expected);

      fail (w, "plan differs from the requirement: missing [%s], unexpected [%s]", missing, unexpected);
    }

  /* The plan's medicines do not depend on the local nodes: once per set
   * of the other answers, with the local nodes at their baseline. */
  for (guint n = 0; n < N_NODES && with_plan; n++)
    if (walk->local_nodes & ITEM_BIT (n))
      {
        guint i = n < N_ITEMS ? n : split_items[n - N_ITEMS];

        if (w->values[i].state == BEDSIDE_VALUE_KNOWN)
          with_plan = n < N_ITEMS ? w->plain[i] == g_array_index (walk->domains[i], DomainValue, 0).plain
                                  : is_cell_baseline (walk, n - N_ITEMS, w->plain[i]);
      }
  if (with_plan)
    check_plan (w, got, pathway);
}


static void
set_value (Worker            *w,
           guint              i,
           const DomainValue *v)
{
  w->values[i] = v->value;
  w->plain[i] = v->plain;
}

static void
clear_value (Worker *w,
             guint   i)
{
  w->values[i] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
  w->plain[i] = UNANSWERED;
}

/* A node's values at the leaf: an item's domain, or a refinement's
 * sub-cells of its item's cell. */
static GArray *
node_domain (const Worker *w,
             guint         node)
{
  if (node < N_ITEMS)
    return w->walk->domains[node];
  return w->walk->cells[node - N_ITEMS]->pdata[w->cell[node - N_ITEMS]];
}

static void
set_node (Worker *w,
          guint   node,
          guint   k)
{
  guint item = node < N_ITEMS ? node : split_items[node - N_ITEMS];

  set_value (w, item, &g_array_index (node_domain (w, node), DomainValue, k));
}

/* The local nodes: all at their baseline, then each component through
 * its other values. */
static void
leaf_components (Worker *w)
{
  const Walk *walk = w->walk;
  guint nodes[N_NODES], digit[N_NODES];

  for (guint n = 0; n < N_NODES; n++)
    if ((w->deferred & ITEM_BIT (n)) && walk->role[n] == ROLE_LOCAL)
      set_node (w, n, 0);
  check_leaf (w);

  for (guint c = 0; c < walk->n_components; c++)
    {
      guint count = 0;

      for (guint n = 0; n < N_NODES; n++)
        if ((w->deferred & ITEM_BIT (n)) && walk->role[n] == ROLE_LOCAL && walk->group[n] == c)
          {
            digit[count] = 0;
            nodes[count++] = n;
          }
      /* An odometer over the component's nodes, from the first
       * combination after all-first. */
      for (;;)
        {
          guint k = 0;

          while (k < count && ++digit[k] == node_domain (w, nodes[k])->len)
            {
              digit[k] = 0;
              set_node (w, nodes[k], 0);
              k++;
            }
          if (k == count)
            break;
          set_node (w, nodes[k], digit[k]);
          check_leaf (w);
        }
    }

  for (guint n = 0; n < N_ITEMS; n++)
    if ((w->deferred & ITEM_BIT (n)) && walk->role[n] == ROLE_LOCAL)
      clear_value (w, n);
}

/* The reason items of class @c and after: all no, then each one alone. */
static void
leaf_classes (Worker *w,
              guint   c)
{
  const Walk *walk = w->walk;

  if (c == walk->n_classes)
    {
      leaf_components (w);
      return;
    }
  for (guint i = 0; i < N_ITEMS; i++)
    if ((w->deferred & ITEM_BIT (i)) && walk->role[i] == ROLE_REASON && walk->group[i] == c)
      set_node (w, i, 0);
  leaf_classes (w, c + 1);
  for (guint i = 0; i < N_ITEMS; i++)
    if ((w->deferred & ITEM_BIT (i)) && walk->role[i] == ROLE_REASON && walk->group[i] == c)
      {
        set_node (w, i, 1);
        leaf_classes (w, c + 1);
        set_node (w, i, 0);
      }
  for (guint i = 0; i < N_ITEMS; i++)
    if ((w->deferred & ITEM_BIT (i)) && walk->role[i] == ROLE_REASON && walk->group[i] == c)
      clear_value (w, i);
}

static void
walk_item (Worker *w,
           guint   i)
{
  const Walk *walk = w->walk;
  const BedsideItem *item;
  gboolean enabled;
  GArray *domain;
  gint slot;

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
      leaf_classes (w, 0);
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
  w->pattern |= ITEM_BIT (i);
  if (walk->role[i] != ROLE_CORE)
    {
      /* No enable-when reads it: set at the leaf. */
      w->deferred |= ITEM_BIT (i);
      walk_item (w, i + 1);
      w->deferred &= ~ITEM_BIT (i);
    }
  else
    {
      domain = walk->domains[i];
      slot = split_slot (i);
      for (guint k = 0; k < domain->len; k++)
        {
          guint64 refinement = 0;

          set_value (w, i, &g_array_index (domain, DomainValue, k));
          if (slot >= 0 && walk->role[REFINEMENT (slot)] == ROLE_LOCAL)
            {
              w->cell[slot] = k;
              if (((GArray *) walk->cells[slot]->pdata[k])->len > 1)
                refinement = ITEM_BIT (REFINEMENT (slot));
            }
          w->deferred |= refinement;
          walk_item (w, i + 1);
          w->deferred &= ~refinement;
        }
      clear_value (w, i);
    }
  w->pattern &= ~ITEM_BIT (i);
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
    clear_value (w, i);
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
  guint64 plans;
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

  claimed = g_new0 (gint, MAX (n_units, 1));
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
      result->plans += workers[t].plans;
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

/* ---- how many answer sets ------------------------------------------------ */

typedef struct {
  guint64 walked;        /* what the walk should visit */
  guint64 represented;   /* the complete answer sets they stand for */
} Count;

static gboolean
is_flow_item (guint i)
{
  for (guint k = 0; k < G_N_ELEMENTS (flow_items); k++)
    if (flow_items[k] == i)
      return TRUE;
  return FALSE;
}

/* Counts from the requirement's "enabled when" column (req_enabled()), not
 * from the guideline: the items it reads and the split items are
 * enumerated (by cell, @cell), the others only noted as enabled
 * (@enabled) and counted at the end. */
static void
count_answers (const Walk *walk,
               int        *a,
               guint      *cell,
               guint       i,
               guint64     enabled,
               Count      *count)
{
  if (i == N_ITEMS)
    {
      guint64 core = 1, classes = 1, components = 1, all = 1;

      for (guint j = 0; j < N_ITEMS; j++)
        if ((enabled & ITEM_BIT (j)) && !is_flow_item (j) && split_slot (j) < 0)
          {
            all *= walk->domains[j]->len;
            if (walk->role[j] == ROLE_CORE)
              core *= walk->domains[j]->len;
          }
      for (guint k = 0; k < N_SPLIT; k++)
        if ((enabled & ITEM_BIT (split_items[k])) && walk->role[REFINEMENT (k)] == ROLE_LOCAL)
          all *= ((GArray *) walk->cells[k]->pdata[cell[k]])->len;
      for (guint c = 0; c < walk->n_classes; c++)
        {
          guint64 n = 1;

          for (guint j = 0; j < N_ITEMS; j++)
            if ((enabled & ITEM_BIT (j)) && walk->role[j] == ROLE_REASON && walk->group[j] == c)
              n += walk->domains[j]->len - 1;
          classes *= n;
        }
      for (guint c = 0; c < walk->n_components; c++)
        {
          guint64 n = 1;

          for (guint j = 0; j < N_NODES; j++)
            if (walk->role[j] == ROLE_LOCAL && walk->group[j] == c)
              {
                if (j < N_ITEMS && (enabled & ITEM_BIT (j)))
                  n *= walk->domains[j]->len;
                else if (j >= N_ITEMS && (enabled & ITEM_BIT (split_items[j - N_ITEMS])))
                  n *= ((GArray *) walk->cells[j - N_ITEMS]->pdata[cell[j - N_ITEMS]])->len;
              }
          components += n - 1;
        }
      count->walked += core * classes * components;
      count->represented += all;
      return;
    }
  if (!req_enabled ((ItemId) i, a))
    {
      count_answers (walk, a, cell, i + 1, enabled, count);
      return;
    }
  if (!is_flow_item (i) && split_slot (i) < 0)
    {
      count_answers (walk, a, cell, i + 1, enabled | ITEM_BIT (i), count);
      return;
    }
  for (guint k = 0; k < walk->domains[i]->len; k++)
    {
      a[i] = g_array_index (walk->domains[i], DomainValue, k).plain;
      if (split_slot (i) >= 0)
        cell[split_slot (i)] = k;
      count_answers (walk, a, cell, i + 1, enabled | ITEM_BIT (i), count);
    }
  a[i] = UNANSWERED;
}

static Count
expected_count (const Walk *walk)
{
  int a[N_ITEMS];
  guint cell[N_SPLIT] = { 0 };
  Count count = { 0, 0 };

  for (guint i = 0; i < N_ITEMS; i++)
    a[i] = UNANSWERED;
  count_answers (walk, a, cell, 0, 0, &count);
  return count;
}

#if defined(__SANITIZE_ADDRESS__)
#define SAFETY_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SAFETY_UNDER_ASAN 1
#endif
#endif

static void
test_walk (void)
{
  g_autoptr(BedsideGuideline) g = NULL;

#ifdef SAFETY_UNDER_ASAN
  /* The walk is the ordinary build's: under ASan (slow unwinding on every
   * allocation) its 5.3 million plans take about 20 minutes.  The same
   * evaluator code runs under ASan in the vignettes, the mutants, the
   * evaluator tests and the fuzz targets. */
  if (!g_test_slow ())
    {
      g_test_skip ("the walk runs in the ordinary build (-m slow runs it here)");
      return;
    }
#endif
  g = load_bundled ();
  gboolean full = g_test_slow ();
  g_autoptr(Walk) walk = walk_new (g, !full);
  WalkResult result;
  guint n_threads = CLAMP (g_get_num_processors (), 1, 8);
  gint64 start = g_get_monotonic_time ();
  Count expected = expected_count (walk);

  for (guint k = 0; k < N_SPLIT; k++)
    {
      g_autofree char *cells = cells_to_string (walk, k);

      g_test_message ("%s walked at: %s", item_names[split_items[k]], cells);
    }
  for (guint k = 0; k < walk->notes->len; k++)
    g_test_message ("note: %s", (const char *) walk->notes->pdata[k]);
  if (walk->factored)
    {
      g_autofree char *components = groups_to_string (walk, ROLE_LOCAL);
      g_autofree char *classes = groups_to_string (walk, ROLE_REASON);

      g_test_message ("local nodes, by component: %s", components);
      g_test_message ("reason items, by class: %s", classes);
    }
  else
    g_test_message ("every combination (-m slow)");

  run_walk (walk, n_threads, &result);

  for (guint m = 0; m < result.messages->len; m++)
    g_test_message ("FAIL: %s", (const char *) result.messages->pdata[m]);
  if (result.failures > result.messages->len)
    g_test_message ("... %" G_GUINT64_FORMAT " failures in all", result.failures);
  g_test_message ("walked %" G_GUINT64_FORMAT " answer sets (standing for %" G_GUINT64_FORMAT
                  " complete answer sets) in %.1f s on %u threads; %" G_GUINT64_FORMAT
                  " plans checked for their medicines; %" G_GUINT64_FORMAT
                  " patterns of enabled items also through the session",
                  result.walked, expected.represented, (g_get_monotonic_time () - start) / 1e6,
                  n_threads, result.plans, result.patterns);
  g_ptr_array_unref (result.messages);

  g_assert_cmpuint (result.failures, ==, 0);
  g_assert_cmpuint (walk->n_missing, ==, 0);
  g_assert_cmpuint (result.walked, ==, expected.walked);
  if (!walk->factored)
    g_assert_cmpuint (result.walked, ==, expected.represented);
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
      const char *name, *want_pathway = NULL;
      guint64 include, exclude, got = 0, expected;
      int plain[N_ITEMS];
      int pathway;
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
      if (json_object_has_member (expect, "pathway"))
        want_pathway = json_object_get_string_member (expect, "pathway");

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
          if (req && !json_object_has_member (answers, item_names[k]))
            g_string_append_printf (problems, "%s: '%s' is enabled but not answered\n", name, item_names[k]);
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
          const char *id = bedside_care_plan_get_entry (plan, k)->recommendation->id;
          gint r = code_index (rec_names, id);

          if (r < 0)
            g_string_append_printf (problems, "%s: '%s' is not in the requirement\n", name, id);
          else
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
      if (want_pathway != NULL &&
          g_strcmp0 (bedside_care_plan_get_pathway (plan), want_pathway) != 0)
        g_string_append_printf (problems, "%s: pathway %s, expected %s\n", name,
                                bedside_care_plan_get_pathway (plan), want_pathway);
      /* The vignettes and the test's oracle are two readings of the
       * requirement: they must agree too. */
      expected = oracle (plain, &pathway);
      if ((include & ~expected) || (exclude & expected))
        g_string_append_printf (problems, "%s: the vignette and the test's oracle disagree\n", name);
      if (g_strcmp0 (want_pathway, pathway == NO_PATHWAY ? NULL : pathway_names[pathway]) != 0)
        g_string_append_printf (problems, "%s: the vignette's pathway and the test's oracle's disagree\n", name);
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
  g_assert_cmpuint (n, >=, 150);
}

/* ---- the checks can fail ---------------------------------------------- */

/* Each mutant breaks one rule of the requirement, in the guideline or in
 * its medicine records; the walk and the vignettes must both notice.  The
 * walk stops at its first failure, and each mutant is chosen so that it
 * fails early in questionnaire order (ages 11 to 24, pregnant "no"
 * first).  @from is replaced by @to, once; with @to NULL, the element that
 * starts with @from is cut out, up to its end tag. */
static const struct {
  const char *what;
  const char *file;
  const char *from;
  const char *to;
} mutants[] = {
  { "rule 1: a red flag no longer stops the walk", "back-spasm.xml",
    "<recommend ref=\"safety_net\"/>\n        <stop/>", "<recommend ref=\"safety_net\"/>" },
  { "rule 1: cancer with neurological symptoms is no longer an emergency", "back-spasm.xml",
    " or (rf_cancer and rf_cancer_neuro)</define>", "</define>" },
  { "rule 5: muscle relaxant from pain 5", "back-spasm.xml",
    "pain_severity &gt;= 4 and (chronic", "pain_severity &gt;= 5 and (chronic" },
  { "rule 5: a reason against cyclobenzaprine dropped (hyperthyroidism)", "medicines/analgesics.xml",
    "<against id=\"hyperthyroid\" when=\"hyperthyroid\"", NULL },
  { "rule 6: no driving caution with cyclobenzaprine", "medicines/analgesics.xml",
    "<caution id=\"drives_or_machinery\" when=\"drives_or_machinery\" note=\"driving_caution\"", NULL },
  { "rule 6: the anticholinergic caution only for drivers (one caution reads two local items)",
    "medicines/analgesics.xml",
    "<caution id=\"glaucoma_urinary\" when=\"glaucoma_urinary\" note=\"anticholinergic_caution\"",
    "<caution id=\"glaucoma_urinary\" when=\"glaucoma_urinary and drives_or_machinery\" note=\"anticholinergic_caution\"" },
  { "rule 7: no NSAID caution for eGFR 30-59 (ckd mild_moderate)", "medicines/analgesics.xml",
    "<caution id=\"ckd_mild_moderate\"", NULL },
  { "rule 7: a reason against NSAIDs dropped (past GI bleed)", "medicines/analgesics.xml",
    "<against id=\"gi_bleed_history\" when=\"gi_bleed_history\"", NULL },
  { "rule 9: a reason against tramadol dropped (seizures)", "medicines/analgesics.xml",
    "<against id=\"seizures\" when=\"seizures\"", NULL },
  { "rule 9: the duloxetine caution under 25 becomes under 18", "medicines/analgesics.xml",
    "when=\"age &lt; 25\"", "when=\"age &lt; 18\"" },
  { "rule 9: second line without an NSAID failing", "back-spasm.xml",
    "<branch when=\"second_line\"", "<branch when=\"chronic_drug\"" },
  { "enable-when narrowed: sedatives asked only of muscle-relaxant candidates", "back-spasm.xml",
    "<item id=\"sedatives\" type=\"boolean\" required=\"true\" enable-when=\"mr_candidate or chronic_drug\">",
    "<item id=\"sedatives\" type=\"boolean\" required=\"true\" enable-when=\"mr_candidate\">" },
};

/* Copies the bundled guideline and its medicine records to a new folder;
 * returns the folder. */
static char *
copy_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *medicines = bundled_path ("medicines");
  g_autoptr(GDir) dir = NULL;
  char *tmp = g_dir_make_tmp ("test-safety-XXXXXX", &error);
  const char *name;
  g_autofree char *tmp_medicines = NULL;
  g_autofree char *guideline = bundled_path ("back-spasm.xml");
  g_autofree char *contents = NULL;
  g_autofree char *target = NULL;
  gsize length;

  g_assert_no_error (error);
  g_file_get_contents (guideline, &contents, &length, &error);
  g_assert_no_error (error);
  target = g_build_filename (tmp, "back-spasm.xml", NULL);
  g_file_set_contents (target, contents, length, &error);
  g_assert_no_error (error);

  tmp_medicines = g_build_filename (tmp, "medicines", NULL);
  g_assert_cmpint (g_mkdir (tmp_medicines, 0700), ==, 0);
  dir = g_dir_open (medicines, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (medicines, name, NULL);
      g_autofree char *to = g_build_filename (tmp_medicines, name, NULL);
      g_autofree char *data = NULL;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      g_file_get_contents (from, &data, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (to, data, length, &error);
      g_assert_no_error (error);
    }
  return tmp;
}

static void
remove_copy (const char *tmp)
{
  g_autofree char *medicines = g_build_filename (tmp, "medicines", NULL);
  g_autoptr(GDir) dir = g_dir_open (medicines, 0, NULL);
  g_autofree char *guideline = g_build_filename (tmp, "back-spasm.xml", NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (medicines, name, NULL);
      g_unlink (path);
    }
  g_rmdir (medicines);
  g_unlink (guideline);
  g_rmdir (tmp);
}

/* Applies mutant @m to the copy in @tmp. */
static void
mutate (const char *tmp,
        guint       m)
{
  g_autofree char *path = g_build_filename (tmp, mutants[m].file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) xml = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  xml = g_string_new (contents);
  if (mutants[m].to != NULL)
    g_assert_cmpuint (g_string_replace (xml, mutants[m].from, mutants[m].to, 1), ==, 1);
  else
    {
      /* Cut the element out: from its start to its end tag. */
      const char *start = strstr (xml->str, mutants[m].from);
      g_autofree char *element = NULL;
      g_autofree char *end_tag = NULL;
      const char *end;
      gsize name_length;

      g_assert_nonnull (start);
      name_length = strcspn (start + 1, " >/");
      element = g_strndup (start + 1, name_length);
      end_tag = g_strdup_printf ("</%s>", element);
      end = strstr (start, end_tag);
      g_assert_nonnull (end);
      g_string_erase (xml, start - xml->str, end + strlen (end_tag) - start);
    }
  g_file_set_contents (path, xml->str, xml->len, &error);
  g_assert_no_error (error);
}

static void
test_mutants (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (mutants); m++)
    {
      g_autofree char *tmp = copy_bundled ();
      g_autofree char *path = g_build_filename (tmp, "back-spasm.xml", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(BedsideGuideline) g = NULL;
      g_autoptr(Walk) walk = NULL;
      g_autoptr(GString) problems = g_string_new (NULL);
      WalkResult result;
      guint n, failed;

      mutate (tmp, m);
      g = bedside_guideline_new_from_file (path, &error);
      g_assert_no_error (error);
      remove_copy (tmp);

      walk = walk_new (g, TRUE);
      walk->stop_after = 1;
      run_walk (walk, CLAMP (g_get_num_processors (), 1, 8), &result);
      g_test_message ("mutant '%s': walk fails after %" G_GUINT64_FORMAT " answer sets: %s",
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
