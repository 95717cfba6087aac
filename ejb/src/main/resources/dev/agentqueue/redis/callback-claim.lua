-- Takes the callbacks that are due for one node to post, in one atomic step: each is re-scored to the end of the
-- node's lease, so no other node takes it meanwhile, and a node that dies while posting leaves it due again.
-- KEYS[1] the callbacks' schedule (task id -> due time, ms)
-- ARGV[1] now, ms; ARGV[2] end of the lease, ms; ARGV[3] most callbacks taken
-- Returns the ids of the tasks taken.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(due) do
  redis.call('ZADD', KEYS[1], ARGV[2], id)
end
return due
