package dev.agentqueue.dlq;

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
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The task dead-letter queue as an operator sees it: browse and count its messages, group them by root cause, and
 * redrive or purge them. Built for a queue of a million letters: counts come from {@link DeadLetterTally}, a listing
 * streams the broker's matches through a {@link PageWindow}, and a redrive or purge moves one letter per transaction
 * ({@link DeadLetterMover}) in batches that report progress; this bean holds none, so a long redrive never outlives a
 * transaction timeout, and nothing it holds grows with the queue.
 */
@ApplicationScoped
public class DeadLetterQueue {

    /** How many moves a redrive or purge makes between two progress reports. */
    public static final int DEFAULT_BATCH = 500;

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class.getName());

    /** Empty receives in a row after which a redrive or purge stops: the rest went elsewhere meanwhile. */
    private static final int MAX_MISSES = 3;

    @Inject
    DeadLetterMover mover;

    @Inject
    TaskStore store;

    @Inject
    DeadLetterTally tally;

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
        String selector = filter.selectorUntil(started);
        int moved = (int) drain(Long.MAX_VALUE, () -> mover.redriveOne(selector).moved(), progress("Redrove", filter));
        LOG.info(() -> "Redrove " + moved + " dead letters (" + filter + ") in "
                + (System.currentTimeMillis() - started) + " ms");
        return moved;
    }

    /**
     * Moves up to {@code max} dead letters matching {@code selector} back to the task queue and returns how many
     * moved: one batch of a longer redrive.
     */
    public long redriveBatch(String selector, long max) {
        return drain(max, () -> mover.redriveOne(selector).moved(), moved -> {});
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
        String selector = filter.selectorUntil(started);
        int removed = (int) drain(Long.MAX_VALUE, () -> mover.purgeOne(selector), progress("Purged", filter));
        LOG.info(() -> "Purged " + removed + " dead letters (" + filter + ") in "
                + (System.currentTimeMillis() - started) + " ms");
        return removed;
    }

    /**
     * Moves up to {@code max} messages, one transaction each, until a few tries in a row find none, reporting every
     * {@link #DEFAULT_BATCH} moves.
     */
    private static long drain(long max, BooleanSupplier moveOne, LongConsumer report) {
        long moved = 0;
        int misses = 0;
        while (moved < max && misses < MAX_MISSES) {
            if (moveOne.getAsBoolean()) {
                moved++;
                misses = 0;
                if (moved % DEFAULT_BATCH == 0) {
                    report.accept(moved);
                }
            } else {
                misses++;
            }
        }
        return moved;
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
