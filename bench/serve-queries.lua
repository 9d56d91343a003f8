-- wrk script for bench/serve.sh: cycles through the same 20 searches against
-- `newsdex serve` or `tantivy serve` (tantivy-cli 0.24), and prints one machine-readable
-- line at the end.
--
--   wrk -t2 -c16 -d20s --latency -s bench/serve-queries.lua http://127.0.0.1:PORT -- newsdex
--   wrk ... -- newsdex-facets      # the same with &facets=person,place,org
--   wrk ... -- tantivy
--   wrk ... -- tantivy close       # each request on a new connection (Connection: close)
--   wrk -t1 -c1 -d1s -s bench/serve-queries.lua http://127.0.0.1:PORT -- newsdex list
--                                  # prints the 20 request paths, one a line, and exits
--
-- The mode comes from the first wrk argument after `--`, else $SERVE_TARGET, else
-- newsdex. newsdex gets `/api/v1/search?q=...&limit=10` (facets off by default), with
-- person/place/org filters on 6 of the 20; tantivy-cli gets `/api/?q=...&nhits=10` with
-- the same words. tantivy-cli has no entity filters, so there those 6 are plain text
-- searches; and since newsdex joins words with AND while tantivy-cli's parser joins them
-- with OR, each word is sent to tantivy-cli as `+word` so that both run the same
-- conjunctive query.

local searches = {
  { q = "election" },
  { q = "election", person = "Tony Blair" },
  { q = "economy growth" },
  { q = "oil prices" },
  { q = "mobile phones" },
  { q = "film award" },
  { q = "interest rates", place = "United Kingdom" },
  { q = "iraq war" },
  { q = "tax", person = "Michael Howard" },
  { q = "music album" },
  { q = "broadband" },
  { q = "software", org = "Microsoft" },
  { q = "football match" },
  { q = "games console" },
  { q = "trade deficit", place = "United States" },
  { q = "campaign", org = "Labour Party" },
  { q = "olympic champion" },
  { q = "stock market" },
  { q = "box office" },
  { q = "security virus" },
}

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function paths(mode)
  local out = {}
  for i, s in ipairs(searches) do
    local p
    if mode == "tantivy" then
      local words = {}
      for w in s.q:gmatch("%S+") do words[#words + 1] = "+" .. w end
      p = "/api/?q=" .. encode(table.concat(words, " ")) .. "&nhits=10"
    else
      p = "/api/v1/search?q=" .. encode(s.q) .. "&limit=10"
      for _, k in ipairs({ "person", "place", "org" }) do
        if s[k] then p = p .. "&" .. k .. "=" .. encode(s[k]) end
      end
      if mode == "newsdex-facets" then p = p .. "&facets=person,place,org" end
    end
    out[i] = p
  end
  return out
end

local function check_mode(mode)
  if mode ~= "newsdex" and mode ~= "newsdex-facets" and mode ~= "tantivy" then
    error("mode must be newsdex, newsdex-facets or tantivy, not " .. tostring(mode))
  end
  return mode
end

local requests = {}
local n = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
end

function init(args)
  local mode = args[1]
  if mode == nil or mode == "" then mode = os.getenv("SERVE_TARGET") or "newsdex" end
  mode = check_mode(mode)
  local headers = nil
  for i = 2, #args do
    if args[i] == "close" then
      headers = { Connection = "close" }
    elseif args[i] ~= "list" then
      error("unknown argument " .. args[i] .. ": use close or list")
    end
  end
  if args[#args] == "list" then
    -- init runs before any connection is made: print the paths for curl and stop.
    for _, p in ipairs(paths(mode)) do io.write(p, "\n") end
    io.flush()
    os.exit(0)
  end
  for i, p in ipairs(paths(mode)) do
    requests[i] = wrk.format("GET", p, headers)
  end
  -- Each thread starts at a different place in the cycle.
  n = (offset or 0) * 7
end

function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), e.status, e.connect, e.read, e.write, e.timeout))
end
