#!/usr/bin/env bash
# fuzz/run.sh [SECONDS] [TARGET...]: builds the libFuzzer targets (ASan + UBSan)
# and runs each for SECONDS (default 30) from its seed corpus in fuzz/corpus/.
# New inputs go to a scratch copy, not into the repository; a crash, leak or
# broken property leaves its input in fuzz/artifacts/ and fails the run.
# CI runs it for a short fixed time (tests/run); for a long run, e.g. an hour
# per target on all cores:  FUZZ_JOBS=$(nproc) bash fuzz/run.sh 3600
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
shift || true
bash build.sh >/dev/null || { echo "fuzz: build failed"; exit 1; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls bin | grep '^fuzz_' | sort))
mkdir -p artifacts
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
ok=0 bad=0
for t in "${targets[@]}"; do
    mkdir -p "$scratch/$t"
    cp corpus/"$t"/* "$scratch/$t/" 2>/dev/null || true
    log=$scratch/$t.log
    ./bin/"$t" -max_total_time="$seconds" -print_final_stats=1 -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -jobs="${FUZZ_JOBS:-1}" -workers="${FUZZ_JOBS:-1}" -artifact_prefix="artifacts/$t-" "$scratch/$t" corpus/"$t" \
        >"$log" 2>&1
    rc=$?
    execs=$(grep -h 'stat::number_of_executed_units' "$log" fuzz-*.log 2>/dev/null | awk '{s+=$2} END {print s+0}')
    rm -f fuzz-*.log
    if [ $rc -eq 0 ]; then
        ok=$((ok + 1))
        printf 'fuzz: %-18s %10s executions in %ss, no finding\n' "$t" "$execs" "$seconds"
    else
        bad=$((bad + 1))
        printf 'fuzz: %-18s FAILED (exit %d) after %s executions:\n' "$t" "$rc" "$execs"
        grep -m3 -E 'property violated|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' "$log" | sed 's/^/      /'
        ls artifacts/"$t"-* 2>/dev/null | sed 's/^/      input: fuzz\//'
    fi
done
echo "fuzz: $ok passed, $bad failed"
[ $bad -eq 0 ]
