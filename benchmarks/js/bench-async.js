// node bench-async.js rules|zen CASES.jsonl OUT.txt [SECONDS] [IN_FLIGHT]
// Times the evaluation loop of a peer rule engine: sequentially (await each
// case), then with IN_FLIGHT cases at a time (zen runs them on its own
// threads).  Runs over the cases until SECONDS have passed (at least one
// full pass for the output check), after a short warm-up.
'use strict';
const { readCases, writeIds, median, nowNs } = require('./common');

async function main() {
  const [which, casesPath, outPath, secondsArg, inFlightArg] = process.argv.slice(2);
  const seconds = parseFloat(secondsArg || '10');
  const inFlight = parseInt(inFlightArg || '1000', 10);
  const impl = require(which === 'zen' ? './zen' : './rules');
  const engine = impl.makeEngine();
  const cases = readCases(casesPath);

  // Full pass for the check (also the warm-up), not timed.
  const results = new Array(cases.length);
  for (let i = 0; i < cases.length; i++) results[i] = await impl.evaluate(engine, cases[i]);
  writeIds(outPath, results);

  // Sequential: chunks of 1,000 cases, median of the chunk times.
  const seq = [];
  let start = nowNs(), i = 0;
  while (nowNs() - start < seconds * 1e9 / 2) {
    const t0 = nowNs();
    for (let k = 0; k < 1000; k++, i = (i + 1) % cases.length) await impl.evaluate(engine, cases[i]);
    seq.push((nowNs() - t0) / 1000);
  }
  // Concurrent: IN_FLIGHT at a time.
  const par = [];
  start = nowNs();
  while (nowNs() - start < seconds * 1e9 / 2) {
    const t0 = nowNs();
    const batch = [];
    for (let k = 0; k < inFlight; k++, i = (i + 1) % cases.length) batch.push(impl.evaluate(engine, cases[i]));
    await Promise.all(batch);
    par.push((nowNs() - t0) / inFlight);
  }
  console.log(`cases ${cases.length}\nseq_chunks ${seq.length}\npar_chunks ${par.length}\nin_flight ${inFlight}`);
  console.log(`ns_per_eval_median ${median(seq).toFixed(0)}\nns_per_eval_parallel_median ${median(par).toFixed(0)}`);
  if (impl.close) impl.close(engine);
}

main().catch((e) => { console.error(e); process.exit(1); });
