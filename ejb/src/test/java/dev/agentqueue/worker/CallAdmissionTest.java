package dev.agentqueue.worker;

import static dev.agentqueue.worker.DeliveryBuilder.aDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.limits.LimitScope;
import org.junit.jupiter.api.Test;

/** Which call limits a delivery must pass before it starts. */
class CallAdmissionTest {

    private static final AgentDefinition SCRIBE =
            new AgentDefinition("scribe", null, null, "m", null, null, null, null);

    @Test
    void anAgentCallIsLimitedByItsEndpointItsAgentAndItsConcurrencyKey() {
        assertThat(CallAdmission.scopes(
                        aDelivery()
                                .withAgent("scribe")
                                .withConcurrencyKey("acme")
                                .build(),
                        "openai-chat",
                        SCRIBE))
                .containsExactly(
                        LimitScope.endpoint("openai-chat"), LimitScope.agent("scribe"), LimitScope.key("acme"));
    }

    @Test
    void aContractThatCallsAnEndpointWithoutAnAgentIsLimitedByTheEndpoint() {
        assertThat(CallAdmission.scopes(aDelivery().build(), "search-api", null))
                .containsExactly(LimitScope.endpoint("search-api"));
    }

    @Test
    void aContractThatCallsNoProviderIsLimitedOnlyByItsConcurrencyKey() {
        assertThat(CallAdmission.scopes(aDelivery().withConcurrencyKey("acme").build(), null, null))
                .containsExactly(LimitScope.key("acme"));
    }

    @Test
    void aTaskWithoutEndpointOrKeyIsNotLimited() {
        assertThat(CallAdmission.scopes(aDelivery().build(), null, SCRIBE)).isEmpty();
    }
}
