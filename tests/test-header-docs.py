#!/usr/bin/env python3
# test-header-docs.py: every function of the public headers of src/engine
# and src/render (those without -private) has a gi-docgen comment right
# above it that names it, and one that returns a pointer says who owns it:
# "(transfer full)", "(transfer container)" or "(transfer none)" (and the
# element type of a container).  Writes TAP.
#
# Usage: test-header-docs.py SOURCE-ROOT

import glob
import os
import re
import sys

source_root = sys.argv[1]
DECLARATION = re.compile(r"^(?P<type>[A-Za-z_][\w\s\*]*?)?\s*\b(?P<name>bedside_\w+)\s*\(")
POINTER_TYPES = {"GStrv", "gpointer", "gconstpointer"}
CONTAINERS = ("GPtrArray", "GArray", "GList", "GSList", "GHashTable")


def doc_comment_above(lines, index):
    """The comment that ends on the line right above @index, or None."""
    end = index - 1
    if end < 0 or not lines[end].rstrip().endswith("*/"):
        return None
    start = end
    while start >= 0 and "/*" not in lines[start]:
        start -= 1
    if start < 0:
        return None
    return "\n".join(lines[start:end + 1])


def declarations(path):
    """(name, return type, comment above, line number) for each function."""
    lines = open(path, encoding="utf-8").read().split("\n")
    in_comment = False
    for i, line in enumerate(lines):
        if in_comment:
            in_comment = "*/" not in line
            continue
        if line.lstrip().startswith("/*"):
            in_comment = "*/" not in line
            continue
        match = DECLARATION.match(line)
        if match is None or line.startswith(("#", "typedef", "G_DEFINE", "G_DECLARE")):
            continue
        return_type = (match.group("type") or "").strip()
        first = i
        if not return_type:
            # The type on the line before: "static inline BedsideValue".
            first = i - 1
            return_type = lines[first].strip()
        return_type = " ".join(re.sub(r"\b(static|inline|extern)\b", "", return_type).split())
        yield match.group("name"), return_type, doc_comment_above(lines, first), i + 1


results = []
headers = sorted(glob.glob(os.path.join(source_root, "src", "engine", "*.h")) +
                 glob.glob(os.path.join(source_root, "src", "render", "*.h")))
headers = [h for h in headers if "-private" not in os.path.basename(h)]
for header in headers:
    relative = os.path.relpath(header, source_root)
    problems = []
    count = 0
    for name, return_type, comment, line in declarations(header):
        count += 1
        where = "%s:%d: %s" % (relative, line, name)
        if comment is None or not comment.startswith("/**") or \
           not re.search(r"^\s*\*\s*%s:" % re.escape(name), comment, re.M):
            problems.append("%s: no gi-docgen comment naming it right above it" % where)
            continue
        pointer = "*" in return_type or return_type.split()[-1] in POINTER_TYPES
        if pointer and "(transfer" not in comment:
            problems.append("%s: returns %s without a (transfer ...) annotation" % (where, return_type))
        if any(c in return_type for c in CONTAINERS) and "(element-type" not in comment:
            problems.append("%s: returns %s without an (element-type ...) annotation" % (where, return_type))
    results.append((not problems and count > 0,
                    "%s: %d functions documented, ownership annotated" % (relative, count), problems))

for i, (ok, name, problems) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    for problem in problems:
        print("# " + problem)
print("1..%d" % len(results))
sys.exit(0 if results and all(ok for ok, _, _ in results) else 1)
