#!/usr/bin/env python3
# test-po.py: each translation in po/ is complete, passes msgfmt's checks,
# and keeps the numbers of every guideline text: a dose, a limit, a
# duration or a year must read the same in every language.  Writes TAP.
#
# Also: every source file with marked strings is listed in po/POTFILES, so
# the template cannot silently miss a file.
#
# Usage: test-po.py MSGFMT PO-DIR LANGUAGE...

import glob
import os
import re
import subprocess
import sys

msgfmt, po_dir = sys.argv[1:3]
languages = sys.argv[3:]
results = []


def check(ok, name, details=()):
    results.append((bool(ok), name, list(details)))


def unquote(text):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def read_po(path):
    """(references, msgid, msgstr, fuzzy) for each message, header included."""
    messages = []
    refs, flags, field, parts = [], [], None, {}

    def flush():
        if "msgid" in parts:
            messages.append((refs, parts["msgid"], parts.get("msgstr", ""), "fuzzy" in flags))

    for line in open(path, encoding="utf-8").read().split("\n") + [""]:
        if not line.strip():
            flush()
            refs, flags, field, parts = [], [], None, {}
        elif line.startswith("#:"):
            refs += line[2:].split()
        elif line.startswith("#,"):
            flags += [f.strip() for f in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        else:
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
            if m:
                field = m.group(1).split("[")[0]
                parts[field] = parts.get(field, "") + unquote(m.group(2))
            elif line.startswith('"') and field:
                parts[field] += unquote(line[1:-1])
    return messages


# Decimal commas count as points: "4,7" and "4.7" are the same number.
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def numbers(text):
    return sorted(n.replace(",", ".") for n in NUMBER.findall(text))


for language in languages:
    path = "%s/%s.po" % (po_dir, language)
    result = subprocess.run([msgfmt, "--check", "--statistics", "-o", "/dev/null", path],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    check(result.returncode == 0, "%s: msgfmt --check passes" % path,
          result.stdout.strip().split("\n"))
    statistics = result.stdout.strip().split("\n")[-1]
    check(result.returncode == 0 and "fuzzy" not in statistics and "untranslated" not in statistics,
          "%s: no fuzzy or untranslated messages (%s)" % (path, statistics))

    messages = read_po(path)[1:]
    guideline = [(refs, msgid, msgstr) for refs, msgid, msgstr, fuzzy in messages
                 if not fuzzy and msgstr and any(r.startswith("data/guidelines/") for r in refs)]
    wrong = ["%s\n  %s\n  %s" % (refs[0], msgid, msgstr) for refs, msgid, msgstr in guideline
             if numbers(msgid) != numbers(msgstr)]
    check(len(guideline) > 0 and not wrong,
          "%s: the %d guideline texts keep their numbers" % (path, len(guideline)), wrong)

# Files with strings marked for translation, against po/POTFILES.
source_root = os.path.dirname(os.path.abspath(po_dir))
marked = re.compile(r'\b(?:N_|_|C_|NC_|g_dngettext|ngettext)\s*\(')
wanted = set()
for path in glob.glob(os.path.join(source_root, "src", "*", "*.c")):
    if marked.search(open(path, encoding="utf-8").read()):
        wanted.add(os.path.relpath(path, source_root))
for path in glob.glob(os.path.join(source_root, "ui", "*.ui")):
    if 'translatable="yes"' in open(path, encoding="utf-8").read():
        wanted.add(os.path.relpath(path, source_root))
listed = set(line.strip() for line in open(os.path.join(po_dir, "POTFILES"), encoding="utf-8")
             if line.strip() and not line.startswith("#"))
missing = sorted(wanted - listed)
check(not missing, "po/POTFILES lists every file with translatable strings", missing)
gone = sorted(f for f in listed if not os.path.isfile(os.path.join(source_root, f)))
check(not gone, "every file in po/POTFILES exists", gone)

for i, (ok, name, details) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok:
        for detail in details:
            for line in detail.split("\n"):
                print("# " + line)
print("1..%d" % len(results))
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
