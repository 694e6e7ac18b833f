#!/bin/sh
# Sets up a Debian 12 machine for Carta, builds it, and runs it or its tests.
#
#   build-aux/dev.sh run     install what is missing, build, launch Carta from the build tree
#   build-aux/dev.sh test    install what is missing, build, run every test headless,
#                            then again in a build with AddressSanitizer and UBSan,
#                            then each fuzzer for 15 seconds (clang, libFuzzer)
#   build-aux/dev.sh bench   install what is missing, build optimised, run the benchmarks
#
# Installing needs root: run it as root, or as a user who may use sudo.
set -eu

cd "$(dirname "$0")/.."

# Keep in step with the README and the Flatpak manifest.
PACKAGES="
  meson ninja-build pkg-config gcc clang libclang-rt-14-dev python3 python3-jsonschema
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  libenchant-2-dev libportal-dev libportal-gtk4-dev
  gettext desktop-file-utils appstream
  hunspell-en-us hunspell-ru hunspell-uk hunspell-be hunspell-pl hunspell-de-de hunspell-fr hunspell-es
  xvfb xauth dbus dbus-x11 libx11-dev libxdamage-dev poppler-utils flatpak-builder glib-networking
  fonts-dejavu-core fonts-cantarell adwaita-icon-theme
"

install_missing () {
  missing=""
  for package in $PACKAGES; do
    if ! dpkg-query -W -f '${db:Status-Status}' "$package" 2>/dev/null | grep -q '^installed$'; then
      missing="$missing $package"
    fi
  done
  [ -z "$missing" ] && return 0

  echo "Installing:$missing"
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root="sudo"
    else
      echo "These Debian packages are missing and installing them needs root:$missing" >&2
      exit 1
    fi
  fi
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # shellcheck disable=SC2086
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
}

setup_build () {
  dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
  meson compile -C "$dir"
}

# "N passed, N failed, N skipped" from meson's logs and the fuzzers' results
# (one "TARGET ok|failed|skipped" per line), for people and CI alike.
summarize () {
  python3 - "$@" <<'PY'
import json, os, sys
passed = failed = skipped = 0
fuzz = sys.argv[1]
for log in sys.argv[2:]:
    with open(log) as f:
        for line in f:
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
if os.path.exists(fuzz):
    with open(fuzz) as f:
        for line in f:
            result = line.split()[-1]
            if result == "ok":
                passed += 1
            elif result == "skipped":
                skipped += 1
            else:
                failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
}

FUZZ_TARGETS="feed csv json template"

# Each fuzzer for a short fixed time, in its own clang build (tests/fuzz/run.sh).
run_fuzzers () {
  results=$1
  : > "$results"
  if ! FUZZ_RESULTS="$results" tests/fuzz/run.sh 15 $FUZZ_TARGETS; then
    # A build that failed ran no target: count it once.
    [ -s "$results" ] || echo "build failed" >> "$results"
    return 1
  fi
}

run_tests () {
  dir=$1
  status=0
  xvfb-run -a -s "-screen 0 1600x1200x24" dbus-run-session -- \
    meson test -C "$dir" --print-errorlogs --num-processes 2 || status=$?
  return $status
}

command=${1:-}
case "$command" in
  run)
    install_missing
    setup_build build
    export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
    export CARTA_LOCALEDIR="$PWD/build/po"
    exec ./build/src/carta
    ;;
  test)
    install_missing
    setup_build build
    status=0
    run_tests build || status=$?
    # The same suite with AddressSanitizer and UndefinedBehaviorSanitizer.
    setup_build build-sanitize -Db_sanitize=address,undefined -Db_lundef=false
    sanitize_status=0
    run_tests build-sanitize || sanitize_status=$?
    [ $sanitize_status -eq 0 ] || status=$sanitize_status
    # Then the fuzzers, once the sanitized suite passes.
    fuzz_results=build-sanitize/fuzz-results.txt
    if [ $sanitize_status -eq 0 ]; then
      run_fuzzers "$fuzz_results" || status=1
    else
      for target in $FUZZ_TARGETS; do echo "$target skipped"; done > "$fuzz_results"
    fi
    summarize "$fuzz_results" build/meson-logs/testlog.json build-sanitize/meson-logs/testlog.json
    exit $status
    ;;
  bench)
    install_missing
    setup_build build-release --buildtype=release
    xvfb-run -a -s "-screen 0 1600x1200x24" dbus-run-session -- \
      meson test -C build-release --benchmark --verbose
    ;;
  *)
    echo "usage: $0 run|test|bench" >&2
    exit 2
    ;;
esac
