package dev.agentqueue.api.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.api.support.Page;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The task's JSON is byte for byte what the JSON-P rendering before Jackson wrote (captured from it). */
class TaskViewTest {

    @Test
    void aTaskWithEveryMemberIsWrittenAsBeforeJackson() {
        Map<String, String> hash = new HashMap<>();
        hash.put("id", "01938a6e-7b7c-7d1f-8e2a-0123456789ab");
        hash.put("contract", "agentqueue.job.v1");
        hash.put("agent", "analyzer");
        hash.put("payload", "{\"job_type\":\"echo\",\"n\":[1,2.5]}");
        hash.put("priority", "7");
        hash.put("correlationId", "corr-1");
        hash.put("idempotencyKey", "key-1");
        hash.put("state", "DEAD_LETTER");
        hash.put("attempt", "2");
        hash.put("maxAttempts", "3");
        hash.put("timeoutMs", "30000");
        hash.put("createdAt", "1733500000123");
        hash.put("startedAt", "1733500000200");
        hash.put("finishedAt", "1733500000300");
        hash.put("nextAttemptAt", "");
        hash.put("result", "");
        hash.put("warnings", "[\"slow\"]");
        hash.put(
                "error",
                "{\"classification\":\"TERMINAL\",\"type\":\"x.Boom\",\"message\":\"bad \\\"input\\\"\","
                        + "\"fingerprint\":\"abc123\"}");
        hash.put(
                "history",
                "[{\"attempt\":1,\"node\":\"n1\",\"start\":1733500000200,\"end\":1733500000250,\"outcome\":\"FAILED\","
                        + "\"error\":{\"classification\":\"RETRYABLE\",\"type\":\"x.T\",\"message\":\"m\"}},"
                        + "{\"attempt\":2,\"start\":1733500000260}]");
        hash.put("usage", "{\"input_tokens\":10,\"output_tokens\":20}");

        assertThat(JsonRecords.write(TaskView.of(TaskSnapshot.fromHash(hash)))).isEqualTo("""
                        {"id":"01938a6e-7b7c-7d1f-8e2a-0123456789ab","contract":"agentqueue.job.v1","state":"DEAD_LETTER",\
                        "priority":7,"attempt":2,"maxAttempts":3,"timeoutMs":30000,"payload":{"job_type":"echo","n":[1,2.5]},\
                        "warnings":["slow"],"history":[{"attempt":1,"node":"n1","start":"2024-12-06T15:46:40.200Z",\
                        "end":"2024-12-06T15:46:40.250Z","outcome":"FAILED","error":{"classification":"RETRYABLE",\
                        "type":"x.T","message":"m"}},{"attempt":2,"start":"2024-12-06T15:46:40.260Z"}],"agent":"analyzer",\
                        "correlationId":"corr-1","idempotencyKey":"key-1","createdAt":"2024-12-06T15:46:40.123Z",\
                        "startedAt":"2024-12-06T15:46:40.200Z","finishedAt":"2024-12-06T15:46:40.300Z","result":null,\
                        "error":{"classification":"TERMINAL","type":"x.Boom","message":"bad \\"input\\"",\
                        "fingerprint":"abc123"},"usage":{"input_tokens":10,"output_tokens":20}}""");
    }

    @Test
    void aPageOfAMinimalTaskLeavesOutTheEmptyMembersAndKeepsTheNullOnes() {
        Map<String, String> hash = Map.of(
                "id", "01938a6e-7b7c-7d1f-8e2a-0123456789ac",
                "contract", "c.v1",
                "payload", "{}",
                "state", "COMPLETED",
                "createdAt", "1733500000999",
                "result", "{\"ok\":true}");

        assertThat(JsonRecords.write(new Page<>(List.of(TaskView.of(TaskSnapshot.fromHash(hash))), null)))
                .isEqualTo("""
                        {"items":[{"id":"01938a6e-7b7c-7d1f-8e2a-0123456789ac","contract":"c.v1","state":"COMPLETED",\
                        "priority":4,"attempt":0,"maxAttempts":0,"timeoutMs":0,"payload":{},"warnings":[],"history":[],\
                        "createdAt":"2024-12-06T15:46:40.999Z","result":{"ok":true},"error":null}],"nextCursor":null}""");
    }

    @Test
    void aTaskWithAFailedCallbackShowsItsUrlTriesAndLastAnswer() {
        Map<String, String> hash = Map.of(
                "id", "01938a6e-7b7c-7d1f-8e2a-0123456789ad",
                "contract", "c.v1",
                "state", "COMPLETED",
                "callbackUrl", "https://hooks.example.com/done",
                "callbackState", "FAILED",
                "callbackAttempts", "8",
                "callbackLastStatus", "500",
                "callbackLastError", "HTTP 500",
                "callbackLastAt", "1733500000999",
                "callbackNextAt", "");

        assertThat(JsonRecords.write(TaskView.of(TaskSnapshot.fromHash(hash)))).endsWith("""
                        "callback":{"url":"https://hooks.example.com/done","state":"FAILED","attempts":8,\
                        "lastStatus":500,"lastError":"HTTP 500","lastAttemptAt":"2024-12-06T15:46:40.999Z"}}""");
    }
}
