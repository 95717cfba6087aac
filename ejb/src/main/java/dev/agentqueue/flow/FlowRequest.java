package dev.agentqueue.flow;

import java.io.Serializable;
import java.util.List;

/**
 * What a producer asks a flow to run: its steps, each naming the steps it waits for. A chain is steps that each wait
 * for the one before; a fan-out, several steps that wait for one; a fan-in, one step that waits for several.
 */
public record FlowRequest(List<FlowStep> steps) implements Serializable {}
