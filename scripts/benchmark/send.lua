-- wrk script: POST /v1/messages as the demo app, each request to a different recipient.
-- PACE_MS (env) > 0 paces each wrk thread to one request every PACE_MS milliseconds (a fraction is fine), on a
-- schedule: a connection waits only for its slot, so the offered rate holds while responses take less than the
-- thread's connections times PACE_MS. 0 sends as fast as responses come back. A 429 pauses the thread's
-- connections for its Retry-After, as a client that honours it would; 429s are counted apart from errors.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } wrk_timeval;
  int gettimeofday(wrk_timeval *tv, void *tz);
]]
local tv = ffi.new("wrk_timeval")

local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

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
  refused = 0
  paused_until = 0
  pace = tonumber(os.getenv("PACE_MS") or "0")
  next_slot = 0
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

-- the end of a 429's pause, or the next free slot of this thread's schedule; a thread that fell behind starts
-- again from now (no burst)
function delay()
  local now = now_ms()
  local wait = math.max(0, paused_until - now)
  if pace > 0 then
    next_slot = math.max(next_slot + pace, now + wait)
    wait = next_slot - now
  end
  return math.floor(wait)
end

function response(status, headers, body)
  if status == 429 then
    refused = refused + 1
    local after = tonumber(headers["Retry-After"] or headers["retry-after"] or "1") or 1
    paused_until = math.max(paused_until, now_ms() + after * 1000)
  elseif status ~= 202 then
    non202 = non202 + 1
  end
end

function done(summary, latency, requests)
  local errors, refusals = 0, 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("non202")
    refusals = refusals + thread:get("refused")
  end
  io.write(string.format("NON202 %d\nREFUSED429 %d\n", errors, refusals))
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("LATENCY_P%d_MS %.2f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("REQUESTS %d\nDURATION_S %.2f\n", summary.requests, summary.duration / 1e6))
end
