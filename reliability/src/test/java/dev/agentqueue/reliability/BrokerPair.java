package dev.agentqueue.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An Artemis primary and its replicating backup, on the ports the build reserved. Started primary first; ready once
 * the backup holds a full copy of the primary's journal, so that killing the primary loses nothing the primary had
 * committed.
 */
final class BrokerPair implements AutoCloseable {

    final ArtemisBroker primary;
    final ArtemisBroker backup;

    private BrokerPair(ArtemisBroker primary, ArtemisBroker backup) {
        this.primary = primary;
        this.backup = backup;
    }

    /** Creates both instances under {@code dir} and starts them. */
    static BrokerPair start(Path dir, BrokerLogin login) throws IOException {
        int primaryPort = port("port.primary");
        int backupPort = port("port.backup");
        ArtemisBroker primary = ArtemisBroker.create(
                dir.resolve("broker-primary"),
                ArtemisBroker.Role.PRIMARY,
                primaryPort,
                port("console.primary"),
                backupPort,
                login);
        ArtemisBroker backup = ArtemisBroker.create(
                dir.resolve("broker-backup"),
                ArtemisBroker.Role.BACKUP,
                backupPort,
                port("console.backup"),
                primaryPort,
                login);
        BrokerPair pair = new BrokerPair(primary, backup);
        try {
            pair.startBoth();
            return pair;
        } catch (IOException | RuntimeException | Error e) {
            pair.close();
            throw e;
        }
    }

    /** Starts the primary, then the backup, and waits until the backup is synchronized. */
    void startBoth() throws IOException {
        primary.start();
        backup.start();
        backup.awaitSynchronized(Duration.ofMinutes(2));
    }

    /** Returns the system properties that point a remote-broker WildFly at this pair. */
    List<String> serverOptions() {
        return List.of(
                "-Dagentqueue.broker.host=127.0.0.1",
                "-Dagentqueue.broker.port=" + primary.port(),
                "-Dagentqueue.broker.backup.host=127.0.0.1",
                "-Dagentqueue.broker.backup.port=" + backup.port());
    }

    /** Stops the backup first, so that stopping the primary hands nothing over, then the primary. */
    @Override
    public void close() {
        try {
            backup.close();
        } finally {
            primary.close();
        }
    }

    private static int port(String name) {
        String value = System.getProperty("reliability.broker." + name);
        if (value == null) {
            throw new IllegalStateException("System property reliability.broker." + name + " is not set");
        }
        return Integer.parseInt(value);
    }
}
