#!/usr/bin/env python3
# gen-back-spasm-vignettes.py: writes tests/data/back-spasm-vignettes.jsonl,
# the vignettes of the back-spasm guideline, version 1.1 (format 2), from a
# plain Python reading of the clinical requirement
# (/shared/clinical/back-spasm.md, rules 1-10 and the definitions).
#
# It shares no code with the engine or with test-safety.c's oracle: it is a
# third reading of the same text.  Each vignette names a few answers; the
# script fills in every other item that is enabled with an ordinary value
# (a healthy 40-year-old, nothing else), leaves out every item that is not
# enabled, and writes the whole plan the requirement gives: "include" is
# every id of the plan, "exclude" every other id of the requirement.  A
# vignette that names an item its other answers do not enable is an error
# here, so the file never holds an answer the questionnaire would not ask.
#
# Usage: tests/gen-back-spasm-vignettes.py [OUTPUT]   (default: the data file)
#        tests/gen-back-spasm-vignettes.py --check    (the coverage report only)

import json
import os
import sys

# ---- the questionnaire, in the requirement's order ------------------------

BOOL = "boolean"
INT = "integer"
CHOICE = "choice"

PREGNANT_CODES = ["no", "pregnant", "breastfeeding"]
HEPATIC_CODES = ["none", "mild", "moderate_severe"]
CKD_CODES = ["none", "mild_moderate", "severe"]


def red_flag(a):
    # "an item not asked counts as no"
    return any(a.get(k) is True for k in
               ("rf_cauda_equina", "rf_progressive_deficit", "rf_infection", "rf_vascular",
                "rf_major_trauma", "rf_cancer", "rf_cancer_neuro", "rf_fracture"))


def emergency_flag(a):
    return any(a.get(k) is True for k in
               ("rf_cauda_equina", "rf_progressive_deficit", "rf_infection", "rf_vascular",
                "rf_major_trauma", "rf_cancer_neuro"))


def urgent_flag(a):
    return a.get("rf_cancer") is True or a.get("rf_fracture") is True


def routine(a):
    return not red_flag(a) and a["age"] >= 18


def pathway(a):
    w = a["duration_weeks"]
    if w < 4:
        return "acute"
    if w <= 12:
        return "subacute"
    return "chronic"


def drug(a):
    return (routine(a) and not a["prefers_non_drug"]
            and (pathway(a) != "chronic" or a["prior_exercise_failed"]))


def chronic_drug(a):
    return drug(a) and pathway(a) == "chronic"


def mr_candidate(a):
    return (drug(a) and a["pain_severity"] >= 4
            and (pathway(a) == "chronic" or not a["prior_mr_course"]))


def preg_or_bf(a):
    return a["pregnant"] in ("pregnant", "breastfeeding")


ITEMS = [
    # (id, type, enabled when, default)
    ("age", INT, lambda a: True, 40),
    ("pregnant", CHOICE, lambda a: a["age"] >= 12, "no"),
    ("rf_cauda_equina", BOOL, lambda a: True, False),
    ("rf_progressive_deficit", BOOL, lambda a: True, False),
    ("rf_infection", BOOL, lambda a: True, False),
    ("rf_vascular", BOOL, lambda a: True, False),
    ("rf_major_trauma", BOOL, lambda a: True, False),
    ("rf_cancer", BOOL, lambda a: True, False),
    ("rf_cancer_neuro", BOOL, lambda a: a["rf_cancer"], False),
    ("rf_fracture", BOOL, lambda a: True, False),
    ("duration_weeks", INT, routine, 2),
    ("pain_severity", INT, routine, 6),
    ("radicular", BOOL, routine, False),
    ("prior_exercise_failed", BOOL, lambda a: routine(a) and pathway(a) == "chronic", False),
    ("prefers_non_drug", BOOL, routine, False),
    ("prior_mr_course", BOOL, lambda a: drug(a) and pathway(a) != "chronic", False),
    ("nsaid_tried_failed", BOOL, chronic_drug, False),
    ("maoi_recent", BOOL, lambda a: mr_candidate(a) or chronic_drug(a), False),
    ("recent_mi", BOOL, drug, False),
    ("heart_failure", BOOL, drug, False),
    ("arrhythmia", BOOL, mr_candidate, False),
    ("hyperthyroid", BOOL, mr_candidate, False),
    ("hepatic", CHOICE, drug, "none"),
    ("ssri_snri", BOOL, drug, False),
    ("other_serotonergic", BOOL, lambda a: mr_candidate(a) or chronic_drug(a), False),
    ("alcohol_regular", BOOL, drug, False),
    ("sedatives", BOOL, lambda a: mr_candidate(a) or chronic_drug(a), False),
    ("glaucoma_urinary", BOOL, lambda a: mr_candidate(a) or chronic_drug(a), False),
    ("drives_or_machinery", BOOL, lambda a: mr_candidate(a) or chronic_drug(a), False),
    ("gi_bleed_history", BOOL, drug, False),
    ("ckd", CHOICE, drug, "none"),
    ("anticoagulant", BOOL, drug, False),
    ("cv_disease", BOOL, drug, False),
    ("steroids_oral", BOOL, drug, False),
    ("nsaid_allergy", BOOL, drug, False),
    ("seizures", BOOL, chronic_drug, False),
    ("misuse_or_suicidality", BOOL, chronic_drug, False),
]
ITEM_IDS = [i[0] for i in ITEMS]

