#!/usr/bin/env python3
# merge-guidelines.py: builds the bundled guidelines folder as it is
# installed: each guideline, and for each language a translation of it in
# LANG/, merged by itstool from the language's compiled catalog (.mo).
#
# Usage: merge-guidelines.py ITSTOOL ITS-RULES OUTDIR GUIDELINE.xml... -- LANG=CATALOG.mo...
# (a file in a folder named medicines/ is a medicine records file and goes
# to medicines/ in the output, and in each LANG/)
#
# itstool replaces each translatable text (elements and attributes) in place
# and sets xml:lang; a text without a translation keeps the original, so a
# partial translation falls back to English string by string.  The folder is
# built aside and then swapped in, so its time stamp tells ninja it is new.

import os
import shutil
import subprocess
import sys


def main(argv):
    itstool, rules, outdir = argv[1:4]
    rest = argv[4:]
    split = rest.index("--") if "--" in rest else len(rest)
    guidelines = rest[:split]
    catalogs = [arg.split("=", 1) for arg in rest[split + 1:]]

    work = outdir + ".tmp"
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    def relative(path):
        # Medicine records files live in medicines/ beside the guidelines
        # that use them (docs/medicine-records.md).
        name = os.path.basename(path)
        if os.path.basename(os.path.dirname(path)) == "medicines":
            return os.path.join("medicines", name)
        return name

    for guideline in guidelines:
        target = os.path.join(work, relative(guideline))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(guideline, target)

    for language, catalog in catalogs:
        langdir = os.path.join(work, language)
        os.makedirs(langdir)
        for guideline in guidelines:
            target = os.path.join(langdir, relative(guideline))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            result = subprocess.run([itstool, "-i", rules, "-m", catalog, "-l", language,
                                     "-o", target, guideline],
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    universal_newlines=True)
            if result.returncode != 0:
                sys.stderr.write("%s: itstool failed for %s (%s):\n%s"
                                 % (argv[0], guideline, language, result.stdout))
                return 1
            with open(target, "rb") as f:
                text = f.read()
            # itstool writes encoding="utf-8"; keep the declaration the source has.
            text = text.replace(b'<?xml version="1.0" encoding="utf-8"?>',
                                b'<?xml version="1.0" encoding="UTF-8"?>', 1)
            with open(target, "wb") as f:
                f.write(text)

    shutil.rmtree(outdir, ignore_errors=True)
    os.rename(work, outdir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
