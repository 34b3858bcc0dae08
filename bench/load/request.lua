-- wrk script for the load scripts. Environment: METHOD (default POST), BODY (POST only), AUTH (the whole
-- Authorization value, e.g. "Bearer <key>"), ETAG (sent as If-None-Match), ACCEPT_ENCODING.
-- Prints one line: requests/s, p50, p99 (ms), errors (connection errors and statuses of 400 and up) and requests.
wrk.method = os.getenv("METHOD") or "POST"
if wrk.method == "POST" then
  wrk.body = os.getenv("BODY") or "{}"
  wrk.headers["Content-Type"] = "application/json"
end
local function header(name, value)
  if value and value ~= "" then
    wrk.headers[name] = value
  end
end
header("Authorization", os.getenv("AUTH"))
header("If-None-Match", os.getenv("ETAG"))
header("Accept-Encoding", os.getenv("ACCEPT_ENCODING"))

done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.2f ms  p99 %.2f ms  errors %d  requests %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
