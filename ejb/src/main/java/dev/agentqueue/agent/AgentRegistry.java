package dev.agentqueue.agent;

import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.support.Durations;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * Knows the configured agents: those under {@code agentqueue.agents.<name>.*} in MicroProfile Config (so also
 * {@code AGENTQUEUE_AGENTS_<NAME>_*} environment variables) and any {@link AgentDefinition} CDI beans.
 */
@ApplicationScoped
public class AgentRegistry {

    static final String PREFIX = "agentqueue.agents.";
    static final String ENV_PREFIX = "AGENTQUEUE_AGENTS_";
    static final List<String> KEYS =
            List.of("provider", "base-url", "model", "api-key", "instructions", "timeout", "max-tokens");

    @Inject
    Config config;

    @Inject
    @Any
    Instance<AgentDefinition> producedAgents;

    private final Map<String, AgentDefinition> agents = new TreeMap<>();

    @PostConstruct
    void load() {
        for (String name : configuredNames()) {
            agents.put(name, fromConfig(name));
        }
        for (AgentDefinition agent : producedAgents) {
            agents.put(agent.name(), agent);
        }
    }

    /** Returns the agent with the given name, if one is defined. */
    public Optional<AgentDefinition> find(String name) {
        return Optional.ofNullable(name == null ? null : agents.get(name));
    }

    /** Returns the names of all defined agents. */
    public Set<String> names() {
        return agents.keySet();
    }

    private Set<String> configuredNames() {
        Set<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(PREFIX)) {
                String rest = property.substring(PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    names.add(rest.substring(0, dot));
                }
            } else if (property.startsWith(ENV_PREFIX)) {
                envName(property.substring(ENV_PREFIX.length())).ifPresent(names::add);
            }
        }
        return names;
    }

    /** Recovers an agent name from an environment variable such as {@code AGENTQUEUE_AGENTS_ANALYZER_BASE_URL}. */
    private static Optional<String> envName(String rest) {
        for (String key : KEYS) {
            String suffix = "_" + key.replace('-', '_').toUpperCase(Locale.ROOT);
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                return Optional.of(
                        rest.substring(0, rest.length() - suffix.length()).toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private AgentDefinition fromConfig(String name) {
        String base = PREFIX + name + ".";
        return new AgentDefinition(
                name,
                value(base + "provider"),
                value(base + "base-url"),
                value(base + "model"),
                value(base + "api-key"),
                value(base + "instructions"),
                Optional.ofNullable(value(base + "timeout"))
                        .map(Durations::parse)
                        .orElse(null),
                Optional.ofNullable(value(base + "max-tokens"))
                        .map(Integer::valueOf)
                        .orElse(null));
    }

    private String value(String property) {
        return config.getOptionalValue(property, String.class).orElse(null);
    }
}
