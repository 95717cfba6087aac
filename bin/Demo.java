import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo that {@code bin/agentqueue run} finishes with: enqueues a small batch of diagnostic jobs and embedding
 * tasks (in-process model, offline) over the REST API, plus one chat task per agent configured through
 * {@code AGENTQUEUE_AGENTS_<NAME>_*} environment variables whose base URL answers; prints a progress table every
 * second until every task has settled, then checks each task's outcome. Given the base URLs of several nodes of one
 * cluster, it enqueues through each in turn and shows which node ran each task. With
 * {@code AGENTQUEUE_DEMO_PROVIDER_PORT} set, it then runs a multi-agent flow ({@link DemoPipeline}) against a fake
 * provider it serves on that port.
 *
 * <p>Run with the JDK alone: {@code AGENTQUEUE_USER=... AGENTQUEUE_PASSWORD=... java bin/Demo.java
 * http://127.0.0.1:8080 [http://127.0.0.1:8180 ...]}; the user needs the producer and viewer roles (or admin). Exit status 0 when every task
 * ended as expected, 1 on a deadline or API error, 2 when a task settled in an unexpected state.
 */
public class Demo {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Set<String> SETTLED = Set.of("COMPLETED", "DEAD_LETTER", "CANCELLED", "PURGED");

    /** One task of the batch: what to send, and the state and attempt it should end in (attempt 0 = any). */
    record Job(String label, String request, String expectedState, int expectedAttempt) {

        Job(String label, String jobPayload, int priority, String expectedState, int expectedAttempt) {
            this(label, "{\"contract\":\"agentqueue.job.v1\",\"payload\":" + jobPayload + ",\"priority\":"
                    + priority + "}", expectedState, expectedAttempt);
        }
    }

    /** The last seen view of an enqueued task. */
    static final class Tracked {
        final Job job;
        final String id;
        String state = "QUEUED";
        String attempt = "0";
        String maxAttempts = "?";
        String note = "";
        String node = "";

        Tracked(Job job, String id) {
            this.job = job;
            this.id = id;
        }
    }

    private static final List<Job> BATCH = List.of(
            new Job("echo hello", job("echo", "{\"text\":\"hello\"}"), 4, "COMPLETED", 1),
            new Job("echo + warnings", job("echo", "{\"text\":\"careful\",\"warnings\":[\"low confidence\"]}"), 4,
                    "COMPLETED", 1),
            new Job("echo, priority 9", job("echo", "{\"text\":\"urgent\"}"), 9, "COMPLETED", 1),
            new Job("echo, priority 0", job("echo", "{\"text\":\"whenever\"}"), 0, "COMPLETED", 1),
            new Job("sleep 200 ms", job("sleep", "{\"ms\":200}"), 4, "COMPLETED", 1),
            new Job("sleep 500 ms", job("sleep", "{\"ms\":500}"), 4, "COMPLETED", 1),
            new Job("sleep 1 s", job("sleep", "{\"ms\":1000}"), 4, "COMPLETED", 1),
            new Job("sleep 2 s", job("sleep", "{\"ms\":2000}"), 4, "COMPLETED", 1),
            new Job("fail retryable, ok on 3rd", job("fail",
                    "{\"mode\":\"retryable\",\"succeed_on_attempt\":3,\"message\":\"flaky downstream\"}"), 4,
                    "COMPLETED", 3),
            new Job("fail terminal", job("fail", "{\"mode\":\"terminal\",\"message\":\"bad arguments\"}"), 4,
                    "DEAD_LETTER", 1),
            new Job("embed 2 texts", "{\"contract\":\"agentqueue.embed.v1\",\"payload\":{\"texts\":"
                    + "[\"The cat sat on the mat.\",\"Durable queues survive restarts.\"]}}", "COMPLETED", 1),
            new Job("embed 1 text", "{\"contract\":\"agentqueue.embed.v1\",\"payload\":{\"texts\":"
                    + "[\"agentqueue runs AI-agent work on Jakarta EE.\"]}}", "COMPLETED", 1));

    private static final Pattern AGENT_MODEL_VARIABLE = Pattern.compile("AGENTQUEUE_AGENTS_(.+)_MODEL");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The task collection of each node, enqueued to in turn. */
    private final List<URI> nodes;
    private final URI tasks;

    /** HTTP Basic credentials from AGENTQUEUE_USER and AGENTQUEUE_PASSWORD; never from the command line. */
    private final String authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
            (env("AGENTQUEUE_USER") + ":" + env("AGENTQUEUE_PASSWORD")).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            System.err.println("Demo: set " + name + " (bin/agentqueue run does)");
            System.exit(1);
        }
        return value;
    }

    Demo(List<String> baseUrls) {
        this.nodes = baseUrls.stream()
                .map(url -> URI.create(url.replaceAll("/+$", "") + "/agentqueue/api/v1/tasks"))
                .toList();
        this.tasks = nodes.get(0);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java bin/Demo.java <base-url> [<base-url of another node> ...]"
                    + "   e.g. http://127.0.0.1:8080");
            System.exit(64);
        }
        System.exit(new Demo(List.of(args)).run());
    }

    int run() throws InterruptedException {
        List<Tracked> batch = new ArrayList<>();
        try {
            List<Job> jobs = new ArrayList<>(BATCH);
            jobs.addAll(chatJobs());
            System.out.println("Enqueueing " + jobs.size() + " tasks at " + nodes);
            for (Job job : jobs) {
                batch.add(new Tracked(job, enqueue(job, nodes.get(batch.size() % nodes.size()))));
            }
        } catch (IOException | IllegalStateException e) {
            System.err.println("demo: enqueue failed: " + e.getMessage());
            return 1;
        }

        long start = System.nanoTime();
        long deadline = start + DEADLINE.toNanos();
        while (true) {
            try {
                for (Tracked task : batch) {
                    if (!SETTLED.contains(task.state)) {
                        refresh(task);
                    }
                }
            } catch (IOException | IllegalStateException e) {
                System.err.println("demo: reading tasks failed: " + e.getMessage());
                return 1;
            }
            printTable(batch, Duration.ofNanos(System.nanoTime() - start));
            if (batch.stream().allMatch(t -> SETTLED.contains(t.state))) {
                break;
            }
            if (System.nanoTime() > deadline) {
                System.err.println("demo: not every task settled within " + DEADLINE.toSeconds() + " s");
                return 1;
            }
            Thread.sleep(1000); // the progress table's refresh interval, not synchronisation
        }
        int outcome = summarize(batch);
        String providerPort = System.getenv("AGENTQUEUE_DEMO_PROVIDER_PORT");
        if (outcome != 0 || providerPort == null || providerPort.isEmpty()) {
            return outcome;
        }
        URI flows = URI.create(tasks.toString().replaceAll("tasks$", "flows"));
        return new DemoPipeline(http, authorization, flows, Integer.parseInt(providerPort)).run();
    }

    private String enqueue(Job job, URI tasks) throws IOException, InterruptedException {
        String body = job.request();
        HttpRequest request = HttpRequest.newBuilder(tasks)
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST " + tasks + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        String id = field(response.body(), "id");
        System.out.printf("  %-28s -> %s  (Location: %s)%n", job.label(), id,
                response.headers().firstValue("Location").orElse("-"));
        return id;
    }

    /**
     * Returns one chat task per agent defined by {@code AGENTQUEUE_AGENTS_<NAME>_MODEL} and
     * {@code AGENTQUEUE_AGENTS_<NAME>_BASE_URL} whose base URL answers HTTP; none when no LLM is reachable.
     */
    private List<Job> chatJobs() {
        List<Job> jobs = new ArrayList<>();
        for (String variable : System.getenv().keySet()) {
            Matcher m = AGENT_MODEL_VARIABLE.matcher(variable);
            if (!m.matches()) {
                continue;
            }
            String agent = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String baseUrl = System.getenv("AGENTQUEUE_AGENTS_" + m.group(1) + "_BASE_URL");
            if (baseUrl == null || !answers(baseUrl)) {
                System.out.println("  (agent " + agent + ": no reachable base URL, no chat task)");
                continue;
            }
            jobs.add(new Job("chat via " + agent, "{\"contract\":\"agentqueue.chat.v1\",\"agent\":\"" + agent
                    + "\",\"payload\":{\"user_message\":\"In one sentence: what is a dead-letter queue?\","
                    + "\"context\":\"agentqueue demo\"}}", "COMPLETED", 0));
        }
        return jobs;
    }

    private boolean answers(String baseUrl) {
        try {
            HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl)).timeout(Duration.ofSeconds(3)).GET()
                    .build();
            http.send(probe, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refresh(Tracked task) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(tasks.resolve("tasks/" + task.id))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET task " + task.id + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        String json = response.body();
        task.state = field(json, "state");
        task.attempt = number(json, "attempt");
        task.maxAttempts = number(json, "maxAttempts");
        // The history's "node" entries name the server of each attempt; the last one ran the latest attempt.
        Matcher node = Pattern.compile("\"node\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        while (node.find()) {
            task.node = node.group(1);
        }
        // A completed task may still carry the error of an earlier, retried attempt: show its result instead.
        String error = errorSummary(json);
        task.note = "COMPLETED".equals(task.state) ? "result " + abbreviate(result(json)) : error != null ? error : "";
    }

    private static void printTable(List<Tracked> batch, Duration elapsed) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        batch.forEach(t -> counts.merge(t.state, 1, Integer::sum));
        System.out.printf("%n-- after %.0f s: %s%n", elapsed.toMillis() / 1000.0, counts);
        System.out.printf("%-28s %-12s %-8s %-14s %s%n", "TASK", "STATE", "ATTEMPT", "NODE", "DETAIL");
        for (Tracked t : batch) {
            System.out.printf("%-28s %-12s %-8s %-14s %s%n", t.job.label(), t.state, t.attempt + "/" + t.maxAttempts,
                    t.node, t.note);
        }
    }

    private static int summarize(List<Tracked> batch) {
        System.out.println();
        System.out.println("Summary:");
        int unexpected = 0;
        for (Tracked t : batch) {
            boolean stateOk = t.state.equals(t.job.expectedState());
            boolean attemptOk = t.job.expectedAttempt() == 0 || t.attempt.equals("" + t.job.expectedAttempt());
            if (!stateOk || !attemptOk) {
                unexpected++;
            }
            System.out.printf("  %-4s %-28s %s after %s attempt(s)%s   id %s%n", stateOk && attemptOk ? "ok" : "FAIL",
                    t.job.label(), t.state, t.attempt,
                    stateOk && attemptOk ? "" : " (expected " + t.job.expectedState() + " after "
                            + t.job.expectedAttempt() + ")", t.id);
        }
        Map<String, Integer> byNode = new java.util.TreeMap<>();
        batch.forEach(t -> byNode.merge(t.node.isEmpty() ? "(none)" : t.node, 1, Integer::sum));
        System.out.println("Last attempt ran on: " + byNode);
        System.out.println(unexpected == 0
                ? "All " + batch.size() + " tasks ended as expected: retried work recovered, bad work was dead-lettered."
                : unexpected + " task(s) ended unexpectedly; see the server log.");
        return unexpected == 0 ? 0 : 2;
    }

    private static String job(String type, String arguments) {
        return "{\"job_type\":\"" + type + "\",\"arguments\":" + arguments + "}";
    }

    /** Returns the first string field {@code name} in {@code json}; top-level fields come first in task JSON. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + abbreviate(json));
        }
        return m.group(1);
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    private static String errorSummary(String json) {
        Matcher m = Pattern.compile("\"error\"\\s*:\\s*\\{([^}]*)\\}").matcher(json);
        if (!m.find()) {
            return null;
        }
        String error = m.group(1);
        Matcher classification = Pattern.compile("\"classification\"\\s*:\\s*\"([^\"]*)\"").matcher(error);
        Matcher message = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]*)\"").matcher(error);
        return (classification.find() ? classification.group(1) : "ERROR") + ": "
                + (message.find() ? message.group(1) : "");
    }

    private static String result(String json) {
        Matcher m = Pattern.compile("\"result\"\\s*:\\s*(\\{[^}]*\\}?|[^,}]+)").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}

/**
 * A small multi-agent pipeline as a flow: {@code classify}, then {@code sentiment} and {@code entities} in parallel, then
 * {@code summarise}, each a chat task of its own agent ({@code demo-*}, which {@code bin/agentqueue} defines against
 * {@code 127.0.0.1:<port>/v1}). It serves that fake OpenAI-compatible provider itself for as long as the flow runs:
 * each agent's model answers with a canned line, and each later step gets the earlier steps' answers as its context.
 */
