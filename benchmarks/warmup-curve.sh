#!/usr/bin/env bash
# Warm-up curve of a freshly started deployment (issue 13: "90 % of the steady throughput within 15 s of
# load"). For each curve: start the benchmark's Page (PinnedIngestServer: a PageConfig through PageLauncher,
# the real launcher path) in a new JVM pinned to CPU 1, wait until it takes webhooks (so after its warm-up,
# when on), then drive it with wrk on CPU 0 in consecutive 5-second windows from the first request, and print
# the req/s of each window and its ratio to the mean of the last 3 windows (the steady speed). Beside it,
# the requests per CPU-second the server process got in that window (/proc/PID/stat): on a machine shared
# with other work that column, not req/s, shows how far the JIT has come.
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
  jpid=$(sed -n 's/.* pid=\([0-9]*\).*/\1/p' "$log")
  cpu() { awk '{print $14 + $15}' "/proc/$jpid/stat"; }   # user + system clock ticks of the server
  tck=$(getconf CLK_TCK)
  rates=()
  for w in $(seq "$WINDOWS"); do
    c0=$(cpu)
    out=$(taskset -c 0 wrk -t1 -c"$CONNS" -d5s -s "$BENCH_DIR/cycle.lua" "$url" 2>&1 | grep WRKSUMMARY || true)
    c1=$(cpu)
    n=$(echo "$out" | sed -n 's/.* requests=\([0-9]*\).*/\1/p')
    rates+=("$(echo "$out" | sed -n 's/.* rps=\([0-9.]*\).*/\1/p')|$(echo "$out" | sed -n 's/.* err_status=\([0-9]*\).*/\1/p')|$(awk -v n="${n:-0}" -v c="$((c1 - c0))" -v t="$tck" 'BEGIN{printf "%.0f", (c > 0) ? n / (c / t) : 0}')|$(awk -v c="$((c1 - c0))" -v t="$tck" 'BEGIN{printf "%.0f", 100 * c / t / 5}')")
  done
  exec 9>&-; wait "$PID" 2>/dev/null || true; PID=""
  printf '%s\n' "${rates[@]}" | awk -F'|' -v n="$WINDOWS" '
    { r[NR] = $1 + 0; e[NR] = $2; p[NR] = $3 + 0; u[NR] = $4 }
    END {
      k = (n >= 6) ? 3 : 1; s = 0; q = 0
      for (i = n - k + 1; i <= n; i++) { s += r[i]; q += p[i] }
      steady = s / k; steadyPer = q / k
      printf "%-10s %10s %7s %12s %7s %8s %s\n", "window", "req/s", "ratio", "req/CPU-s", "ratio", "CPU %", "non-2xx"
      first = 0; firstPer = 0
      for (i = 1; i <= n; i++) {
        ratio = steady > 0 ? r[i] / steady : 0; ratioPer = steadyPer > 0 ? p[i] / steadyPer : 0
        if (!first && ratio >= 0.9) first = i
        if (!firstPer && ratioPer >= 0.9) firstPer = i
        printf "%3d-%3d s %11.0f %7.2f %12.0f %7.2f %8s %s\n", (i - 1) * 5, i * 5, r[i], ratio, p[i], ratioPer, u[i], e[i]
      }
      printf "steady (mean of the last %d windows): %.0f req/s, %.0f req/CPU-s; first window at >= 90 %%: ", k, steady, steadyPer
      if (first) printf "%d-%d s", (first - 1) * 5, first * 5; else printf "none"
      printf " (req/s), "
      if (firstPer) printf "%d-%d s", (firstPer - 1) * 5, firstPer * 5; else printf "none"
      print " (req/CPU-s)"
    }'
done
