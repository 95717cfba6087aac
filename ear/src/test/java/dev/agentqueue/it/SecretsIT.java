package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.ApiUser;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.testsupport.provider.FakeOpenAi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7 of the reliability suite, the secrecy half ({@link SecurityIT} has the roles): passwords, tokens and
 * agent API keys sent to or configured in the server never come back in an answer, a task record, a dead letter or
 * the server log.
 */
@ExtendWith(ArquillianExtension.class)
class SecretsIT {

    private static final Logger LOG = Logger.getLogger(SecretsIT.class.getName());
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Pattern API_KEY = Pattern.compile("AGENTQUEUE_AGENTS_\\w+_API_KEY");

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void credentialsSentWithRequestsNeverComeBackNorReachTheLog() {
        String marker = "aqmarker" + UUID.randomUUID().toString().replace("-", "");
        // Wrong passwords go to a user that does not exist, so no real identity collects failures: configure.cli turns
        // WildFly's lockout per user off, but on a server where it is on they would lock the other tests out.
        List<AgentQueueApi> callers = List.of(
                api.as(new ApiUser(marker + "user", marker + "pw")),
                api.as(Role.VIEWER.apiUser()), // a real password, on routes it may not call
                api.as(Role.PRODUCER.apiUser()),
                api.anonymous());
        Map<String, String> headers = Map.of(
                "X-Api-Key", marker + "key",
                "Proxy-Authorization", "Basic " + base64(marker + ":proxy"),
                "Cookie", "JSESSIONID=" + marker + "cookie");
        int answers = 0;
        for (AgentQueueApi caller : callers) {
            for (SecurityIT.Route route : SecurityIT.routes().toList()) {
                Reply reply = caller.request(
                        route.method(),
                        route.path(),
                        route.body() == null ? null : "application/json",
                        route.body() == null ? null : route.body().getBytes(StandardCharsets.UTF_8),
                        headers);
                assertThat(reply.status()).as(route + ": " + reply).isLessThan(500);
                assertRevealsNone(route + " answer", reply.body() + reply.raw().headers(), secrets(marker));
                answers++;
            }
        }
        Reply realUser = api.as(new ApiUser(Role.VIEWER.user(), marker + "pw2")).get("queues");
        assertThat(realUser.status()).isEqualTo(401);
        assertRevealsNone(
                "wrong password answer", realUser.body() + realUser.raw().headers(), secrets(marker));
        Reply bearer = api.anonymous()
                .request("GET", "tasks", null, null, Map.of("Authorization", "Bearer " + marker + "token"));
        assertThat(bearer.status()).isEqualTo(401);
        assertRevealsNone("bearer answer", bearer.body() + bearer.raw().headers(), secrets(marker));

        assertRevealsNone("server log", serverLog(), secrets(marker));
        LOG.info("RELIABILITY scenario=7 secrets answersChecked=" + (answers + 2) + " secretsChecked="
                + secrets(marker).size() + " found=0");
    }

    @Test
    void agentApiKeysNeverAppearInTaskRecordsErrorsOrTheLog() {
        String refusedId;
        try (FakeOpenAi provider = FakeOpenAi.start(FakeOpenAi.port("agentqueue.it.llm-port"))) {
            String answered = api.enqueue(AgentIT.chat("scribe", "hello " + UUID.randomUUID()));
            refusedId = api.enqueue(AgentIT.chat("intruder", "hello " + UUID.randomUUID()));
            api.awaitState(answered, "COMPLETED", SETTLE);
            api.awaitState(refusedId, "DEAD_LETTER", SETTLE);
        }
        AgentQueueApi admin = api.as(Role.ADMIN.apiUser());
        // The record says DEAD_LETTER a moment before the worker's transaction commits the dead letter.
        String refused = Deadline.await(
                        "the dead letter of " + refusedId,
                        SETTLE,
                        () -> admin.get("dlq?agent=intruder&limit=100"),
                        r -> r.status() == 200 && r.body().contains(refusedId))
                .body();
        assertThat(refused).contains("authentication failed (401)");

        Set<String> keys = agentApiKeys();
        assertThat(keys).isNotEmpty();
        assertRevealsNone("dead letters of the intruder agent", refused, keys);
        assertRevealsNone(
                "task list",
                admin.get("tasks?contract=agentqueue.chat.v1&limit=100").body(),
                keys);
        assertRevealsNone("dlq summary", admin.get("dlq/summary").body(), keys);
        String health = api.anonymous().get("health").body();
        assertRevealsNone("health", health, keys);
        assertRevealsNone("health", health, Set.of("redis://", Role.ADMIN.password()));
        assertRevealsNone("server log", serverLog(), keys);
        LOG.info("RELIABILITY scenario=7 agent-keys keysChecked=" + keys.size() + " found=0");
    }

    private static Set<String> secrets(String marker) {
        Set<String> secrets = new LinkedHashSet<>(List.of(marker));
        for (Role role : Role.values()) {
            secrets.add(role.password());
        }
        secrets.addAll(agentApiKeys());
        Optional.ofNullable(System.getenv("AGENTQUEUE_CALLBACKS_SECRET")).ifPresent(secrets::add);
        return secrets;
    }

    /** The agent API keys the IT server runs with: {@code AGENTQUEUE_AGENTS_<NAME>_API_KEY}, set by failsafe. */
    private static Set<String> agentApiKeys() {
        Set<String> keys = new LinkedHashSet<>();
        System.getenv().forEach((name, value) -> {
            if (API_KEY.matcher(name).matches()) {
                keys.add(value);
            }
        });
        return keys;
    }

    private static String serverLog() {
        Path log = Path.of(System.getProperty("jboss.home", "target/wildfly"), "standalone", "log", "server.log");
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertRevealsNone(String where, String text, Set<String> secrets) {
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            int at = text.indexOf(secret);
            if (at >= 0) {
                found.add(secret + " in «" + text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 40))
                        + "»");
            }
        }
        assertThat(found).as(where + " reveals secrets").isEmpty();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
