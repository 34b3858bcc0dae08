#!/usr/bin/env bash
# FlagAdmin next to Unleash on loopback, in one run (issue 13). Starts, in a temporary directory outside the
# repository: a throwaway PostgreSQL from the machine's binaries, Unleash (npm unleash-server, UNLEASH_VERSION,
# default 7.5.1) on it, and FlagAdmin (Release, memory store) with its fixed-body ceilings; seeds 200 equivalent
# flags on both sides (`seed-load --mix side-by-side`: 50 % rollouts, 10 limited to a list of 50 user ids, 10 to
# an id prefix; Unleash through its admin API); then measures each scenario with wrk, interleaving the scenarios
# round by round, and prints one table of medians. Everything it started is stopped on exit, whatever happens.
#
# Usage: bench/load/side-by-side.sh [seconds per round, default 15] [rounds, default 3]
# Needs: dotnet, node >= 20 and npm, PostgreSQL's initdb/pg_ctl/psql, curl, wrk (installed with apt when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"
rounds="${2:-3}"
connections=32
warmup=3
unleash_version="${UNLEASH_VERSION:-7.5.1}"
user=user-42

work="$(mktemp -d /tmp/flagadmin-side-by-side.XXXXXX)"
pgdir="$(mktemp -d /tmp/flagadmin-side-by-side-pg.XXXXXX)"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  stop "${host_pid:-}"
  stop "${unleash_pid:-}"
  if [ -f "$pgdir/data/postmaster.pid" ]; then as_postgres pg_ctl -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work" "$pgdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
