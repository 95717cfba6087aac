package dev.agentqueue.dlq;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.support.PageCursor;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The task dead-letter queue as an operator sees it: browse and count its messages, group them by root cause, and
 * redrive or purge them. Built for a queue of a million letters: counts come from {@link DeadLetterTally}, a listing
 * streams the broker's matches through a {@link PageWindow}, and a redrive or purge goes in batches that report
 * progress ({@link FilterMoves}: by the broker's own move or a walk of the queue, whichever keeps memory bounded), each
 * taken on by {@link StagedLetters} in one transaction. No transaction spans more than a batch, and nothing this bean
 * holds grows with the queue.
 */
@ApplicationScoped
public class DeadLetterQueue {

    /** How many letters a redrive or purge moves per batch (one broker move, one transaction), reporting each. */
    public static final int DEFAULT_BATCH = 500;

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class.getName());

    @Inject
    DeadLetterMover mover;

    @Inject
    TaskStore store;

    @Inject
    DeadLetterTally tally;

    @Inject
    BrokerManagement broker;

    @Inject
    StagedLetters staged;

    @Inject
    FilterMoves moves;

    private final StagingWatch staging = new StagingWatch();

    /** Returns every dead letter matching {@code filter}, oldest first, without consuming any; for small filters. */
    public List<DeadLetter> browse(DeadLetterFilter filter) {
        List<DeadLetter> letters = mover.browse(filter.selector());
        letters.sort(PageWindow.ORDER);
        return letters;
    }

    /**
     * Returns the number of dead letters matching {@code filter}: from the tally when it counts the filter, else by
     * streaming the broker's matches.
     */
    public long count(DeadLetterFilter filter) {
        OptionalLong counted = tally.count(filter);
        if (counted.isPresent()) {
            return counted.getAsLong();
        }
        long[] matched = {0};
        mover.forEach(filter.selector(), letter -> matched[0]++);
        return matched[0];
    }

    /**
     * Returns one page of dead letters matching {@code filter} after {@code after}, each joined with its task. The
     * broker matches the filter and skips letters older than the cursor; the page is picked as they stream past.
     */
    public DeadLetterPage list(DeadLetterFilter filter, int limit, PageCursor after) {
        PageWindow window = new PageWindow(limit, after);
        mover.forEach(after == null ? filter.selector() : filter.selectorFrom(after.position()), window::offer);
        List<DeadLetterEntry> page = window.letters().stream()
                .map(letter -> new DeadLetterEntry(
                        letter, letter.taskId() == null ? Optional.empty() : store.find(letter.taskId())))
                .toList();
        return new DeadLetterPage(page, window.nextCursor());
    }

    /** Returns the dead letters grouped by error fingerprint, the largest group first, as the tally counts them. */
    public List<FingerprintCount> summary() {
        return tally.summary();
    }

    /**
     * Moves the dead letters of the given tasks back to the task queue with a fresh attempt budget and returns how
     * many moved.
     *
     * @throws NotInDeadLetterQueueException when any of the tasks has no dead letter; then nothing is moved
     * @throws DeadLetterConflictException when any of the tasks is settled otherwise; then nothing is moved
     */
    public int redrive(Set<String> taskIds) {
        requirePresent(taskIds);
        Set<String> settled = taskIds.stream()
                .filter(id -> store.find(id)
                        .map(task -> !TaskState.QUEUED.allowedSources().contains(task.state()))
                        .orElse(false))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!settled.isEmpty()) {
            throw new DeadLetterConflictException(settled);
        }
        return redrive(DeadLetterFilter.ofIds(taskIds));
    }

    /**
     * Moves the dead letters matching {@code filter} now back to the task queue and returns how many moved. Tasks
     * that fail again while the redrive runs are not redriven a second time.
     */
    public int redrive(DeadLetterFilter filter) {
        long started = System.currentTimeMillis();
        long moved = moves.moveAll(filter.until(started), true, progress("Redrove", filter));
        LOG.info(() -> "Redrove " + moved + " dead letters (" + filter + ") in "
                + (System.currentTimeMillis() - started) + " ms");
        return (int) moved;
    }

    /** Tells whether a redrive or purge by filter must walk the queue now (see {@link MoveRoute}). */
    public boolean needsWalk() {
        return moves.route() == MoveRoute.WALK;
    }

    /**
     * Moves up to {@code max} dead letters {@code match} matches back to the task queue: one batch of a longer
     * redrive, or its canary. With {@code walk} ({@link DeadLetterWalks}), the batch walks on by that walk, which
     * says it is over with {@link MoveBatch#more()} false; else the broker moves it.
     */
    public MoveBatch redriveBatch(LetterMatch match, int max, String walk) {
        return walk == null ? moves.brokerBatch(match, max, true) : moves.walkBatch(walk, match, max, true);
    }

    /**
     * Removes the dead letters of the given tasks and returns how many were removed.
     *
     * @throws NotInDeadLetterQueueException when any of the tasks has no dead letter; then nothing is removed
     */
    public int purge(Set<String> taskIds) {
        requirePresent(taskIds);
        return purge(DeadLetterFilter.ofIds(taskIds));
    }

    /**
     * Removes the dead letters matching {@code filter} now, marks their tasks {@code PURGED}, and returns the count;
     * letters arriving while it runs are left for the next purge.
     */
    public int purge(DeadLetterFilter filter) {
        long started = System.currentTimeMillis();
        long removed = moves.moveAll(filter.until(started), false, progress("Purged", filter));
        LOG.info(() -> "Purged " + removed + " dead letters (" + filter + ") in "
                + (System.currentTimeMillis() - started) + " ms");
        return (int) removed;
    }

    /**
     * Takes on the letters a redrive or purge moved aside and did not finish with (its node stopped in between; see
     * {@link StagingWatch}): the operator chose them, so they are redriven or purged as asked.
     */
    public void finishStaged() {
        if (!staging.abandoned(broker.staged(), System.currentTimeMillis())) {
            return;
        }
        long redriven = 0;
        for (int moved = DEFAULT_BATCH; moved > 0; redriven += moved) {
            moved = staged.redrive(DEFAULT_BATCH).size();
        }
        long purged = 0;
        for (int moved = DEFAULT_BATCH; moved > 0; purged += moved) {
            moved = staged.purge(DEFAULT_BATCH).size();
        }
        long r = redriven;
        long p = purged;
        LOG.info(() -> "Finished a redrive of " + r + " and a purge of " + p + " dead letters moved aside earlier");
    }

    private LongConsumer progress(String verb, DeadLetterFilter filter) {
        OptionalLong expected = tally.count(filter);
        String of = expected.isPresent() ? " of about " + expected.getAsLong() : "";
        return moved -> LOG.info(() -> verb + " " + moved + of + " dead letters (" + filter + ") so far");
    }

    private void requirePresent(Set<String> taskIds) {
        Set<String> missing = new HashSet<>(taskIds);
        mover.forEach(DeadLetterFilter.ofIds(taskIds).selector(), letter -> missing.remove(letter.taskId()));
        if (!missing.isEmpty()) {
            throw new NotInDeadLetterQueueException(new TreeSet<>(missing));
        }
    }
}
