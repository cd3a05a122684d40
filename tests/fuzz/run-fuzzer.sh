#!/bin/sh
# run-fuzzer.sh: one libFuzzer target, as a regression test or for a short
# fuzzing run, without ever writing into the source tree.
#
#   run-fuzzer.sh regress FUZZER WORKDIR SEED_DIR...
#       runs every seed input once (-runs=0 executes the corpus and stops)
#   run-fuzzer.sh fuzz FUZZER WORKDIR SEED_DIR...
#       fuzzes for $VIGIE_FUZZ_SECONDS seconds (default 5), starting from the
#       seeds; new inputs go to WORKDIR/corpus, a crashing input to
#       WORKDIR/crash-* (replay it with: FUZZER WORKDIR/crash-...)
#
# libFuzzer writes what it finds into its first corpus folder, so that
# folder is always WORKDIR/corpus, in the build tree; the seeds (the test
# fixtures) come after it and are only read.
#
# libFuzzer exits 77 on a crash by default, which meson reads as "skipped":
# every failure exits 1 here.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

mode=$1
fuzzer=$2
workdir=$3
shift 3

mkdir -p "$workdir/corpus"
exit_codes="-error_exitcode=1 -timeout_exitcode=1"

case "$mode" in
  regress)
    exec "$fuzzer" -runs=0 $exit_codes -artifact_prefix="$workdir/" "$workdir/corpus" "$@"
    ;;
  fuzz)
    seconds=${VIGIE_FUZZ_SECONDS:-5}
    # -timeout: an input that takes seconds is a bug (a stall), not a slow
    # machine; -rss_limit_mb: the feed limits keep memory far below this
    exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 $exit_codes -artifact_prefix="$workdir/" "$workdir/corpus" "$@"
    ;;
  *)
    echo "usage: $0 regress|fuzz FUZZER WORKDIR SEED_DIR..." >&2
    exit 2
    ;;
esac
