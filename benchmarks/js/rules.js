// LOGIC.md for json-rules-engine: named shared conditions, one rule per
// recommendation id (the rule's event type is the id).
'use strict';
const { Engine } = require('json-rules-engine');

const f = (fact, operator, value) => ({ fact, operator, value });
const isTrue = (fact) => f(fact, 'equal', true);
const isFalse = (fact) => f(fact, 'equal', false);
const ref = (condition) => ({ condition });

const conditions = {
  caudaEquina: { all: [isTrue('rf_cauda_equina')] },
  otherRedFlag: { any: [isTrue('rf_progressive_deficit'), isTrue('rf_cancer'), isTrue('rf_infection'), isTrue('rf_fracture')] },
  redFlag: { any: [ref('caudaEquina'), ref('otherRedFlag')] },
  routine: { all: [{ not: ref('redFlag') }, f('age', 'greaterThanInclusive', 18)] },
  acute: { all: [ref('routine'), f('duration_weeks', 'lessThan', 4)] },
  subacute: { all: [ref('routine'), f('duration_weeks', 'greaterThanInclusive', 4), f('duration_weeks', 'lessThanInclusive', 12)] },
  chronic: { all: [ref('routine'), f('duration_weeks', 'greaterThan', 12)] },
  drug: { all: [isFalse('prefers_non_drug')] },
  mrOk: { all: [isFalse('maoi_recent'), isFalse('cardiac'), isFalse('hyperthyroid'),
    f('hepatic', 'notEqual', 'moderate_severe'), f('age', 'lessThan', 65), f('pregnant', 'equal', 'no')] },
  nsaidOk: { all: [isFalse('nsaid_allergy'), isFalse('gi_bleed_history'), isFalse('ckd'), f('pregnant', 'notEqual', 'pregnant')] },
  mrShort: { all: [ref('acute'), ref('drug'), ref('mrOk'), f('pain_severity', 'greaterThanInclusive', 4)] },
  mrFlare: { all: [ref('chronic'), ref('drug'), ref('mrOk')] },
  mr: { any: [ref('mrShort'), ref('mrFlare')] },
  nsaid: { all: [ref('routine'), ref('drug'), ref('nsaidOk')] },
  mrContra: { all: [ref('drug'), { not: ref('mrOk') }, { any: [ref('acute'), ref('chronic')] }] },
};

const rules = {
  urgent_cauda_equina: ref('caudaEquina'),
  urgent_red_flag: ref('otherRedFlag'),
  safety_net: { any: [ref('redFlag'), ref('routine')] },
  out_of_scope_minor: { all: [{ not: ref('redFlag') }, f('age', 'lessThan', 18)] },
  stay_active: ref('routine'),
  no_lumbar_support: ref('routine'),
  no_tens: ref('routine'),
  heat: { any: [ref('acute'), ref('subacute')] },
  followup_acute: { any: [ref('acute'), ref('subacute')] },
  exercise_supervised: { any: [ref('subacute'), ref('chronic')] },
  massage: ref('subacute'),
  spinal_manipulation: ref('subacute'),
  motor_control: ref('chronic'),
  followup_chronic: ref('chronic'),
  multidisciplinary_rehab: { all: [ref('chronic'), f('pain_severity', 'greaterThanInclusive', 7)] },
  muscle_relaxant_short: ref('mrShort'),
  muscle_relaxant_flareups_only: ref('mrFlare'),
  nsaid: ref('nsaid'),
  analgesic_combination: { all: [ref('mrShort'), ref('nsaid')] },
  mr_contra_maoi: { all: [ref('mrContra'), isTrue('maoi_recent')] },
  mr_contra_cardiac: { all: [ref('mrContra'), isTrue('cardiac')] },
  mr_contra_thyroid: { all: [ref('mrContra'), isTrue('hyperthyroid')] },
  mr_contra_hepatic: { all: [ref('mrContra'), f('hepatic', 'equal', 'moderate_severe')] },
  mr_avoid_elderly: { all: [ref('mrContra'), f('age', 'greaterThanInclusive', 65)] },
  mr_avoid_pregnancy: { all: [ref('mrContra'), f('pregnant', 'notEqual', 'no')] },
  mr_reduced_dose_hepatic: { all: [ref('mr'), f('hepatic', 'equal', 'mild')] },
  serotonin_caution: { all: [ref('mr'), isTrue('serotonergic')] },
  cns_caution: { all: [ref('mr'), isTrue('cns_depressants')] },
  anticholinergic_caution: { all: [ref('mr'), isTrue('glaucoma_urinary')] },
  driving_caution: { all: [ref('mr'), isTrue('drives_or_machinery')] },
  nsaid_caution: { all: [ref('nsaid'), { any: [isTrue('anticoagulant'), isTrue('cv_disease'), f('age', 'greaterThanInclusive', 65)] }] },
  nsaid_avoid: { all: [ref('routine'), ref('drug'), { not: ref('nsaidOk') }] },
  radicular_note: { all: [ref('routine'), isTrue('radicular')] },
};

function makeEngine() {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const [name, cond] of Object.entries(conditions)) engine.setCondition(name, cond);
  for (const [id, cond] of Object.entries(rules)) {
    // Every rule's top level must be all/any/not/condition.
    const top = cond.all || cond.any || cond.not ? cond : { all: [cond] };
    engine.addRule({ conditions: top, event: { type: id } });
  }
  return engine;
}

async function evaluate(engine, c) {
  const { events } = await engine.run(c);
  return events.map((e) => e.type);
}

module.exports = { makeEngine, evaluate };
