// LOGIC.md as a hand-written JavaScript function: what a developer would
// write without a rule engine.  Returns the ids in a fixed order (unsorted,
// like Bedside's plan order); callers sort for comparison.
'use strict';

function evaluate(c) {
  const s = [];
  if (c.rf_cauda_equina) s.push('urgent_cauda_equina');
  if (c.rf_progressive_deficit || c.rf_cancer || c.rf_infection || c.rf_fracture) s.push('urgent_red_flag');
  if (s.length > 0) { s.push('safety_net'); return s; }
  if (c.age < 18) return ['out_of_scope_minor'];
  s.push('stay_active', 'safety_net', 'no_lumbar_support', 'no_tens');
  const d = c.duration_weeks;
  const pathway = d < 4 ? 0 : (d <= 12 ? 1 : 2);
  const mrOk = !(c.maoi_recent || c.cardiac || c.hyperthyroid || c.hepatic === 'moderate_severe' ||
                 c.age >= 65 || c.pregnant !== 'no');
  const nsaidOk = !(c.nsaid_allergy || c.gi_bleed_history || c.ckd || c.pregnant === 'pregnant');
  const drug = !c.prefers_non_drug;
  let mr = false, nsaid = false;
  if (pathway === 0) {
    s.push('heat', 'followup_acute');
    if (drug && mrOk && c.pain_severity >= 4) { s.push('muscle_relaxant_short'); mr = true; }
    if (drug && nsaidOk) { s.push('nsaid'); nsaid = true; }
    if (mr && nsaid) s.push('analgesic_combination');
  } else if (pathway === 1) {
    s.push('heat', 'exercise_supervised', 'massage', 'spinal_manipulation', 'followup_acute');
    if (drug && nsaidOk) { s.push('nsaid'); nsaid = true; }
  } else {
    s.push('exercise_supervised', 'motor_control', 'followup_chronic');
    if (c.pain_severity >= 7) s.push('multidisciplinary_rehab');
    if (drug && mrOk) { s.push('muscle_relaxant_flareups_only'); mr = true; }
    if (drug && nsaidOk) { s.push('nsaid'); nsaid = true; }
  }
  if (drug && pathway !== 1 && !mrOk) {
    if (c.maoi_recent) s.push('mr_contra_maoi');
    if (c.cardiac) s.push('mr_contra_cardiac');
    if (c.hyperthyroid) s.push('mr_contra_thyroid');
    if (c.hepatic === 'moderate_severe') s.push('mr_contra_hepatic');
    if (c.age >= 65) s.push('mr_avoid_elderly');
    if (c.pregnant !== 'no') s.push('mr_avoid_pregnancy');
  }
  if (mr) {
    if (c.hepatic === 'mild') s.push('mr_reduced_dose_hepatic');
    if (c.serotonergic) s.push('serotonin_caution');
    if (c.cns_depressants) s.push('cns_caution');
    if (c.glaucoma_urinary) s.push('anticholinergic_caution');
    if (c.drives_or_machinery) s.push('driving_caution');
  }
  if (nsaid && (c.anticoagulant || c.cv_disease || c.age >= 65)) s.push('nsaid_caution');
  if (drug && !nsaidOk) s.push('nsaid_avoid');
  if (c.radicular) s.push('radicular_note');
  return s;
}

module.exports = { evaluate };
