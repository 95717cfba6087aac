/** Waiting for asynchronous work by polling it until a deadline: the only way shared test code waits. */
package dev.agentqueue.testsupport.polling;
