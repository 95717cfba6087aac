/**
 * Fake model providers on loopback (an OpenAI-compatible chat server and an Ollama one) that record what they were
 * sent, and the arithmetic that checks their records against the limits a test set.
 */
package dev.agentqueue.testsupport.provider;
