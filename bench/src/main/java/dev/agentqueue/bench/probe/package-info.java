/**
 * The bench probe: a small WAR deployed next to {@code agentqueue.ear} in the benchmark server. It measures what
 * only the server can measure without a network hop: the raw-JMS ceiling on the same broker, the EJB enqueue path,
 * and the heap; and it pauses and resumes the task queue for the backlog workload. Its endpoints have no
 * authentication: deploy it only into a benchmark or test server, never next to a production agentqueue.
 */
package dev.agentqueue.bench.probe;
