package dev.agentqueue.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.stats.LatencySummary;
import dev.agentqueue.stats.MinuteStats;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statistics are written byte for byte as the JSON-P rendering before Jackson wrote them. */
class StatsSchemasTest {

    @Test
    void statesAndMinutesAreWrittenAsBeforeJackson() {
        Map<TaskState, Long> states = new EnumMap<>(TaskState.class);
        states.put(TaskState.QUEUED, 3L);
        states.put(TaskState.COMPLETED, 40L);
        List<StatsSchemas.Minute> minutes = List.of(
                StatsSchemas.Minute.of(
                        new MinuteStats(1_733_500_020_000L, 5, 4, 3, 1, new LatencySummary(12, 40, 90, 3))),
                StatsSchemas.Minute.of(new MinuteStats(1_733_500_080_000L, 0, 0, 0, 0, null)));

        assertThat(JsonRecords.write(new StatsSchemas.Stats(states, minutes, 5)))
                .isEqualTo("""
                {"states":{"QUEUED":3,"COMPLETED":40},"minutes":[{"start":"2024-12-06T15:47:00Z","added":5,\
                "acknowledged":4,"completed":3,"deadLettered":1,"latency":{"p50Ms":12,"p95Ms":40,"maxMs":90,\
                "sampled":3}},{"start":"2024-12-06T15:48:00Z","added":0,"acknowledged":0,"completed":0,\
                "deadLettered":0,"latency":null}],"sampleSeconds":5}""");
    }
}
