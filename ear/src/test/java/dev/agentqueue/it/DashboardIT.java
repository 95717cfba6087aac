package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.echo;
import static dev.agentqueue.it.support.Jobs.failUntilRedriven;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Browser;
import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.pagefactory.ByChained;

/** The dashboard in a real headless Chromium against the real server: what a viewer sees, what an admin does. */
@ExtendWith(ArquillianExtension.class)
class DashboardIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** The dashboard, relative to the API's base. */
    private static final String DASHBOARD = "../../";

    private static final By ACTIONS = By.cssSelector("button.action");

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void theDashboardAndEveryAssetItLoadsAreServedHereToViewersAndAdminsOnly() {
        Reply page = api.as(Role.VIEWER.apiUser()).get(DASHBOARD);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        // Every asset is a path of this application: the dashboard works without internet.
        assertThat(page.body()).doesNotContain("http://", "https://", "//cdn");
        for (String asset : List.of(
                "assets/vendor/uplot/uPlot.iife.min.js", "assets/vendor/uplot/uPlot.min.css", "assets/js/main.js")) {
            assertThat(api.as(Role.ADMIN.apiUser()).get(DASHBOARD + asset).status())
                    .as(asset)
                    .isEqualTo(200);
        }
        assertThat(api.anonymous().get(DASHBOARD).status()).isEqualTo(401);
        assertThat(api.anonymous().get(DASHBOARD + "index.html").status()).isEqualTo(401);
        assertThat(api.anonymous().get(DASHBOARD + "assets/js/main.js").status())
                .isEqualTo(401);
        assertThat(api.as(Role.PRODUCER.apiUser()).get(DASHBOARD).status()).isEqualTo(403);
    }

    @Test
    void aViewerSeesTheOverviewTheDeadLettersAndATaskButNoActionButton() {
        String cause = "viewer sees tenant " + word();
        String id = api.enqueue(Jobs.build(Jobs.failTerminally(cause)));
        api.awaitState(id, "DEAD_LETTER", SETTLE);

        try (Browser viewer = Browser.as(Role.VIEWER, Deployments.appUrl())) {
            viewer.open("#/");
            viewer.await(By.id("queue-depth"));
            viewer.await(
                    "seven state cards",
                    d -> d.findElements(By.cssSelector("#state-cards .metric")).size() == 7);
            viewer.await(
                    "both charts",
                    d -> d.findElements(By.cssSelector(".uplot canvas")).size() == 2);
            viewer.await(By.id("caller-user"));
            assertThat(viewer.await(By.id("caller")).getText()).contains(Role.VIEWER.user(), "read only");
            assertThat(viewer.all(ACTIONS)).isEmpty();

            viewer.open("#/dlq");
            String fingerprint = viewer.await("the group of " + cause, d -> fingerprintOf(d, cause));
            viewer.await(
                    "the group's classification",
                    d -> d.findElement(group(fingerprint)).getText().contains("TERMINAL"));
            assertThat(viewer.all(ACTIONS)).isEmpty();

            viewer.open("#/tasks/" + id);
            viewer.await(
                    By.cssSelector("#task[data-state='DEAD_LETTER'] #timeline .entry[data-outcome='DEAD_LETTER']"));
            assertThat(viewer.await(By.id("task-error")).getText()).contains(cause);
            assertThat(viewer.all(ACTIONS)).isEmpty();

            viewer.open("#/tasks?state=DEAD_LETTER");
            viewer.await(By.cssSelector("#task-table tr[data-task='" + id + "']"));
        }
    }

    @Test
    void anAdminWatchesADeadLetteredGroupAppearRedrivesItFromThePageAndSeesItComplete() {
        String cause = "key revoked for tenant " + word();
        try (Browser admin = Browser.as(Role.ADMIN, Deployments.appUrl())) {
            admin.open("#/dlq");
            admin.await(By.id("dlq-total"));

            String id = api.enqueue(Jobs.build(failUntilRedriven("terminal", cause, 0)));
            String fingerprint = admin.await("the group of " + cause + " to appear", d -> fingerprintOf(d, cause));
            admin.click(new ByChained(group(fingerprint), By.cssSelector("button.redrive")));
            admin.await(By.cssSelector("dialog#confirm[open]"));
            admin.click(By.id("confirm-ok"));

            admin.await(
                    "the toast", d -> d.findElement(By.id("toast")).getText().equals("Redriven: 1"));
            admin.await(
                    "the group to go", d -> d.findElements(group(fingerprint)).isEmpty());
            admin.open("#/tasks/" + id);
            admin.await(By.cssSelector("#task[data-state='COMPLETED'] #timeline .entry[data-outcome='COMPLETED']"));
            assertThat(admin.all(By.cssSelector("#timeline .entry")))
                    .extracting(entry -> entry.getAttribute("data-outcome"))
                    .containsExactly("DEAD_LETTER", "REDRIVEN", "COMPLETED");
            assertThat(api.task(id).getString("state")).isEqualTo("COMPLETED");
        }
    }

    @Test
    void theOverviewChartsTheLastHourAsEveryNodeSamplesIt() {
        JsonObject before = api.get("stats").json();

        List<String> ids =
                api.enqueue(Jobs.build(echo(Json.createObjectBuilder().add("text", "hello"))), 20);
        ids.forEach(id -> api.awaitState(id, "COMPLETED", SETTLE));

        // The sampler (every 15 s) adds the broker's counts and recounts the minute's completions into Redis.
        JsonObject after = Deadline.await(
                "the last hour to count 20 more added and completed",
                SETTLE,
                () -> api.get("stats").json(),
                stats -> sum(stats, "added") >= sum(before, "added") + 20
                        && sum(stats, "completed") >= sum(before, "completed") + 20);
        assertThat(after.getJsonArray("minutes")).hasSize(60);
        assertThat(after.getJsonObject("states").getJsonNumber("COMPLETED").longValue())
                .isGreaterThanOrEqualTo(20);
        assertThat(after.getJsonArray("minutes").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(minute -> !minute.isNull("latency")))
                .isNotEmpty();

        try (Browser admin = Browser.as(Role.ADMIN, Deployments.appUrl())) {
            admin.open("#/");
            admin.await(
                    "the states",
                    d -> d.findElements(By.cssSelector("#state-cards .metric")).size() == 7);
            admin.await(
                    "a rate",
                    d -> d.findElement(By.id("enqueue-rate")).getText().contains("/s"));
            assertThat(admin.screenshot("dashboard")).exists();
        }
    }

    private static long sum(JsonObject stats, String field) {
        return stats.getJsonArray("minutes").stream()
                .mapToLong(minute -> minute.asJsonObject().getJsonNumber(field).longValue())
                .sum();
    }

    /** Returns the fingerprint of the dead-letter group whose text names {@code cause}, or null while none does. */
    private static String fingerprintOf(WebDriver page, String cause) {
        return page.findElements(By.cssSelector(".dlq-group")).stream()
                .filter(group -> group.getText().contains(cause))
                .map(group -> group.getAttribute("data-fingerprint"))
                .findFirst()
                .orElse(null);
    }

    private static By group(String fingerprint) {
        return By.cssSelector(".dlq-group[data-fingerprint='" + fingerprint + "']");
    }

    /** A word of its own for each test's error, so that its fingerprint (which ignores digits and ids) is too. */
    private static String word() {
        return ThreadLocalRandom.current()
                .ints(12, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
