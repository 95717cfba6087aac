package dev.agentqueue.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Replies of a remote Artemis broker to management messages, as its 2.44 broker writes them. */
class ManagementReplyTest {

    @Test
    void anAttributeReplyCarriesItsValueAsTheOnlyElement() {
        assertThat(ManagementReply.number(ManagementReply.result("count", true, "[42]")))
                .isEqualTo(42);
        assertThat(ManagementReply.bool(ManagementReply.result("paused", true, "[true]")))
                .isTrue();
        assertThat(ManagementReply.bool(ManagementReply.result("paused", true, "[false]")))
                .isFalse();
    }

    @Test
    void addressSettingsComeAsAJsonStringThatParsesIntoTheRedeliveryPolicy() {
        String body = "[\"{\\\"maxDeliveryAttempts\\\":7,\\\"redeliveryDelay\\\":250,"
                + "\\\"redeliveryMultiplier\\\":3.0,\\\"maxRedeliveryDelay\\\":9000}\"]";

        String json = ManagementReply.text(ManagementReply.result("settings", true, body));

        assertThat(BrokerManagement.parseAddressSettings(json)).isEqualTo(new RedeliverySettings(250, 3.0, 9000, 7));
    }

    @Test
    void aFailedOperationThrowsWithTheBrokersReason() {
        assertThatThrownBy(() -> ManagementReply.result("queue.x nope", false, "[\"AMQ229069: no operation nope/0\"]"))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("queue.x nope")
                .hasMessageContaining("AMQ229069");
    }

    @Test
    void aReplyThatIsNotJsonIsABrokerFailureNotAParserCrash() {
        assertThatThrownBy(() -> ManagementReply.result("count", true, "<html>"))
                .isInstanceOf(BrokerUnavailableException.class);
    }

    @Test
    void listingsYieldThePropertyOfEveryScheduledAndDeliveringMessage() {
        Set<String> values = new HashSet<>();

        ManagementReply.collect(
                values,
                "taskId",
                ManagementReply.result("scheduled", true, "[[{\"taskId\":\"a\",\"priority\":4},{\"priority\":1}]]"));
        ManagementReply.collectByConsumer(
                values,
                "taskId",
                ManagementReply.result(
                        "delivering", true, "[{\"consumer-1\":[{\"taskId\":\"b\"}],\"consumer-2\":[{\"taskId\":7}]}]"));

        assertThat(values).containsExactlyInAnyOrder("a", "b", "7");
    }

    @Test
    void emptyListingsYieldNothing() {
        Set<String> values = new HashSet<>();

        ManagementReply.collect(values, "taskId", ManagementReply.result("scheduled", true, "[[]]"));
        ManagementReply.collectByConsumer(values, "taskId", ManagementReply.result("delivering", true, "[{}]"));

        assertThat(values).isEmpty();
    }
}
