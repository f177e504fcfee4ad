-- write: POST /api/session/items/n/increment (atomic in Sessions, read-modify-write in the Redis session app).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "common.lua")
common.install({ common.post("/api/session/items/n/increment") }, { 1 })
