-- Charges the tokens a settled call used to every scope's day and month counters. A counter lives a day past its
-- window's end, so that nodes whose clocks differ a little still count in the same window.
-- KEYS[2i-1] tokens of scope i this day, KEYS[2i] this month
-- ARGV[1] tokens, ARGV[2] day end ms, ARGV[3] month end ms
-- Returns the number of scopes charged.
local margin = 86400000
local scopes = #KEYS / 2
for i = 1, scopes do
  redis.call('INCRBY', KEYS[2 * i - 1], ARGV[1])
  redis.call('PEXPIREAT', KEYS[2 * i - 1], tonumber(ARGV[2]) + margin)
  redis.call('INCRBY', KEYS[2 * i], ARGV[1])
  redis.call('PEXPIREAT', KEYS[2 * i], tonumber(ARGV[3]) + margin)
end
return scopes
