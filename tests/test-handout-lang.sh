#!/bin/sh
# test-handout-lang.sh: `bedside-cli evaluate --lang` prints the handout in
# the language asked for, whatever the interface's; a language the handout
# cannot be given in (no translation of the guideline, a refused one, or no
# catalog for the headings and the help box) is an error naming it, never
# English.  Writes TAP.
#
# Usage: test-handout-lang.sh BEDSIDE-CLI ANSWERS.json
# Environment: BEDSIDE_GUIDELINES_DIR (the built guidelines, with es/) and
# BEDSIDE_LOCALEDIR (the built catalogs).
set -u

cli=$1
answers=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bedside-lang.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0
failed=0

# The interface's locale must not matter: the handout has its own language.
export LC_ALL=C.UTF-8 LANGUAGE=en

check () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then
    echo "ok $n - $2"
  else
    failed=$((failed + 1))
    echo "not ok $n - $2"
    [ -s "$tmp/err" ] && sed 's/^/# stderr: /' "$tmp/err"
    [ -s "$tmp/out" ] && head -n 20 "$tmp/out" | sed 's/^/# stdout: /'
  fi
}

run () {
  "$cli" evaluate back-spasm --answers "$answers" "$@" >"$tmp/out" 2>"$tmp/err"
  echo $?
}

has () {
  grep -qF -- "$1" "$tmp/out"
}

# Spanish: headings, patient texts and the help box; both checksums, and
# nothing for the clinician only (the review status, the disclaimer).
status=$(run --format text --audience patient --lang es --clinic-phone 555-0142)
ok=1
# Since 1.1 (format 2) each medicine's tablets come from its record, in
# Spanish from the translated records (es/medicines/).
[ "$status" = 0 ] && has "SU PLAN DE CUIDADOS" && has "Espasmos intensos de espalda en adultos" \
  && has "Qué hacer" && has "Medicamentos" \
  && has "Cuánto: Ciclobenzaprina, tableta de 5 mg (con receta): 1 tableta, hasta" \
  && has "Cuánto: Ibuprofeno, tableta de 200 mg: 2 tabletas, 3 veces al día, con" \
  && has "Siga moviéndose" && has "Guía: back-spasm 1.1.1, sha256" \
  && has "Traducción: es, sha256" && has "En caso de emergencia, llame al 911." \
  && has "¿Preguntas? Llame a la clínica al 555-0142." && ok=0
check $ok "--lang es: a Spanish handout, headings, texts and help box"
[ ! -s "$tmp/err" ] && ! has "Keep moving" && ! has "What to do" && ! has "How much" \
  && ! has "mg tablet" && ! has "Cyclobenzaprine" && ! has "At most" \
  && ! has "In an emergency" && ! has "EN REVISIÓN" && ! has "no sustituye al juicio"
check $? "--lang es: nothing left in English, nothing for the clinician only, no warning"

# A medicine left out: the patient's own reason, in Spanish, from the
# translated record ("This is because you are pregnant").
sed 's/"pregnant": "no"/"pregnant": "pregnant"/' "$answers" >"$tmp/pregnant.json"
"$cli" evaluate back-spasm --answers "$tmp/pregnant.json" --format text --audience patient --lang es \
  >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 0 ] && has "Esto es porque está embarazada." && ! has "This is because" && ! has "you are pregnant"
check $? "--lang es: the patient's own reason for a left-out medicine, in Spanish"
status=$(run --format text --audience patient --lang es)
cp "$tmp/out" "$tmp/es.txt"

status=$(run --format text --audience patient --lang es_MX)
[ "$status" = 0 ] && cmp -s "$tmp/out" "$tmp/es.txt"
check $? "--lang es_MX: the Spanish handout"

# English, the guideline's language, for comparison.
status=$(run --format text --audience patient)
[ "$status" = 0 ] && has "YOUR CARE PLAN" && has "Keep moving"
check $? "no --lang: the English handout"
cp "$tmp/out" "$tmp/en.txt"

status=$(run --format text --audience patient --lang en)
[ "$status" = 0 ] && cmp -s "$tmp/out" "$tmp/en.txt" && [ ! -s "$tmp/err" ]
check $? "--lang en: the same English handout, no warning"

# A language nobody translated: an error naming it, and no handout, in
# text and PDF, whatever the audience.
for lang in xx de; do
  for format in text pdf; do
    rm -f "$tmp/x.pdf"
    status=$(run --format $format --audience patient --lang $lang -o "$tmp/x.$format")
    [ "$status" = 1 ] && grep -q "no patient handout in '$lang': back-spasm has no translation into '$lang'" "$tmp/err" \
      && [ ! -e "$tmp/x.$format" ]
    check $? "--lang $lang --format $format: exit 1 naming '$lang', nothing written"
  done
