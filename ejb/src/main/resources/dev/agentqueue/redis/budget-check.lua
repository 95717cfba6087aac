-- Tells whether any scope's token budget is spent: the tokens charged in the current UTC day (or month) reached the
-- budget, an admin's live one where set, else the configured one.
-- KEYS[3i-2] settings hash of scope i, KEYS[3i-1] its tokens this day, KEYS[3i] its tokens this month
-- ARGV[1] day end ms, ARGV[2] month end ms; ARGV[3+2(i-1)..] per scope: configured tokens/day, tokens/month
-- Returns {} when every budget has room, else {scope index, 'day' or 'month', refill ms, spent, budget} of the
-- spent budget that refills last, so that a caller told to come back then finds room.
local found = {}
local scopes = #KEYS / 3
for i = 1, scopes do
  local settings = KEYS[3 * i - 2]
  local a = 3 + 2 * (i - 1)
  local windows = {
    {'day', KEYS[3 * i - 1], 'tokensPerDay', ARGV[a], ARGV[1]},
    {'month', KEYS[3 * i], 'tokensPerMonth', ARGV[a + 1], ARGV[2]}
  }
  for _, w in ipairs(windows) do
    local budget = tonumber(redis.call('HGET', settings, w[3]) or w[4])
    if budget > 0 then
      local spent = tonumber(redis.call('GET', w[2]) or '0')
      if spent >= budget and (#found == 0 or tonumber(w[5]) > found[3]) then
        found = {i, w[1], tonumber(w[5]), spent, budget}
      end
    end
  end
end
return found
