package dev.agentqueue.reconcile;

import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Whether a reconciliation pass looks in the broker for its overdue tasks' messages now, decided before any browse
 * from the task queue's depth, which the broker keeps as a counter and answers at once.
 *
 * <p>The look walks the task queue, reading paged messages from disk, until it has seen every task asked about, and
 * lists every scheduled message. A backlog that merely waits usually holds its overdue tasks, its oldest, near its
 * head, so the walk stops early; but a message really lost is never seen, and then the walk goes to the end of the
 * queue: its cost grows with the backlog (97 s at 650,000 paged messages, long enough for a concurrent producer's
 * commit to time out). So while the queue holds more than {@code agentqueue.reconcile.max-browse-depth} messages, a
 * pass looks at nothing in the broker and reads no task record, leaving its overdue tasks for a later pass: it costs
 * one count per Redis index and one counter of the broker. A lost message is found at the first pass after the depth
 * falls to the gate, so a backlog that drains (its workers keep up on average) always gets it re-sent; a queue held
 * above the gate for good is one whose workers never catch up, which its depth shows.
 *
 * <p>Everything waits, {@code RUNNING} tasks too. The scheduled and delivering listings cost no browse, but a
 * {@code RUNNING} task missing from both is no proof of loss: an attempt rolled back (its server stopped, its
 * transaction timed out) puts its message back in the ready queue, which only the browse sees, and re-sending on half
 * the look would run it twice. Nor does the broker's oldest-message age bound the look soundly: it is the head of the
 * highest priority waiting, so a lower-priority task queued before it may still wait behind it, and a rolled-back
 * message returns to the head with its old time.
 */
public sealed interface BrokerLook {

    /** No task has been in a watched state for longer than the grace: there is nothing to look for. */
    record NothingOverdue() implements BrokerLook {}

    /** The queue holds at most the gate: browse it and the DLQ, and list its scheduled and delivering messages. */
    record Browse(long depth) implements BrokerLook {}

    /** The queue is deeper than the gate, or its depth is unknown: leave the overdue tasks for a later pass. */
    record Defer(String reason) implements BrokerLook {}

    /**
     * Decides the look for {@code waiting} tasks in a watched state for longer than the grace (the candidates, not all
     * of them overdue), reading the task queue's depth from {@code depth} (empty when the broker cannot say) only when
     * there are some.
     */
    static BrokerLook decide(long waiting, Supplier<OptionalLong> depth, long maxBrowseDepth) {
        if (waiting == 0) {
            return new NothingOverdue();
        }
        OptionalLong messages = depth.get();
        if (messages.isEmpty()) {
            // A look of unknown cost is not taken; the listings it needs would fail on the same broker anyway.
            return new Defer("the task queue's depth cannot be read from the broker");
        }
        if (messages.getAsLong() > maxBrowseDepth) {
            return new Defer("the task queue holds " + messages.getAsLong()
                    + " messages, more than agentqueue.reconcile.max-browse-depth (" + maxBrowseDepth
                    + "); they are looked for once it holds fewer");
        }
        return new Browse(messages.getAsLong());
    }
}
