package dev.agentqueue.callback;

import dev.agentqueue.metrics.CallbackMetrics;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.support.RetryAfter;
import dev.agentqueue.task.TaskCallback;
import dev.agentqueue.task.TaskLog;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.webhook.WebhookSignature;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Posts due callbacks: every {@code agentqueue.callbacks.poll-interval} each node takes a few due callbacks from the
 * {@link CallbackSchedule}, posts them without waiting (signed, {@link WebhookSignature}), and records each try's
 * verdict ({@link CallbackPolicy}, which heeds a {@code Retry-After}) on its task when the answer comes, on the managed
 * executor. A node that dies while posting leaves its callbacks to another node when the lease ends, so a receiver
 * may see a callback twice, never none.
 */
@Singleton
@Startup
public class CallbackDispatcher {

    /** Most posts one node has under way; a poll takes only as many due callbacks as leave it at this. */
    static final int MAX_IN_FLIGHT = 64;

    /** The event header's value, for receivers that take several kinds of webhook on one URL. */
    static final String EVENT_HEADER = "X-AgentQueue-Event";

    private static final Logger LOG = Logger.getLogger(CallbackDispatcher.class.getName());
    private static final Duration FIRST_POLL_DELAY = Duration.ofSeconds(2);
    /** Beyond the try's own timeout, for recording it; a lease ending sooner could let a second node post too. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    @Inject
    CallbackSettings settings;

    @Inject
    CallbackSchedule schedule;

    @Inject
    TaskStore store;

    @Inject
    CallbackMetrics metrics;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final AtomicInteger inFlight = new AtomicInteger();
    private HttpClient client;
    private ScheduledFuture<?> polls;

    @PostConstruct
    void schedule() {
        client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        // A fixed delay, not an EJB interval timer: a poll slower than the interval (a loaded node) is never
        // overlapped by the next, which the container would log as a skipped execution each time.
        polls = scheduler.scheduleWithFixedDelay(
                this::poll, FIRST_POLL_DELAY.toMillis(), settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        polls.cancel(false);
    }

    private void poll() {
        try {
            postDue();
        } catch (RuntimeException | LinkageError e) {
            // Redis away: the schedule keeps every callback, the next poll tries again. Nothing may escape, or the
            // executor would run no further polls.
            LOG.log(Level.FINE, "Callback poll failed", e);
        }
    }

    private void postDue() {
        int room = MAX_IN_FLIGHT - inFlight.get();
        if (room <= 0) {
            return;
        }
        long now = System.currentTimeMillis();
        long leaseUntil = now + settings.timeout().plus(LEASE_MARGIN).toMillis();
        for (String id : schedule.claim(now, leaseUntil, room)) {
            start(id).ifPresent(attempt -> {
                inFlight.incrementAndGet();
                // Recorded on the managed executor, so a slow receiver never holds up the next poll.
                attempt.verdict().whenCompleteAsync((verdict, error) -> finish(attempt), executor);
            });
        }
    }

    /** One callback being posted: its task, the try's number, and the answer to come. */
    private record Try(TaskSnapshot task, int attempt, CompletableFuture<CallbackVerdict> verdict) {}

    private Optional<Try> start(String id) {
        Optional<TaskSnapshot> found = store.find(id);
        TaskCallback callback = found.map(TaskSnapshot::callback).orElse(null);
        if (callback == null
                || !"PENDING".equals(callback.state())
                || !found.get().state().isSettled()) {
            schedule.drop(id);
            return Optional.empty();
        }
        TaskSnapshot task = found.get();
        int attempt = callback.attempts() + 1;
        CallbackPolicy policy = settings.policy();
        Optional<String> secret = settings.secret();
        URI target;
        try {
            target = CallbackUrls.check(callback.url(), settings.allowedHosts());
        } catch (IllegalArgumentException e) {
            return Optional.of(new Try(
                    task,
                    attempt,
                    CompletableFuture.completedFuture(new CallbackVerdict.Failed(null, e.getMessage()))));
        }
        if (secret.isEmpty()) {
            CallbackVerdict unsigned =
                    new CallbackVerdict.Failed(null, "no callback secret set (AGENTQUEUE_CALLBACKS_SECRET)");
            return Optional.of(new Try(task, attempt, CompletableFuture.completedFuture(unsigned)));
        }
        CompletableFuture<CallbackVerdict> verdict = client.sendAsync(
                        request(target, secret.get(), task), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> response != null
                        ? policy.after(
                                attempt,
                                response.statusCode(),
                                null,
                                RetryAfter.of(response.headers()).orElse(null))
                        : policy.after(attempt, null, describe(error)));
        return Optional.of(new Try(task, attempt, verdict));
    }

    private HttpRequest request(URI target, String secret, TaskSnapshot task) {
        String body = JsonRecords.write(CallbackPayload.of(task));
        long timestamp = System.currentTimeMillis() / 1000;
        return HttpRequest.newBuilder(target)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(EVENT_HEADER, CallbackPayload.TASK_SETTLED)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private void finish(Try attempt) {
        try {
            record(attempt);
        } catch (RuntimeException e) {
            // Redis away: the lease ends and the callback is tried again.
            LOG.log(Level.WARNING, "Callback try of task " + attempt.task().id() + " not recorded", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void record(Try attempt) {
        CallbackVerdict verdict;
        try {
            verdict = attempt.verdict().join();
        } catch (RuntimeException e) {
            verdict = settings.policy().after(attempt.attempt(), null, describe(e));
        }
        TaskSnapshot task = attempt.task();
        if (!schedule.record(task.id(), attempt.attempt(), verdict, System.currentTimeMillis())) {
            return;
        }
        String outcome =
                verdict.state().equals("PENDING") ? "retried" : verdict.state().toLowerCase(Locale.ROOT);
        metrics.tried(outcome);
        String line = "Callback of " + TaskLog.of(task.id(), task.contract()) + " (" + task.state() + ") try "
                + attempt.attempt() + ": " + outcome
                + (verdict.error() == null ? " (HTTP " + verdict.status() + ")" : " (" + verdict.error() + ")");
        Level level = verdict instanceof CallbackVerdict.Failed
                ? Level.WARNING
                : verdict instanceof CallbackVerdict.Retry ? Level.INFO : Level.FINE;
        LOG.log(level, line);
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
