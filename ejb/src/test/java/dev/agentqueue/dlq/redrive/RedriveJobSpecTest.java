package dev.agentqueue.dlq.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.dlq.DeadLetterFilter;
import dev.agentqueue.task.ErrorClassification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedriveJobSpecTest {

    private final DeadLetterFilter group = new DeadLetterFilter(null, null, "fp", null);

    @Test
    void aBeforeCutoffEarlierThanTheStartLimitsTheRedriveAndALaterOneDoesNot() {
        RedriveJobSpec spec = new RedriveJobSpec(group, null, 0, false, 500L, "ops");

        assertThat(spec.cutoff(1_000)).isEqualTo(500);
        assertThat(spec.cutoff(200)).isEqualTo(200);
    }

    @Test
    void aBreakerRedriveSelectsOnlyItsClassification() {
        RedriveJobSpec spec = new RedriveJobSpec(group, ErrorClassification.RETRYABLE, 1, false, null, "breaker");

        assertThat(spec.match(42).selector()).endsWith(" AND agentqueue_error_classification = 'RETRYABLE'");
    }

    @Test
    void aJobNeedsAFilterAndASensibleCanary() {
        assertThatThrownBy(() -> new RedriveJobSpec(DeadLetterFilter.ofIds(Set.of("x")), null, 0, false, null, "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedriveJobSpec(group, null, 101, false, null, "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedriveJobSpec(group, null, 0, true, null, "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJobReadsBackFromItsHashAsItWasStarted() {
        RedriveJobSpec spec = new RedriveJobSpec(group, ErrorClassification.RETRYABLE, 3, true, 500L, "ops");
        Map<String, String> hash = RedriveJob.newHash("j", spec, RedriveJobState.CANARY, 1_000, 7);

        RedriveJob job = RedriveJob.fromHash(hash, List.of("t"));

        assertThat(job.spec()).isEqualTo(spec);
        assertThat(job.cutoff()).isEqualTo(500);
        assertThat(job.expected()).isEqualTo(7);
        assertThat(job.canaryStarted()).isFalse();
        assertThat(job.canaryTaskIds()).containsExactly("t");
    }
}
