package dev.agentqueue.builtin.job;

import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.contract.TaskContext;
import dev.agentqueue.contract.TerminalTaskException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The built-in {@code agentqueue.job.v1} contract: payload {@code {job_type, arguments}}, dispatched to the
 * {@link JobHandler} bean for that job type.
 */
@ApplicationScoped
public class JobContract implements ExecutionContract {

    public static final String ID = "agentqueue.job.v1";

    @Inject
    @Any
    Instance<JobHandler> beans;

    @Inject
    @ConfigProperty(name = "agentqueue.jobs.diagnostics.enabled", defaultValue = "true")
    boolean diagnosticsEnabled;

    private final Map<String, JobHandler> handlers = new TreeMap<>();

    @PostConstruct
    void index() {
        for (JobHandler handler : beans) {
            if (handler.diagnostic() && !diagnosticsEnabled) {
                continue;
            }
            JobHandler previous = handlers.putIfAbsent(handler.jobType(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two job handlers claim job_type " + handler.jobType());
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void validate(JsonObject payload) {
        JobHandler handler = handlerFor(payload);
        handler.validate(arguments(payload));
    }

    @Override
    public JsonValue execute(TaskContext context) throws Exception {
        JobHandler handler;
        try {
            handler = handlerFor(context.payload());
        } catch (IllegalArgumentException e) {
            throw new TerminalTaskException(e.getMessage(), e);
        }
        return handler.handle(arguments(context.payload()), context);
    }

    private JobHandler handlerFor(JsonObject payload) {
        JsonValue type = payload.get("job_type");
        if (type == null || type.getValueType() != JsonValue.ValueType.STRING) {
            throw new IllegalArgumentException(
                    "payload.job_type must be a string naming a job handler; known: " + handlers.keySet());
        }
        String jobType = payload.getString("job_type");
        JobHandler handler = handlers.get(jobType);
        if (handler == null) {
            throw new IllegalArgumentException("Unknown job_type '" + jobType + "'; known: " + handlers.keySet());
        }
        return handler;
    }

    private static JsonObject arguments(JsonObject payload) {
        JsonValue arguments = payload.get("arguments");
        if (arguments == null || arguments.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (arguments.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("payload.arguments must be a JSON object");
        }
        return arguments.asJsonObject();
    }
}
