package dev.agentqueue.api.support;

import static dev.agentqueue.api.problem.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.task.TaskIds;
import org.junit.jupiter.api.Test;

/** Ids in the path are lower-case UUIDs; anything else is a 400 naming what the id was to be of. */
class QueryParamsTest {

    @Test
    void anIdThatIsNoUuidIsRefusedNamingItsNoun() {
        assertRefused(() -> QueryParams.id("flow", "not-a-uuid"), "id", "Not a flow id: expected a lower-case UUID");
        assertRefused(() -> QueryParams.taskId("NOT-A-UUID"), "id", "Not a task id: expected a lower-case UUID");
    }

    @Test
    void aLowerCaseUuidIsTakenAsItIs() {
        String id = TaskIds.next();

        assertThat(QueryParams.id("flow", id)).isEqualTo(id);
        assertThat(QueryParams.taskId(id)).isEqualTo(id);
    }
}
