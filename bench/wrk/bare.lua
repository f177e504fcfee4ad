-- bare: GET / of the endpoint without a session (a constant two-byte body). The cookie is sent as well, so the
-- request is the same size as a session read.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "common.lua")
common.install({ common.get("/") }, { 1 })
