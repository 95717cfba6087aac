package dev.agentqueue.dlq.triage;

import dev.agentqueue.metrics.DeadLetterAlertMetrics;
import dev.agentqueue.webhook.RetryDelays;
import dev.agentqueue.webhook.WebhookSignature;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Posts alerts to the configured webhook on the server's managed executor, never on the caller's thread: signed with
 * HMAC-SHA256 ({@link WebhookSignature}), and tried again with a doubling delay until it answers 2xx or the attempts
 * run out; every failure is logged. Without a secret nothing is posted: an unsigned alert could not be trusted.
 */
@ApplicationScoped
public class AlertWebhook {

    private static final Logger LOG = Logger.getLogger(AlertWebhook.class.getName());
    /** An alert is worth little after an hour; the attempts run out long before with the defaults. */
    private static final Duration MAX_DELAY = Duration.ofHours(1);

    @Inject
    AlertSettings settings;

    @Inject
    DeadLetterAlertMetrics metrics;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService executor;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Posts {@code body} to the webhook, if one is set; returns at once. */
    void post(String body) {
        if (settings.webhookUrl().isEmpty()) {
            return;
        }
        if (settings.webhookSecret().isEmpty()) {
            LOG.warning("DLQ alert not posted: agentqueue.dlq.alerts.webhook.url is set but no webhook secret"
                    + " (AGENTQUEUE_DLQ_ALERTS_WEBHOOK_SECRET)");
            return;
        }
        schedule(body, 1, Duration.ZERO);
    }

    private void schedule(String body, int attempt, Duration delay) {
        try {
            executor.schedule(() -> attempt(body, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | IllegalStateException e) {
            LOG.warning(() -> "DLQ alert not posted: the executor refused it (" + e + ")");
        }
    }

    private void attempt(String body, int attempt) {
        String failure;
        try {
            HttpResponse<Void> response = client.send(request(body), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return;
            }
            failure = "HTTP " + response.statusCode();
        } catch (IOException | RuntimeException | LinkageError e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        int attempts = settings.webhookAttempts();
        String why = failure;
        if (attempt >= attempts) {
            metrics.webhookFailed();
            LOG.warning(() -> "DLQ alert webhook failed " + attempts + " times, giving up: " + why);
            return;
        }
        Duration delay = RetryDelays.before(attempt + 1, settings.webhookRetryDelay(), MAX_DELAY);
        LOG.warning(() -> "DLQ alert webhook attempt " + attempt + " of " + attempts + " failed (" + why + "); next in "
                + delay.toMillis() + " ms");
        schedule(body, attempt + 1, delay);
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(URI.create(settings.webhookUrl().orElseThrow()))
                .timeout(settings.webhookTimeout())
                .header("Content-Type", "application/json")
                .header(
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(settings.webhookSecret().orElseThrow(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