RECS = [
    "urgent_cauda_equina", "emergency_deficit", "emergency_infection", "emergency_vascular",
    "urgent_cancer", "emergency_trauma", "emergency_mscc", "urgent_fracture", "interim_care",
    "out_of_scope_minor", "stay_active", "no_routine_imaging", "heat", "massage",
    "spinal_manipulation", "acupuncture", "exercise_supervised", "motor_control", "mind_body",
    "multidisciplinary_rehab", "chronic_drugs_later", "muscle_relaxant_short",
    "muscle_relaxant_flareups_only", "mr_no_restart", "nsaid", "analgesic_combination",
    "acetaminophen_option", "acetaminophen_liver_caution", "second_line_later",
    "duloxetine_option", "duloxetine_serotonin_caution", "duloxetine_caution", "duloxetine_avoid",
    "tramadol_option", "tramadol_avoid", "tramadol_serotonin_caution", "tramadol_dose_caution",
    "second_line_one_only", "no_lumbar_support", "no_tens", "mr_contra_maoi", "mr_contra_cardiac",
    "mr_contra_thyroid", "mr_contra_hepatic", "mr_avoid_elderly", "mr_avoid_pregnancy",
    "mr_reduced_dose_hepatic", "serotonin_caution", "cns_caution", "anticholinergic_caution",
    "driving_caution", "nsaid_caution", "nsaid_avoid", "radicular_note", "pregnancy_note",
    "followup_acute", "followup_subacute", "followup_chronic", "safety_net",
]
assert len(RECS) == len(set(RECS))


# ---- the definitions and rules 1-10 ----------------------------------------

def mr_reasons(a):
    """The notes of rule 5, one per reason that holds (mr_ok: none)."""
    r = []
    if a["maoi_recent"]:
        r.append("mr_contra_maoi")
    if a["recent_mi"] or a["heart_failure"] or a["arrhythmia"]:
        r.append("mr_contra_cardiac")
    if a["hyperthyroid"]:
        r.append("mr_contra_thyroid")
    if a["hepatic"] == "moderate_severe":
        r.append("mr_contra_hepatic")
    if a["age"] >= 65:
        r.append("mr_avoid_elderly")
    if preg_or_bf(a):
        r.append("mr_avoid_pregnancy")
    return r


def nsaid_ok(a):
    return not (a["nsaid_allergy"] or a["gi_bleed_history"] or a["ckd"] == "severe"
                or a["pregnant"] == "pregnant" or a["recent_mi"] or a["heart_failure"]
                or a["hepatic"] == "moderate_severe" or a["anticoagulant"]
                or (pathway(a) == "chronic" and a["age"] >= 65)
                or (a["age"] >= 65 and a["steroids_oral"]))


def duloxetine_ok(a):
    return not (a["maoi_recent"] or a["ssri_snri"] or a["hepatic"] != "none"
                or a["ckd"] == "severe" or a["alcohol_regular"])


def tramadol_ok(a):
    return not (a["maoi_recent"] or a["alcohol_regular"] or a["sedatives"] or a["seizures"]
                or a["misuse_or_suicidality"] or preg_or_bf(a))


