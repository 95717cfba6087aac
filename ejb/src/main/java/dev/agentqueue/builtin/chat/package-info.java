/** The built-in {@code agentqueue.chat.v1} contract: one chat turn of a configured agent through LangChain4j. */
package dev.agentqueue.builtin.chat;
