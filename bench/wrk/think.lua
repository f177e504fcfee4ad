-- think: visitors with think time, for the read-lease hit ratio (bench/lease-hit-ratio.sh). Each connection stands for
-- one visitor at a time: between two of its requests it waits a random think time (wrk's delay()). wrk's Lua API does
-- not say which connection sends a request, so the visitors are slots of the thread that are served in turn: with C
-- connections on a thread, each sending one request per think time, a slot comes round about once per think time.
-- A visitor reads its session's cart (GET) or, with the write share, increments n (POST); after a visit of about
-- <visit> requests its slot goes to the next seeded session (a new visitor), so the sessions in use keep changing.
-- Usage: wrk -s think.lua URL -- <cookies file> <connections per thread> <think min ms> <think max ms>
--        <write percent> <visit requests> <threads>
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "common.lua")

setup = common.setup
response = common.count
done = common.done

function init(args)
  local cookies = common.read_cookies(args[1])
  slots = math.max(1, tonumber(args[2]) or 1)
  think_min = tonumber(args[3]) or 500
  think_max = math.max(think_min, tonumber(args[4]) or 5000)
  write_percent = tonumber(args[5]) or 10
  visit = math.max(1, tonumber(args[6]) or 20)
  stride = math.max(1, tonumber(args[7]) or 1)
  reads, writes = {}, {}
  for i, cookie in ipairs(cookies) do
    reads[i] = wrk.format("GET", "/api/session/items/cart", { Cookie = cookie })
    writes[i] = wrk.format("POST", "/api/session/items/n/increment", { Cookie = cookie, ["Content-Length"] = "0" })
  end
  cookie_count = #cookies
  math.randomseed(os.time() + thread_index * 7919)
  -- Thread i of n takes new visitors' sessions i, i + n, i + 2n, ... of the seeded sessions.
  next_session = thread_index
  slot_session, slot_left = {}, {}
  for s = 1, slots do
    slot_session[s] = next_session % cookie_count + 1
    next_session = next_session + stride
    slot_left[s] = math.random(1, visit * 2)   -- staggered, so visitors do not all leave at once
  end
  slot = 0
  ok_responses = 0
  other_responses = 0
end

function delay()
  return math.random(think_min, think_max)
end

function request()
  slot = slot % slots + 1
  if slot_left[slot] <= 0 then
    slot_session[slot] = next_session % cookie_count + 1
    next_session = next_session + stride
    slot_left[slot] = math.random(1, visit * 2)   -- about <visit> requests on average
  end
  slot_left[slot] = slot_left[slot] - 1
  local session = slot_session[slot]
  if math.random(1, 100) <= write_percent then return writes[session] end
  return reads[session]
end
