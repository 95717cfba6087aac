package dev.agentqueue.bench.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the broker does with a large backlog on the task queue: the address' paging state and size in memory as its
 * MBean reports them, the queue's message count, and the page files on disk under the server's data directory.
 */
@ApplicationScoped
public class BrokerPaging {

    private static final String ADDRESS = "jms.queue.AgentQueueTasks";
    private static final String MBEANS =
            "org.apache.activemq.artemis:component=addresses,address=\"" + ADDRESS + "\",*";
    /** WildFly's default paging directory: {@code activemq/paging} relative to {@code jboss.server.data.dir}. */
    private static final String PAGING_DIRECTORY = "activemq/paging";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** Returns the task queue's paging figures (-1 where the broker does not report one). */
    public JsonObject read() {
        long[] disk = pageFilesOnDisk();
        return Json.createObjectBuilder()
                .add("paging", Boolean.TRUE.equals(attribute(address(), "Paging")))
                .add("numberOfPages", number(attribute(address(), "NumberOfPages")))
                .add("addressSizeBytes", number(attribute(address(), "AddressSize")))
                .add("queueMessageCount", number(attribute(queue(), "MessageCount")))
                .add("pageFiles", disk[0])
                .add("pageFileBytes", disk[1])
                .build();
    }

    /** Counts the {@code .page} files under the paging directory and the bytes of every file there. */
    private static long[] pageFilesOnDisk() {
        String dataDir = System.getProperty("jboss.server.data.dir");
        Path paging = dataDir == null ? null : Path.of(dataDir, PAGING_DIRECTORY);
        if (paging == null || !Files.isDirectory(paging)) {
            return new long[] {0, 0};
        }
        long[] found = new long[2];
        try (Stream<Path> walk = Files.walk(paging)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                if (file.getFileName().toString().endsWith(".page")) {
                    found[0]++;
                }
                try {
                    found[1] += Files.size(file);
                } catch (IOException e) {
                    // A page file deleted by the broker while we walk: it no longer counts.
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker's paging directory " + paging, e);
        }
        return found;
    }

    private ObjectName address() {
        return mbean(key -> !key.contains("subcomponent="));
    }

    private ObjectName queue() {
        return mbean(key -> key.contains("subcomponent=queues"));
    }

    private ObjectName mbean(Predicate<String> which) {
        try {
            Set<ObjectName> names = server.queryNames(new ObjectName(MBEANS), null);
            return names.stream()
                    .filter(name -> which.test(name.getCanonicalName()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no MBean for the task queue's address " + ADDRESS));
        } catch (JMException e) {
            throw new IllegalStateException("cannot query the broker's MBeans", e);
        }
    }

    private Object attribute(ObjectName name, String attribute) {
        try {
            return server.getAttribute(name, attribute);
        } catch (JMException e) {
            return null;
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }
}