def oracle(a):
    """The plan's ids (a set) and its pathway (None outside routine care)."""
    plan = set()

    # Rule 1
    if red_flag(a):
        for flag, rec in (("rf_cauda_equina", "urgent_cauda_equina"),
                          ("rf_progressive_deficit", "emergency_deficit"),
                          ("rf_infection", "emergency_infection"),
                          ("rf_vascular", "emergency_vascular"),
                          ("rf_major_trauma", "emergency_trauma"),
                          ("rf_cancer_neuro", "emergency_mscc"),
                          ("rf_fracture", "urgent_fracture")):
            if a.get(flag) is True:
                plan.add(rec)
        if a["rf_cancer"] and not a.get("rf_cancer_neuro"):
            plan.add("urgent_cancer")
        plan.add("safety_net")
        if urgent_flag(a) and not emergency_flag(a):
            plan.add("interim_care")
        return plan, None

    # Rule 2
    if a["age"] < 18:
        return {"out_of_scope_minor", "safety_net"}, None

    # Rule 3
    plan |= {"stay_active", "no_routine_imaging", "no_lumbar_support", "no_tens", "safety_net"}

    # Rule 4
    p = pathway(a)
    if p == "acute":
        plan |= {"heat", "massage", "spinal_manipulation", "acupuncture", "followup_acute"}
    elif p == "subacute":
        plan |= {"heat", "massage", "spinal_manipulation", "acupuncture", "exercise_supervised",
                 "followup_subacute"}
    else:
        plan |= {"exercise_supervised", "motor_control", "mind_body", "acupuncture",
                 "spinal_manipulation", "followup_chronic"}
        if a["pain_severity"] >= 7 or a["prior_exercise_failed"]:
            plan.add("multidisciplinary_rehab")
        if not a["prefers_non_drug"] and not a["prior_exercise_failed"]:
            plan.add("chronic_drugs_later")

    if drug(a):
        # Rule 5
        mr_in = False
        if mr_candidate(a):
            reasons = mr_reasons(a)
            if not reasons:
                plan.add("muscle_relaxant_flareups_only" if p == "chronic" else "muscle_relaxant_short")
                mr_in = True
            else:
                plan |= set(reasons)
        if p != "chronic" and a["prior_mr_course"]:
            plan.add("mr_no_restart")

        # Rule 7
        ok = nsaid_ok(a)
        if ok and not (p == "chronic" and a["nsaid_tried_failed"]):
            plan.add("nsaid")
            if (a["cv_disease"] or a["age"] >= 65 or a["ckd"] == "mild_moderate"
                    or a["ssri_snri"] or a["steroids_oral"]):
                plan.add("nsaid_caution")
        if not ok:
            plan |= {"nsaid_avoid", "acetaminophen_option"}
            if a["hepatic"] != "none" or a["alcohol_regular"]:
                plan.add("acetaminophen_liver_caution")

        # Rule 8
        if "muscle_relaxant_short" in plan and "nsaid" in plan:
            plan.add("analgesic_combination")

        # Rule 9
        dulox = tram = False
        if chronic_drug(a):
            second_line = a["nsaid_tried_failed"] or not ok
            if not second_line:
                plan.add("second_line_later")
            else:
                if duloxetine_ok(a):
                    plan.add("duloxetine_option")
                    dulox = True
                    if a["other_serotonergic"]:
                        plan.add("duloxetine_serotonin_caution")
                    if (a["anticoagulant"] or a["glaucoma_urinary"] or a["cv_disease"]
                            or a["age"] < 25 or a["age"] >= 65 or preg_or_bf(a)):
                        plan.add("duloxetine_caution")
                else:
                    plan.add("duloxetine_avoid")
                if tramadol_ok(a):
                    plan.add("tramadol_option")
                    tram = True
                    if a["ssri_snri"] or a["other_serotonergic"]:
                        plan.add("tramadol_serotonin_caution")
                    if a["ckd"] == "severe" or a["hepatic"] == "moderate_severe" or a["age"] >= 65:
                        plan.add("tramadol_dose_caution")
                else:
                    plan.add("tramadol_avoid")
                if dulox and tram:
                    plan.add("second_line_one_only")
                if "muscle_relaxant_flareups_only" in plan and (dulox or tram):
                    plan.add("serotonin_caution")

        # Rule 6
        if mr_in:
            if a["hepatic"] == "mild":
                plan.add("mr_reduced_dose_hepatic")
            if a["ssri_snri"] or a["other_serotonergic"]:
                plan.add("serotonin_caution")
            if a["alcohol_regular"] or a["sedatives"]:
                plan.add("cns_caution")
            if a["glaucoma_urinary"]:
                plan.add("anticholinergic_caution")
        if (mr_in or dulox or tram) and a["drives_or_machinery"]:
            plan.add("driving_caution")

    # Rule 10
    if a["radicular"]:
        plan.add("radicular_note")
    if preg_or_bf(a):
        plan.add("pregnancy_note")

    assert plan <= set(RECS), plan - set(RECS)
    return plan, p


# ---- answers ---------------------------------------------------------------

def fill(overrides):
    """Every enabled item, in order: the override or the default.  Items
    that are not enabled are left out; overriding one is an error."""
    unknown = set(overrides) - set(ITEM_IDS)
    if unknown:
        raise ValueError(f"unknown items {sorted(unknown)}")
    a = {}
    for item_id, kind, enabled, default in ITEMS:
        if enabled(a):
            value = overrides.get(item_id, default)
            if kind == BOOL:
                assert isinstance(value, bool), (item_id, value)
            elif kind == INT:
                assert isinstance(value, int) and not isinstance(value, bool), (item_id, value)
            else:
                codes = {"pregnant": PREGNANT_CODES, "hepatic": HEPATIC_CODES, "ckd": CKD_CODES}[item_id]
                assert value in codes, (item_id, value)
            a[item_id] = value
        elif item_id in overrides:
            raise ValueError(f"'{item_id}' is not enabled by the other answers {overrides}")
    return a


class Reader(dict):
    """Answers for the rules: reading an item that was not asked is an
    error (test_reads() below), except through .get() for the red flags,
    which count as no when not asked."""

    def __missing__(self, key):
        raise KeyError(f"the rules read '{key}', which is not asked here")


def evaluate(answers):
    return oracle(Reader(answers))


# ---- the vignettes -----------------------------------------------------------

ACUTE = {"duration_weeks": 2}
SUBACUTE = {"duration_weeks": 6}
# Chronic, exercise tried without enough benefit: medicines are on the table.
CHRONIC = {"duration_weeks": 26, "prior_exercise_failed": True}
CHRONIC_NSAID_FAILED = dict(CHRONIC, nsaid_tried_failed=True)
# Chronic with pain below 4: no muscle relaxant, second-line only.
CHRONIC_MILD_FAILED = dict(CHRONIC_NSAID_FAILED, pain_severity=3)

V = []


def v(name, **overrides):
    V.append((name, overrides))


# Rule 1: each emergency flag alone, each urgent flag alone, together.
v("red flag: cauda equina alone", rf_cauda_equina=True)
v("red flag: progressive deficit alone", rf_progressive_deficit=True)
v("red flag: infection alone", rf_infection=True)
v("red flag: vascular (tearing pain) alone", rf_vascular=True)
v("red flag: major trauma alone", rf_major_trauma=True)
v("red flag: cancer with neurological symptoms (MSCC)", rf_cancer=True, rf_cancer_neuro=True)
v("red flag: cancer history without neurological symptoms", rf_cancer=True, rf_cancer_neuro=False)
v("red flag: osteoporotic fracture alone", rf_fracture=True, age=72)
v("red flags: both urgent tiers (cancer and fracture)", rf_cancer=True, rf_fracture=True)
v("red flags: cauda equina and progressive deficit", rf_cauda_equina=True, rf_progressive_deficit=True)
v("red flags: emergency and urgent (trauma and fracture): no interim care",
  rf_major_trauma=True, rf_fracture=True)