class DemoPipeline {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Map<String, String> ANSWERS = Map.of(
            "demo-classify", "category: billing complaint",
            "demo-sentiment", "sentiment: frustrated, wants a quick answer",
            "demo-entities", "entities: ACME Corp (customer), invoice 4711",
            "demo-summarise", "ACME Corp is frustrated about invoice 4711: route to billing, answer today.");

    private final HttpClient http;
    private final String authorization;
    private final URI flows;
    private final int port;

    DemoPipeline(HttpClient http, String authorization, URI flows, int port) {
        this.http = http;
        this.authorization = authorization;
        this.flows = flows;
        this.port = port;
    }

    int run() throws InterruptedException {
        com.sun.net.httpserver.HttpServer provider;
        try {
            provider = fakeProvider();
        } catch (IOException e) {
            System.err.println("demo: cannot serve the fake provider on port " + port + ": " + e.getMessage());
            return 1;
        }
        try {
            System.out.println();
            System.out.println("Flow: classify -> (sentiment | entities) -> summarise, agents against a fake provider on port "
                    + port);
            String id = start();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (true) {
                String flow = get(id);
                String state = first(flow, "\"state\"\\s*:\\s*\"([A-Z_]+)\"");
                System.out.println("  flow " + state + ": " + steps(flow));
                if ("COMPLETED".equals(state)) {
                    Matcher answer = Pattern.compile("\"final_text\"\\s*:\\s*\"([^\"]*)\"").matcher(flow);
                    String last = "";
                    while (answer.find()) {
                        last = answer.group(1);
                    }
                    System.out.println("Summary: " + last);
                    return 0;
                }
                if (!"RUNNING".equals(state) || System.nanoTime() > deadline) {
                    System.err.println("demo: the flow ended " + state + " instead of COMPLETED: " + flow);
                    return 2;
                }
                Thread.sleep(1000); // the progress line's refresh interval, not synchronisation
            }
        } catch (IOException | IllegalStateException e) {
            System.err.println("demo: flow failed: " + e.getMessage());
            return 1;
        } finally {
            provider.stop(0);
        }
    }

