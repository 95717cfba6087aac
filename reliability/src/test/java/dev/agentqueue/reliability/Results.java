package dev.agentqueue.reliability;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The figures of one scenario run, written to {@code reliability/target/reliability-results/<scenario>-<scale>.json}
 * so that docs/RELIABILITY.md quotes real runs.
 */
final class Results {

    private final String scenario;
    private final JsonObjectBuilder figures = Json.createObjectBuilder();

    Results(String scenario) {
        this.scenario = scenario;
        figures.add("scenario", scenario)
                .add("scale", Settings.scale())
                .add("startedAt", Instant.now().toString())
                .add("cores", Runtime.getRuntime().availableProcessors());
    }

    Results put(String name, long value) {
        figures.add(name, value);
        return this;
    }

    Results put(String name, String value) {
        figures.add(name, value);
        return this;
    }

    Results put(String name, Duration value) {
        figures.add(name + "Seconds", Math.round(value.toMillis() / 100.0) / 10.0);
        return this;
    }

    /** Records an account's counts under {@code prefix}. */
    Results put(String prefix, TaskAccount account) {
        JsonObjectBuilder states = Json.createObjectBuilder();
        account.byState().forEach(states::add);
        figures.add(
                prefix,
                Json.createObjectBuilder()
                        .add("accepted", account.accepted())
                        .add("byState", states)
                        .add("lost", account.lost().size())
                        .add("stuck", account.stuck().size())
                        .add("executedTwice", account.executedTwice().size())
                        .add("abandonedAttempts", account.abandonedAttempts())
                        .add("resultNotWrittenOnce", account.resultNotOnce().size())
                        .add("completedByNode", byNode(account))
                        .add("takenOverByAnotherNode", account.takenOver().size()));
        return this;
    }

    private static JsonObjectBuilder byNode(TaskAccount account) {
        JsonObjectBuilder nodes = Json.createObjectBuilder();
        account.completedByNode().forEach(nodes::add);
        return nodes;
    }

    /** Writes the figures and prints them, also as one {@code RELIABILITY scenario=} line in the build log. */
    void write() {
        JsonObject built = figures.build();
        System.out.println("RELIABILITY scenario=" + scenario + " " + built);
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(text)) {
            json.write(built);
        }
        Path file = Settings.path("results.dir").resolve(scenario + "-" + Settings.scale() + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.toString().strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Progress.say("figures written to %s:%n%s", file, text.toString().strip());
    }
}
