/** Running the outside commands tests drive (scripts, CLIs) to their end, bounded in time. */
package dev.agentqueue.testsupport.process;
