/** The built-in {@code agentqueue.embed.v1} contract: text embeddings from an in-process model shipped in a jar. */
package dev.agentqueue.builtin.embed;
