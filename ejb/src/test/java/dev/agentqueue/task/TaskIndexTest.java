package dev.agentqueue.task;

import static dev.agentqueue.task.NewTaskBuilder.aNewTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.support.PageCursor;
import dev.agentqueue.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listing tasks from the index sorted sets, against a real redis-server. */
class TaskIndexTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisGateway gateway;
    private TaskStore store;
    private TaskIndex index;

    @BeforeEach
    void setUp() {
        gateway = RedisGateway.of(REDIS.client());
        gateway.call(r -> r.flushall());
        store = TaskStores.on(gateway);
        index = new TaskIndex();
        index.redis = gateway;
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void pagesWalkAStateNewestFirstWithoutGapsOrRepeats() {
        List<String> ids = created(7);

        List<String> listed = all(TaskState.QUEUED, null, 3);

        Collections.reverse(ids);
        assertThat(listed).containsExactlyElementsOf(ids);
    }

    @Test
    void withoutFiltersEveryStateIsMergedNewestFirst() {
        List<String> ids = created(4);
        store.start(ids.get(1), 1, 5, "node", System.currentTimeMillis() + 10);

        List<String> listed = all(null, null, 2);

        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids).hasSize(4);
        assertThat(listed.get(0)).isEqualTo(ids.get(1));
    }

    @Test
    void aContractListingChecksTheStateOfEachRecord() {
        List<String> ids = created(3);
        store.cancel(ids.get(0), System.currentTimeMillis());

        TaskPage page = index.list(new TaskQuery(TaskState.CANCELLED, "agentqueue.job.v1", null, 10, null));

        assertThat(page.tasks()).extracting(TaskSnapshot::id).containsExactly(ids.get(0));
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void anExpiredRecordIsSkippedAndDroppedFromTheIndex() {
        List<String> ids = created(3);
        gateway.call(r -> r.del(RedisKeys.task(ids.get(1))));

        List<String> listed = all(TaskState.QUEUED, null, 10);

        assertThat(listed).containsExactly(ids.get(2), ids.get(0));
        Double score = gateway.call(r -> r.zscore(RedisKeys.stateIndex(TaskState.QUEUED.name()), ids.get(1)));
        assertThat(score).isNull();
    }

    private List<String> created(int count) {
        List<String> ids = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            NewTask task = aNewTask().withCreatedAt(now + i).build();
            store.create(task, false);
            ids.add(task.id());
        }
        return ids;
    }

    private List<String> all(TaskState state, String contract, int limit) {
        List<String> ids = new ArrayList<>();
        PageCursor cursor = null;
        do {
            TaskPage page = index.list(new TaskQuery(state, contract, null, limit, cursor));
            page.tasks().forEach(t -> ids.add(t.id()));
            cursor = page.nextCursor() == null ? null : PageCursor.decode(page.nextCursor());
        } while (cursor != null);
        return ids;
    }
}
