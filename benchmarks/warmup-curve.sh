#!/usr/bin/env bash
# Warm-up curve of a freshly started deployment (issue 13: "90 % of the steady throughput within 15 s of
# load"). For each curve: start the benchmark's Page (PinnedIngestServer: a PageConfig through PageLauncher,
# the real launcher path) in a new JVM pinned to CPU 1, wait until it takes webhooks (so after its warm-up,
# when on), then drive it with wrk on CPU 0 in consecutive 5-second windows from the first request, and print
# the req/s of each window and its ratio to the mean of the last 3 windows (the steady speed).
#
# usage: benchmarks/warmup-curve.sh            (from the repository root, after mvn -DskipTests package)
#   env: CURVES="memory:10s memory:0s sqlite:10s sqlite:0s"   journal:server.warmup, one curve each
#        WINDOWS=15 (x 5 s of load per curve)   CONNS=32   KIND=a (1 event per POST; b = 10-entry batches)
#        BENCH_DIR=../shared/bench (gen.py and cycle.lua, as bench.sh uses them)
#        BENCH_WORK=/tmp/baton-bench (the signed bodies are written there once, if missing)
# Needs wrk and taskset; loopback only. Each curve takes about WINDOWS x 5 s plus the start.
set -euo pipefail
MAIN="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-$MAIN/../shared/bench}"
WORK="${BENCH_WORK:-/tmp/baton-bench}"; mkdir -p "$WORK"
CURVES="${CURVES:-memory:10s memory:0s sqlite:10s sqlite:0s}"
WINDOWS="${WINDOWS:-15}"; CONNS="${CONNS:-32}"; KIND="${KIND:-a}"
JAR="$MAIN/benchmarks/target/benchmarks.jar"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B -q -DskipTests package first" >&2; exit 1; }
[ -f "$BENCH_DIR/cycle.lua" ] || { echo "no cycle.lua in $BENCH_DIR: set BENCH_DIR" >&2; exit 1; }
BODIES="$WORK/bodies-$KIND-baton.txt"
n=$([ "$KIND" = a ] && echo 20000 || echo 5000)
[ -f "$BODIES" ] || python3 "$BENCH_DIR/gen.py" "$KIND" "$n" load-harness-secret 1000 "$BODIES"
export BODIES

PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null || true' EXIT
echo "# $(date -u +%FT%TZ) load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; server on CPU 1" \
     "(-Xms512m -Xmx512m), wrk on CPU 0, $CONNS connections, kind $KIND, windows of 5 s from the first request"
for curve in $CURVES; do
  journal="${curve%%:*}"; warmup="${curve##*:}"
  log="$WORK/warmup-curve-$journal-$warmup.log"
  rm -f "$WORK/fifo"; mkfifo "$WORK/fifo"
  launched=$(date +%s.%N)
  (taskset -c 1 env JAVA_TOOL_OPTIONS="-Xms512m -Xmx512m -Dfile.encoding=UTF-8" java -cp "$JAR" \
      dev.baton.benchmarks.ingest.PinnedIngestServer --journal "$journal" --warmup "$warmup" \
      <"$WORK/fifo" >"$log" 2>&1) & PID=$!
  exec 9>"$WORK/fifo"
  for _ in $(seq 600); do grep -q 'baton-port=' "$log" && break; sleep 0.1; done
  grep -q 'baton-port=' "$log" || { echo "server did not start; see $log" >&2; exit 1; }
  ready=$(date +%s.%N)
  url="http://127.0.0.1:$(sed -n 's/.*baton-port=\([0-9]*\).*/\1/p' "$log")/webhooks/load"
  echo
  echo "## journal=$journal server.warmup=$warmup: takes webhooks $(awk -v a="$launched" -v b="$ready" \
       'BEGIN{printf "%.1f", b-a}') s after the launch ($(sed -n 's/.*\(warmup=[^ ]*\).*/\1/p' "$log"))"
  rates=()
  for w in $(seq "$WINDOWS"); do
    out=$(taskset -c 0 wrk -t1 -c"$CONNS" -d5s -s "$BENCH_DIR/cycle.lua" "$url" 2>&1 | grep WRKSUMMARY || true)
    rates+=("$(echo "$out" | sed -n 's/.* rps=\([0-9.]*\).*/\1/p')|$(echo "$out" | sed -n 's/.* err_status=\([0-9]*\).*/\1/p')")
  done
  exec 9>&-; wait "$PID" 2>/dev/null || true; PID=""
  printf '%s\n' "${rates[@]}" | awk -F'|' -v n="$WINDOWS" '
    { r[NR] = $1 + 0; e[NR] = $2 }
    END {
      k = (n >= 6) ? 3 : 1; s = 0; for (i = n - k + 1; i <= n; i++) s += r[i]; steady = s / k
      printf "%-10s %10s %8s %s\n", "window", "req/s", "ratio", "non-2xx"
      first = 0
      for (i = 1; i <= n; i++) {
        ratio = steady > 0 ? r[i] / steady : 0
        if (!first && ratio >= 0.9) first = i
        printf "%3d-%3d s %11.0f %8.2f %s\n", (i - 1) * 5, i * 5, r[i], ratio, e[i]
      }
      printf "steady (mean of the last %d windows): %.0f req/s; first window at >= 90 %%: ", k, steady
      if (first) printf "%d-%d s\n", (first - 1) * 5, first * 5; else print "none"
    }'
done
