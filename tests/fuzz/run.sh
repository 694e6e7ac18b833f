#!/bin/sh
# Builds the libFuzzer targets with clang, ASan and UBSan, and runs each for
# a fixed time. Exits non-zero when a target crashes; the crashing input is
# left in the build directory (crash-*).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# With FUZZ_RESULTS set to a file, a line "TARGET ok" or "TARGET failed" is
# added to it for each target run.
#
# Needs clang and libclang-rt-14-dev (Debian).
set -eu

seconds=${1:-20}
[ $# -gt 0 ] && shift
targets=${*:-"feed csv json template"}

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${FUZZ_BUILDDIR:-"$srcdir/build-fuzz"}

if [ ! -f "$builddir/build.ninja" ]; then
  # fuzzer-no-link instruments the core for coverage without a second main().
  CC=clang CFLAGS="-fsanitize=fuzzer-no-link -fno-omit-frame-pointer" \
    meson setup "$builddir" "$srcdir" -Db_sanitize=address,undefined -Db_lundef=false \
      -Dbuildtype=debugoptimized
fi

for target in $targets; do
  ninja -C "$builddir" "tests/fuzz/fuzz-$target"
done

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

status=0
for target in $targets; do
  corpus="$builddir/tests/fuzz/corpus-$target"
  mkdir -p "$corpus"
  echo "fuzz: $target for $seconds s"
  # New inputs go to the build directory; the seeds in the tree stay as they are.
  if ! (cd "$builddir/tests/fuzz" && "./fuzz-$target" -max_total_time="$seconds" -max_len=65536 \
          -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
          "$corpus" "$srcdir/tests/fuzz/corpus/$target"); then
    echo "fuzz: $target FAILED (see $builddir/tests/fuzz/crash-*)" >&2
    status=1
    [ -n "${FUZZ_RESULTS:-}" ] && echo "$target failed" >> "$FUZZ_RESULTS"
  else
    [ -n "${FUZZ_RESULTS:-}" ] && echo "$target ok" >> "$FUZZ_RESULTS"
  fi
done

exit $status
