package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.HostileRequests;
import dev.agentqueue.it.support.RedisProbe;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.ApiUser;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 6 of the reliability suite: over a thousand generated malformed and hostile requests across every route
 * and method, as the admin (so they reach the handlers) and as callers without the right credentials. Every answer
 * is a 4xx problem+json without internals, and the store and the broker look exactly as before. The seed is fixed
 * and logged; {@code -Dagentqueue.it.fuzz.seed=<n>} replays another run.
 */
@ExtendWith(ArquillianExtension.class)
class RestFuzzIT {

    private static final Logger LOG = Logger.getLogger(RestFuzzIT.class.getName());
    private static final long DEFAULT_SEED = 20_260_006L;
    private static final int REQUESTS = 1_200;
    private static final Duration QUIET = Duration.ofMinutes(2);

    /** Words that would betray internals (class names, stack frames, server software) in an error body. */
    private static final List<String> LEAKS = List.of(
            "exception",
            "\tat ",
            "java.",
            "jakarta.",
            "org.jboss",
            "org.eclipse",
            "dev.agentqueue",
            "io.lettuce",
            "resteasy",
            "undertow",
            "wildfly",
            "<html",
            "caused by");

    private final AgentQueueApi api = Deployments.api();
    private final AgentQueueApi admin = api.as(Role.ADMIN.apiUser());

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    /** Who sends a request. */
    private enum Caller {
        ADMIN,
        PRODUCER,
        VIEWER,
        ANONYMOUS,
        WRONG_PASSWORD,
        GARBAGE_AUTHORIZATION
    }

    /** What the API and Redis show of the system's state. */
    private record Snapshot(long redisKeys, Map<String, Long> tasksByState, String queues, String breakers, long dlq) {}

    @Test
    void hostileRequestsGetA4xxProblemAndChangeNothing() {
        long seed = Long.getLong("agentqueue.it.fuzz.seed", DEFAULT_SEED);
        LOG.info("RELIABILITY scenario=6 fuzz seed=" + seed + " (replay: -Dagentqueue.it.fuzz.seed=" + seed + ")");
        HostileRequests requests = new HostileRequests(seed);
        Random callers = new Random(seed);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<Caller, Integer> byCaller = new TreeMap<>();
        List<String> failures = new ArrayList<>();

        try (RedisProbe redis = RedisProbe.connect()) {
            Snapshot before = quietSnapshot(redis);
            for (int i = 0; i < REQUESTS; i++) {
                HostileRequests.Request request = requests.next();
                Caller caller = caller(callers);
                Reply reply = send(caller, request, i);
                byStatus.merge(reply.status(), 1, Integer::sum);
                byCaller.merge(caller, 1, Integer::sum);
                String problem = problemWith(request, reply);
                if (problem != null) {
                    failures.add("#" + i + " as " + caller + ": " + request + "\n    -> " + problem + ": " + reply);
                }
            }
            Snapshot after = quietSnapshot(redis);

            long serverErrors = byStatus.entrySet().stream()
                    .filter(e -> e.getKey() >= 500)
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            LOG.info("RELIABILITY scenario=6 fuzz seed=" + seed + " requests=" + REQUESTS + " byStatus=" + byStatus
                    + " byCaller=" + byCaller + " 5xx=" + serverErrors + " failures=" + failures.size()
                    + " stateUnchanged=" + before.equals(after) + " redisKeys=" + before.redisKeys() + "->"
                    + after.redisKeys() + " tasksByState=" + after.tasksByState());
            assertThat(failures)
                    .as("seed " + seed + ": " + failures.size() + " bad answers, the first:\n"
                            + String.join("\n", failures.subList(0, Math.min(25, failures.size()))))
                    .isEmpty();
            assertThat(after).as("state after the fuzz run").isEqualTo(before);
        }
    }

    /** Returns what is wrong with an answer, or {@code null} when it is a clean 4xx problem. */
    private static String problemWith(HostileRequests.Request request, Reply reply) {
        if (reply.status() < 400 || reply.status() >= 500) {
            return "not a 4xx";
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            return "not problem+json";
        }
        if (reply.status() == 401 && reply.header("WWW-Authenticate") == null) {
            return "401 without a challenge";
        }
        if (request.method().equals("HEAD")) {
            return reply.body().isEmpty() ? null : "a body on HEAD";
        }
        String body = reply.body().toLowerCase(Locale.ROOT);
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                return "the body shows '" + leak.strip() + "'";
            }
        }
        try {
            JsonObject json = reply.json();
            return json.getInt("status", -1) == reply.status() && json.containsKey("title")
                    ? null
                    : "problem without a matching status and a title";
        } catch (RuntimeException e) {
            return "body is not a JSON object";
        }
    }

    private Reply send(Caller caller, HostileRequests.Request request, int index) {
        AgentQueueApi client = switch (caller) {
            case ADMIN -> admin;
            case PRODUCER -> api.as(Role.PRODUCER.apiUser());
            case VIEWER -> api.as(Role.VIEWER.apiUser());
            case ANONYMOUS, GARBAGE_AUTHORIZATION -> api.anonymous();
            case WRONG_PASSWORD ->
                api.as(new ApiUser("it-fuzz-nobody", "wrong-" + index)); // not a real user: see SecretsIT
        };
        Map<String, String> headers = new java.util.LinkedHashMap<>(request.headers());
        if (caller == Caller.GARBAGE_AUTHORIZATION) {
            headers.put("Authorization", garbageAuthorization(index));
        }
        return client.request(request.method(), request.path(), request.contentType(), request.body(), headers);
    }

    private static String garbageAuthorization(int index) {
        List<String> values = List.of(
                "Basic !!!not-base64!!!",
                "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString(":".getBytes(StandardCharsets.UTF_8)),
                "Basic",
                "Bearer eyJhbGciOiJub25lIn0.e30.",
                "Digest username=\"it-fuzz-nobody\"",
                "Basic " + "A".repeat(4000));
        return values.get(index % values.size());
    }

    private static Caller caller(Random random) {
        int roll = random.nextInt(100);
        if (roll < 60) {
            return Caller.ADMIN;
        }
        Caller[] others = {
            Caller.PRODUCER, Caller.VIEWER, Caller.ANONYMOUS, Caller.WRONG_PASSWORD, Caller.GARBAGE_AUTHORIZATION
        };
        return others[random.nextInt(others.length)];
    }

    /** Waits until nothing is in flight and two readings agree, and returns that reading. */
    private Snapshot quietSnapshot(RedisProbe redis) {
        Deadline.await("the task queue to be idle", QUIET, () -> admin.get("queues"), reply -> {
            JsonObject tasks = reply.status() == 200 ? reply.json().getJsonObject("tasks") : null;
            return tasks != null
                    && tasks.getInt("depth") == 0
                    && tasks.getInt("delivering") == 0
                    && tasks.getInt("scheduled") == 0;
        });
        Snapshot[] last = {snapshot(redis)};
        return Deadline.await("two equal snapshots in a row", QUIET, () -> snapshot(redis), s -> {
            boolean same = s.equals(last[0]);
            last[0] = s;
            return same;
        });
    }

    private Snapshot snapshot(RedisProbe redis) {
        JsonObject queues = admin.get("queues").json();
        return new Snapshot(
                redis.keyCount(),
                redis.tasksByState(),
                // The broker's counters; the reconciler's counters move by themselves with every pass.
                queues.getJsonObject("tasks").toString() + queues.getJsonObject("deadLetter"),
                admin.get("breakers").body(),
                admin.get("dlq/summary").json().getJsonNumber("total").longValue());
    }
}
