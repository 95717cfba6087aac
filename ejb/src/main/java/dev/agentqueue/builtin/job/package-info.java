/**
 * The built-in {@code agentqueue.job.v1} contract, the {@link dev.agentqueue.builtin.job.JobHandler} SPI for custom
 * jobs, and the diagnostic jobs {@code echo}, {@code sleep}, {@code count}, {@code fail} and {@code halt} (off unless enabled).
 */
package dev.agentqueue.builtin.job;
