package dev.agentqueue.reliability;

/**
 * One WildFly node of a scenario: its name (jboss.node.name, also its transaction node identifier and the node its
 * attempts record in a task's history) and its ports. Node n of a scenario runs at the suite's port offset plus
 * (n-1) times {@code reliability.node.offset.step} (100 by default).
 */
record ServerNode(String name, int offset, int httpPort, int managementPort) {

    /** Returns node {@code n} (1, 2, ...) of a scenario. */
    static ServerNode number(int n) {
        int shift = (n - 1) * Integer.getInteger("reliability.node.offset.step", 100);
        return new ServerNode(
                "agentqueue-" + n,
                Settings.portOffset() + shift,
                Settings.httpPort() + shift,
                Settings.managementPort() + shift);
    }

    /** Returns the single node of a one-server scenario. */
    static ServerNode first() {
        return number(1);
    }
}
