package dev.agentqueue.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stream entry ids as listeners send them back, and which events settle a task. */
class TaskEventTest {

    @Test
    void onlyStreamEntryIdsAreValidResumePositions() {
        assertThat(TaskEvent.isValidId("1733580000000-0")).isTrue();
        assertThat(TaskEvent.isValidId("0-0")).isTrue();
        assertThat(TaskEvent.isValidId("1733580000000")).isFalse();
        assertThat(TaskEvent.isValidId("$")).isFalse();
        assertThat(TaskEvent.isValidId("1-2-3")).isFalse();
        assertThat(TaskEvent.isValidId(null)).isFalse();
    }

    @Test
    void idsCompareByTimeThenBySequence() {
        assertThat(TaskEvent.compareIds("10-5", "9-7")).isPositive();
        assertThat(TaskEvent.compareIds("10-5", "10-12")).isNegative();
        assertThat(TaskEvent.compareIds("10-5", "10-5")).isZero();
    }

    @Test
    void onlyAStateEventIntoASettledStateSettlesItsTask() {
        assertThat(new TaskEvent("1-0", "state", "{\"state\":\"COMPLETED\",\"settled\":true}").settles())
                .isTrue();
        assertThat(new TaskEvent("1-0", "state", "{\"state\":\"RUNNING\",\"settled\":false}").settles())
                .isFalse();
        assertThat(new TaskEvent("1-0", "progress", "{\"percent\":100}").settles())
                .isFalse();
    }
}
