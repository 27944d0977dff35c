// node bench-handwritten.js CASES.jsonl ROUNDS OUT.txt: the evaluation loop only.
'use strict';
const { evaluate } = require('./logic');
const { readCases, writeIds, median, nowNs } = require('./common');

const [casesPath, roundsArg, outPath] = process.argv.slice(2);
const cases = readCases(casesPath);
const rounds = Math.max(1, parseInt(roundsArg, 10));
const results = new Array(cases.length);
const times = [];
let checksum = 0;
for (let r = 0; r <= rounds; r++) {   // round 0 warms up the JIT
  const t0 = nowNs();
  for (let i = 0; i < cases.length; i++) {
    const ids = evaluate(cases[i]);
    checksum += ids.length;
    results[i] = ids;
  }
  if (r > 0) times.push((nowNs() - t0) / cases.length);
}
writeIds(outPath, results);
console.log(`cases ${cases.length}\nrounds ${rounds}\nchecksum ${checksum}`);
console.log(`ns_per_eval_min ${Math.min(...times).toFixed(1)}\nns_per_eval_median ${median(times).toFixed(1)}`);
