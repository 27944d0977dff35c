#!/usr/bin/env python3
# test-source-sizes.py: no function over 100 lines and no file over 800 lines
# in src/ (issue 15): a long function or file is split before it lands.
# Functions are found the GNOME way they are written here: the opening
# brace alone at column 0, the closing one at column 0.  Writes TAP.
#
# Usage: test-source-sizes.py SRC-DIR

import os
import sys

MAX_FUNCTION = 100
MAX_FILE = 800

src = sys.argv[1]
results = []
for root, _, files in os.walk(src):
    for name in sorted(files):
        if not name.endswith(".c"):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, os.path.dirname(src))
        lines = open(path, encoding="utf-8").read().split("\n")
        problems = []
        if len(lines) - 1 > MAX_FILE:
            problems.append(f"{rel}: {len(lines) - 1} lines (at most {MAX_FILE})")
        start = None
        for number, line in enumerate(lines):
            if line == "{":
                start = number
                j = number - 1
                while j > 0 and "(" not in lines[j]:
                    j -= 1
                function = lines[j].split("(")[0].strip()
            elif line.startswith("}") and start is not None:
                length = number - start + 1
                if length > MAX_FUNCTION:
                    problems.append(f"{rel}:{start + 1}: {function} is {length} lines (at most {MAX_FUNCTION})")
                start = None
        results.append((not problems, rel, problems))

for i, (ok, rel, problems) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {rel}")
    for problem in problems:
        print(f"# {problem}")
print(f"1..{len(results)}")
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