v("red flags: infection and cancer without neuro signs: no interim care",
  rf_infection=True, rf_cancer=True)
v("red flags: vascular and cancer with neuro signs", rf_vascular=True, rf_cancer=True, rf_cancer_neuro=True)
v("red flags: fracture and cancer with neuro signs: MSCC, no urgent_cancer, no interim care",
  rf_fracture=True, rf_cancer=True, rf_cancer_neuro=True)
v("red flags: every flag at once", rf_cauda_equina=True, rf_progressive_deficit=True,
  rf_infection=True, rf_vascular=True, rf_major_trauma=True, rf_cancer=True,
  rf_cancer_neuro=True, rf_fracture=True)
v("red flags: every emergency flag, no urgent one", rf_cauda_equina=True,
  rf_progressive_deficit=True, rf_infection=True, rf_vascular=True, rf_major_trauma=True)
v("red flag in a 15-year-old: red flags come before age", age=15, rf_infection=True)
v("red flag in a 10-year-old (pregnancy not asked)", age=10, rf_major_trauma=True)
v("red flag: urgent cancer in a pregnant woman", rf_cancer=True, pregnant="pregnant")
v("red flag: fracture at 85", age=85, rf_fracture=True)
v("red flag: vascular at 60", age=60, rf_vascular=True)
v("red flags: deficit and fracture", rf_progressive_deficit=True, rf_fracture=True)

# Rule 2: minors, and the age boundaries of the pregnancy question.
v("age 0: out of scope", age=0)
v("age 11: out of scope, pregnancy not asked", age=11)
v("age 12: out of scope, pregnancy asked", age=12, pregnant="no")
v("age 12, pregnant: still out of scope", age=12, pregnant="pregnant")
v("age 17: out of scope", age=17)
v("age 17, breastfeeding: out of scope", age=17, pregnant="breastfeeding")
v("age 18: routine care", age=18)

# Rules 3-4: pathways and duration boundaries.
v("acute, 0 weeks", duration_weeks=0)
v("acute, 3 weeks", duration_weeks=3)
v("subacute, 4 weeks", duration_weeks=4)
v("subacute, 12 weeks", duration_weeks=12)
v("chronic, 13 weeks, exercise not tried: no medicines yet", duration_weeks=13)
v("chronic, 520 weeks, exercise failed", duration_weeks=520, prior_exercise_failed=True)
v("chronic, pain 6, exercise not tried", duration_weeks=26, pain_severity=6)
v("chronic, pain 7, exercise not tried: rehabilitation", duration_weeks=26, pain_severity=7)
v("chronic, pain 3, exercise failed: rehabilitation, no muscle relaxant",
  duration_weeks=26, pain_severity=3, prior_exercise_failed=True)
v("chronic, pain 4, exercise failed: muscle relaxant for flare-ups",
  duration_weeks=26, pain_severity=4, prior_exercise_failed=True)
v("chronic, prefers no medicines, exercise not tried: no chronic_drugs_later",
  duration_weeks=26, prefers_non_drug=True)
v("chronic, prefers no medicines, exercise failed", duration_weeks=26, prefers_non_drug=True,
  prior_exercise_failed=True)
v("chronic, prefers no medicines, pain 8", duration_weeks=40, prefers_non_drug=True, pain_severity=8)
v("acute, prefers no medicines", prefers_non_drug=True)
v("subacute, prefers no medicines", duration_weeks=8, prefers_non_drug=True)
v("subacute, pain 10", duration_weeks=8, pain_severity=10)

# Rule 5: pain boundaries, the muscle-relaxant candidate.
v("acute, pain 3: no muscle relaxant", pain_severity=3)
v("acute, pain 4: muscle relaxant", pain_severity=4)
v("acute, pain 0", pain_severity=0)
v("acute, pain 7", pain_severity=7)
v("subacute, pain 3: no muscle relaxant", duration_weeks=4, pain_severity=3)
v("subacute, pain 4", duration_weeks=12, pain_severity=4)
v("acute, muscle relaxant already taken: no restart", prior_mr_course=True)
v("subacute, muscle relaxant already taken: no restart", duration_weeks=6, prior_mr_course=True)
v("acute, pain 3, muscle relaxant already taken: no restart note still",
  pain_severity=3, prior_mr_course=True)
v("acute, muscle relaxant taken, MAO inhibitor question not asked, NSAID unsuitable",
  prior_mr_course=True, nsaid_allergy=True)

# Rule 5: each reason against cyclobenzaprine alone, acute.
v("acute, MAO inhibitor", maoi_recent=True)
v("acute, recent heart attack", recent_mi=True)
v("acute, heart failure", heart_failure=True)
v("acute, arrhythmia", arrhythmia=True)
v("acute, hyperthyroidism", hyperthyroid=True)
v("acute, cirrhosis (hepatic moderate_severe)", hepatic="moderate_severe")
v("acute, age 64: still a muscle relaxant", age=64)
v("acute, age 65: no muscle relaxant", age=65)
v("acute, age 66", age=66)
v("acute, pregnant", pregnant="pregnant")
v("acute, breastfeeding: muscle relaxant avoided, NSAID allowed", pregnant="breastfeeding")
# ... in combination, and in other pathways.
v("acute, every reason against cyclobenzaprine", maoi_recent=True, recent_mi=True,
  heart_failure=True, arrhythmia=True, hyperthyroid=True, hepatic="moderate_severe",
  age=70, pregnant="breastfeeding")
