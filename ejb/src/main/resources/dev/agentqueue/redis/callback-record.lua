-- Records the outcome of one try of a task's callback on its record, and schedules the next try or drops the task
-- from the schedule, in one atomic step. A record that expired meanwhile is not recreated, and a try whose task
-- settled again meanwhile (a redriven task) does not overwrite the new callback's state.
-- KEYS[1] task hash; KEYS[2] the callbacks' schedule
-- ARGV[1] task id; ARGV[2] callback attempts the try started from; ARGV[3] state after it (PENDING, DELIVERED, FAILED)
-- ARGV[4] attempts now; ARGV[5] HTTP status (0: none); ARGV[6] error ('' for none); ARGV[7] now, ms
-- ARGV[8] when the next try is due, ms (0: no next try)
-- Returns 1 when recorded, 0 when the record is gone or moved on.
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
if (redis.call('HGET', KEYS[1], 'callbackAttempts') or '0') ~= ARGV[2]
    or redis.call('HGET', KEYS[1], 'callbackState') ~= 'PENDING' then
  return 0
end
redis.call('HSET', KEYS[1], 'callbackState', ARGV[3], 'callbackAttempts', ARGV[4], 'callbackLastStatus', ARGV[5],
  'callbackLastError', ARGV[6], 'callbackLastAt', ARGV[7], 'callbackNextAt', ARGV[8] == '0' and '' or ARGV[8])
if ARGV[8] == '0' then
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('ZADD', KEYS[2], ARGV[8], ARGV[1])
end
return 1
