package dev.agentqueue.api.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.producer.BatchItemError;
import dev.agentqueue.producer.InvalidBatchException;
import dev.agentqueue.producer.TaskRequest;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The body of {@code POST /tasks/batch}: every malformed task is named by its index, and nothing is accepted. */
class TaskBatchParserTest {

    private static final String ECHO = "{\"contract\":\"agentqueue.job.v1\",\"payload\":{\"job_type\":\"echo\"}}";

    @Test
    void aWellFormedBatchBecomesOneRequestPerTaskInOrder() {
        List<TaskRequest> requests = TaskRequestParser.parseBatch("{\"tasks\":[" + ECHO
                + ",{\"contract\":\"agentqueue.job.v1\",\"idempotencyKey\":\"k-1\",\"priority\":7}]}");

        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).idempotencyKey()).contains("k-1");
        assertThat(requests.get(1).priority()).isEqualTo(7);
    }

    @Test
    void everyMalformedTaskIsNamedByItsIndexAndField() {
        String body = "{\"tasks\":[" + ECHO + ",{\"contract\":\"agentqueue.job.v1\",\"priority\":12}," + ECHO
                + ",\"not an object\",{\"contract\":\"agentqueue.job.v1\",\"colour\":\"red\"}]}";

        assertThatThrownBy(() -> TaskRequestParser.parseBatch(body))
                .isInstanceOfSatisfying(
                        InvalidBatchException.class,
                        e -> assertThat(e.errors())
                                .extracting(BatchItemError::index, BatchItemError::field)
                                .containsExactly(tuple(1, "priority"), tuple(3, null), tuple(4, "colour")));
    }

    @Test
    void aBatchOfMoreThanAThousandTasksIsRefusedWhole() {
        String body =
                IntStream.range(0, 1_001).mapToObj(i -> ECHO).collect(Collectors.joining(",", "{\"tasks\":[", "]}"));

        assertThatThrownBy(() -> TaskRequestParser.parseBatch(body))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.problem().text("detail")).contains("1 to 1000 tasks, was 1001"));
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThatThrownBy(() -> TaskRequestParser.parseBatch("{\"tasks\":[]}")).isInstanceOf(ApiException.class);
    }
}
