package dev.agentqueue.api.dlq;

import static dev.agentqueue.api.problem.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.dlq.DeadLetterFilter;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A redrive or purge selects by ids, by filter or (a purge only) all, and refuses anything else naming the field. */
class DlqRequestTest {

    private static final String ID = "01890a5d-ac96-774b-bcce-b302099a8057";

    @Test
    void idsAreReadWithoutDuplicates() {
        DlqRequest request = DlqRequest.redrive("{\"ids\":[\"" + ID + "\",\"" + ID + "\"]}");

        assertThat(request.ids()).containsExactly(ID);
        assertThat(request.filter()).isNull();
    }

    @Test
    void aFilterTakesTheFieldsGiven() {
        DlqRequest request = DlqRequest.purge("{\"filter\":{\"agent\":\"a1\",\"fingerprint\":\"f00\"}}");

        assertThat(request.filter()).isEqualTo(new DeadLetterFilter(null, "a1", "f00", null));
    }

    @Test
    void onlyAPurgeMaySelectAll() {
        assertThat(DlqRequest.purge("{\"all\":true}").filter()).isEqualTo(DeadLetterFilter.ALL);
        assertThatThrownBy(() -> DlqRequest.redrive("{\"all\":true}"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.problem().body()).contains("Unknown field 'all'"));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("{}", null, "Send exactly one of ids, filter or all"),
                Arguments.of("{\"ids\":[\"" + ID + "\"],\"all\":true}", null, "Send exactly one of"),
                Arguments.of("{\"ids\":[]}", "ids", "ids must be an array of 1 to 1000 task ids"),
                Arguments.of("{\"ids\":\"" + ID + "\"}", "ids", "ids must be an array"),
                Arguments.of("{\"ids\":[42]}", "ids", "ids[0] must be a string"),
                Arguments.of("{\"ids\":[null]}", "ids", "ids must hold only task ids"),
                Arguments.of("{\"ids\":[\"nope\"]}", "ids", "ids must hold only task ids"),
                Arguments.of(
                        "{\"ids\":[" + String.join(",", Collections.nCopies(1001, "\"" + ID + "\"")) + "]}",
                        "ids",
                        "ids must be an array of 1 to 1000"),
                Arguments.of("{\"filter\":{}}", "filter", "filter must be an object with at least one of"),
                Arguments.of("{\"filter\":\"all\"}", "filter", "filter must be an object"),
                Arguments.of("{\"filter\":{\"colour\":\"red\"}}", "filter.colour", "Unknown field 'filter.colour'"),
                Arguments.of("{\"filter\":{\"fingerprint\":42}}", "filter.fingerprint", "must be a string"),
                Arguments.of("{\"filter\":{\"contract\":\"x' OR 1=1\"}}", "filter.contract", "filter.contract must be"),
                Arguments.of("{\"all\":false}", "all", "all must be true"),
                Arguments.of("{\"all\":\"true\"}", "all", "all must be true or false"),
                Arguments.of("{\"all\":1}", "all", "all must be true or false"),
                Arguments.of("{\"ids\":[\"" + ID + "\"", null, "Malformed JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aBadSelectionIsRefusedNamingTheField(String body, String field, String detail) {
        assertRefused(() -> DlqRequest.purge(body), field, detail);
    }
}
