#!/usr/bin/env python3
"""gen_guideline.py N > guideline.xml: a valid generated guideline with N
items and about N decision-tree nodes, for the scaling benchmark.

Items come in sections of 50: booleans, bounded integers and 3-code choices;
one item in 20 has an enable-when on the boolean before it.  There are N/50
definitions (an `or` of two items) and N/10 recommendations (one in five
with a contraindication, one in five with a caution).  The tree is a
sequence of decisions, each testing four items (so every item is used),
with one branch that recommends and an otherwise; one decision in ten nests
another.  Text is short so that the 10^5 guideline fits the loader's 8 MiB
limit."""
import sys


def main():
    n = int(sys.argv[1])
    n_recs = max(n // 10, 4)
    n_defs = max(n // 50, 1)
    w = sys.stdout.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n'
      f'<guideline xmlns="urn:bedside:guideline:1" id="gen-{n}" version="1.0.0" format="1" xml:lang="en">'
      '<metadata><title>Generated</title><status>draft</status><review date="2026-01-01"/>'
      '<disclaimer>Generated for benchmarks.</disclaimer></metadata>'
      '<references><reference id="r">Generated.</reference></references><questionnaire>\n')
    kinds = []
    for i in range(n):
        if i % 50 == 0:
            if i:
                w('</section>\n')
            w(f'<section id="s{i // 50}"><title>S</title>')
        k = 'b' if i % 5 in (0, 1, 2) else ('n' if i % 5 == 3 else 'c')
        kinds.append(k)
        ew = f' enable-when="i{i - 1}"' if i % 20 == 19 and kinds[i - 1] == 'b' else ''
        if k == 'b':
            w(f'<item id="i{i}" type="boolean"{ew}><label>Q</label></item>')
        elif k == 'n':
            w(f'<item id="i{i}" type="integer" min="0" max="9"{ew}><label>Q</label></item>')
        else:
            w(f'<item id="i{i}" type="choice"{ew}><label>Q</label>'
              '<option code="a">A</option><option code="b">B</option><option code="c">C</option></item>')
    w('</section></questionnaire><definitions>\n')

    def test(i):
        k = kinds[i]
        return f'i{i}' if k == 'b' else (f'i{i} &gt;= 5' if k == 'n' else f"i{i} = 'b'")

    for d in range(n_defs):
        a, b = (d * 50) % n, (d * 50 + 1) % n
        w(f'<define id="d{d}">{test(a)} or {test(b)}</define>')
    w('</definitions><recommendations>\n')
    for r in range(n_recs):
        extra = ''
        if r % 5 == 1:
            extra = f'<contraindication when="{test((r * 7) % n)}" note="x{r}"/>'
        elif r % 5 == 2:
            extra = f'<caution when="{test((r * 7) % n)}" note="x{r}"/>'
        w(f'<recommendation id="r{r}" kind="do"><title>T</title><clinician>C</clinician>'
          f'<patient>P</patient><cite ref="r"/>{extra}</recommendation>')
        if extra:
            w(f'<recommendation id="x{r}" kind="caution"><title>T</title><clinician>C</clinician>'
              f'<patient>P</patient><cite ref="r"/></recommendation>')
    w('</recommendations><decision-tree>\n')
    # Each decision: decision + branch + recommend + otherwise = 4 nodes.
    j = 0
    i = 0
    while i < n:
        group = [g for g in range(i, min(i + 4, n))]
        cond = ' or '.join(test(g) for g in group)
        if j % 12 == 0:
            cond = f'd{(j // 12) % n_defs} and ({cond})'
        rec = f'<recommend ref="r{j % n_recs}"/>'
        if j % 10 == 9 and i + 4 < n:
            # Nest the next group's decision inside this branch.
            g2 = list(range(i + 4, min(i + 8, n)))
            inner = ' or '.join(test(g) for g in g2)
            w(f'<decision id="t{j}"><branch when="{cond}">{rec}'
              f'<decision id="u{j}"><branch when="{inner}"><recommend ref="r{(j + 1) % n_recs}"/></branch>'
              '<otherwise/></decision></branch><otherwise/></decision>\n')
            i += 8
        else:
            w(f'<decision id="t{j}"><branch when="{cond}">{rec}</branch><otherwise/></decision>\n')
            i += 4
        j += 1
    w('</decision-tree></guideline>\n')


if __name__ == '__main__':
    main()
