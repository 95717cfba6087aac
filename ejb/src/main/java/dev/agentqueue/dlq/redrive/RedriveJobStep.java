package dev.agentqueue.dlq.redrive;

import dev.agentqueue.dlq.DeadLetterQueue;
import dev.agentqueue.dlq.DeadLetterWalks;
import dev.agentqueue.dlq.MoveBatch;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Takes a redrive job one step further: sends its canary, judges it, or redrives the rest in batches for a few
 * seconds, re-reading the job between batches so a cancel stops it within one batch. When its letters need a walk of
 * the dead-letter queue, the canary and the rest each walk it once, over as many steps as it takes, and wait while
 * another walk is under way.
 */
@ApplicationScoped
public class RedriveJobStep {

    /** Letters moved between two reads of the job: how far a cancel may lag. */
    static final int BATCH = DeadLetterQueue.DEFAULT_BATCH;

    /** How long one step may redrive before it lets the runner go on to other jobs. */
    static final Duration SLICE = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(RedriveJobStep.class.getName());

    @Inject
    RedriveJobStore jobs;

    @Inject
    DeadLetterQueue dlq;

    @Inject
    TaskStore tasks;

    @Inject
    DeadLetterWalks walks;

    /** Advances job {@code id}, whatever state it is in. */
    public void advance(String id) {
        Optional<RedriveJob> job = jobs.find(id);
        if (job.isEmpty()) {
            return;
        }
        switch (job.get().state()) {
            case CANARY -> canary(job.get());
            case REDRIVING -> redriveRest(job.get());
            default -> {
                // waiting for an operator, or ended
            }
        }
    }

    private void canary(RedriveJob job) {
        if (!job.canaryStarted()) {
            sendCanary(job);
            return;
        }
        Map<String, Optional<TaskState>> states = new HashMap<>();
        job.canaryTaskIds().forEach(id -> states.put(id, tasks.find(id).map(TaskSnapshot::state)));
        CanaryVerdict verdict = CanaryVerdict.judge(job.canaryTaskIds(), states);
        switch (verdict.outcome()) {
            case FAILED ->
                end(
                        job,
                        RedriveJobState.STOPPED,
                        "Task(id=" + verdict.deadLetteredTaskId() + ") of the canary dead-lettered again");
            case PASSED ->
                jobs.move(
                        job.id(),
                        job.spec().confirm() ? RedriveJobState.AWAITING_CONFIRMATION : RedriveJobState.REDRIVING,
                        "the canary completed");
            case WAITING -> {
                // the canary's tasks are still running
            }
        }
    }

    private void sendCanary(RedriveJob job) {
        Way way = way(job);
        if (way.waiting()) {
            return; // another walk of the queue is under way: the next tick tries again
        }
        Optional<String> walk = Optional.ofNullable(way.walk());
        long until = System.nanoTime() + SLICE.toNanos();
        long sent = job.redriven(); // a canary spanning ticks has sent these already
        MoveBatch batch;
        do {
            batch = dlq.redriveBatch(job.match(), (int) (job.spec().canary() - sent), walk.orElse(null));
            batch.taskIds().stream().filter(Objects::nonNull).forEach(taskId -> jobs.addCanaryTask(job.id(), taskId));
            jobs.addRedriven(job.id(), batch.moved());
            sent += batch.moved();
        } while (walk.isPresent() && batch.more() && sent < job.spec().canary() && System.nanoTime() < until);
        if (walk.isPresent() && batch.more() && sent < job.spec().canary()) {
            return; // the walk goes on next tick
        }
        walk.ifPresent(walks::end);
        jobs.canarySent(job.id());
        if (sent == 0) {
            end(job, RedriveJobState.COMPLETED, "no dead letter matched");
        }
    }

    private void redriveRest(RedriveJob job) {
        Way way = way(job);
        if (way.waiting()) {
            return; // another walk of the queue is under way: the next tick tries again
        }
        Optional<String> walk = Optional.ofNullable(way.walk());
        long until = System.nanoTime() + SLICE.toNanos();
        RedriveJob current = job;
        while (current.state() == RedriveJobState.REDRIVING) {
            MoveBatch batch = dlq.redriveBatch(current.match(), BATCH, walk.orElse(null));
            jobs.addRedriven(current.id(), batch.moved());
            if (!batch.more()) {
                walk.ifPresent(walks::end);
                end(current, RedriveJobState.COMPLETED, null);
                return;
            }
            if (System.nanoTime() > until) {
                return;
            }
            current = jobs.find(current.id()).orElse(null);
            if (current == null) {
                return;
            }
        }
        walk.ifPresent(walks::end); // cancelled between two batches
    }

    /**
     * Returns how the job's next batches reach its letters: by its own walk of the dead-letter queue while that still
     * holds the lease, else by a new one when the queue needs one (see {@link DeadLetterQueue#needsWalk}), else by
     * the broker's move; or not yet, while another walk is under way.
     */
    private Way way(RedriveJob job) {
        if (job.walk() != null && walks.renew(job.walk())) {
            return new Way(job.walk(), false);
        }
        if (!dlq.needsWalk()) {
            return new Way(null, false);
        }
        Optional<String> walk = walks.tryStart();
        walk.ifPresent(id -> jobs.walking(job.id(), id));
        return new Way(walk.orElse(null), walk.isEmpty());
    }

    /** How a job goes on: by walk {@code walk}, by the broker's move ({@code walk} null), or not yet. */
    private record Way(String walk, boolean waiting) {}

    private void end(RedriveJob job, RedriveJobState state, String message) {
        if (jobs.move(job.id(), state, message) == RedriveJobStore.Move.MOVED) {
            LOG.info(() -> "Redrive job " + job.id() + " " + state + (message == null ? "" : ": " + message));
        }
    }
}
