-- read: GET /api/session/items/cart, rotating through the seeded sessions.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "common.lua")
common.install({ common.get("/api/session/items/cart") }, { 1 })
