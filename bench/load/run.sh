#!/usr/bin/env bash
# HTTP load test of the OFREP endpoints on loopback (issue 6), with wrk sharing the machine's cores.
# Usage: bench/load/run.sh [seconds per scenario, default 20]
# Prints one line per scenario: requests/s, p50, p99 — the figures in docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
connections=32
port=5099
work="$(mktemp -d)"
trap 'kill "${host_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }

dotnet publish src/FlagAdmin.Web -c Release -o "$work/host" >/dev/null
key=$(dotnet run -c Release --project bench/FlagAdmin.Benchmarks -- seed-load --data-file "$work/load.jsonl" --flags 200 | tail -n 1)

Store__Provider=Memory Store__Memory__DataFile="$work/load.jsonl" \
Evaluation__RateLimit__PermitsPerSecond=100000000 Benchmark__CeilingBytes=2048 \
Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$port" \
  dotnet "$work/host/FlagAdmin.Web.dll" >"$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done

base="http://127.0.0.1:$port"
context='{"context":{"targetingKey":"user-42","groups":["web"]}}'
etag=$(curl -s -D - -o /dev/null -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d "$context" "$base/ofrep/v1/evaluate/flags" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
single_bytes=$(curl -s -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$context" "$base/ofrep/v1/evaluate/flags/flag-0100" | wc -c)
bulk_bytes=$(curl -s -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$context" "$base/ofrep/v1/evaluate/flags" | wc -c)

scenario() {
  local name="$1" path="$2" extra_etag="${3:-}"
  # Warm up, then measure.
  BODY="$context" AUTH="Bearer $key" ETAG="$extra_etag" wrk -t2 -c"$connections" -d3s -s bench/load/request.lua "$base$path" >/dev/null
  printf '%-28s ' "$name"
  BODY="$context" AUTH="Bearer $key" ETAG="$extra_etag" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/load/request.lua "$base$path" | tail -n 1
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); wrk -t2 -c$connections -d${seconds}s on loopback"
echo "response sizes: single flag $single_bytes B, bulk of 200 flags $bulk_bytes B, ceiling 2048 B"
scenario "ceiling (fixed 2 KB body)" /bench/ceiling
scenario "single flag" /ofrep/v1/evaluate/flags/flag-0100
scenario "bulk, 200 flags" /ofrep/v1/evaluate/flags
scenario "bulk, 304 If-None-Match" /ofrep/v1/evaluate/flags "$etag"