v("acute, arrhythmia and hyperthyroidism", arrhythmia=True, hyperthyroid=True)
v("acute, MAO inhibitor at 65", maoi_recent=True, age=65)
v("subacute, MAO inhibitor", duration_weeks=6, maoi_recent=True)
v("subacute, pregnant", duration_weeks=6, pregnant="pregnant")
v("chronic, arrhythmia", arrhythmia=True, **CHRONIC)
v("chronic, hyperthyroidism", hyperthyroid=True, **CHRONIC)
v("chronic, age 65: no muscle relaxant, no NSAID", age=65, **CHRONIC)
v("chronic, age 64: muscle relaxant and NSAID", age=64, **CHRONIC)
v("chronic, pain 3, age 70: neither MR notes nor MR", age=70, pain_severity=3, **CHRONIC)

# Rule 6: each caution of cyclobenzaprine alone, and together.
v("acute, mild liver disease", hepatic="mild")
v("acute, SSRI", ssri_snri=True)
v("acute, other serotonergic drug", other_serotonergic=True)
v("acute, alcohol most days", alcohol_regular=True)
v("acute, sedatives", sedatives=True)
v("acute, glaucoma or urinary retention", glaucoma_urinary=True)
v("acute, drives", drives_or_machinery=True)
v("acute, every muscle-relaxant caution", hepatic="mild", ssri_snri=True, other_serotonergic=True,
  alcohol_regular=True, sedatives=True, glaucoma_urinary=True, drives_or_machinery=True)
v("acute, drives and age 65: no muscle relaxant, no driving caution", drives_or_machinery=True, age=65)
v("acute, glaucoma with MAO inhibitor: no anticholinergic caution", glaucoma_urinary=True,
  maoi_recent=True)
v("acute, SSRI and heart failure: no serotonin caution, NSAID avoided", ssri_snri=True,
  heart_failure=True)
v("chronic, drives, muscle relaxant only", drives_or_machinery=True, **CHRONIC)
v("chronic, sedatives and alcohol with muscle relaxant", sedatives=True, alcohol_regular=True, **CHRONIC)
v("chronic, mild liver disease, muscle relaxant for flare-ups", hepatic="mild", **CHRONIC)
v("chronic, other serotonergic, muscle relaxant and NSAID", other_serotonergic=True, **CHRONIC)
v("chronic, glaucoma, muscle relaxant only", glaucoma_urinary=True, **CHRONIC)

# Rule 7: each reason against NSAIDs alone.
v("acute, NSAID allergy", nsaid_allergy=True)
v("acute, past GI bleed", gi_bleed_history=True)
v("acute, severe kidney disease", ckd="severe")
v("acute, anticoagulant", anticoagulant=True)
v("acute, 65 on oral steroids: NSAID avoided", age=65, steroids_oral=True)
v("acute, 64 on oral steroids: NSAID with caution", age=64, steroids_oral=True)
v("chronic, 65: NSAID avoided in the chronic pathway", age=65, pain_severity=3, **CHRONIC)
v("subacute, 65: NSAID with caution", age=65, duration_weeks=6)
v("acute, cirrhosis, pain 3: NSAID avoided, acetaminophen liver caution",
  hepatic="moderate_severe", pain_severity=3)
v("acute, recent heart attack, pain 2", recent_mi=True, pain_severity=2)
v("acute, heart failure, pain 2", heart_failure=True, pain_severity=2)
v("acute, pregnant, pain 2", pregnant="pregnant", pain_severity=2)
v("acute, every reason against NSAIDs", nsaid_allergy=True, gi_bleed_history=True, ckd="severe",
  pregnant="pregnant", recent_mi=True, heart_failure=True, hepatic="moderate_severe",
  anticoagulant=True, age=70, steroids_oral=True)
v("acute, GI bleed on anticoagulant", gi_bleed_history=True, anticoagulant=True)
# NSAID cautions alone.
v("acute, cardiovascular disease: NSAID caution", cv_disease=True)
v("acute, 65, pain 3: NSAID caution only", age=65, pain_severity=3)
v("acute, kidney disease eGFR 30-59: NSAID caution", ckd="mild_moderate")
v("acute, SSRI, pain 3: NSAID caution", ssri_snri=True, pain_severity=3)
v("acute, oral steroids at 40: NSAID caution", steroids_oral=True)
v("acute, every NSAID caution", cv_disease=True, ckd="mild_moderate", ssri_snri=True,
  steroids_oral=True, age=64)
# Acetaminophen liver caution.
v("acute, NSAID allergy and mild liver disease", nsaid_allergy=True, hepatic="mild")
v("acute, NSAID allergy and alcohol", nsaid_allergy=True, alcohol_regular=True)
v("acute, NSAID allergy, pain 3: acetaminophen without caution", nsaid_allergy=True, pain_severity=3)
v("acute, mild liver disease, NSAID fine: no acetaminophen caution", hepatic="mild", pain_severity=3)

# Rule 8.
v("acute, pain 5: analgesic combination", pain_severity=5)
v("subacute, pain 8: analgesic combination", duration_weeks=10, pain_severity=8)
v("acute, MR but no NSAID: no combination", anticoagulant=True)

