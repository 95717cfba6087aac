/**
 * Flows: tasks that run in order on the same queue and workers, as chains, fan-outs and fan-ins. A flow's record and
 * the state of its steps live in Redis, moved by Lua scripts; a step's task is released, with the results of the
 * steps it waits for, when the last of them completes.
 */
package dev.agentqueue.flow;
