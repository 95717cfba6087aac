package dev.agentqueue.bench.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads the server JVM's heap (and what holds it) and pauses or resumes the broker's task queue through its management MBean. */
@ApplicationScoped
public class ServerProbe {

    private static final String TASK_QUEUE_MBEAN = "org.apache.activemq.artemis:component=addresses,"
            + "address=\"jms.queue.AgentQueueTasks\",subcomponent=queues,queue=\"jms.queue.AgentQueueTasks\",*";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /**
     * Returns heap used (live and garbage), used after the last collection of each heap pool (about the live set),
     * committed and max in bytes, the CPU time the server process has used so far, and the processor count the JVM
     * sees.
     */
    public JsonObject heap() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long afterGc = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed())
                .sum();
        return Json.createObjectBuilder()
                .add("used", heap.getUsed())
                .add("usedAfterGc", afterGc)
                .add("committed", heap.getCommitted())
                .add("max", heap.getMax())
                .add("cpuNanos", processCpuNanos())
                .add("processors", Runtime.getRuntime().availableProcessors())
                .add("javaVersion", System.getProperty("java.version"))
                .add("serverVersion", serverVersion())
                .build();
    }

    /**
     * Runs a full collection by taking a class histogram of the heap (as {@code jcmd <pid> GC.class_histogram} does)
     * and returns the heap afterwards (its {@code used} is then the live set) with the histogram's first {@code top}
     * classes, the largest holders.
     */
    public JsonObject histogram(int top) {
        String histogram;
        try {
            histogram = (String) server.invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("cannot take a class histogram of the heap", e);
        }
        JsonArrayBuilder lines = Json.createArrayBuilder();
        // The header, its dashes, then one line per class, largest first.
        histogram.lines().limit(top + 2L).forEach(lines::add);
        return Json.createObjectBuilder()
                .add("heap", heap())
                .add("histogram", lines)
                .build();
    }

    private static long processCpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(java.time.Duration::toNanos)
                .orElse(-1L);
    }

    private String serverVersion() {
        try {
            Object name = server.getAttribute(new ObjectName("jboss.as:management-root=server"), "productName");
            Object version = server.getAttribute(new ObjectName("jboss.as:management-root=server"), "productVersion");
            return name + " " + version;
        } catch (JMException | RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Stops or restarts delivery from the task queue to the workers. */
    public void taskQueuePaused(boolean paused) {
        try {
            Set<ObjectName> names = server.queryNames(new ObjectName(TASK_QUEUE_MBEAN), null);
            if (names.isEmpty()) {
                throw new IllegalStateException("no MBean for the task queue: " + TASK_QUEUE_MBEAN);
            }
            server.invoke(names.iterator().next(), paused ? "pause" : "resume", new Object[0], new String[0]);
        } catch (JMException e) {
            throw new IllegalStateException("cannot " + (paused ? "pause" : "resume") + " the task queue", e);
        }
    }
}
