#!/usr/bin/env bash
# What metrics cost on the hot path (issue 15): single-flag OFREP throughput of two hosts side by side, one with
# metrics on (Prometheus exporter, scraped every 5 s: every FlagAdmin, ASP.NET Core, Kestrel, runtime and HttpClient
# instrument enabled and collected) and one without any exporter. Rounds alternate between them (A B, B A, ...), so
# a machine that speeds up or slows down treats both alike; the medians and their ratio are what counts.
# Usage: bench/load/metrics-cost.sh [rounds, default 6] [seconds per round, default 10] [single (default) | bulk]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-6}"
seconds="${2:-10}"
scenario="${3:-single}"
case "$scenario" in
  single) path=/ofrep/v1/evaluate/flags/flag-0100 ;;
  bulk) path=/ofrep/v1/evaluate/flags ;;
  *) echo "the scenario is 'single' or 'bulk', not '$scenario'" >&2; exit 2 ;;
esac
connections=32
on_port=5101
off_port=5102
token="metrics-cost-token-0123456789"
work="$(mktemp -d)"
trap 'kill "${on_pid:-0}" "${off_pid:-0}" "${scraper_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }

dotnet publish src/FlagAdmin.Web -c Release -o "$work/host" >/dev/null
key=$(dotnet run -c Release --project bench/FlagAdmin.Benchmarks -- seed-load --data-file "$work/on.jsonl" --flags 200 | tail -n 1)
cp "$work/on.jsonl" "$work/off.jsonl"

start_host() { # port data-file extra-settings...
  local port="$1" data="$2"
  shift 2
  env Store__Provider=Memory Store__Memory__DataFile="$data" Evaluation__RateLimit__PermitsPerSecond=100000000 \
    Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" \
    dotnet "$work/host/FlagAdmin.Web.dll" >"$work/host-$port.log" 2>&1 &
}
start_host "$on_port" "$work/on.jsonl" OpenTelemetry__Prometheus__Enabled=true OpenTelemetry__Prometheus__Token="$token"
on_pid=$!
start_host "$off_port" "$work/off.jsonl"
off_pid=$!
for port in "$on_port" "$off_port"; do
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
done
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$on_port/metrics" >/dev/null || { echo "metrics endpoint not answering" >&2; exit 1; }
[ "$(curl -s "http://127.0.0.1:$off_port/metrics" -o /dev/null -w '%{http_code}')" != 200 ] || { echo "the host without metrics serves /metrics" >&2; exit 1; }
(while true; do curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$on_port/metrics" >/dev/null; sleep 5; done) &
scraper_pid=$!

context='{"context":{"targetingKey":"user-42","groups":["web"]}}'
measure() { # port seconds -> requests/s
  BODY="$context" AUTH="Bearer $key" wrk -t2 -c"$connections" -d"${2}s" -s bench/load/request.lua "http://127.0.0.1:$1$path" \
    | tail -n 1 | awk '{print $2}'
}
measure "$on_port" 3 >/dev/null
measure "$off_port" 3 >/dev/null

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $scenario ($path); wrk -t2 -c$connections -d${seconds}s per round on loopback"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
on=()
off=()
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then
    a=$(measure "$on_port" "$seconds"); b=$(measure "$off_port" "$seconds")
  else
    b=$(measure "$off_port" "$seconds"); a=$(measure "$on_port" "$seconds")
  fi
  on+=("$a"); off+=("$b")
  printf 'round %d  metrics on %7s req/s  off %7s req/s  load %s\n' "$round" "$a" "$b" "$(cut -d' ' -f1 /proc/loadavg)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
on_median=$(median "${on[@]}")
off_median=$(median "${off[@]}")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v a="$on_median" -v b="$off_median" 'BEGIN {printf "median: metrics on %.0f req/s, off %.0f req/s, ratio %.3f\n", a, b, a / b}'
