package dev.agentqueue.dlq;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.BrokerUnavailableException;
import dev.agentqueue.dlq.DeadLetterWalker.WalkStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves the dead letters a {@link LetterMatch} matches aside, a batch at a time, and has {@link StagedLetters} take
 * each batch on in one transaction, by the {@link MoveRoute} that keeps memory bounded: the broker's own move on a
 * small queue, else a walk of the queue ({@link DeadLetterWalker}, one at a time across the
 * cluster by {@link DeadLetterWalks}).
 */
@ApplicationScoped
public class FilterMoves {

    /**
     * The default of {@code agentqueue.dlq.walk-above}: a queue up to this many letters (about 11 MiB at 5.5 KiB
     * each) is left to the broker's move.
     */
    public static final String DEFAULT_WALK_ABOVE = "2000";

    /** Letters one walk transaction receives at most. */
    static final int STEP_LETTERS = 500;

    /** Letters one walk batch receives at most, so a caller reporting progress or watching for a cancel hears back. */
    static final int BATCH_LETTERS = 10 * STEP_LETTERS;

    /** How long a redrive or purge waits for another one's walk to end. */
    static final Duration WALK_WAIT = Duration.ofMinutes(10);

    /** Steps in a row that may find the queue holding letters but deliver none before a walk gives up. */
    static final int EMPTY_STEPS = 30;

    private static final Logger LOG = Logger.getLogger(FilterMoves.class.getName());

    @Inject
    @ConfigProperty(name = "agentqueue.dlq.walk-above", defaultValue = DEFAULT_WALK_ABOVE)
    long walkAbove;

    @Inject
    BrokerManagement broker;

    @Inject
    StagedLetters staged;

    @Inject
    DeadLetterWalker walker;

    @Inject
    DeadLetterWalks walks;

    /** Returns the route a redrive or purge by filter takes now, given the queue's depth. */
    MoveRoute route() {
        return MoveRoute.choose(broker.deadLetterQueue().messageCount(), walkAbove);
    }

    /** Redrives ({@code redrive}) or purges every letter {@code match} matches, batch by batch, reporting each. */
    long moveAll(LetterMatch match, boolean redrive, LongConsumer report) {
        MoveRoute route = route();
        String walk = route == MoveRoute.WALK ? walks.start(WALK_WAIT) : null;
        LOG.info(() -> (redrive ? "Redriving" : "Purging") + " dead letters (" + match + ") by " + route);
        try {
            long moved = 0;
            MoveBatch batch;
            do {
                batch = walk == null
                        ? brokerBatch(match, DeadLetterQueue.DEFAULT_BATCH, redrive)
                        : walkBatch(walk, match, DeadLetterQueue.DEFAULT_BATCH, redrive);
                moved += batch.moved();
                report.accept(moved);
            } while (batch.more() && moved < most(match));
            return moved;
        } finally {
            if (walk != null) {
                walks.end(walk);
            }
        }
    }

    /** Returns the most letters {@code match} can match: one per task when it names tasks (a walk stops there). */
    private static long most(LetterMatch match) {
        return match.filter().taskIds() == null
                ? Long.MAX_VALUE
                : match.filter().taskIds().size();
    }

    /**
     * Has the broker move up to {@code max} letters {@code match} matches aside, then takes them on in one
     * transaction.
     */
    MoveBatch brokerBatch(LetterMatch match, int max, boolean redrive) {
        int set;
        try {
            String filter = CoreFilter.of(match.selector());
            set = redrive ? broker.stageForRedrive(filter, max) : broker.stageForPurge(filter, max);
        } catch (BrokerUnavailableException e) {
            // A remote move whose reply was late may still have moved letters: take on what is there.
            List<String> taken = take(max, redrive);
            if (taken.isEmpty()) {
                throw e;
            }
            return new MoveBatch(taken, true);
        }
        List<String> taskIds = new ArrayList<>(set);
        takeOn(set, max, redrive, taskIds);
        return new MoveBatch(taskIds, set == max);
    }

    /**
     * Walks on by up to {@link #BATCH_LETTERS} letters of walk {@code walk}, redriving or purging up to {@code max}
     * of those {@code match} matches; the batch says whether there is more to walk.
     *
     * @throws IllegalStateException when the walk's lease lapsed: the walk is over, unfinished
     */
    MoveBatch walkBatch(String walk, LetterMatch match, int max, boolean redrive) {
        List<String> taskIds = new ArrayList<>();
        int seen = 0;
        int empty = 0;
        while (taskIds.size() < max && seen < BATCH_LETTERS) {
            if (!walks.renew(walk)) {
                throw new IllegalStateException("The walk " + walk + " of the dead-letter queue lost its lease");
            }
            WalkStep step = walker.step(walk, match, redrive, max - taskIds.size(), STEP_LETTERS);
            seen += step.seen();
            takeOn(step.staged(), max, redrive, taskIds);
            if (step.cameRound()) {
                return new MoveBatch(taskIds, false);
            }
            if (!step.empty()) {
                empty = 0;
            } else if (broker.deadLetterQueue().messageCount() == 0) {
                return new MoveBatch(taskIds, false);
            } else if (++empty == EMPTY_STEPS) {
                LOG.warning(() -> "The dead-letter queue delivered nothing to walk " + walk + " for " + EMPTY_STEPS
                        + " steps though it holds letters; the walk ends here");
                return new MoveBatch(taskIds, false);
            }
        }
        return new MoveBatch(taskIds, true);
    }

    /** Takes on the {@code set} letters just moved aside, {@code max} per transaction, adding their task ids. */
    private void takeOn(int set, int max, boolean redrive, List<String> taskIds) {
        int goal = taskIds.size() + set;
        while (taskIds.size() < goal) {
            List<String> taken = take(max, redrive);
            if (taken.isEmpty()) {
                return; // taken by a concurrent redrive or purge, which counts them
            }
            taskIds.addAll(taken);
        }
    }

    private List<String> take(int max, boolean redrive) {
        return redrive ? staged.redrive(max) : staged.purge(max);
    }
}
