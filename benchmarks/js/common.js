'use strict';
const fs = require('fs');

function readCases(path) {
  return fs.readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
}

function writeIds(path, results) {
  fs.writeFileSync(path, results.map((ids) => [...ids].sort().join(',')).join('\n') + '\n');
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

const nowNs = () => Number(process.hrtime.bigint());

module.exports = { readCases, writeIds, median, nowNs };
