package dev.agentqueue.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryExhaustionTest {

    @ParameterizedTest
    @EnumSource(
            value = TaskState.class,
            names = {"QUEUED", "RUNNING", "FAILED"})
    void anUnlabelledLetterOfAnUnsettledTaskDeadLettersTheTask(TaskState recorded) {
        assertThat(DeliveryExhaustion.decide(recorded)).isEqualTo(DeliveryExhaustion.Action.DEAD_LETTER_TASK);
    }

    @Test
    void anUnlabelledLetterOfADeadLetteredTaskIsOnlyLabelled() {
        assertThat(DeliveryExhaustion.decide(TaskState.DEAD_LETTER)).isEqualTo(DeliveryExhaustion.Action.LABEL);
    }

    @ParameterizedTest
    @EnumSource(
            value = TaskState.class,
            names = {"COMPLETED", "CANCELLED", "PURGED"})
    void aTaskSettledOtherwiseIsLeftAlone(TaskState recorded) {
        assertThat(DeliveryExhaustion.decide(recorded)).isEqualTo(DeliveryExhaustion.Action.NONE);
    }

    @Test
    void aLetterWithoutARecordIsLeftAlone() {
        assertThat(DeliveryExhaustion.decide(null)).isEqualTo(DeliveryExhaustion.Action.NONE);
    }

    @Test
    void bothErrorsAreTerminalOfOneTypeAndNameTheLimitAndTheCrash() {
        for (TaskError error :
                new TaskError[] {DeliveryExhaustion.redelivered(5), DeliveryExhaustion.movedByBroker(5)}) {
            assertThat(error.classification()).isEqualTo(ErrorClassification.TERMINAL);
            assertThat(error.type()).isEqualTo("DeliveryAttemptsExhausted");
            assertThat(error.message()).contains("5").contains("crashed or was killed");
        }
    }

    @Test
    void everyUnsettledStateTheRulesDeadLetterMayEnterDeadLetterByTheTransitionTable() {
        for (TaskState state : TaskState.values()) {
            if (DeliveryExhaustion.decide(state) == DeliveryExhaustion.Action.DEAD_LETTER_TASK) {
                assertThat(state.canMoveTo(TaskState.DEAD_LETTER))
                        .as(state.name())
                        .isTrue();
            }
        }
    }
}
