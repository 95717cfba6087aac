package dev.agentqueue.dlq.redrive;

import dev.agentqueue.dlq.DeadLetterQueue;
import dev.agentqueue.dlq.DeadLetterWalks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Redrive jobs as operators and tools use them: start one, read its progress, confirm the rest after its canary,
 * cancel it. Any node answers; {@link RedriveJobRunner} on one node does the moving.
 */
@ApplicationScoped
public class RedriveJobs {

    private static final Logger LOG = Logger.getLogger(RedriveJobs.class.getName());

    @Inject
    RedriveJobStore store;

    @Inject
    DeadLetterQueue dlq;

    @Inject
    DeadLetterWalks walks;

    /** Starts a job and returns it as stored; the runner picks it up within a second or so. */
    public RedriveJob start(RedriveJobSpec spec) {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        long expected = spec.classification() == null && spec.before() == null ? dlq.count(spec.filter()) : -1;
        RedriveJobState first = spec.canary() > 0 ? RedriveJobState.CANARY : RedriveJobState.REDRIVING;
        store.create(id, RedriveJob.newHash(id, spec, first, now, expected));
        LOG.info(() -> "Redrive job " + id + " started by " + spec.requestedBy() + ": " + spec);
        return store.find(id).orElseThrow();
    }

    /** Returns a job, if there is one with this id (ended jobs are kept for a week). */
    public Optional<RedriveJob> find(String id) {
        return store.find(id);
    }

    /** Lets the rest of a job follow its canary; tells what the job's state allowed. */
    public RedriveJobStore.Move confirm(String id) {
        return store.move(id, Set.of(RedriveJobState.AWAITING_CONFIRMATION), RedriveJobState.REDRIVING, "confirmed");
    }

    /** Cancels a job that has not ended; what it redrove stays redriven. */
    public RedriveJobStore.Move cancel(String id, String by) {
        RedriveJobStore.Move move = store.move(id, RedriveJobState.CANCELLED, "cancelled by " + by);
        if (move == RedriveJobStore.Move.MOVED) {
            // The runner may be between two batches of the job's walk: the next redrive need not wait for it.
            store.find(id).map(RedriveJob::walk).ifPresent(walks::end);
            LOG.info(() -> "Redrive job " + id + " cancelled by " + by);
        }
        return move;
    }
}