# Rule 9: second line.
v("chronic, NSAID not yet tried: second line later", **CHRONIC)
v("chronic, NSAID failed: duloxetine and tramadol", **CHRONIC_NSAID_FAILED)
v("chronic, NSAID failed, pain 3: second line, no muscle relaxant", **CHRONIC_MILD_FAILED)
v("chronic, NSAID unsuitable (GI bleed): second line", gi_bleed_history=True, **CHRONIC)
v("chronic, NSAID unsuitable (allergy), pain 3", nsaid_allergy=True, pain_severity=3, **CHRONIC)
v("chronic, 65, NSAID not tried: second line (NSAID unsuitable)", age=65,
  pain_severity=2, **CHRONIC)
# Each reason against duloxetine alone.
v("chronic second line, MAO inhibitor", maoi_recent=True, **CHRONIC_MILD_FAILED)
v("chronic second line, SSRI: no duloxetine", ssri_snri=True, **CHRONIC_MILD_FAILED)
v("chronic second line, mild liver disease: no duloxetine", hepatic="mild", **CHRONIC_MILD_FAILED)
v("chronic second line, cirrhosis: no duloxetine, NSAID avoided", hepatic="moderate_severe",
  **CHRONIC_MILD_FAILED)
v("chronic second line, severe kidney disease", ckd="severe", **CHRONIC_MILD_FAILED)
v("chronic second line, alcohol: neither duloxetine nor tramadol", alcohol_regular=True,
  **CHRONIC_MILD_FAILED)
v("chronic second line, mild kidney disease: duloxetine fine", ckd="mild_moderate", **CHRONIC_MILD_FAILED)
# Each reason against tramadol alone.
v("chronic second line, sedatives: no tramadol", sedatives=True, **CHRONIC_MILD_FAILED)
v("chronic second line, seizures: no tramadol", seizures=True, **CHRONIC_MILD_FAILED)
v("chronic second line, misuse or suicidal thoughts: no tramadol", misuse_or_suicidality=True,
  **CHRONIC_MILD_FAILED)
v("chronic second line, pregnant: no tramadol", pregnant="pregnant", **CHRONIC_MILD_FAILED)
v("chronic second line, breastfeeding: no tramadol", pregnant="breastfeeding", **CHRONIC_MILD_FAILED)
v("chronic second line, every reason against both", maoi_recent=True, ssri_snri=True,
  hepatic="mild", ckd="severe", alcohol_regular=True, sedatives=True, seizures=True,
  misuse_or_suicidality=True, pregnant="pregnant", **CHRONIC_MILD_FAILED)
v("chronic second line, seizures and misuse", seizures=True, misuse_or_suicidality=True,
  **CHRONIC_MILD_FAILED)
# Duloxetine cautions alone.
v("chronic second line, other serotonergic: both serotonin cautions", other_serotonergic=True,
  **CHRONIC_MILD_FAILED)
v("chronic second line, anticoagulant: duloxetine caution, NSAID avoided", anticoagulant=True,
  **CHRONIC_MILD_FAILED)
v("chronic second line, glaucoma: duloxetine caution", glaucoma_urinary=True, **CHRONIC_MILD_FAILED)
v("chronic second line, cardiovascular disease: duloxetine caution", cv_disease=True,
  **CHRONIC_MILD_FAILED)
v("chronic second line, age 24: duloxetine caution", age=24, **CHRONIC_MILD_FAILED)
v("chronic second line, age 25: no duloxetine caution", age=25, **CHRONIC_MILD_FAILED)
v("chronic second line, age 18", age=18, **CHRONIC_MILD_FAILED)
v("chronic second line, age 64", age=64, **CHRONIC_MILD_FAILED)
v("chronic second line, age 65: duloxetine caution, tramadol dose caution", age=65,
  **CHRONIC_MILD_FAILED)
v("chronic second line, SSRI, sedatives: neither option", ssri_snri=True, sedatives=True,
  **CHRONIC_MILD_FAILED)
# Tramadol cautions alone.
v("chronic second line, SSRI: tramadol serotonin caution", ssri_snri=True, **CHRONIC_NSAID_FAILED)
v("chronic second line, severe kidney disease: tramadol dose caution", ckd="severe",
  **CHRONIC_NSAID_FAILED)
v("chronic second line, cirrhosis, alcohol-free: tramadol dose caution",
  hepatic="moderate_severe", **CHRONIC_NSAID_FAILED)
v("chronic second line, age 80", age=80, **CHRONIC_NSAID_FAILED)
# Both options; with the muscle relaxant for flare-ups.
v("chronic second line, pain 6, both options with muscle relaxant: serotonin caution",
  pain_severity=6, **CHRONIC_NSAID_FAILED)
v("chronic second line, pain 6, duloxetine only with muscle relaxant", pain_severity=6,
  sedatives=True, **CHRONIC_NSAID_FAILED)
v("chronic second line, pain 6, tramadol only with muscle relaxant", pain_severity=6,
  alcohol_regular=False, ckd="severe", **CHRONIC_NSAID_FAILED)
v("chronic second line, pain 6, no option: no serotonin caution from rule 9",
  pain_severity=6, alcohol_regular=True, **CHRONIC_NSAID_FAILED)
v("chronic second line, drives: driving caution for duloxetine or tramadol", drives_or_machinery=True,
  **CHRONIC_MILD_FAILED)
v("chronic second line, drives, neither option nor muscle relaxant: no driving caution",
  drives_or_machinery=True, alcohol_regular=True, **CHRONIC_MILD_FAILED)
v("chronic second line, drives, tramadol only", drives_or_machinery=True, ssri_snri=True,
  **CHRONIC_MILD_FAILED)
v("chronic second line, drives, duloxetine only", drives_or_machinery=True, seizures=True,
  **CHRONIC_MILD_FAILED)
