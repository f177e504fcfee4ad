-- mix: 90 % read / 10 % write, exactly: every tenth request is the increment, the other nine read the cart.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "common.lua")
common.install(
  { common.get("/api/session/items/cart"), common.post("/api/session/items/n/increment") },
  { 1, 1, 1, 1, 1, 1, 1, 1, 1, 2 })
