package dev.agentqueue.reliability;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts a cluster scenario's {@link ClusterRig} before its test class and stops it afterwards, also on failure. */
final class ClusterRigExtension implements BeforeAllCallback, AfterAllCallback {

    private final String scenario;
    private final int nodes;
    private final List<String> options;
    private final Map<String, String> environment;
    private ClusterRig rig;

    /** A cluster of {@code nodes} WildFly nodes on a broker pair for {@code scenario}. */
    ClusterRigExtension(String scenario, int nodes) {
        this(scenario, nodes, List.of(), Map.of());
    }

    /**
     * A cluster like {@link #ClusterRigExtension(String, int)} whose nodes also get the system properties
     * {@code options} and the environment {@code environment}.
     */
    ClusterRigExtension(String scenario, int nodes, List<String> options, Map<String, String> environment) {
        this.scenario = scenario;
        this.nodes = nodes;
        this.options = List.copyOf(options);
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        rig = ClusterRig.start(scenario, nodes, options, environment);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (rig != null) {
            rig.close();
        }
    }

    /** Returns the running cluster. */
    ClusterRig rig() {
        if (rig == null) {
            throw new IllegalStateException("the " + scenario + " cluster did not start");
        }
        return rig;
    }
}
