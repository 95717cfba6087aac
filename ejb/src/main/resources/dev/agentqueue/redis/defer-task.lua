-- Notes a deferral on a task record that is waiting for its next delivery (QUEUED or FAILED): when it comes back and
-- why, and how many deferrals it has had. A record that is gone or has moved on is left alone.
-- KEYS[1] task hash
-- ARGV[1] deferred until, ms; ARGV[2] reason
-- Returns 1 when noted, 0 when not.
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'QUEUED' and state ~= 'FAILED' then
  return 0
end
redis.call('HSET', KEYS[1], 'deferredUntil', ARGV[1], 'deferredReason', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'deferrals', 1)
return 1
