package dev.agentqueue.it.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A seeded generator of malformed and hostile requests for every route of the REST API. Every request it makes is
 * invalid for every caller, the admin included (a wrong method, a bad body, field, id or query parameter, a wrong
 * content type, an unknown route, or an id no task has), so each must answer 4xx and change nothing. The same seed
 * yields the same requests, so a failure reproduces.
 */
public final class HostileRequests {

    /** One generated request: what it tries ({@code label}) and what is sent. */
    public record Request(
            String label, String method, String path, String contentType, byte[] body, Map<String, String> headers) {

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return label + ": " + method + " " + path + " [" + contentType + "] "
                    + (shown.length() > 160 ? shown.substring(0, 160) + "…(" + body.length + " bytes)" : shown);
        }
    }

    /** Query values the API accepts for contract, agent and fingerprint (mirrors the API's documented rule). */
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._:@/-]{1,200}");

    private static final String ECHO = "{\"contract\":\"agentqueue.job.v1\",\"payload\":{\"job_type\":\"echo\","
            + "\"arguments\":{\"text\":\"hi\"}}}";

    /** Strings an attacker tries: injections, protocol smuggling, traversal, odd unicode. */
    private static final List<String> HOSTILE = List.of(
            "' OR '1'='1",
            "1; DROP TABLE tasks; --",
            "\" UNION SELECT password FROM users --",
            "]]) redis.call('FLUSHALL') --[[",
            "end; redis.call(\"DEL\", KEYS[1]); return 1 --",
            "\r\n*1\r\n$8\r\nFLUSHALL\r\n",
            "*3\r\n$3\r\nSET\r\n$4\r\nowned\r\n$1\r\n1\r\n",
            "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini",
            "%2e%2e%2f%2e%2e%2f",
            "a\u0000b",
            "\u0000",
            "\u202Eevil\u202C",
            "\uFEFFbom",
            "zero\u200Bwidth",
            "😀🔥",
            "\uD800",
            "\uDFFF\uD800",
            "مرحبا بالعالم",
            "%s%s%s%n",
            "${jndi:ldap://127.0.0.1:1/a}",
            "#{7*7}",
            "<script>alert(1)</script>",
            "a\r\nX-Injected: 1",
            "NaN",
            "-1",
            "");

    private final Random random;
    private final List<Supplier<Request>> generators = new ArrayList<>();

    public HostileRequests(long seed) {
        this.random = new Random(seed);
        generators.add(this::enqueueWithBadBody);
        generators.add(this::enqueueWithBadBody);
        generators.add(this::enqueueWithBadBody);
        generators.add(this::enqueueWithWrongContentType);
        generators.add(this::listTasksWithBadQuery);
        generators.add(this::listTasksWithBadQuery);
        generators.add(this::listDeadLettersWithBadQuery);
        generators.add(this::taskByBadOrUnknownId);
        generators.add(this::taskByBadOrUnknownId);
        generators.add(this::dlqCommandWithBadBody);
        generators.add(this::dlqCommandWithBadBody);
        generators.add(this::wrongMethod);
        generators.add(this::breakerByHostileName);
        generators.add(this::unknownRoute);
        generators.add(this::headWithBadQuery);
    }

    /** Returns the next request. */
    public Request next() {
        Request request = generators.get(random.nextInt(generators.size())).get();
        if (random.nextInt(10) == 0) {
            // An oversized but still acceptable header: 6 KiB, under the server's 1 MiB limit.
            request.headers().put("X-Fuzz-Padding", "p".repeat(6 * 1024));
        }
        if (random.nextInt(10) == 0) {
            request.headers().put("Accept", pick(List.of("application/xml", "text/html", "*/*", "image/png")));
        }
        return request;
    }

    private Request enqueueWithBadBody() {
        int kind = random.nextInt(12);
        String label;
        String body;
        switch (kind) {
            case 0 -> {
                label = "truncated JSON";
                body = validBody().substring(0, random.nextInt(validBody().length() - 1));
            }
            case 1 -> {
                label = "not an object";
                body = pick(List.of("[]", "[" + ECHO + "]", "\"agentqueue.job.v1\"", "42", "null", "true", "1e999"));
            }
            case 2 -> {
                label = "unknown field";
                body = withField(validBody(), json(hostile() + "x"), json(hostile()));
            }
            case 3 -> {
                label = "wrong type";
                String[] bad = pick(List.of(
                        new String[] {"contract", "42"},
                        new String[] {"contract", "[\"agentqueue.job.v1\"]"},
                        new String[] {"contract", "null"},
                        new String[] {"priority", "\"high\""},
                        new String[] {"priority", "1.5"},
                        new String[] {"priority", "10"},
                        new String[] {"priority", "-1"},
                        new String[] {"priority", "1e400"},
                        new String[] {"priority", "-99999999999999999999999999999"},
                        new String[] {"priority", "true"},
                        new String[] {"delayMs", "-1"},
                        new String[] {"delayMs", "99999999999999999999999999999"},
                        new String[] {"delayMs", "{}"},
                        new String[] {"timeoutMs", "0"},
                        new String[] {"timeoutMs", "1e30"},
                        new String[] {"timeoutMs", "\"soon\""},
                        new String[] {"payload", "\"x\""},
                        new String[] {"payload", "[1,2]"},
                        new String[] {"agent", "42"},
                        new String[] {"idempotencyKey", "[]"},
                        new String[] {"idempotencyKey", json("k".repeat(300))},
                        new String[] {"correlationId", "{\"a\":1}"}));
                body = withField(validBodyWithout(bad[0]), json(bad[0]), bad[1]);
                label += " " + bad[0] + "=" + bad[1];
            }
            case 4 -> {
                label = "unknown contract";
                body = "{\"contract\":" + json(hostile() + "!") + "}";
            }
            case 5 -> {
                label = "unknown agent";
                body = withField(validBody(), "\"agent\"", json(hostile() + "?ghost"));
            }
            case 6 -> {
                label = "deep nesting";
                int depth = pick(List.of(500, 5_000, 50_000));
                String nested = "[".repeat(depth) + "]".repeat(depth);
                body = random.nextBoolean()
                        ? nested
                        : withField(withField(validBody(), "\"bogus\"", "1"), "\"deep\"", nested);
            }
            case 7 -> {
                label = "huge values";
                body = pick(List.of(
                        "{\"contract\":" + json("c".repeat(100_000)) + "}",
                        withField(validBody(), "\"priority\"", "9".repeat(10_000)),
                        "{\"contract\":\"agentqueue.job.v1\",\"payload\":{\"job_type\":\"echo\",\"arguments\":"
                                + "{\"blob\":\"" + "x".repeat(300 * 1024) + "\"}}}"));
            }
            case 8 -> {
                label = "JSON extensions";
                body = pick(List.of(
                        "{'contract':'agentqueue.job.v1'}",
                        "{\"contract\":\"agentqueue.job.v1\",}",
                        "{\"contract\":\"agentqueue.job.v1\" /* c */}",
                        "{\"contract\":\"agentqueue.job.v1\",\"priority\":NaN}",
                        "{\"contract\":\"agentqueue.job.v1\"}{\"contract\":\"agentqueue.job.v1\"}",
                        "{\"contract\":\"agentqueue.job.v1\",\"contract\":42}"));
            }
            case 9 -> {
                label = "hostile values with an invalid priority";
                body = "{\"contract\":\"agentqueue.job.v1\",\"correlationId\":" + json(hostile())
                        + ",\"payload\":{\"job_type\":\"echo\",\"arguments\":{\"v\":" + json(hostile())
                        + "}},\"priority\":" + (10 + random.nextInt(1000)) + "}";
            }
            case 10 -> {
                label = "invalid UTF-8";
                return new Request(
                        label,
                        "POST",
                        "tasks",
                        "application/json",
                        new byte[] {'{', '"', 'c', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', ':', '1', '}'},
                        headers());
            }
            default -> {
                label = "empty or blank body";
                body = pick(List.of("", " ", "\n\t", "{}"));
            }
        }
        Map<String, String> headers = headers();
        if (random.nextInt(4) == 0) {
            headers.put("Idempotency-Key", "fuzz-" + UUID.randomUUID() + (random.nextBoolean() ? "" : "k".repeat(300)));
        }
        return new Request("enqueue: " + label, "POST", "tasks", "application/json", utf8(body), headers);
    }

    private Request enqueueWithWrongContentType() {
        String type = pick(List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/octet-stream",
                "application/jsonx",
                "application/json; charset=no-such-charset",
                "application/json; charset=utf-16",
                "\u00e9/\u00e9"));
        boolean validBody = !type.startsWith("application/json");
        String body = validBody ? ECHO : "{\"contract\":" + json(hostile() + "!") + "}";
        return new Request(
                "enqueue with content type " + type,
                "POST",
                "tasks",
                type.startsWith("\u00e9") ? null : type,
                utf8(body),
                headers());
    }

    private Request listTasksWithBadQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        maybe(query, "state", pick(List.of("COMPLETED", "QUEUED", "DEAD_LETTER")));
        maybe(query, "contract", "agentqueue.job.v1");
        maybe(query, "limit", "5");
        String bad = pick(List.of("state", "limit", "cursor", "contract", "agent"));
        query.put(
                bad,
                switch (bad) {
                    case "state" -> pick(List.of("completed", "BOGUS", "", "COMPLETED,QUEUED", hostile() + "X"));
                    default -> badValue(bad);
                });
        return new Request("list tasks with bad " + bad, "GET", "tasks" + queryString(query), null, null, headers());
    }

    private Request listDeadLettersWithBadQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        maybe(query, "limit", "3");
        String bad = pick(List.of("limit", "cursor", "contract", "agent", "fingerprint"));
        query.put(bad, badValue(bad));
        return new Request(
                "list dead letters with bad " + bad, "GET", "dlq" + queryString(query), null, null, headers());
    }

    private Request headWithBadQuery() {
        Request list = random.nextBoolean() ? listTasksWithBadQuery() : listDeadLettersWithBadQuery();
        return new Request("HEAD " + list.label(), "HEAD", list.path(), null, null, list.headers());
    }

    private Request taskByBadOrUnknownId() {
        String id = pick(List.of(
                "not-an-id",
                UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT),
                UUID.randomUUID() + "0",
                UUID.randomUUID().toString(), // well-formed, but no task has it
                "%00",
                UUID.randomUUID() + "%00",
                "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e",
                encode(hostile()) + "x",
                "9".repeat(1000),
                encode("\u202E" + UUID.randomUUID())));
        String method = pick(List.of("GET", "DELETE"));
        return new Request("task by id " + method, method, "tasks/" + id, null, null, headers());
    }

    private Request dlqCommandWithBadBody() {
        String command = pick(List.of("redrive", "purge"));
        String unknown = UUID.randomUUID().toString();
        String body = pick(List.of(
                "{}",
                "",
                "[]",
                "{\"ids\":[]}",
                "{\"ids\":\"" + unknown + "\"}",
                "{\"ids\":[\"" + unknown + "\"]}", // well-formed: no such dead letter, 404 and nothing moves
                "{\"ids\":[" + json(hostile() + "x") + "]}",
                "{\"ids\":[42]}",
                "{\"ids\":[null]}",
                "{\"ids\":[" + String.join(",", java.util.Collections.nCopies(1001, "\"" + unknown + "\"")) + "]}",
                "{\"filter\":{}}",
                "{\"filter\":\"all\"}",
                "{\"filter\":{\"contract\":" + json(hostile() + " ") + "}}",
                "{\"filter\":{\"fingerprint\":42}}",
                "{\"filter\":{\"bogus\":\"x\"}}",
                "{\"ids\":[\"" + unknown + "\"],\"filter\":{\"contract\":\"x\"}}",
                "{\"all\":false}",
                "{\"all\":\"true\"}",
                "{\"all\":1}",
                "{\"all\":true,\"ids\":[\"" + unknown + "\"]}",
                "{\"ids\":[\"" + unknown + "\"]," + "\"x\":1}",
                "{\"ids\":[\"" + unknown + "\""));
        if (command.equals("redrive") && random.nextInt(5) == 0) {
            body = "{\"all\":true}"; // redrive has no 'all'
        }
        String type = random.nextInt(8) == 0 ? "text/plain" : "application/json";
        return new Request("dlq " + command, "POST", "dlq/" + command, type, utf8(body), headers());
    }

    private Request wrongMethod() {
        String path = pick(List.of(
                "tasks",
                "tasks/" + UUID.randomUUID(),
                "dlq",
                "dlq/summary",
                "dlq/redrive",
                "dlq/purge",
                "queues",
                "breakers",
                "breakers/x",
                "breakers/x/reset",
                "health",
                "openapi"));
        List<String> methods = new ArrayList<>(List.of("PUT", "PATCH", "DELETE", "POST", "GET"));
        methods.removeAll(allowed(path));
        String method = pick(methods);
        boolean withBody = !method.equals("GET") && !method.equals("DELETE");
        return new Request(
                "wrong method",
                method,
                path,
                withBody ? "application/json" : null,
                withBody ? utf8(ECHO) : null,
                headers());
    }

    private Request breakerByHostileName() {
        String name = encode(hostile()) + "-no-such-breaker-" + random.nextInt(1000);
        return random.nextBoolean()
                ? new Request("breaker by name", "GET", "breakers/" + name, null, null, headers())
                : new Request("reset breaker by name", "POST", "breakers/" + name + "/reset", null, null, headers());
    }

    private Request unknownRoute() {
        String path = pick(List.of(
                "no-such-route",
                "tasks/" + UUID.randomUUID() + "/result",
                "dlq/summary/extra",
                "dlq/" + encode(hostile()) + "z",
                "%2e%2e%2fqueues",
                "queues/%00",
                "v2/tasks",
                "admin",
                "tasks/" + UUID.randomUUID() + "/cancel",
                encode(hostile()) + "z"));
        String method = pick(List.of("GET", "POST", "DELETE"));
        return new Request(
                "unknown route",
                method,
                path,
                method.equals("POST") ? "application/json" : null,
                method.equals("POST") ? utf8(ECHO) : null,
                headers());
    }

    /** The methods a route answers, per the API's documentation. */
    private static List<String> allowed(String path) {
        return switch (path) {
            case "tasks" -> List.of("GET", "POST");
            case "dlq", "dlq/summary", "queues", "breakers", "breakers/x", "health", "openapi" -> List.of("GET");
            case "dlq/redrive", "dlq/purge", "breakers/x/reset" -> List.of("POST");
            default -> List.of("GET", "DELETE"); // tasks/{id}
        };
    }

    private String badValue(String parameter) {
        return switch (parameter) {
            case "limit" ->
                pick(List.of(
                        "-1",
                        "0",
                        "101",
                        "1e9",
                        "1000000000",
                        "abc",
                        "",
                        "1.5",
                        "99999999999999999999",
                        " 5",
                        "5 ",
                        "0x10",
                        hostile() + "1"));
            case "cursor" ->
                pick(List.of(
                        "",
                        "garbage",
                        "c".repeat(500),
                        hostile() + "!",
                        base64("c1:-5:" + UUID.randomUUID()),
                        base64("c1:99999999999999999999:" + UUID.randomUUID()),
                        base64("c2:1:" + UUID.randomUUID()),
                        base64("c1:1:../../etc/passwd"),
                        base64("c1:1:" + UUID.randomUUID() + ":extra"),
                        base64(hostile())));
            default -> invalidName();
        };
    }

    private String invalidName() {
        String name = pick(List.of(hostile(), "x".repeat(201), "", "a b", "a'b", "a\"b", "a*b", "tab\there"));
        return VALID_NAME.matcher(name).matches() ? name + " " : name;
    }

    private void maybe(Map<String, String> query, String name, String value) {
        if (random.nextBoolean()) {
            query.put(name, value);
        }
    }

    private static String queryString(Map<String, String> query) {
        StringBuilder text = new StringBuilder();
        query.forEach((name, value) -> text.append(text.length() == 0 ? '?' : '&')
                .append(name)
                .append('=')
                .append(encode(value)));
        return text.toString();
    }

    private String validBody() {
        return ECHO;
    }

    private String validBodyWithout(String field) {
        return switch (field) {
            case "contract" -> "{\"payload\":{\"job_type\":\"echo\"}}";
            case "payload" -> "{\"contract\":\"agentqueue.job.v1\"}";
            default -> ECHO;
        };
    }

    /** Adds {@code "name": value} as the first member of a JSON object text. */
    private static String withField(String object, String quotedName, String value) {
        return "{" + quotedName + ":" + value + (object.equals("{}") ? "}" : "," + object.substring(1));
    }

    private String hostile() {
        return pick(HOSTILE);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Map<String, String> headers() {
        return new LinkedHashMap<>();
    }

    /** Renders a Java string as a JSON string literal, escaping what JSON requires (lone surrogates pass as is). */
    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(text));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
