-- Replaces the dead-letter tally by one counted afresh from the broker, in one atomic step.
-- KEYS[1] tally hash; KEYS[2..] the hashes of the fingerprint groups counted
-- ARGV[1] n, the number of tally fields; ARGV[2 .. 2n+1] field, count pairs;
-- then per group key, in KEYS order: classification, type, message, first, last
redis.call('DEL', KEYS[1])
local n = tonumber(ARGV[1])
for i = 0, n - 1 do
  redis.call('HSET', KEYS[1], ARGV[2 + 2 * i], ARGV[3 + 2 * i])
end
local base = 2 + 2 * n
for k = 2, #KEYS do
  local a = base + (k - 2) * 5
  redis.call('DEL', KEYS[k])
  redis.call('HSET', KEYS[k], 'classification', ARGV[a], 'type', ARGV[a + 1], 'message', ARGV[a + 2],
    'first', ARGV[a + 3], 'last', ARGV[a + 4])
end
return n
