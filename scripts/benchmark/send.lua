-- wrk script: POST /v1/messages as the demo app, each request to a different recipient.
-- PACE_MS (env) > 0 makes each connection wait that long between requests, for a steady rate.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  count = 0
  non202 = 0
  pace = tonumber(os.getenv("PACE_MS") or "0")
  offset = tonumber(os.getenv("RECIPIENT_OFFSET") or "0")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer demo-key"
end

function request()
  count = count + 1
  -- UK mobile numbers +4479xxxxxxxx, valid for libphonenumber and unique per thread and request; the last two
  -- digits stay below 90, because the simulators fail numbers ending in 95 to 99 on purpose
  local n = (offset + tid * 10000000 + count) % 90000000
  local to = string.format("+4479%06d%02d", math.floor(n / 90), n % 90)
  local body = '{"from":"demo","to":"' .. to .. '","content":{"type":"text","body":"benchmark"}}'
  return wrk.format(nil, "/v1/messages", nil, body)
end

function delay()
  return pace
end

function response(status, headers, body)
  if status ~= 202 then
    non202 = non202 + 1
  end
end

function done(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("non202")
  end
  io.write(string.format("NON202 %d\n", errors))
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("LATENCY_P%d_MS %.2f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("REQUESTS %d\nDURATION_S %.2f\n", summary.requests, summary.duration / 1e6))
end
