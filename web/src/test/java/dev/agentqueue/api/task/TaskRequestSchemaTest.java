package dev.agentqueue.api.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.api.GeneratedOpenApi;
import org.junit.jupiter.api.Test;

/** The documented body of {@code POST /tasks} names exactly the fields the parser accepts. */
class TaskRequestSchemaTest {

    @Test
    void theDocumentedRequestFieldsAreTheOnesTheParserAccepts() {
        assertThat(GeneratedOpenApi.properties("TaskRequest"))
                .containsExactlyInAnyOrderElementsOf(TaskRequestParser.FIELDS);
    }
}
