package dev.agentqueue.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tag values stay within the names the application knows. */
class MeterTagsTest {

    private final MeterTags tags = new MeterTags(Set.of("agentqueue.job.v1")::contains);

    @Test
    void aKnownNameIsItsOwnTag() {
        assertThat(tags.of("agentqueue.job.v1")).isEqualTo("agentqueue.job.v1");
    }

    @Test
    void anUnknownNameFromAMessageCountsAsOther() {
        assertThat(tags.of("made-up-" + System.nanoTime())).isEqualTo(MeterTags.OTHER);
    }

    @Test
    void noNameCountsAsNone() {
        assertThat(tags.of(null)).isEqualTo(MeterTags.NONE);
        assertThat(tags.of(" ")).isEqualTo(MeterTags.NONE);
    }
}