random_hex() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
wait_for() { for _ in $(seq 1 "$2"); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "gave up waiting for $1" >&2; return 1; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
load1() { cut -d' ' -f1 /proc/loadavg; }

command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
for tool in dotnet node npm initdb pg_ctl psql curl python3; do
  command -v "$tool" >/dev/null || { echo "side-by-side.sh needs $tool on PATH" >&2; exit 1; }
done

echo "building FlagAdmin and seeding 200 flags ..."
dotnet publish src/FlagAdmin.Web -c Release -o "$work/host" >/dev/null
dotnet build bench/FlagAdmin.Benchmarks -c Release >/dev/null
sdk_key=$(dotnet bench/FlagAdmin.Benchmarks/bin/Release/net10.0/FlagAdmin.Benchmarks.dll seed-load --data-file "$work/load.jsonl" \
  --flags 200 --mix side-by-side --unleash-plan "$work/unleash-plan.json" | tail -n 1)

echo "installing unleash-server@$unleash_version from npm into $work ..."
npm install --prefix "$work/unleash" --no-audit --no-fund --no-update-notifier --loglevel=error "unleash-server@$unleash_version" >/dev/null

echo "starting PostgreSQL and Unleash ..."
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pgdir"; fi
as_postgres initdb -D "$pgdir/data" -U unleash --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg_port=$(free_port)
as_postgres pg_ctl -D "$pgdir/data" -o "-p $pg_port -k $pgdir -c listen_addresses=127.0.0.1" -l "$pgdir/log" -w -t 60 start >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U unleash -d postgres -qc 'CREATE DATABASE unleash'

unleash_port=$(free_port)
unleash="http://127.0.0.1:$unleash_port"
admin_token="*:*.$(random_hex)"
frontend_token="*:development.$(random_hex)"
(cd "$work/unleash" && DATABASE_URL="postgres://unleash@127.0.0.1:$pg_port/unleash" DATABASE_SSL=false \
  HTTP_HOST=127.0.0.1 HTTP_PORT="$unleash_port" INIT_ADMIN_API_TOKENS="$admin_token" INIT_FRONTEND_API_TOKENS="$frontend_token" \
  CHECK_VERSION=false SEND_TELEMETRY=false LOG_LEVEL=warn NODE_ENV=production \
  exec node node_modules/unleash-server/dist/server.js >"$work/unleash.log" 2>&1) &
unleash_pid=$!
wait_for "$unleash/health" 240 || { tail -n 20 "$work/unleash.log" >&2; exit 1; }
node bench/load/seed-unleash.mjs "$work/unleash-plan.json" "$unleash" "$admin_token"
# The frontend API serves from a cache refreshed on changes: wait until it shows the seeded flags and settles.
previous=-1
for _ in $(seq 1 60); do
  count=$(curl -sf -H "Authorization: $frontend_token" "$unleash/api/frontend?userId=$user" | grep -o '"impressionData"' | wc -l || true)
  [ "$count" -gt 0 ] && [ "$count" = "$previous" ] && break
  previous=$count
  sleep 1
done
[ "$count" -gt 0 ] || { echo "Unleash's frontend API serves no flags" >&2; exit 1; }

echo "starting FlagAdmin ..."
host_port=$(free_port)
flagadmin="http://127.0.0.1:$host_port"
Store__Provider=Memory Store__Memory__DataFile="$work/load.jsonl" \
Evaluation__RateLimit__PermitsPerSecond=100000000 Benchmark__CeilingBytes=2048 \
Logging__LogLevel__Default=Warning ASPNETCORE_URLS="$flagadmin" \
  dotnet "$work/host/FlagAdmin.Web.dll" >"$work/host.log" 2>&1 &
host_pid=$!
wait_for "$flagadmin/readyz" 240 || { tail -n 20 "$work/host.log" >&2; exit 1; }

context="{\"context\":{\"targetingKey\":\"$user\"}}"
bulk="$flagadmin/ofrep/v1/evaluate/flags"
size() { curl -s -o /dev/null -w '%{size_download}' "$@"; }
etag=$(curl -s -D - -o /dev/null -X POST -H "Authorization: Bearer $sdk_key" -H 'Content-Type: application/json' -d "$context" "$bulk" \
  | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
bulk_bytes=$(size -X POST -H "Authorization: Bearer $sdk_key" -H 'Content-Type: application/json' -d "$context" "$bulk")
unleash_flags=$(curl -s -H "Authorization: $frontend_token" "$unleash/api/frontend?userId=$user" | grep -o '"impressionData"' | wc -l)
flagadmin_on=$(curl -s -X POST -H "Authorization: Bearer $sdk_key" -H 'Content-Type: application/json' -d "$context" "$bulk" | grep -o '"value":true' | wc -l)

# name | server pid | METHOD | url | AUTH | ETAG | ACCEPT_ENCODING
scenarios=(
  "Unleash /api/frontend|$unleash_pid|GET|$unleash/api/frontend?userId=$user|$frontend_token||"
  "FlagAdmin bulk, 200 flags|$host_pid|POST|$bulk|Bearer $sdk_key||"
  "FlagAdmin single flag|$host_pid|POST|$bulk/flag-0100|Bearer $sdk_key||"
  "FlagAdmin bulk, 304|$host_pid|POST|$bulk|Bearer $sdk_key|$etag|"
  "ceiling, 2 KB body|$host_pid|POST|$flagadmin/bench/ceiling/2048|||"
  "ceiling, bulk's size|$host_pid|POST|$flagadmin/bench/ceiling/$bulk_bytes|||"
  "FlagAdmin bulk, gzip|$host_pid|POST|$bulk|Bearer $sdk_key||gzip"
  "FlagAdmin bulk, brotli|$host_pid|POST|$bulk|Bearer $sdk_key||br"
)

body_bytes() {
  IFS='|' read -r _ _ method url auth etag_header encoding <<<"$1"
  local args=(-X "$method")
  [ -n "$auth" ] && args+=(-H "Authorization: $auth")
  [ "$method" = POST ] && args+=(-H 'Content-Type: application/json' -d "$context")
  [ -n "$etag_header" ] && args+=(-H "If-None-Match: $etag_header")
  [ -n "$encoding" ] && args+=(-H "Accept-Encoding: $encoding")
  size "${args[@]}" "$url"
}

run() {
  IFS='|' read -r _ pid method url auth etag_header encoding <<<"$1"
  METHOD="$method" BODY="$context" AUTH="$auth" ETAG="$etag_header" ACCEPT_ENCODING="$encoding" \
    wrk -t1 -c"$connections" -d"$2" --latency -s bench/load/request.lua "$url" | tail -n 1
}

ticks_per_second=$(getconf CLK_TCK)
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "wrk -t1 -c$connections, ${warmup} s warm-up + ${seconds} s per scenario and round, $rounds rounds interleaved; medians"
echo "flags served for $user: Unleash $unleash_flags enabled (it lists only those), FlagAdmin 200 (of which $flagadmin_on on)"
results="$work/results"
: >"$results"
# Once before measuring, so that JIT compilation (.NET's tiers, V8's) is behind every process.
for scenario in "${scenarios[@]}"; do run "$scenario" 5s >/dev/null; done
for round in $(seq 1 "$rounds"); do
  for index in "${!scenarios[@]}"; do
    scenario="${scenarios[$index]}"
    pid=$(cut -d'|' -f2 <<<"$scenario")
    run "$scenario" "${warmup}s" >/dev/null
    load=$(load1)
    before=$(cpu_ticks "$pid")
    line=$(run "$scenario" "${seconds}s")
    after=$(cpu_ticks "$pid")
    # index rps p50 p99 errors requests cpu-µs-per-request load
    awk -v i="$index" -v t="$((after - before))" -v hz="$ticks_per_second" -v load="$load" \
      '{ printf "%d %s %s %s %s %s %.1f %s\n", i, $2, $4, $7, $10, $12, ($12 > 0 ? t / hz * 1e6 / $12 : 0), load }' <<<"$line" >>"$results"
    echo "round $round: ${scenario%%|*}: $line (load $load)" >&2
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
column_of() { awk -v i="$1" -v c="$2" '$1 == i { print $c }' "$results"; }
declare -a rps
echo
printf '| %-26s | %9s | %8s | %8s | %10s | %13s | %8s | %-14s |\n' "served" "req/s" "p50 ms" "p99 ms" "body bytes" "CPU µs / req" "errors" "load (1 min)"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "----------------------------" "-----------" "----------" "----------" "------------" "---------------" "----------" "----------------"
for index in "${!scenarios[@]}"; do
  rps[$index]=$(column_of "$index" 2 | median)
  printf '| %-26s | %9.0f | %8.2f | %8.2f | %10s | %13.1f | %8s | %-14s |\n' "${scenarios[$index]%%|*}" "${rps[$index]}" \
    "$(column_of "$index" 3 | median)" "$(column_of "$index" 4 | median)" "$(body_bytes "${scenarios[$index]}")" \
    "$(column_of "$index" 7 | median)" "$(column_of "$index" 5 | awk '{ s += $1 } END { print s }')" "$(column_of "$index" 8 | paste -sd/)"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "bulk / Unleash: $(ratio "${rps[1]}" "${rps[0]}")× (target ≥ 50×)"
echo "bulk / same-size ceiling: $(ratio "$(awk -v a="${rps[1]}" 'BEGIN { print a * 100 }')" "${rps[5]}") % (target ≥ 70 %)"
echo "single / 2 KB ceiling: $(ratio "$(awk -v a="${rps[2]}" 'BEGIN { print a * 100 }')" "${rps[4]}") % (target ≥ 90 %, p99 ≤ 2 ms)"
echo "304 / 2 KB ceiling: $(ratio "$(awk -v a="${rps[3]}" 'BEGIN { print a * 100 }')" "${rps[4]}") % (target ≥ 95 %)"
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at end"
