package dev.agentqueue.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A problem's JSON is byte for byte what the JSON-P rendering before Jackson wrote (captured from it). */
class ProblemTest {

    @Test
    void aProblemWithExtensionsListsThemAfterTheStandardMembers() {
        Problem problem = Problem.of(404, "not-in-dead-letter-queue", "Not in the dead-letter queue", "gone")
                .with("field", "ids")
                .with("taskIds", new LinkedHashSet<>(List.of("b", "a")));

        assertThat(problem.body()).isEqualTo("""
                        {"type":"urn:agentqueue:problem:not-in-dead-letter-queue","title":"Not in the dead-letter queue",\
                        "status":404,"detail":"gone","field":"ids","taskIds":["b","a"]}""");
    }

    @Test
    void aProblemWithoutDetailLeavesItOut() {
        assertThat(Problem.of(403, "forbidden", "Forbidden", null).body())
                .isEqualTo("{\"type\":\"urn:agentqueue:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403}");
    }
}
