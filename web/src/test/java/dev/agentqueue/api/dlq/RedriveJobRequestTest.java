package dev.agentqueue.api.dlq;

import static dev.agentqueue.api.problem.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.dlq.DeadLetterFilter;
import dev.agentqueue.dlq.edit.PayloadEdit;
import dev.agentqueue.dlq.redrive.RedriveJobSpec;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A redrive job's body and an edited redrive's body are read as records, refusing what is wrong by its field. */
class RedriveJobRequestTest {

    @Test
    void aJobTakesItsFilterCanaryConfirmationAndCutoff() {
        RedriveJobSpec spec = RedriveJobRequest.parse(
                "{\"filter\":{\"agent\":\"a1\"},\"canary\":2,\"confirm\":true,\"before\":\"2026-01-31T12:00:00Z\"}",
                "ops");

        assertThat(spec.filter()).isEqualTo(new DeadLetterFilter(null, "a1", null, null));
        assertThat(spec.canary()).isEqualTo(2);
        assertThat(spec.confirm()).isTrue();
        assertThat(spec.before())
                .isEqualTo(Instant.parse("2026-01-31T12:00:00Z").toEpochMilli());
        assertThat(spec.requestedBy()).isEqualTo("ops");
    }

    @Test
    void aJobWithoutOptionsHasNoCanaryAndNoCutoff() {
        RedriveJobSpec spec = RedriveJobRequest.parse("{\"filter\":{\"fingerprint\":\"f00\"}}", null);

        assertThat(spec.canary()).isZero();
        assertThat(spec.confirm()).isFalse();
        assertThat(spec.before()).isNull();
    }

    static Stream<Arguments> jobRefusals() {
        return Stream.of(
                Arguments.of("{}", "filter", "filter is required"),
                Arguments.of("{\"filter\":{}}", "filter", "filter must be an object with at least one of"),
                Arguments.of("{\"filter\":[]}", "filter", "filter must be an object"),
                Arguments.of("{\"filter\":{\"contract\":\"x' OR 1=1\"}}", "filter.contract", "filter.contract must"),
                Arguments.of("{\"filter\":{\"colour\":\"red\"}}", "filter.colour", "Unknown field 'filter.colour'"),
                Arguments.of("{\"filter\":{\"agent\":\"a\"},\"canary\":-1}", "canary", "canary must be a whole"),
                Arguments.of("{\"filter\":{\"agent\":\"a\"},\"canary\":101}", "canary", "from 0 to 100"),
                Arguments.of("{\"filter\":{\"agent\":\"a\"},\"canary\":1.5}", "canary", "canary must be an integer"),
                Arguments.of("{\"filter\":{\"agent\":\"a\"},\"confirm\":\"yes\"}", "confirm", "true or false"),
                Arguments.of("{\"filter\":{\"agent\":\"a\"},\"confirm\":true}", "confirm", "confirm needs a canary"),
                Arguments.of("{\"filter\":{\"agent\":\"a\"},\"before\":\"yesterday\"}", "before", "ISO-8601"),
                Arguments.of("{\"filter\":{\"agent\":\"a\"},\"size\":3}", "size", "Unknown field 'size'"),
                Arguments.of("{\"filter\":", null, "Malformed JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobRefusals")
    void aBadJobIsRefusedNamingTheField(String body, String field, String detail) {
        assertRefused(() -> RedriveJobRequest.parse(body, "ops"), field, detail);
    }

    @Test
    void anEditIsANewPayloadOrAMergePatch() {
        assertThat(DeadLetterEditResource.edit("{\"payload\":{\"a\":1}}"))
                .isEqualTo(new PayloadEdit.Replace("{\"a\":1}"));
        assertThat(DeadLetterEditResource.edit("{\"patch\":{\"a\":null}}"))
                .isEqualTo(new PayloadEdit.MergePatch("{\"a\":null}"));
    }

    static Stream<Arguments> editRefusals() {
        return Stream.of(
                Arguments.of("{}", null, "Send exactly one of payload or patch"),
                Arguments.of("{\"payload\":{},\"patch\":{}}", null, "Send exactly one of payload or patch"),
                Arguments.of("{\"payload\":[1]}", "payload", "payload must be a JSON object"),
                Arguments.of("{\"patch\":\"x\"}", "patch", "patch must be a JSON object"),
                Arguments.of("{\"note\":\"x\"}", "note", "Unknown field 'note'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("editRefusals")
    void aBadEditIsRefusedNamingTheField(String body, String field, String detail) {
        assertRefused(() -> DeadLetterEditResource.edit(body), field, detail);
    }
}
