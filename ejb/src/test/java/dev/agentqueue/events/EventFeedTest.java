package dev.agentqueue.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.redis.RedisSettings;
import dev.agentqueue.testing.RedisServerExtension;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listeners' feeds on dedicated connections, against a real redis-server. */
class EventFeedTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final String taskId = UUID.randomUUID().toString();
    private EventReaders readers;
    private StatefulRedisConnection<String, String> writer;

    @BeforeEach
    void setUp() {
        readers = new EventReaders();
        readers.client = REDIS.client();
        readers.settings = new RedisSettings() {
            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
        readers.readers = 2;
        writer = REDIS.client().connect();
    }

    @AfterEach
    void tearDown() {
        writer.close();
        readers.closeAll();
    }

    @Test
    void aReadWaitsForTheNextEventAndTheFeedMovesPastIt() throws Exception {
        try (EventFeed feed = new EventFeed(readers, taskId, TaskEvents.START)) {
            CompletableFuture<List<TaskEvent>> waiting =
                    feed.next(Duration.ofSeconds(5)).toCompletableFuture();

            String id = append("progress", "{\"percent\":10}");

            assertThat(waiting.get(5, TimeUnit.SECONDS))
                    .containsExactly(new TaskEvent(id, "progress", "{\"percent\":10}"));
            assertThat(feed.position()).isEqualTo(id);
            String next = append("progress", "{\"percent\":20}");
            assertThat(feed.next(Duration.ofSeconds(5)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .extracting(TaskEvent::id)
                    .containsExactly(next);
        }
    }

    @Test
    void aFeedStartingAfterAnEventGetsOnlyTheLaterOnes() throws Exception {
        String first = append("state", "{}");
        String second = append("progress", "{}");

        try (EventFeed feed = new EventFeed(readers, taskId, first)) {
            assertThat(feed.next(Duration.ofSeconds(1)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .extracting(TaskEvent::id)
                    .containsExactly(second);
        }
    }

    @Test
    void aReadWithoutEventsAnswersEmptyAfterItsWait() throws Exception {
        try (EventFeed feed = new EventFeed(readers, taskId, TaskEvents.START)) {
            assertThat(feed.next(Duration.ofMillis(100)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isEmpty();
        }
    }

    @Test
    void noMoreFeedsOpenThanThereAreReadersUntilOneIsClosed() {
        EventFeed one = new EventFeed(readers, taskId, TaskEvents.START);
        EventFeed two = new EventFeed(readers, taskId, TaskEvents.START);

        assertThatThrownBy(() -> new EventFeed(readers, taskId, TaskEvents.START))
                .isInstanceOf(EventReadersBusyException.class);
        one.close();
        one.close();
        new EventFeed(readers, taskId, TaskEvents.START).close();
        two.close();
    }

    private String append(String type, String data) {
        return writer.sync().xadd(RedisKeys.taskEvents(taskId), Map.of("type", type, "data", data));
    }
}
