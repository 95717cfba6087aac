package dev.agentqueue.worker;

import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.limits.CallLimits;
import dev.agentqueue.limits.LimitScope;
import dev.agentqueue.messaging.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Lets a delivery start only when the call limits of its provider endpoint, agent and concurrency key have room,
 * deferring it otherwise, and settles what it reserved with the tokens it used once its outcome is recorded.
 */
@ApplicationScoped
public class CallAdmission {

    /** How long a call slot outlives its attempt's timeout before it comes back by itself (a crashed node's). */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    /** The settlement of the limits the delivery on this thread was admitted by, run after its outcome is recorded. */
    private static final ThreadLocal<Runnable> SETTLEMENT = new ThreadLocal<>();

    /** The ticket of the delivery this thread runs now, whose slots a heartbeat of its attempt holds longer. */
    private static final ThreadLocal<CallLimits.Ticket> RUNNING = new ThreadLocal<>();

    @Inject
    CallLimits limits;

    @Inject
    WorkerSettings settings;

    /**
     * Returns the outcome of {@code start} once the limits of the delivery's scopes admit it, or a deferral until there
     * is room, which uses no attempt; a delivery nothing limits starts at once.
     *
     * @param breaker the provider endpoint the contract calls, named as its shared breaker; null: it calls none
     */
    Outcome admit(
            Delivery delivery,
            ExecutionContract contract,
            AgentDefinition agent,
            String breaker,
            Supplier<Outcome> start) {
        List<LimitScope> scopes = scopes(delivery, breaker, agent);
        if (scopes.isEmpty()) {
            return start.get();
        }
        long estimate = contract.tokenEstimate(delivery.envelope().payload(), agent);
        CallLimits.Ticket ticket = limits.admit(
                scopes,
                delivery.taskId() + "/" + delivery.attempt(),
                estimate,
                Duration.ofMillis(delivery.envelope().timeoutMs()).plus(LEASE_MARGIN));
        if (!ticket.admission().admitted()) {
            return OutcomePolicy.deferredForLimit(
                    delivery,
                    ticket.admission(),
                    System.currentTimeMillis(),
                    settings.minimumDeferral().toMillis());
        }
        Outcome outcome = null;
        RUNNING.set(ticket);
        try {
            outcome = start.get();
            return outcome;
        } finally {
            RUNNING.remove();
            // Settled once the outcome is recorded (settleAdmitted), so a slot is free only when its task no longer
            // shows RUNNING: the records never show more of a key's tasks at once than its cap.
            long used = TokenSettlement.tokensUsed(outcome, estimate);
            SETTLEMENT.set(() -> limits.settle(ticket, used));
        }
    }

    /** Returns the ticket of the delivery this thread runs now; null when no limit applies to it. */
    CallLimits.Ticket running() {
        return RUNNING.get();
    }

    /** Holds {@code ticket}'s call slots until {@code untilMs} and the margin: its attempt renewed its lease. */
    void extend(CallLimits.Ticket ticket, long untilMs) {
        limits.extend(ticket, untilMs + LEASE_MARGIN.toMillis());
    }

    /** Settles the call this thread's delivery was admitted for, if any; run once its outcome is recorded. */
    void settleAdmitted() {
        Runnable settlement = SETTLEMENT.get();
        if (settlement != null) {
            SETTLEMENT.remove();
            settlement.run();
        }
    }

    /**
     * Returns what limits a task: the provider endpoint its contract calls ({@code breaker}) and its agent, and its
     * concurrency key, whatever it runs.
     */
    static List<LimitScope> scopes(Delivery delivery, String breaker, AgentDefinition agent) {
        List<LimitScope> scopes = new ArrayList<>();
        if (breaker != null) {
            scopes.add(LimitScope.endpoint(breaker));
            if (agent != null) {
                scopes.add(LimitScope.agent(agent.name()));
            }
        }
        String key = delivery.envelope().concurrencyKey();
        if (key != null) {
            scopes.add(LimitScope.key(key));
        }
        return scopes;
    }
}
