package dev.agentqueue.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskIdsTest {

    @Test
    void idsAreVersion7AndSortByCreationTime() {
        UUID earlier = TaskIds.newId(1_700_000_000_000L);
        UUID later = TaskIds.newId(1_700_000_000_001L);

        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void idsDerivedFromAMessageIdAreStable() {
        assertThat(TaskIds.fromMessageId("ID:42"))
                .isEqualTo(TaskIds.fromMessageId("ID:42"))
                .isNotEqualTo(TaskIds.fromMessageId("ID:43"));
        assertThat(TaskIds.isValid(TaskIds.fromMessageId("ID:42"))).isTrue();
    }

    @Test
    void onlyCanonicalLowerCaseUuidsAreValidIds() {
        assertThat(TaskIds.isValid(TaskIds.next())).isTrue();
        assertThat(TaskIds.isValid("not-a-uuid")).isFalse();
        assertThat(TaskIds.isValid(TaskIds.next().toUpperCase())).isFalse();
        assertThat(TaskIds.isValid(null)).isFalse();
    }
}
