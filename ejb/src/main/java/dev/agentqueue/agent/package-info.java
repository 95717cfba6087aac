/** Agents: named provider/model/instruction bundles that agent contracts run, and the registry that defines them. */
package dev.agentqueue.agent;
