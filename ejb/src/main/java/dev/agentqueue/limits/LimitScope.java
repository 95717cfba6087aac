package dev.agentqueue.limits;

/**
 * One thing work is limited by: a provider endpoint (named as its shared breaker is), an agent, or a task's
 * concurrency key (a tenant, a customer).
 *
 * @param kind {@code endpoint}, {@code agent} or {@code key}
 */
public record LimitScope(String kind, String id) {

    public static final String ENDPOINT = "endpoint";
    public static final String AGENT = "agent";
    public static final String KEY = "key";

    /** Returns the scope of a provider endpoint. */
    public static LimitScope endpoint(String endpoint) {
        return new LimitScope(ENDPOINT, endpoint);
    }

    /** Returns the scope of an agent. */
    public static LimitScope agent(String agent) {
        return new LimitScope(AGENT, agent);
    }

    /** Returns the scope of a concurrency key. */
    public static LimitScope key(String key) {
        return new LimitScope(KEY, key);
    }

    /** Parses a name such as {@code agent:scribe}. */
    public static LimitScope parse(String name) {
        int colon = name.indexOf(':');
        String kind = colon < 0 ? "" : name.substring(0, colon);
        if (!kind.equals(ENDPOINT) && !kind.equals(AGENT) && !kind.equals(KEY) || colon == name.length() - 1) {
            throw new IllegalArgumentException(
                    "A limit scope is endpoint:<name>, agent:<name> or key:<name>, not '" + name + "'");
        }
        return new LimitScope(kind, name.substring(colon + 1));
    }

    /** Returns the scope's name, {@code kind:id}. */
    public String name() {
        return kind + ":" + id;
    }
}