    private String start() throws IOException, InterruptedException {
        String ticket = "My invoice 4711 from ACME Corp is wrong and nobody answers!";
        String body = "{\"steps\":["
                + step("classify", "demo-classify", ticket, "") + ","
                + step("sentiment", "demo-sentiment", "How does the customer feel?", "classify") + ","
                + step("entities", "demo-entities", "Which companies and documents are named?", "classify") + ","
                + step("summarise", "demo-summarise", "Summarise the ticket for the support team.",
                        "sentiment\",\"entities") + "]}";
        HttpResponse<String> response = http.send(request(flows)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST " + flows + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        String id = first(response.body(), "\"id\"\\s*:\\s*\"([^\"]+)\"");
        System.out.println("  started flow " + id + "  (GET " + flows + "/" + id + ")");
        return id;
    }

    private static String step(String name, String agent, String message, String after) {
        return "{\"name\":\"" + name + "\",\"inputsAs\":\"context\","
                + "\"after\":[" + (after.isEmpty() ? "" : "\"" + after + "\"") + "],"
                + "\"task\":{\"contract\":\"agentqueue.chat.v1\",\"agent\":\"" + agent + "\","
                + "\"payload\":{\"user_message\":\"" + message + "\"}}}";
    }

    private String get(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(URI.create(flows + "/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET flow " + id + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", authorization).timeout(Duration.ofSeconds(10));
    }

    /** Returns each step's name and state, e.g. {@code classify=COMPLETED sentiment=RELEASED/RUNNING}. */
    private static String steps(String flow) {
        Matcher step = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\".*?\"state\"\\s*:\\s*\"([A-Z_]+)\""
                + "(?:\\s*,\\s*\"taskState\"\\s*:\\s*\"([A-Z_]+)\")?").matcher(flow);
        StringBuilder line = new StringBuilder();
        while (step.find()) {
            line.append(step.group(1)).append('=').append(step.group(2));
            if (step.group(3) != null && !step.group(3).equals(step.group(2))) {
                line.append('/').append(step.group(3));
            }
            line.append(' ');
        }
        return line.toString().trim();
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + text);
        }
        return m.group(1);
    }

    /** Serves {@code POST /v1/chat/completions} on loopback: the model's canned answer, with usage in words. */
    private com.sun.net.httpserver.HttpServer fakeProvider() throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Matcher model = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]+)\"").matcher(request);
            String name = model.find() ? model.group(1) : "unknown";
            String text = ANSWERS.getOrDefault(name, "no canned answer for " + name);
            int input = request.split("\\s+").length;
            int output = text.split("\\s+").length;
            byte[] body = ("{\"id\":\"chatcmpl-demo\",\"object\":\"chat.completion\",\"created\":"
                    + System.currentTimeMillis() / 1000 + ",\"model\":\"" + name + "\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":" + input + ",\"completion_tokens\":" + output
                    + ",\"total_tokens\":" + (input + output) + "}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
