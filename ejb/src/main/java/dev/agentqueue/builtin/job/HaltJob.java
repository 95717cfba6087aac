package dev.agentqueue.builtin.job;

import dev.agentqueue.contract.TaskContext;
import dev.agentqueue.contract.TerminalTaskException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Diagnostic job {@code halt}: stops the server's JVM at once ({@link Runtime#halt}), the way a crash does, so the
 * reliability suite can prove that a task which kills its worker every time still reaches the DLQ. Off unless the
 * server is started with {@value #ENABLED_PROPERTY}{@code =true}; while off, the job fails terminally.
 */
@ApplicationScoped
public class HaltJob implements JobHandler {

    /** The switch; only a server started for crash tests sets it. */
    public static final String ENABLED_PROPERTY = "agentqueue.diagnostics.halt-enabled";

    static final String DISABLED_MESSAGE = "diagnostic halt is disabled";

    /** The exit status the JVM halts with: that of a process killed by SIGKILL. */
    private static final int HALT_STATUS = 137;

    private static final Logger LOG = Logger.getLogger(HaltJob.class.getName());

    @Inject
    @ConfigProperty(name = ENABLED_PROPERTY, defaultValue = "false")
    boolean enabled;

    @Override
    public String jobType() {
        return "halt";
    }

    @Override
    public boolean diagnostic() {
        return true;
    }

    @Override
    public JsonValue handle(JsonObject arguments, TaskContext context) {
        if (!enabled) {
            throw new TerminalTaskException(DISABLED_MESSAGE);
        }
        LOG.severe(() -> "Diagnostic halt: Task(id=" + context.taskId() + ", attempt=" + context.attempt()
                + ") halts this JVM now (" + ENABLED_PROPERTY + "=true)");
        Runtime.getRuntime().halt(HALT_STATUS);
        throw new IllegalStateException("unreachable: the JVM has halted");
    }
}
