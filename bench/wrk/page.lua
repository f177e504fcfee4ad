-- page: GET /cart, the demo page that shows the session's cart (server-rendered HTML), rotating through the seeded
-- sessions. Each answered page view is reported to its session (visit analytics) unless the target turns that off.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "common.lua")
common.install({ common.get("/cart") }, { 1 })
