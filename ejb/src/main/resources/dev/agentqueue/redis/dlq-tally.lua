-- Adds letters to or takes them from the dead-letter tally, and keeps the fingerprint group's description, in one atomic step.
-- KEYS[1] tally hash; KEYS[2] the fingerprint group's hash
-- ARGV[1] delta (positive: letters added, negative: letters gone); ARGV[2] fingerprint field
-- ARGV[3] contract field, ARGV[4] agent field ('' when none); ARGV[5] classification; ARGV[6] error type; ARGV[7] error message
-- ARGV[8] when the letter was dead-lettered, epoch ms
-- A count never goes below zero: a field reaching zero is removed, and with the fingerprint's field its group.
local delta = tonumber(ARGV[1])
local fields = {'total', ARGV[2]}
for i = 3, 4 do
  if ARGV[i] ~= '' then
    table.insert(fields, ARGV[i])
  end
end
for _, field in ipairs(fields) do
  if redis.call('HINCRBY', KEYS[1], field, delta) <= 0 then
    redis.call('HDEL', KEYS[1], field)
  end
end
if delta < 0 then
  if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 then
    redis.call('DEL', KEYS[2])
  end
  return 0
end
local at = tonumber(ARGV[8])
if redis.call('HSETNX', KEYS[2], 'classification', ARGV[5]) == 1 then
  redis.call('HSET', KEYS[2], 'type', ARGV[6], 'message', ARGV[7], 'first', at, 'last', at)
  return 1
end
if at < tonumber(redis.call('HGET', KEYS[2], 'first') or at) then
  redis.call('HSET', KEYS[2], 'first', at)
end
if at > tonumber(redis.call('HGET', KEYS[2], 'last') or at) then
  redis.call('HSET', KEYS[2], 'last', at)
end
return 1
