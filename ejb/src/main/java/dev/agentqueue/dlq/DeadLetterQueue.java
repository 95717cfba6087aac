package dev.agentqueue.dlq;

import dev.agentqueue.support.PageCursor;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The task dead-letter queue as an operator sees it: browse and count its messages, group them by root cause, and
 * redrive or purge them. Each move is a transaction of its own ({@link DeadLetterMover}); this bean holds none, so
 * a long redrive never outlives a transaction timeout.
 */
@ApplicationScoped
public class DeadLetterQueue {

    /** Orders dead letters oldest first; the task id breaks ties, as in {@link PageCursor}. */
    private static final Comparator<DeadLetter> ORDER = Comparator.comparingLong(DeadLetter::deadLetteredAt)
            .thenComparing(DeadLetter::taskId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class.getName());

    /** Empty receives in a row after which a redrive or purge stops: the rest went elsewhere meanwhile. */
    private static final int MAX_MISSES = 3;

    @Inject
    DeadLetterMover mover;

    @Inject
    TaskStore store;

    /** Returns every dead letter matching {@code filter}, oldest first, without consuming any. */
    public List<DeadLetter> browse(DeadLetterFilter filter) {
        List<DeadLetter> letters = new ArrayList<>(mover.browse(filter.selector()));
        letters.sort(ORDER);
        return letters;
    }

    /** Returns the number of dead letters matching {@code filter}. */
    public long count(DeadLetterFilter filter) {
        return browse(filter).size();
    }

    /** Returns one page of dead letters matching {@code filter} after {@code after}, each joined with its task. */
    public DeadLetterPage list(DeadLetterFilter filter, int limit, PageCursor after) {
        List<DeadLetter> letters = browse(filter).stream()
                .filter(letter -> after == null || isAfter(letter, after))
                .toList();
        List<DeadLetterEntry> page = letters.stream()
                .limit(limit)
                .map(letter -> new DeadLetterEntry(
                        letter, letter.taskId() == null ? Optional.empty() : store.find(letter.taskId())))
                .toList();
        String next = null;
        if (letters.size() > limit) {
            DeadLetter last = letters.get(limit - 1);
            next = last.taskId() == null ? null : new PageCursor(last.deadLetteredAt(), last.taskId()).encode();
        }
        return new DeadLetterPage(page, next);
    }

    /** Returns the dead letters grouped by error fingerprint, the largest group first. */
    public List<FingerprintCount> summary() {
        Map<String, FingerprintCount> groups = new LinkedHashMap<>();
        for (DeadLetter letter : browse(DeadLetterFilter.ALL)) {
            groups.merge(
                    letter.error().fingerprint(), FingerprintCount.first(letter), (group, one) -> group.add(letter));
        }
        return groups.values().stream()
                .sorted(Comparator.comparingLong(FingerprintCount::count).reversed())
                .toList();
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
        long expected = browse(filter).stream()
                .filter(letter -> letter.deadLetteredAt() <= started)
                .count();
        int moved = drain(expected, () -> mover.redriveOne(selector));
        LOG.info(() -> "Redrove " + moved + " of " + expected + " dead letters in "
                + (System.currentTimeMillis() - started) + " ms");
        return moved;
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
        String selector = filter.selectorUntil(System.currentTimeMillis());
        return drain(count(filter), () -> mover.purgeOne(selector));
    }

    /** Moves up to {@code expected} messages, one transaction each, until a few tries in a row find none. */
    private static int drain(long expected, BooleanSupplier moveOne) {
        int moved = 0;
        int misses = 0;
        while (moved < expected && misses < MAX_MISSES) {
            if (moveOne.getAsBoolean()) {
                moved++;
                misses = 0;
            } else {
                misses++;
            }
        }
        return moved;
    }

    private void requirePresent(Set<String> taskIds) {
        Set<String> missing = new HashSet<>(taskIds);
        browse(DeadLetterFilter.ofIds(taskIds)).forEach(letter -> missing.remove(letter.taskId()));
        if (!missing.isEmpty()) {
            throw new NotInDeadLetterQueueException(new TreeSet<>(missing));
        }
    }

    private static boolean isAfter(DeadLetter letter, PageCursor cursor) {
        if (letter.deadLetteredAt() != cursor.position()) {
            return letter.deadLetteredAt() > cursor.position();
        }
        return letter.taskId() != null && letter.taskId().compareTo(cursor.id()) > 0;
    }
}
