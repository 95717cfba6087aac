package dev.agentqueue.limits;

/**
 * One thing calls are limited by: a provider endpoint (named as its shared breaker is) or an agent.
 *
 * @param kind {@code endpoint} or {@code agent}
 */
public record LimitScope(String kind, String id) {

    public static final String ENDPOINT = "endpoint";
    public static final String AGENT = "agent";

    /** Returns the scope of a provider endpoint. */
    public static LimitScope endpoint(String endpoint) {
        return new LimitScope(ENDPOINT, endpoint);
    }

    /** Returns the scope of an agent. */
    public static LimitScope agent(String agent) {
        return new LimitScope(AGENT, agent);
    }

    /** Parses a name such as {@code agent:scribe}. */
    public static LimitScope parse(String name) {
        int colon = name.indexOf(':');
        String kind = colon < 0 ? "" : name.substring(0, colon);
        if (!kind.equals(ENDPOINT) && !kind.equals(AGENT) || colon == name.length() - 1) {
            throw new IllegalArgumentException("A limit scope is endpoint:<name> or agent:<name>, not '" + name + "'");
        }
        return new LimitScope(kind, name.substring(colon + 1));
    }

    /** Returns the scope's name, {@code kind:id}. */
    public String name() {
        return kind + ":" + id;
    }
}
