-- wrk script for the ceiling: the same POST, against a bare WireMock stub.
function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"messaging_product":"whatsapp","to":"+447911123456","type":"text","text":{"body":"benchmark"}}'
end

function done(summary, latency, requests)
  io.write(string.format("REQUESTS %d\nDURATION_S %.2f\n", summary.requests, summary.duration / 1e6))
end
