package dev.agentqueue.api.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.breaker.BreakerParameters;
import dev.agentqueue.breaker.BreakerSnapshot;
import dev.agentqueue.breaker.BreakerState;
import dev.agentqueue.support.JsonRecords;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A breaker is written byte for byte as the JSON-P rendering before Jackson wrote it. */
class BreakerSchemasTest {

    private static final BreakerParameters PARAMETERS =
            new BreakerParameters(20, 0.5, Duration.ofSeconds(30), 3, Duration.ofSeconds(10));

    @Test
    void anOpenBreakerIsWrittenAsBeforeJackson() {
        BreakerSnapshot open = new BreakerSnapshot(
                "openai:gpt",
                BreakerState.OPEN,
                20,
                11,
                120,
                100,
                20,
                7,
                2,
                Instant.parse("2026-12-07T09:00:00Z"),
                Instant.parse("2026-12-07T09:00:30Z"),
                PARAMETERS);

        assertThat(JsonRecords.write(BreakerSchemas.Breaker.of(open))).isEqualTo("""
                {"name":"openai:gpt","state":"OPEN","counts":{"windowSize":20,"windowFailures":11,"calls":120,\
                "successes":100,"failures":20,"rejected":7,"opens":2},"parameters":{"requestVolumeThreshold":20,\
                "failureRatio":0.5,"delayMs":30000,"successThreshold":3,"probeLeaseMs":10000},\
                "openedAt":"2026-12-07T09:00:00Z","nextHalfOpenAt":"2026-12-07T09:00:30Z"}""");
    }

    @Test
    void aBreakerThatNeverOpenedHasNullTimes() {
        BreakerSnapshot closed =
                new BreakerSnapshot("b", BreakerState.CLOSED, 0, 0, 0, 0, 0, 0, 0, null, null, PARAMETERS);

        assertThat(JsonRecords.write(BreakerSchemas.Breaker.of(closed)))
                .endsWith("\"openedAt\":null,\"nextHalfOpenAt\":null}");
    }
}
