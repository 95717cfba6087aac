package dev.agentqueue.producer;

import java.io.Serializable;

/**
 * Why one task of a batch was refused: its position in the batch (from 0), the request field at fault and the
 * reason.
 */
public record BatchItemError(int index, String field, String message) implements Serializable {}
