-- wrk script for bench/http.sh: POST single-query /match requests, the
-- bodies of bench/http_queries.jsonl in round robin (set BODIES to its path).
-- Counts non-200 answers so throughput never hides errors.
local bodies = {}
local path = os.getenv("BODIES") or "bench/http_queries.jsonl"
for line in io.lines(path) do
  if #line > 0 then bodies[#bodies + 1] = line end
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/match/default", nil, bodies[i])
end

local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-200 answers (this thread's count, wrk's Lua state is per thread): %d\n", bad))
  io.write(string.format("requests/s %.0f  p50 %.2f ms  p99 %.2f ms  errors(socket) %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout + summary.errors.status))
end