v("chronic, NSAID failed and NSAID unsuitable", anticoagulant=True, **CHRONIC_NSAID_FAILED)
v("chronic, NSAID failed, heart failure: no muscle relaxant, second line", heart_failure=True,
  **CHRONIC_NSAID_FAILED)
v("chronic, NSAID failed, every caution of both options", other_serotonergic=True, ssri_snri=False,
  anticoagulant=True, glaucoma_urinary=True, cv_disease=True, age=70, ckd="severe",
  **CHRONIC_MILD_FAILED)
v("chronic, pain 9, NSAID failed, every medicine", pain_severity=9, hepatic="none", age=30,
  **CHRONIC_NSAID_FAILED)
v("chronic, cv disease and steroids, NSAID with caution", cv_disease=True, steroids_oral=True, **CHRONIC)

# Rule 10.
v("acute, sciatica", radicular=True)
v("chronic, sciatica, prefers no medicines", radicular=True, duration_weeks=30, prefers_non_drug=True)
v("acute, pregnant, prefers no medicines: pregnancy note", pregnant="pregnant", prefers_non_drug=True)
v("acute, breastfeeding, pain 2", pregnant="breastfeeding", pain_severity=2)
v("chronic, pregnant, exercise not tried: pregnancy note only", pregnant="pregnant", duration_weeks=20)
v("acute, pregnant with sciatica", pregnant="pregnant", radicular=True)
v("age 65, pregnant (an odd but possible answer)", age=65, pregnant="pregnant")

# Larger combinations.
v("older adult with many conditions, acute", age=78, recent_mi=True, ckd="mild_moderate",
  cv_disease=True, anticoagulant=True, drives_or_machinery=True, ssri_snri=True)
v("young adult, acute, everything fine", age=19, pain_severity=8)
v("acute, hepatic mild and SSRI and anticoagulant", hepatic="mild", ssri_snri=True, anticoagulant=True)
v("subacute, arrhythmia, alcohol, CKD mild", duration_weeks=9, arrhythmia=True, alcohol_regular=True,
  ckd="mild_moderate")
v("subacute, muscle relaxant taken, SSRI, pain 9", duration_weeks=5, prior_mr_course=True,
  ssri_snri=True, pain_severity=9)
v("acute, hyperthyroid, allergy, alcohol", hyperthyroid=True, nsaid_allergy=True, alcohol_regular=True)


# ---- checks and output --------------------------------------------------------

def build():
    out = []
    names = set()
    for name, overrides in V:
        if name in names:
            raise ValueError(f"vignette name used twice: {name}")
        names.add(name)
        answers = fill(overrides)
        plan, path = evaluate(answers)
        vig = {"name": name, "answers": answers,
               "expect": {"include": sorted(plan), "exclude": sorted(set(RECS) - plan)}}
        if path is not None:
            vig["expect"]["pathway"] = path
        out.append(vig)
    return out