done
status=$(run --format text --audience both --lang de)
[ "$status" = 1 ] && [ ! -s "$tmp/out" ] && grep -q "'de'" "$tmp/err"
check $? "--lang de --audience both: exit 1, no plan either"

# The guideline's translation, but no catalog: the headings and the help
# box would be English, so no handout either.
status=$(BEDSIDE_LOCALEDIR="$tmp/no-catalogs" run --format text --audience patient --lang es)
[ "$status" = 1 ] && [ ! -s "$tmp/out" ] && grep -q "no patient handout in 'es': Bedside has no catalog for 'es'" "$tmp/err"
check $? "--lang es without the catalog: exit 1 naming 'es'"

# A translation that does not match the guideline (here: another version)
# is refused, and with it the handout.
mkdir -p "$tmp/guidelines/es"
cp "$BEDSIDE_GUIDELINES_DIR/back-spasm.xml" "$tmp/guidelines/"
# Format 2: each loads its medicine records from the medicines/ beside it.
cp -R "$BEDSIDE_GUIDELINES_DIR/medicines" "$tmp/guidelines/"
cp -R "$BEDSIDE_GUIDELINES_DIR/es/medicines" "$tmp/guidelines/es/"
sed 's/\(<guideline [^>]*version="\)[^"]*"/\10.0.0-other"/' "$BEDSIDE_GUIDELINES_DIR/es/back-spasm.xml" >"$tmp/guidelines/es/back-spasm.xml"
"$cli" evaluate "$tmp/guidelines/back-spasm.xml" --answers "$answers" --format text --audience patient --lang es \
  >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 1 ] && [ ! -s "$tmp/out" ] && grep -q "no patient handout in 'es': the 'es' translation of back-spasm was refused" "$tmp/err"
check $? "--lang es with a translation of another version: exit 1, refused"

# The clinician plan stays in the guideline's language; with both, the
# handout part is Spanish.
status=$(run --format text --audience clinician --lang es)
[ "$status" = 0 ] && has "Stay active; avoid bed rest" && ! has "SU PLAN DE CUIDADOS"
check $? "--audience clinician --lang es: the clinician plan stays English"
status=$(run --format text --audience both --lang es)
[ "$status" = 0 ] && has "Stay active; avoid bed rest" && has "SU PLAN DE CUIDADOS" && has "Siga moviéndose"
check $? "--audience both --lang es: English plan, Spanish handout"

# The printed handout: the same language on paper, its footer tracing the
# translation too.
if command -v pdftotext >/dev/null 2>&1; then
  status=$(run --format pdf --audience patient --lang es -o "$tmp/es.pdf")
  pdftotext -layout "$tmp/es.pdf" "$tmp/out" 2>/dev/null
  [ "$status" = 0 ] && has "Su plan de cuidados" && has "Qué hacer" && has "Siga moviéndose" \
    && has "Cuánto:" && has "Traducción es SHA-256" && has "Página 1 de" \
    && has "En caso de emergencia, llame al 911." \
    && ! has "What to do" && ! has "Keep moving" && ! has "EN REVISIÓN" && ! has "In an emergency"
  check $? "--format pdf --lang es: a Spanish printed handout, its help box, no review status"

  status=$(run --format pdf --audience both --lang es -o "$tmp/both.pdf")
  pdftotext -layout "$tmp/both.pdf" "$tmp/out" 2>/dev/null
  [ "$status" = 0 ] && has "Stay active; avoid bed rest" && has "Page 1 of" && has "Siga moviéndose" \
    && has "Página 1 de"
  check $? "--format pdf --audience both --lang es: English plan, Spanish handout"
else
  n=$((n + 1)); echo "ok $n - --format pdf --lang es # SKIP pdftotext is not installed"
fi

# Usage errors: not a language code; a translation asked of JSON.
status=$(run --format text --audience patient --lang ../es)
[ "$status" = 2 ]
check $? "--lang ../es: a usage error"
status=$(run --format json --audience patient --lang es)
[ "$status" = 2 ]
check $? "--lang es --format json: a usage error"
status=$(run --format json --audience patient --lang en)
[ "$status" = 0 ]
check $? "--lang en --format json: the guideline's own language is fine"

echo "1..$n"
[ $failed -eq 0 ]
