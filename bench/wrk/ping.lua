-- wrk script: POST /ping with a real ping (deploy/local's current-docker-ce.json, 590 bytes) and a fresh instanceId
-- per request (each wrk thread its own prefix), as a population of new installations would send.
--   wrk -t2 -c64 -d30s --latency -s bench/wrk/ping.lua http://127.0.0.1:8081
local tpl = [==[{"instanceId":"__ID__","os":{"type":"Linux","release":"5.15.0-119-generic","arch":"x64"},"env":{"nodejs":"v20.18.1","flowforge":"2.31.0"},"platform":{"counts":{"users":23,"teams":4,"projects":9,"projectsByState":{"suspended":2},"devices":41,"devicesByLastSeen":{"never":5,"day":30},"projectSnapshots":57,"projectTemplates":2,"projectStacks":1,"libraryEntries":12,"blueprints":0,"sharedLibraryEntries":0,"teamBrokerClients":0,"remoteBrokers":0},"config":{"driver":"docker","broker":{"enabled":true},"fileStore":{"enabled":false},"email":{"enabled":true}},"license":{"id":"","type":"CE"}}}]==]
local n = 0
local counter = 0
function setup(thread)
  thread:set("tid", os.time() .. "-" .. counter)
  counter = counter + 1
end
request = function()
  n = n + 1
  local body = string.gsub(tpl, "__ID__", "wrk-" .. tid .. "-" .. n)
  return wrk.format("POST", "/ping", {["Content-Type"] = "application/json"}, body)
end
