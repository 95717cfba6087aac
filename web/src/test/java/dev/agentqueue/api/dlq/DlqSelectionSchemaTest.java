package dev.agentqueue.api.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.api.GeneratedOpenApi;
import org.junit.jupiter.api.Test;

/** The documented bodies of {@code POST /dlq/redrive} and {@code /dlq/purge} name exactly the fields they accept. */
class DlqSelectionSchemaTest {

    @Test
    void theDocumentedRedriveFieldsAreTheOnesItAccepts() {
        assertThat(GeneratedOpenApi.properties("DeadLetterSelection"))
                .containsExactlyInAnyOrderElementsOf(DlqRequest.REDRIVE_FIELDS);
    }

    @Test
    void theDocumentedPurgeFieldsAreTheOnesItAccepts() {
        assertThat(GeneratedOpenApi.properties("DeadLetterPurgeSelection"))
                .containsExactlyInAnyOrderElementsOf(DlqRequest.PURGE_FIELDS);
    }

    @Test
    void theDocumentedFilterFieldsAreTheOnesAFilterAccepts() {
        assertThat(GeneratedOpenApi.properties("DeadLetterFilter"))
                .containsExactlyInAnyOrderElementsOf(DlqRequest.FILTER_FIELDS);
    }
}
