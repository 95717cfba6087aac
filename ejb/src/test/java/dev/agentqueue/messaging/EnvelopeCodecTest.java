package dev.agentqueue.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.task.TaskIds;
import jakarta.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
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
                123L,
                "tenant-1",
                "https://hooks.example.com/done");

        TaskEnvelope decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(envelope), FALLBACK_ID, 0, 1);

        assertThat(decoded).isEqualTo(envelope);
    }

    @Test
    void aPlainJmsEnvelopeCarriesItsCallbackUrlAndAnEnvelopeWithoutOneWritesNone() {
        TaskEnvelope decoded = EnvelopeCodec.decode(
                "{\"contract\":\"agentqueue.job.v1\",\"callbackUrl\":\"https://hooks.example.com/x\"}",
                FALLBACK_ID,
                99L,
                60_000);

        assertThat(decoded.callbackUrl()).isEqualTo("https://hooks.example.com/x");
        assertThat(EnvelopeCodec.encode(decoded)).endsWith(",\"callbackUrl\":\"https://hooks.example.com/x\"}");
        assertThat(EnvelopeCodec.encode(EnvelopeCodec.decode("{\"contract\":\"c\"}", FALLBACK_ID, 99L, 60_000)))
                .doesNotContain("callbackUrl");
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

    /** Bodies as the JSON-P codec before Jackson wrote them: messages that may still wait in a broker's journal. */
    private static final String WRITTEN_BEFORE_JACKSON = """
            {"id":"01938a6e-7b7c-7d1f-8e2a-0123456789ab","contract":"agentqueue.job.v1","payload":{"job_type":"echo",\
            "args":{"text":"héllo \\"quoted\\"\\n","n":[1,2.5,-3E+2,12345678901234567890,true,null]}},\
            "priority":7,"timeoutMs":30000,"createdAt":1733500000123,"agent":"analyzer","correlationId":"corr-1",\
            "idempotencyKey":"key-1"}""";

    private static final String MINIMAL_WRITTEN_BEFORE_JACKSON = """
            {"id":"01938a6e-7b7c-7d1f-8e2a-0123456789ac","contract":"agentqueue.job.v1","payload":{},"priority":4,\
            "timeoutMs":60000,"createdAt":1733500000999}""";

    @Test
    void anEnvelopeWrittenBeforeJacksonIsStillReadAndWrittenTheSame() {
        TaskEnvelope decoded = EnvelopeCodec.decode(WRITTEN_BEFORE_JACKSON, FALLBACK_ID, 0, 1);

        assertThat(decoded)
                .isEqualTo(new TaskEnvelope(
                        "01938a6e-7b7c-7d1f-8e2a-0123456789ab",
                        "agentqueue.job.v1",
                        "analyzer",
                        Json.createObjectBuilder()
                                .add("job_type", "echo")
                                .add(
                                        "args",
                                        Json.createObjectBuilder()
                                                .add("text", "héllo \"quoted\"\n")
                                                .add(
                                                        "n",
                                                        Json.createArrayBuilder()
                                                                .add(1)
                                                                .add(new BigDecimal("2.5"))
                                                                .add(new BigDecimal("-3E+2"))
                                                                .add(new BigInteger("12345678901234567890"))
                                                                .add(true)
                                                                .addNull()))
                                .build(),
                        7,
                        "corr-1",
                        "key-1",
                        30_000,
                        1733500000123L,
                        null,
                        null));
        assertThat(EnvelopeCodec.encode(decoded)).isEqualTo(WRITTEN_BEFORE_JACKSON);
    }

    @Test
    void anEnvelopeWithoutOptionalMembersIsWrittenAsBeforeJackson() {
        TaskEnvelope decoded = EnvelopeCodec.decode(MINIMAL_WRITTEN_BEFORE_JACKSON, FALLBACK_ID, 0, 1);

        assertThat(decoded.agent()).isNull();
        assertThat(decoded.correlationId()).isNull();
        assertThat(decoded.idempotencyKey()).isNull();
        assertThat(EnvelopeCodec.encode(decoded)).isEqualTo(MINIMAL_WRITTEN_BEFORE_JACKSON);
    }

    @Test
    void wrongTypesAreRefusedRatherThanCoerced() {
        assertThatThrownBy(() -> decode("{\"contract\":\"c\",\"priority\":\"5\"}"))
                .hasMessageContaining("priority must be an integer");
        assertThatThrownBy(() -> decode("{\"contract\":\"c\",\"priority\":5.0}"))
                .hasMessageContaining("priority must be an integer");
        assertThatThrownBy(() -> decode("{\"contract\":\"c\",\"agent\":true}"))
                .hasMessageContaining("agent must be a string");
        assertThatThrownBy(() -> decode("{\"contract\":\"c\",\"payload\":null}"))
                .hasMessageContaining("payload must be a JSON object");
        assertThatThrownBy(() -> decode("{\"contract\":\"c\"} trailing"))
                .isInstanceOf(MalformedEnvelopeException.class);
    }

    @Test
    void unreadableJsonInsideAMemberIsReportedAsNoJsonObject() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> decode("{\"contract\":\"c\",\"payload\":{\"a\":" + deep + "}}"))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> decode("{\"contract\":\"c\",\"payload\":{\"a\":"))
                .hasMessageContaining("not a JSON object");
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
