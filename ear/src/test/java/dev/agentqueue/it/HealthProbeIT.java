package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.ItRedis;
import dev.agentqueue.it.support.ItRedis.Stop;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MicroProfile Health probes on the management interface: live and ready while Redis and the broker answer;
 * not ready, but still live, while Redis is down, like the application's own {@code /health}; ready again once Redis
 * is back.
 */
@ExtendWith(ArquillianExtension.class)
class HealthProbeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PROBE_CHANGE = Duration.ofSeconds(30);

    /** A probe's answer: its HTTP status and the agentqueue check in its body. */
    private record Probe(int status, JsonObject check) {

        String data(String key) {
            return check.getJsonObject("data").getString(key, null);
        }
    }

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void theProbesAreUpWhileRedisAndTheBrokerAnswer() {
        Probe live = probe("/health/live");
        // Just after a deployment readiness can still be down (seen on Payara): it is what a load balancer waits for.
        Probe ready = Deadline.await(
                "readiness to be up", PROBE_CHANGE, () -> probe("/health/ready"), p -> p.status() == 200);

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.check().getString("status")).isEqualTo("UP");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.data("redis")).isEqualTo("UP");
        assertThat(ready.data("broker")).isEqualTo("UP");
    }

    @Test
    void readinessIsDownWhileRedisIsUnreachableAndLivenessIsNot() {
        ItRedis redis = ItRedis.fromSystemProperties();
        redis.stop(Stop.SHUTDOWN);
        try {
            Probe ready = Deadline.await(
                    "readiness to go down", PROBE_CHANGE, () -> probe("/health/ready"), p -> p.status() == 503);
            assertThat(ready.check().getString("status")).isEqualTo("DOWN");
            assertThat(ready.data("redis")).isEqualTo("DOWN");
            assertThat(ready.data("broker")).isEqualTo("UP");
            assertThat(probe("/health/live").status()).isEqualTo(200);
            assertThat(status(Deployments.appUrl("api/v1/health"))).isEqualTo(503);
        } finally {
            redis.resume();
        }
        Deadline.await("readiness to come back", PROBE_CHANGE, () -> probe("/health/ready"), p -> p.status() == 200);
    }

    private static Probe probe(String path) {
        HttpResponse<String> response = get(Deployments.managementUrl(path));
        JsonObject body;
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            body = reader.readObject();
        }
        JsonObject check = body.getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> "agentqueue".equals(c.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no agentqueue check in " + body));
        return new Probe(response.statusCode(), check);
    }

    private static int status(URI uri) {
        return get(uri).statusCode();
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("cannot GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
