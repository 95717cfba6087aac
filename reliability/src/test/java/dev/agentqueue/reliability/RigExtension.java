package dev.agentqueue.reliability;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts a scenario's {@link Rig} before its test class and stops it afterwards, also when a test failed. */
final class RigExtension implements BeforeAllCallback, AfterAllCallback {

    private final String scenario;
    private final Rig.RedisStarter redisStarter;
    private final List<String> serverOptions;
    private Rig rig;

    /** A rig for {@code scenario}, its server started with the extra system properties {@code serverOptions}. */
    RigExtension(String scenario, String... serverOptions) {
        this(scenario, Rig.SINGLE_REDIS, serverOptions);
    }

    /** A rig for {@code scenario} with the Redis {@code redisStarter} starts. */
    RigExtension(String scenario, Rig.RedisStarter redisStarter, String... serverOptions) {
        this.scenario = scenario;
        this.redisStarter = redisStarter;
        this.serverOptions = List.of(serverOptions);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        rig = Rig.start(scenario, serverOptions, redisStarter);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (rig != null) {
            rig.close();
        }
    }

    /** Returns the running rig. */
    Rig rig() {
        if (rig == null) {
            throw new IllegalStateException("the " + scenario + " rig did not start");
        }
        return rig;
    }
}
