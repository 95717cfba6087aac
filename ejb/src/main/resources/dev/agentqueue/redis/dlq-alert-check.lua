-- Counts one new dead letter of a fingerprint group and decides, in one atomic step, whether it raises an alert.
-- KEYS[1] the group's triage hash
-- KEYS[2] the group's counter for the current rate window
-- ARGV[1] now, ms
-- ARGV[2] growth threshold: letters per window above which the group alerts; 0 never
-- ARGV[3] rate window, seconds
-- Returns 0 no alert, 1 new fingerprint, 2 growth above the threshold, 3 an alert a mute suppressed.
local fresh = redis.call('HSETNX', KEYS[1], 'firstSeenAt', ARGV[1])
local count = redis.call('INCR', KEYS[2])
if count == 1 then
  redis.call('EXPIRE', KEYS[2], 2 * tonumber(ARGV[3]))
end
local threshold = tonumber(ARGV[2])
local kind = 0
if fresh == 1 then
  kind = 1
elseif threshold > 0 and count == threshold + 1 then
  kind = 2
end
if kind == 0 then
  return 0
end
if redis.call('HGET', KEYS[1], 'muted') == '1' then
  redis.call('HINCRBY', KEYS[1], 'suppressedAlerts', 1)
  return 3
end
redis.call('HINCRBY', KEYS[1], 'alerts', 1)
redis.call('HSET', KEYS[1], 'lastAlertAt', ARGV[1])
return kind
