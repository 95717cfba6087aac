package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input over REST gets a clear problem+json 4xx and enqueues nothing. */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

    private static final String ECHO = "\"contract\":\"agentqueue.job.v1\",\"payload\":{\"job_type\":\"echo\"}";

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"contract\":", 400, null),
                Arguments.of("not an object", "[1,2,3]", 400, null),
                Arguments.of("empty body", "", 400, null),
                Arguments.of("missing contract", "{\"payload\":{}}", 400, "contract"),
                Arguments.of("contract of the wrong type", "{\"contract\":42}", 400, "contract"),
                Arguments.of("unknown contract", "{\"contract\":\"no.such.v1\"}", 400, "contract"),
                Arguments.of("unknown agent", "{" + ECHO + ",\"agent\":\"ghost\"}", 400, "agent"),
                Arguments.of(
                        "unknown job type",
                        "{\"contract\":\"agentqueue.job.v1\",\"payload\":{\"job_type\":" + "\"nope\"}}",
                        400,
                        "payload"),
                Arguments.of(
                        "payload not an object",
                        "{\"contract\":\"agentqueue.job.v1\",\"payload\":\"x\"}",
                        400,
                        "payload"),
                Arguments.of("priority above 9", "{" + ECHO + ",\"priority\":10}", 400, "priority"),
                Arguments.of("negative priority", "{" + ECHO + ",\"priority\":-1}", 400, "priority"),
                Arguments.of("fractional priority", "{" + ECHO + ",\"priority\":1.5}", 400, "priority"),
                Arguments.of("priority as a string", "{" + ECHO + ",\"priority\":\"high\"}", 400, "priority"),
                Arguments.of("negative delay", "{" + ECHO + ",\"delayMs\":-1}", 400, "delayMs"),
                Arguments.of("huge delay", "{" + ECHO + ",\"delayMs\":99999999999999999999}", 400, "delayMs"),
                Arguments.of("zero timeout", "{" + ECHO + ",\"timeoutMs\":0}", 400, "timeoutMs"),
                Arguments.of("unknown field", "{" + ECHO + ",\"delay\":5}", 400, "delay"),
                Arguments.of(
                        "idempotency key too long",
                        "{" + ECHO + ",\"idempotencyKey\":\"" + "k".repeat(300) + "\"}",
                        400,
                        "idempotencyKey"),
                Arguments.of(
                        "oversized payload",
                        "{\"contract\":\"agentqueue.job.v1\",\"payload\":{\"job_type\":"
                                + "\"echo\",\"arguments\":{\"blob\":\"" + "x".repeat(300 * 1024) + "\"}}}",
                        413,
                        "payload"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadTaskRequestIsRefusedWithAProblemAndNothingIsEnqueued(String what, String body, int status, String field) {
        long added = messagesAdded();

        Reply reply = api.post("tasks", "application/json", body);

        assertThat(reply.status()).as(what + ": " + reply).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getInt("status")).isEqualTo(status);
        assertThat(reply.json().getString("detail")).isNotBlank();
        if (field != null) {
            assertThat(reply.json().getString("field")).isEqualTo(field);
        }
        assertThat(messagesAdded()).isEqualTo(added);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAs415() {
        Reply reply = api.post("tasks", "text/plain", "hello");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anUnknownTaskIsNotFoundAndAMalformedIdIsABadRequest() {
        Reply unknown = api.get("tasks/01890a5d-ac96-774b-bcce-b302099a8057");
        Reply malformed = api.get("tasks/not-an-id");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("field")).isEqualTo("id");
    }

    @Test
    void anUnknownRouteIsAProblemToo() {
        Reply reply = api.get("no-such-route");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private long messagesAdded() {
        return api.taskQueue().getJsonNumber("messagesAdded").longValue();
    }
}
