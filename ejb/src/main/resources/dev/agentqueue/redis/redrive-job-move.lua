-- Moves a redrive job to another state if it is in one of the allowed ones, in one atomic step; a job that ends leaves
-- the set of active jobs and expires later.
-- KEYS[1] job hash; KEYS[2] set of active job ids; KEYS[3] list of the job's canary task ids
-- ARGV[1] job id; ARGV[2] target state; ARGV[3] allowed current states, comma-separated; ARGV[4] now, epoch ms
-- ARGV[5] message ('' for none); ARGV[6] '1' when the target state is final; ARGV[7] seconds a final job is kept
-- Returns 1 when moved, 0 when the job is in a state that may not move there, -1 when there is no such job.
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  return -1
end
local allowed = false
for source in string.gmatch(ARGV[3], '[^,]+') do
  if source == state then
    allowed = true
  end
end
if not allowed then
  return 0
end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'updatedAt', ARGV[4])
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[1], 'message', ARGV[5])
end
if ARGV[6] == '1' then
  redis.call('SREM', KEYS[2], ARGV[1])
  redis.call('EXPIRE', KEYS[1], ARGV[7])
  redis.call('EXPIRE', KEYS[3], ARGV[7])
end
return 1
