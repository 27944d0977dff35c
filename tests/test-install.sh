#!/bin/sh
# test-install.sh: configures Bedside with a temporary prefix, installs it
# there, and checks that the installed programs work with nothing in the
# environment pointing back at the source or build tree.
#
# Usage: test-install.sh SOURCE-DIR APP(true|false)
# Writes TAP.  The prefix is set at configure time (not with DESTDIR) because
# the programs look for their data in the configured pkgdatadir.
set -u

srcdir=$1
with_app=$2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bedside-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
prefix="$tmp/prefix"
n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  if [ -n "${2:-}" ]; then
    printf '%s\n' "$2" | sed 's/^/# /'
  fi
}

# Fails the whole test with the log, when there is nothing left to check.
bail_out () {
  printf '%s\n' "$2" | tail -n 40 | sed 's/^/# /'
  echo "Bail out! $1"
  exit 1
}

# Nothing of the calling build may leak into the installed programs.
unset BEDSIDE_GUIDELINES_DIR BEDSIDE_LOCALEDIR BEDSIDE_CLI GSETTINGS_SCHEMA_DIR \
      MESON_BUILD_ROOT MESON_SOURCE_ROOT MESON_SUBDIR MESONINTROSPECT

log=$(meson setup "$tmp/build" "$srcdir" --prefix="$prefix" --libdir=lib \
        -Dbuildtype=plain -Dapp="$with_app" 2>&1) \
  || bail_out "meson setup with a temporary prefix failed" "$log"
log=$(meson install -C "$tmp/build" 2>&1) \
  || bail_out "meson install failed" "$log"
ok "meson install into a temporary prefix"

check_installed () {
  if [ -f "$prefix/$1" ]; then
    ok "installs $1"
  else
    not_ok "installs $1"
  fi
}

check_installed bin/bedside-cli
check_installed share/bedside/guidelines/back-spasm.xml
check_installed share/bedside/bedside-guideline.rng
check_installed share/bedside/guidelines/es/back-spasm.xml
# Format 2: the medicine records each guideline loads from its own folder.
check_installed share/bedside/guidelines/medicines/analgesics.xml
check_installed share/bedside/guidelines/es/medicines/analgesics.xml
check_installed share/locale/es/LC_MESSAGES/bedside.mo
check_installed share/gettext/its/bedside-guideline.its
check_installed share/gettext/its/bedside-guideline.loc

# The user's own folders are empty and the system ones point nowhere, so the
# guideline can only come from the configured pkgdatadir.
home="$tmp/home"
mkdir -p "$home"
cli_env="HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config XDG_DATA_DIRS=$tmp/nowhere"

out=$(env $cli_env "$prefix/bin/bedside-cli" validate back-spasm 2>&1)
status=$?
if [ $status -eq 0 ] && printf '%s' "$out" | grep -q "valid"; then
  ok "installed bedside-cli validates the bundled back-spasm by its id"
else
  not_ok "installed bedside-cli validates the bundled back-spasm by its id" "exit $status: $out"
fi

out=$(env $cli_env "$prefix/bin/bedside-cli" validate "$prefix/share/bedside/guidelines/es/back-spasm.xml" 2>&1)
status=$?
if [ $status -eq 0 ]; then
  ok "the installed Spanish translation of back-spasm is a valid guideline"
else
  not_ok "the installed Spanish translation of back-spasm is a valid guideline" "exit $status: $out"
fi

# The Spanish handout from the installed files alone: the translation next
# to the guideline and the catalog in the configured localedir.
answers="$tmp/answers.json"
cat > "$answers" <<'JSON'
{"age": 40, "pregnant": "no", "rf_cauda_equina": false, "rf_progressive_deficit": false,
 "rf_infection": false, "rf_vascular": false, "rf_major_trauma": false, "rf_cancer": false,
 "rf_fracture": false, "duration_weeks": 1, "pain_severity": 7, "radicular": false,
 "prefers_non_drug": false, "prior_mr_course": false, "maoi_recent": false, "recent_mi": false,
 "heart_failure": false, "arrhythmia": false, "hyperthyroid": false, "hepatic": "none",
 "ssri_snri": false, "other_serotonergic": false, "alcohol_regular": false, "sedatives": false,
 "glaucoma_urinary": false, "drives_or_machinery": false, "gi_bleed_history": false,
 "ckd": "none", "anticoagulant": false, "cv_disease": false, "steroids_oral": false,
 "nsaid_allergy": false}
JSON
out=$(env $cli_env LC_ALL=C.UTF-8 "$prefix/bin/bedside-cli" evaluate back-spasm --answers "$answers" \
        --format text --audience patient --lang es 2>&1)
status=$?
if [ $status -eq 0 ] && printf '%s' "$out" | grep -q "SU PLAN DE CUIDADOS" \
   && printf '%s' "$out" | grep -q "Siga moviéndose" \
   && printf '%s' "$out" | grep -q "Cuánto: Ciclobenzaprina, tableta de 5 mg" \
   && ! printf '%s' "$out" | grep -q "warning"; then
  ok "the installed bedside-cli prints the Spanish handout with no environment"
else
  not_ok "the installed bedside-cli prints the Spanish handout with no environment" "exit $status: $out"
fi

if [ "$with_app" = true ]; then
  check_installed bin/bedside
  check_installed share/glib-2.0/schemas/org.bedside.Bedside.gschema.xml
  check_installed share/glib-2.0/schemas/gschemas.compiled
  check_installed share/icons/hicolor/scalable/apps/org.bedside.Bedside.svg
  check_installed share/icons/hicolor/symbolic/apps/org.bedside.Bedside-symbolic.svg
  check_installed share/applications/org.bedside.Bedside.desktop
  check_installed share/metainfo/org.bedside.Bedside.metainfo.xml

  # Exactly one copy of the schema: two would make glib-compile-schemas fail.
  count=$(find "$prefix" -name 'org.bedside.Bedside.gschema.xml' | wc -l)
  if [ "$count" -eq 1 ]; then
    ok "the GSettings schema is installed once"
  else
    not_ok "the GSettings schema is installed once" "found $count copies"
  fi
fi

# The app starts from its desktop file's Exec line, with the installed
# prefix as the only data folder besides the system's, under a private X
# server: it must still be running after a few seconds.
if [ "$with_app" = true ]; then
  name="the installed app starts from its desktop file's Exec line"
  exec_line=$(sed -n 's/^Exec=//p' "$prefix/share/applications/org.bedside.Bedside.desktop" \
              | sed 's/ *%[fFuUick]//g')
  if ! command -v Xvfb >/dev/null 2>&1; then
    n=$((n + 1))
    echo "ok $n - $name # SKIP Xvfb is not installed"
  else
    display=99
    while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
      display=$((display + 1))
    done
    Xvfb ":$display" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    i=0
    while [ ! -e "/tmp/.X11-unix/X$display" ] && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.1; done

    env $cli_env PATH="$prefix/bin:$PATH" XDG_DATA_DIRS="$prefix/share:/usr/local/share:/usr/share" \
        DISPLAY=":$display" GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
        GSETTINGS_BACKEND=memory \
        sh -c "exec $exec_line" >"$tmp/app.log" 2>&1 &
    app_pid=$!
    sleep 4
    if kill -0 "$app_pid" 2>/dev/null; then
      ok "$name"
      sed 's/^/# app: /' "$tmp/app.log"
      kill "$app_pid"
    else
      not_ok "$name" "$exec_line exited early: $(cat "$tmp/app.log")"
    fi
    wait "$app_pid" 2>/dev/null
    kill "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
fi

echo "1..$n"
[ $failed -eq 0 ]
