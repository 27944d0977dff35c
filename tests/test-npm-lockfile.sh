#!/bin/sh
# test-npm-lockfile.sh: the benchmarks' lockfile installs with `npm ci` (a
# dry run, in a scratch folder): a lockfile out of step with package.json,
# or naming packages the registry does not serve, fails here, not halfway
# through benchmarks/run.  Skipped (77) where npm is not installed.
set -u
top=$1
command -v npm >/dev/null 2>&1 || { echo "npm is not installed"; exit 77; }
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
cp "$top/benchmarks/package.json" "$top/benchmarks/package-lock.json" "$work/" || exit 1
cd "$work" || exit 1
npm ci --dry-run --ignore-scripts --no-audit --no-fund