def coverage(vignettes):
    """What the requirement asks the vignettes to cover, and what they do."""
    problems = []
    seen = set()
    for vig in vignettes:
        seen |= set(vig["expect"]["include"])
    for rec in RECS:
        if rec not in seen:
            problems.append(f"no vignette includes '{rec}'")

    def alone(pred, what):
        if not any(pred(vig["answers"], set(vig["expect"]["include"])) for vig in vignettes):
            problems.append(f"not covered: {what}")

    # Each reason and caution at least once alone: the only answer that
    # differs from the ordinary one in its pathway.
    def differs(vig_answers, base, keys):
        return {k for k in vig_answers if vig_answers.get(k) != base.get(k)} - set(keys)

    contexts = {"acute": fill(ACUTE), "chronic": fill(CHRONIC), "chronic-failed": fill(CHRONIC_NSAID_FAILED),
                "chronic-mild-failed": fill(CHRONIC_MILD_FAILED),
                "acute-no-nsaid": fill(dict(ACUTE, nsaid_allergy=True))}
    single = [
        ("maoi_recent", True, "mr_contra_maoi"), ("recent_mi", True, "mr_contra_cardiac"),
        ("heart_failure", True, "mr_contra_cardiac"), ("arrhythmia", True, "mr_contra_cardiac"),
        ("hyperthyroid", True, "mr_contra_thyroid"), ("hepatic", "moderate_severe", "mr_contra_hepatic"),
        ("age", 65, "mr_avoid_elderly"), ("pregnant", "pregnant", "mr_avoid_pregnancy"),
        ("pregnant", "breastfeeding", "mr_avoid_pregnancy"),
        ("hepatic", "mild", "mr_reduced_dose_hepatic"), ("ssri_snri", True, "serotonin_caution"),
        ("other_serotonergic", True, "serotonin_caution"), ("alcohol_regular", True, "cns_caution"),
        ("sedatives", True, "cns_caution"), ("glaucoma_urinary", True, "anticholinergic_caution"),
        ("drives_or_machinery", True, "driving_caution"),
        ("nsaid_allergy", True, "nsaid_avoid"), ("gi_bleed_history", True, "nsaid_avoid"),
        ("ckd", "severe", "nsaid_avoid"), ("anticoagulant", True, "nsaid_avoid"),
        ("cv_disease", True, "nsaid_caution"), ("ckd", "mild_moderate", "nsaid_caution"),
        ("steroids_oral", True, "nsaid_caution"),
        ("maoi_recent", True, "duloxetine_avoid"), ("ssri_snri", True, "duloxetine_avoid"),
        ("hepatic", "mild", "duloxetine_avoid"), ("hepatic", "moderate_severe", "duloxetine_avoid"),
        ("ckd", "severe", "duloxetine_avoid"), ("alcohol_regular", True, "duloxetine_avoid"),
        ("maoi_recent", True, "tramadol_avoid"), ("alcohol_regular", True, "tramadol_avoid"),
        ("sedatives", True, "tramadol_avoid"), ("seizures", True, "tramadol_avoid"),
        ("misuse_or_suicidality", True, "tramadol_avoid"), ("pregnant", "pregnant", "tramadol_avoid"),
        ("pregnant", "breastfeeding", "tramadol_avoid"),
        ("other_serotonergic", True, "duloxetine_serotonin_caution"),
        ("anticoagulant", True, "duloxetine_caution"), ("glaucoma_urinary", True, "duloxetine_caution"),
        ("cv_disease", True, "duloxetine_caution"), ("age", 24, "duloxetine_caution"),
        ("age", 65, "duloxetine_caution"), ("pregnant", "pregnant", "duloxetine_caution"),
        ("pregnant", "breastfeeding", "duloxetine_caution"),
        ("ssri_snri", True, "tramadol_serotonin_caution"),
        ("other_serotonergic", True, "tramadol_serotonin_caution"),
        ("ckd", "severe", "tramadol_dose_caution"), ("hepatic", "moderate_severe", "tramadol_dose_caution"),
        ("age", 65, "tramadol_dose_caution"),
        ("hepatic", "mild", "acetaminophen_liver_caution"),
        ("hepatic", "moderate_severe", "acetaminophen_liver_caution"),
        ("alcohol_regular", True, "acetaminophen_liver_caution"),
        ("recent_mi", True, "nsaid_avoid"), ("heart_failure", True, "nsaid_avoid"),
        ("hepatic", "moderate_severe", "nsaid_avoid"), ("pregnant", "pregnant", "nsaid_avoid"),
    ]
    shaping = {"pain_severity", "duration_weeks", "prior_exercise_failed", "nsaid_tried_failed"}
    for item, value, note in single:
        def pred(ans, inc, item=item, value=value, note=note):
            # alone: the only answer that differs from one of the ordinary
            # answer sets above, the answers that shape the pathway aside
            return (ans.get(item) == value and note in inc and
                    any(not differs(ans, ctx, shaping | {item}) for ctx in contexts.values()))
        alone(pred, f"{item}={value} alone giving {note}")
    for age in (11, 12, 17, 18, 24, 25, 64, 65):
        alone(lambda ans, inc, age=age: ans["age"] == age, f"age {age}")
    for weeks in (3, 4, 12, 13):
        alone(lambda ans, inc, weeks=weeks: ans.get("duration_weeks") == weeks, f"duration {weeks}")
    for pain in (3, 4, 6, 7):
        alone(lambda ans, inc, pain=pain: ans.get("pain_severity") == pain, f"pain {pain}")
    for flag in ("rf_cauda_equina", "rf_progressive_deficit", "rf_infection", "rf_vascular",
                 "rf_major_trauma", "rf_fracture"):
        alone(lambda ans, inc, flag=flag: ans[flag] and sum(
            1 for k in ans if k.startswith("rf_") and ans[k] is True) == 1, f"{flag} alone")
    return problems


def test_reads():
    """The rules never read an item that is not enabled: Reader raises on
    one (red flags not asked are read with .get(): they count as no).
    Every vignette is evaluated that way, and so is every answer set of a
    walk over the items that steer the questionnaire, with each medication
    item in turn at its other values and the rest at their ordinary one."""
    flow = {"age": [11, 12, 17, 18, 24, 25, 64, 65], "pregnant": PREGNANT_CODES,
            "rf_cancer": [False, True], "rf_cancer_neuro": [False, True],
            "rf_fracture": [False, True], "duration_weeks": [3, 4, 12, 13],
            "pain_severity": [3, 4, 6, 7], "radicular": [False, True],
            "prior_exercise_failed": [False, True], "prefers_non_drug": [False, True],
            "prior_mr_course": [False, True], "nsaid_tried_failed": [False, True]}
    others = {"hepatic": HEPATIC_CODES, "ckd": CKD_CODES}
    count = 0

    def walk(i, a, varied):
        nonlocal count
        if i == len(ITEMS):
            oracle(Reader(a))
            count += 1
            return
        item_id, kind, enabled, default = ITEMS[i]
        if not enabled(Reader(a)):
            walk(i + 1, a, varied)
            return
        if item_id in flow:
            values = flow[item_id]
        elif item_id == varied:
            values = others.get(item_id, [False, True])
        else:
            values = [default]
        for value in values:
            a[item_id] = value
            walk(i + 1, a, varied)
        del a[item_id]

    for varied in [None] + [i[0] for i in ITEMS if i[0] not in flow]:
        walk(0, {}, varied)
    return count


def main():
    args = sys.argv[1:]
    vignettes = build()
    problems = coverage(vignettes)
    n = test_reads()
    for p in problems:
        print("coverage:", p, file=sys.stderr)
    if "--check" in args:
        print(f"{len(vignettes)} vignettes; {n} answer sets read without an unasked item")
        return 1 if problems else 0
    if problems:
        return 1
    out = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                            "data", "back-spasm-vignettes.jsonl")
    with open(out, "w") as f:
        for vig in vignettes:
            f.write(json.dumps(vig) + "\n")
    print(f"wrote {len(vignettes)} vignettes to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
