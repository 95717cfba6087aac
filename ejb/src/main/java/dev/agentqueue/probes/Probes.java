package dev.agentqueue.probes;

import java.util.function.Supplier;

/**
 * Where the health checks learn what to report: the application installs its readiness source and node name when it
 * starts and takes them away when it stops. Static, because the checks live in the EAR's library directory, which
 * cannot see the EJB module's beans; until the application has started the checks answer DOWN.
 */
public final class Probes {

    private static final ReadinessReport NOT_STARTED =
            ReadinessReport.of(ReadinessReport.Dependency.down("application", "agentqueue has not started"));

    private static volatile Supplier<ReadinessReport> readiness = () -> NOT_STARTED;
    private static volatile String node;

    private Probes() {}

    /** Installs what readiness asks and the node name liveness reports. */
    public static void install(Supplier<ReadinessReport> source, String nodeName) {
        readiness = source;
        node = nodeName;
    }

    /** Takes the sources away again: the application is stopping. */
    public static void uninstall() {
        readiness = () -> NOT_STARTED;
        node = null;
    }

    /** Asks the installed source whether the application is ready. */
    static ReadinessReport readiness() {
        return readiness.get();
    }

    /** Returns the node name of the started application, or null. */
    static String node() {
        return node;
    }
}
