package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.failTerminally;
import static dev.agentqueue.it.support.Jobs.failUntilRedriven;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.DeadLetters;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redrives and purges by filter that walk the dead-letter queue (the IT server walks it for every filter that leaves a
 * letter behind): the walk takes its letters whatever their priority, and the letters it leaves are back as they
 * were, counted alike by the tally and the broker.
 */
@ExtendWith(ArquillianExtension.class)
class DeadLetterWalkIT {

    private final AgentQueueApi api = Deployments.api();
    private final AgentQueueApi admin = api.as(Role.ADMIN.apiUser());
    private final DeadLetters letters = new DeadLetters(api);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aWalkRedrivesItsGroupAtEveryPriorityAndLeavesTheOthersAsTheyWere() {
        String goes = "walk goes " + UUID.randomUUID();
        String stays = "walk stays " + UUID.randomUUID();
        List<String> going = new ArrayList<>();
        List<String> staying = new ArrayList<>();
        for (int priority : new int[] {9, 0, 4}) {
            going.addAll(letters.make(2, failUntilRedriven("terminal", goes, 0).add("priority", priority)));
            staying.addAll(letters.make(2, failTerminally(stays).add("priority", 9 - priority)));
        }
        String goingGroup = letters.fingerprint(going.get(0));
        String stayingGroup = letters.fingerprint(staying.get(0));
        Map<String, JsonObject> before = listed(stayingGroup);

        JsonObject redriven =
                admin.postJson("dlq/redrive", filter(goingGroup)).expect(200).json();

        assertThat(redriven.getInt("redriven")).isEqualTo(going.size());
        going.forEach(id -> api.awaitState(id, "COMPLETED", DeadLetters.SETTLE));
        assertThat(letters.count(goingGroup)).isZero();
        assertThat(listed(stayingGroup))
                .as("put back with their priority, time, error and labels")
                .isEqualTo(before);
        assertThat(before.values().stream().map(letter -> letter.getInt("priority")))
                .containsExactlyInAnyOrder(9, 9, 0, 0, 5, 5);
        awaitTallyEqualsDepth();
    }

    @Test
    void aPurgeByFilterWalksPastTheLettersItLeavesAndTheNextWalkFindsThemAgain() {
        List<String> kept =
                letters.make(3, failTerminally("walk kept " + UUID.randomUUID()).add("priority", 2));
        List<String> purged = letters.make(3, failTerminally("walk purged " + UUID.randomUUID()));
        String keptGroup = letters.fingerprint(kept.get(0));

        JsonObject first = admin.postJson("dlq/purge", filter(letters.fingerprint(purged.get(0))))
                .expect(200)
                .json();
        JsonObject second =
                admin.postJson("dlq/purge", filter(keptGroup)).expect(200).json();

        assertThat(first.getInt("purged")).isEqualTo(3);
        assertThat(second.getInt("purged"))
                .as("the letters the first walk put back")
                .isEqualTo(3);
        purged.forEach(id -> assertThat(api.task(id).getString("state")).isEqualTo("PURGED"));
        kept.forEach(id -> assertThat(api.task(id).getString("state")).isEqualTo("PURGED"));
        assertThat(letters.count(keptGroup)).isZero();
        awaitTallyEqualsDepth();
    }

    /** Returns the listed letters of a group by task id, without their message ids (a letter put back is a copy). */
    private Map<String, JsonObject> listed(String fingerprint) {
        return api.get("dlq?limit=100&fingerprint=" + fingerprint).expect(200).json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .map(letter -> Json.createObjectBuilder(letter)
                        .remove("messageId")
                        .remove("task")
                        .build())
                .collect(Collectors.toMap(letter -> letter.getString("taskId"), letter -> letter));
    }

    private void awaitTallyEqualsDepth() {
        Deadline.await(
                "the summary's total to equal the broker's depth",
                DeadLetters.SETTLE,
                () -> api.get("dlq/summary")
                                .expect(200)
                                .json()
                                .getJsonNumber("total")
                                .longValue()
                        - api.deadLetterQueue().getJsonNumber("depth").longValue(),
                difference -> difference == 0);
    }

    private static JsonObject filter(String fingerprint) {
        JsonObjectBuilder filter = Json.createObjectBuilder().add("fingerprint", fingerprint);
        return Json.createObjectBuilder().add("filter", filter).build();
    }
}
