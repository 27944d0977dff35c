#!/bin/sh
# tools/screenshots.sh: takes the app's screenshots under Xvfb into data/screenshots/.
#
# Usage: tools/screenshots.sh [BUILD-DIR]   (default: build; needs Xvfb and ImageMagick's import)
# SCREENSHOT_DELAY=SECONDS waits longer for the window on a busy machine (default 3).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$top/build"}
case $build in /*) ;; *) build="$top/$build" ;; esac
app="$build/src/app/bedside"
out="$top/data/screenshots"
width=960
height=760

[ -x "$app" ] || { echo "screenshots.sh: $app not built" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "screenshots.sh: Xvfb not found" >&2; exit 1; }
command -v import >/dev/null || { echo "screenshots.sh: import (ImageMagick) not found" >&2; exit 1; }
mkdir -p "$out"

work=$(mktemp -d)
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A free display number.
n=99
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 "${width}x${height}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
i=0
while [ ! -e "/tmp/.X11-unix/X$n" ]; do
  i=$((i + 1)); [ $i -gt 100 ] && { echo "screenshots.sh: Xvfb did not start" >&2; exit 1; }
  sleep 0.1
done

# Demo answers: an adult with acute, severe spasm and no red flags, who
# drives for work.
cat > "$work/answers.json" <<'JSON'
{"age": 42, "pregnant": "no",
 "rf_cauda_equina": false, "rf_progressive_deficit": false, "rf_infection": false,
 "rf_vascular": false, "rf_major_trauma": false, "rf_cancer": false, "rf_fracture": false,
 "duration_weeks": 1, "pain_severity": 7, "radicular": false, "prefers_non_drug": false,
 "prior_mr_course": false, "maoi_recent": false, "recent_mi": false, "heart_failure": false,
 "arrhythmia": false, "hyperthyroid": false, "hepatic": "none", "ssri_snri": false,
 "other_serotonergic": false, "alcohol_regular": false, "sedatives": false,
 "glaucoma_urinary": false, "drives_or_machinery": true, "gi_bleed_history": false,
 "ckd": "none", "anticoagulant": false, "cv_disease": false, "steroids_oral": false,
 "nsaid_allergy": false}
JSON
# The same patient, pregnant: the muscle relaxant and the NSAID are left
# out, each with the patient's own reason.
sed -e 's/"pregnant": "no"/"pregnant": "pregnant"/' "$work/answers.json" > "$work/answers-pregnant.json"
# A red flag: the banner with Undo and See Urgent Plan.
printf '{"age": 42, "pregnant": "no", "rf_cauda_equina": true}\n' > "$work/answers-red-flag.json"

shoot() {
  name=$1
  mode=$2
  answers=${3:-$work/answers.json}
  env DISPLAY=":$n" GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
      GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/src/app" \
      BEDSIDE_GUIDELINES_DIR="$top/data/guidelines" \
      BEDSIDE_SCREENSHOT="$mode" BEDSIDE_SCREENSHOT_ANSWERS="$answers" \
      "$app" >"$work/$name.log" 2>&1 &
  app_pid=$!
  sleep "${SCREENSHOT_DELAY:-3}"
  DISPLAY=":$n" import -window root "$out/$name.png"
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  if [ -s "$work/$name.log" ]; then
    echo "screenshots.sh: $name: the app said:" >&2
    cat "$work/$name.log" >&2
  fi
  echo "$out/$name.png"
}

shoot library library
# The medicines section shows both kinds of answer buttons: yes/no and a
# short choice (liver impairment) as a row of toggle buttons.
shoot questionnaire questionnaire:medication_safety
shoot review review
shoot plan plan:stay_active
shoot plan-avoided plan:nsaid_avoid "$work/answers-pregnant.json"
shoot red-flag questionnaire:red_flags "$work/answers-red-flag.json"
