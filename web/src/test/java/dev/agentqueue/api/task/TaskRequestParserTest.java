package dev.agentqueue.api.task;

import static dev.agentqueue.api.problem.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.producer.TaskRequest;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The body of {@code POST /tasks} is read into a request, or refused with a problem naming the field. */
class TaskRequestParserTest {

    private static final String ECHO =
            "\"contract\":\"agentqueue.job.v1\",\"payload\":{\"job_type\":\"echo\",\"n\":[1,2.50]}";

    @Test
    void everyFieldIsReadAndThePayloadKeepsItsJsonAsSent() {
        TaskRequest request = TaskRequestParser.parse(
                "{" + ECHO + ",\"agent\":\"a1\",\"priority\":7,\"delayMs\":0,\"timeoutMs\":5000,"
                        + "\"idempotencyKey\":\"k\",\"correlationId\":\"c\"}",
                "k");

        assertThat(request.contract()).isEqualTo("agentqueue.job.v1");
        assertThat(request.agent()).contains("a1");
        assertThat(request.payloadJson()).isEqualTo("{\"job_type\":\"echo\",\"n\":[1,2.50]}");
        assertThat(request.priority()).isEqualTo(7);
        assertThat(request.delay()).isEqualTo(Duration.ZERO);
        assertThat(request.timeout()).contains(Duration.ofMillis(5000));
        assertThat(request.idempotencyKey()).contains("k");
        assertThat(request.correlationId()).contains("c");
    }

    @Test
    void nullMembersCountAsLeftOut() {
        TaskRequest request = TaskRequestParser.parse(
                "{\"contract\":\"c.v1\",\"payload\":null,\"priority\":null,\"agent\":null}", null);

        assertThat(request.priority()).isEqualTo(TaskRequest.DEFAULT_PRIORITY);
        assertThat(request.agent()).isEmpty();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("", null, "The request body is empty; send a JSON object"),
                Arguments.of("{\"contract\":", null, "Malformed JSON at line 1, column"),
                Arguments.of("[1,2,3]", null, "The request body must be a JSON object"),
                Arguments.of("null", null, "The request body must be a JSON object"),
                Arguments.of("{\"contract\":42}", "contract", "contract must be a string"),
                Arguments.of("{\"contract\":true}", "contract", "contract must be a string"),
                Arguments.of("{" + ECHO + ",\"agent\":{\"name\":\"x\"}}", "agent", "agent must be a string"),
                Arguments.of("{\"contract\":\"c.v1\",\"payload\":\"x\"}", "payload", "payload must be a JSON object"),
                Arguments.of("{\"contract\":\"c.v1\",\"payload\":[1]}", "payload", "payload must be a JSON object"),
                Arguments.of("{" + ECHO + ",\"priority\":10}", "priority", "priority must be an integer from 0 to 9"),
                Arguments.of("{" + ECHO + ",\"priority\":1.5}", "priority", "priority must be an integer"),
                Arguments.of("{" + ECHO + ",\"priority\":\"high\"}", "priority", "priority must be an integer"),
                Arguments.of("{" + ECHO + ",\"delayMs\":-1}", "delayMs", "delayMs must be zero or more"),
                Arguments.of("{" + ECHO + ",\"delayMs\":99999999999999999999}", "delayMs", "delayMs is out of range"),
                Arguments.of("{" + ECHO + ",\"timeoutMs\":0}", "timeoutMs", "timeoutMs must be positive"),
                Arguments.of("{" + ECHO + ",\"delay\":5}", "delay", "Unknown field 'delay'; accepted fields: [agent,"),
                Arguments.of(
                        "{\"contract\":\"c.v1\",\"payload\":" + "[".repeat(1500) + "]".repeat(1500) + "}",
                        null,
                        "Malformed JSON"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("refusals")
    void aBadBodyIsRefusedNamingTheField(String body, String field, String detail) {
        assertRefused(() -> TaskRequestParser.parse(body, null), field, detail);
    }

    @Test
    void anIdempotencyKeyInTheBodyMustMatchTheHeader() {
        assertThatThrownBy(() -> TaskRequestParser.parse("{\"contract\":\"c.v1\",\"idempotencyKey\":\"a\"}", "b"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.problem().body()).contains("differ"));
    }
}
