-- Shared by the workload scripts (loaded with dofile). Each workload script calls install(builders, pattern) with one
-- request builder per kind of request and the order of kinds; each wrk thread then builds every request for every
-- seeded cookie once, at init, and rotates through the cookies.
-- Usage: wrk -s bench/wrk/<workload>.lua URL -- <cookies file> (one name=value per line) [<first cookie>] (the
-- position the threads start from, default 0: run.sh gives each of several wrk processes its own share).
-- done() prints one line "BENCH_RESULT {json}": requests, latency percentiles (microseconds), socket errors, and
-- HTTP status classes counted by response() (2xx / other), so every non-2xx is an error.

local M = {}
local threads = {}

function M.read_cookies(path)
  local cookies = {}
  local file = assert(io.open(path, "r"), "cannot open cookies file " .. tostring(path))
  for line in file:lines() do
    if line ~= "" then cookies[#cookies + 1] = line end
  end
  file:close()
  assert(#cookies > 0, "no cookies in " .. path)
  return cookies
end

function M.get(path)
  return function(cookie) return wrk.format("GET", path, { Cookie = cookie }) end
end

function M.post(path)
  return function(cookie) return wrk.format("POST", path, { Cookie = cookie, ["Content-Length"] = "0" }) end
end

-- setup(thread) of wrk: numbers the threads and keeps them for done().
function M.setup(thread)
  thread:set("thread_index", #threads)
  threads[#threads + 1] = thread
end

-- response(status) of wrk: counts 2xx and other responses (ok_responses, other_responses: per thread).
function M.count(status)
  if status >= 200 and status < 300 then
    ok_responses = ok_responses + 1
  else
    other_responses = other_responses + 1
  end
end

-- done() of wrk: the BENCH_RESULT line.
function M.done(summary, latency, _)
  local ok, other = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + (thread:get("ok_responses") or 0)
    other = other + (thread:get("other_responses") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f,"stdev":%.1f},' ..
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"status":{"2xx":%d,"other":%d,"wrk_status_errors":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean, latency.stdev,
    e.connect, e.read, e.write, e.timeout,
    ok, other, e.status))
end

-- pattern: a list of indexes into builders, repeated in order (e.g. nine reads and one write).
function M.install(builders, pattern)
  setup = M.setup

  function init(args)
    local cookies = M.read_cookies(args[1])
    local built = {}
    for b, build in ipairs(builders) do
      built[b] = {}
      for i, cookie in ipairs(cookies) do built[b][i] = build(cookie) end
    end
    requests_by_kind = built
    cookie_count = #cookies
    -- Threads start at different cookies so they do not hit the same sessions in step.
    next_cookie = (thread_index * 7919 + (tonumber(args[2]) or 0)) % cookie_count
    step = 0
    ok_responses = 0
    other_responses = 0
  end

  function request()
    step = step + 1
    next_cookie = next_cookie % cookie_count + 1
    return requests_by_kind[pattern[(step - 1) % #pattern + 1]][next_cookie]
  end

  response = M.count
  done = M.done
end

return M
