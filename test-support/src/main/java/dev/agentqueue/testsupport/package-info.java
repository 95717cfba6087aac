/**
 * Test code shared by the integration tests, the reliability suite and the benchmark client: {@code api} calls
 * agentqueue's REST API as a real caller would, {@code polling} waits for asynchronous work with a deadline,
 * {@code process} runs the outside commands tests drive, {@code provider} fakes the model providers agents call.
 */
package dev.agentqueue.testsupport;
