// node batch.js CASES.jsonl OUT.jsonl: the hand-written function as a whole
// command, like `bedside-cli evaluate --batch`: read the file, parse each
// line, evaluate, write one JSON line per case ({"recommendations": [ids]}).
'use strict';
const fs = require('fs');
const { evaluate } = require('./logic');

const [casesPath, outPath] = process.argv.slice(2);
const lines = fs.readFileSync(casesPath, 'utf8').split('\n');
const out = [];
for (const line of lines) {
  if (line.length === 0) continue;
  out.push(JSON.stringify({ recommendations: evaluate(JSON.parse(line)) }));
}
out.push('');
fs.writeFileSync(outPath, out.join('\n'));
