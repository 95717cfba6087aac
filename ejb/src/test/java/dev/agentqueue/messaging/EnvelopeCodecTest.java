package dev.agentqueue.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.task.TaskIds;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private static final String FALLBACK_ID = TaskIds.fromMessageId("ID:1");

    @Test
    void anEnvelopeSurvivesARoundTrip() {
        TaskEnvelope envelope = new TaskEnvelope(
                TaskIds.next(),
                "agentqueue.job.v1",
                "analyzer",
                Json.createObjectBuilder().add("job_type", "echo").build(),
                7,
                "corr-1",
                "key-1",
                30_000,
                123L);

        TaskEnvelope decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(envelope), FALLBACK_ID, 0, 1);

        assertThat(decoded).isEqualTo(envelope);
    }

    @Test
    void aPlainJmsEnvelopeGetsItsIdTimeAndTimeoutFilledIn() {
        TaskEnvelope decoded = EnvelopeCodec.decode("{\"contract\":\"agentqueue.job.v1\"}", FALLBACK_ID, 99L, 60_000);

        assertThat(decoded.id()).isEqualTo(FALLBACK_ID);
        assertThat(decoded.createdAt()).isEqualTo(99L);
        assertThat(decoded.timeoutMs()).isEqualTo(60_000);
        assertThat(decoded.priority()).isEqualTo(4);
        assertThat(decoded.payload()).isEmpty();
    }

    @Test
    void garbageIsRefusedWithItsReason() {
        assertThatThrownBy(() -> decode("not json"))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> decode("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> decode("{}")).hasMessageContaining("no contract");
        assertThatThrownBy(() -> decode("{\"contract\":\"c\",\"payload\":3}")).hasMessageContaining("payload");
        assertThatThrownBy(() -> decode("{\"contract\":\"c\",\"priority\":12}")).hasMessageContaining("priority");
        assertThatThrownBy(() -> decode("{\"contract\":\"c\",\"id\":\"x\"}")).hasMessageContaining("UUID");
        assertThatThrownBy(() -> decode("{\"contract\":7}")).hasMessageContaining("must be a string");
        assertThatThrownBy(() -> decode("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> decode("{\"contract\":\"c\",\"priority\":10000000000000000000000000000000000000000}"))
                .hasMessageContaining("priority is out of range");
        assertThatThrownBy(
                        () -> decode("{\"contract\":\"c\",\"x\":\"" + "a".repeat(EnvelopeCodec.MAX_BODY_CHARS) + "\"}"))
                .hasMessageContaining("limit");
    }

    @Test
    void theIdOfAnUnusableBodyIsRecoveredWhenPresent() {
        String id = TaskIds.next();
        assertThat(EnvelopeCodec.idIn("{\"id\":\"" + id + "\",\"priority\":99}"))
                .isEqualTo(id);
        assertThat(EnvelopeCodec.idIn("garbage")).isNull();
    }

    private static TaskEnvelope decode(String body) {
        return EnvelopeCodec.decode(body, FALLBACK_ID, 0, 1000);
    }
}
