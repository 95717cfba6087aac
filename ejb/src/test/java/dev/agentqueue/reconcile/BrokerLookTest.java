package dev.agentqueue.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Whether a pass looks in the broker for its overdue tasks' messages, decided from the task queue's depth. */
class BrokerLookTest {

    private static final long GATE = 50_000;

    @Test
    void aPassWithNothingOverdueDoesNotEvenReadTheDepth() {
        AtomicInteger reads = new AtomicInteger();
        Supplier<OptionalLong> depth = () -> {
            reads.incrementAndGet();
            return OptionalLong.of(0);
        };

        assertThat(BrokerLook.decide(0, depth, GATE)).isInstanceOf(BrokerLook.NothingOverdue.class);
        assertThat(reads).hasValue(0);
    }

    @Test
    void aQueueAtMostAsDeepAsTheGateIsBrowsed() {
        assertThat(BrokerLook.decide(3, () -> OptionalLong.of(GATE), GATE)).isEqualTo(new BrokerLook.Browse(GATE));
        assertThat(BrokerLook.decide(3, () -> OptionalLong.of(0), GATE)).isEqualTo(new BrokerLook.Browse(0));
    }

    @Test
    void aQueueDeeperThanTheGateDefersTheOverdueTasksAndSaysByHowMuch() {
        BrokerLook look = BrokerLook.decide(1000, () -> OptionalLong.of(650_000), GATE);

        assertThat(look).isInstanceOf(BrokerLook.Defer.class);
        assertThat(((BrokerLook.Defer) look).reason())
                .contains("650000 messages")
                .contains("agentqueue.reconcile.max-browse-depth (50000)");
    }

    @Test
    void aQueueWhoseDepthCannotBeReadIsNotBrowsedAtAnUnknownCost() {
        BrokerLook look = BrokerLook.decide(5, OptionalLong::empty, GATE);

        assertThat(look).isInstanceOf(BrokerLook.Defer.class);
        assertThat(((BrokerLook.Defer) look).reason()).contains("cannot be read");
    }

    @Test
    void aGateOfZeroBrowsesOnlyAnEmptyQueue() {
        assertThat(BrokerLook.decide(1, () -> OptionalLong.of(0), 0)).isInstanceOf(BrokerLook.Browse.class);
        assertThat(BrokerLook.decide(1, () -> OptionalLong.of(1), 0)).isInstanceOf(BrokerLook.Defer.class);
    }
}
