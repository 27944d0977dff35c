// LOGIC.md as a GoRules ZEN decision graph (JDM): input -> expression node
// (derived flags) -> decision table (pathway by duration) -> expression node
// (one boolean per recommendation id) -> output.
'use strict';
const { ZenEngine } = require('@gorules/zen-engine-linux-x64-gnu');

const expr = (id, pairs) => ({
  id, name: id, type: 'expressionNode', position: { x: 0, y: 0 },
  content: {
    passThrough: true,
    expressions: pairs.map(([key, value], i) => ({ id: `${id}${i}`, key, value })),
  },
});

const routine = 'not red and age >= 18';
const ids = [
  ['urgent_cauda_equina', 'rf_cauda_equina'],
  ['urgent_red_flag', 'other_red'],
  ['safety_net', `red or (${routine})`],
  ['out_of_scope_minor', 'not red and age < 18'],
  ['stay_active', routine], ['no_lumbar_support', routine], ['no_tens', routine],
  ['heat', `(${routine}) and pathway != 'chronic'`],
  ['followup_acute', `(${routine}) and pathway != 'chronic'`],
  ['exercise_supervised', `(${routine}) and pathway != 'acute'`],
  ['massage', `(${routine}) and pathway == 'subacute'`],
  ['spinal_manipulation', `(${routine}) and pathway == 'subacute'`],
  ['motor_control', `(${routine}) and pathway == 'chronic'`],
  ['followup_chronic', `(${routine}) and pathway == 'chronic'`],
  ['multidisciplinary_rehab', `(${routine}) and pathway == 'chronic' and pain_severity >= 7`],
  ['muscle_relaxant_short', 'mr_short'],
  ['muscle_relaxant_flareups_only', 'mr_flare'],
  ['nsaid', 'nsaid'],
  ['analgesic_combination', 'mr_short and nsaid'],
  ['mr_contra_maoi', 'mr_contra and maoi_recent'],
  ['mr_contra_cardiac', 'mr_contra and cardiac'],
  ['mr_contra_thyroid', 'mr_contra and hyperthyroid'],
  ['mr_contra_hepatic', "mr_contra and hepatic == 'moderate_severe'"],
  ['mr_avoid_elderly', 'mr_contra and age >= 65'],
  ['mr_avoid_pregnancy', "mr_contra and pregnant != 'no'"],
  ['mr_reduced_dose_hepatic', "(mr_short or mr_flare) and hepatic == 'mild'"],
  ['serotonin_caution', '(mr_short or mr_flare) and serotonergic'],
  ['cns_caution', '(mr_short or mr_flare) and cns_depressants'],
  ['anticholinergic_caution', '(mr_short or mr_flare) and glaucoma_urinary'],
  ['driving_caution', '(mr_short or mr_flare) and drives_or_machinery'],
  ['nsaid_caution', 'nsaid and (anticoagulant or cv_disease or age >= 65)'],
  ['nsaid_avoid', `(${routine}) and drug and not nsaid_ok`],
  ['radicular_note', `(${routine}) and radicular`],
];

const graph = {
  nodes: [
    { id: 'in', name: 'request', type: 'inputNode', position: { x: 0, y: 0 } },
    expr('flags', [
      ['other_red', 'rf_progressive_deficit or rf_cancer or rf_infection or rf_fracture'],
      ['red', 'rf_cauda_equina or rf_progressive_deficit or rf_cancer or rf_infection or rf_fracture'],
      ['drug', 'not prefers_non_drug'],
      ['mr_ok', "not (maoi_recent or cardiac or hyperthyroid or hepatic == 'moderate_severe' or age >= 65 or pregnant != 'no')"],
      ['nsaid_ok', "not (nsaid_allergy or gi_bleed_history or ckd or pregnant == 'pregnant')"],
    ]),
    {
      id: 'pathway', name: 'pathway', type: 'decisionTableNode', position: { x: 0, y: 0 },
      content: {
        hitPolicy: 'first', passThrough: true,
        inputs: [{ id: 'd', name: 'Duration', field: 'duration_weeks' }],
        outputs: [{ id: 'p', name: 'Pathway', field: 'pathway' }],
        rules: [
          { _id: 'r1', d: '< 4', p: "'acute'" },
          { _id: 'r2', d: '[4..12]', p: "'subacute'" },
          { _id: 'r3', d: '> 12', p: "'chronic'" },
        ],
      },
    },
    expr('drugs', [
      ['mr_short', `not red and age >= 18 and pathway == 'acute' and drug and mr_ok and pain_severity >= 4`],
      ['mr_flare', `not red and age >= 18 and pathway == 'chronic' and drug and mr_ok`],
      ['nsaid', 'not red and age >= 18 and drug and nsaid_ok'],
      ['mr_contra', `not red and age >= 18 and drug and pathway != 'subacute' and not mr_ok`],
    ]),
    {
      id: 'ids', name: 'ids', type: 'expressionNode', position: { x: 0, y: 0 },
      content: { expressions: ids.map(([key, value], i) => ({ id: `i${i}`, key: `r.${key}`, value })) },
    },
    { id: 'out', name: 'response', type: 'outputNode', position: { x: 0, y: 0 } },
  ],
  edges: [
    ['in', 'flags'], ['flags', 'pathway'], ['pathway', 'drugs'], ['drugs', 'ids'], ['ids', 'out'],
  ].map(([sourceId, targetId], i) => ({ id: `e${i}`, sourceId, targetId, type: 'edge' })),
};

function makeEngine() {
  const engine = new ZenEngine();
  return { engine, decision: engine.createDecision(graph) };
}

async function evaluate(z, c) {
  const { result } = await z.decision.evaluate(c);
  const r = result.r, out = [];
  for (const k in r) if (r[k] === true) out.push(k);
  return out;
}

function close(z) { z.engine.dispose(); }

module.exports = { makeEngine, evaluate, close, graph };
