package dev.agentqueue.builtin.job;

import dev.agentqueue.contract.RetryableTaskException;
import dev.agentqueue.contract.TaskContext;
import dev.agentqueue.contract.TerminalTaskException;
import dev.agentqueue.support.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Diagnostic job {@code fail}: fails on purpose. {@code mode} is {@code retryable} (fails until the attempt reaches
 * {@code succeed_on_attempt}, or always when that is absent) or {@code terminal} (fails once, for good). With
 * {@code succeed_after_redrives} it fails (in its mode) until an operator has redriven the task that many times, and
 * then succeeds (at {@code succeed_on_attempt}, if given): how a root cause fixed meanwhile looks from the DLQ.
 */
@ApplicationScoped
public class FailJob implements JobHandler {

    @Override
    public String jobType() {
        return "fail";
    }

    @Override
    public boolean diagnostic() {
        return true;
    }

    @Override
    public void validate(JsonObject arguments) {
        mode(arguments);
        succeedOnAttempt(arguments);
        positive(arguments, "succeed_after_redrives");
        JsonValue message = arguments.get("message");
        if (message != null && message.getValueType() != JsonValue.ValueType.STRING) {
            throw new IllegalArgumentException("arguments.message must be a string");
        }
    }

    @Override
    public JsonValue handle(JsonObject arguments, TaskContext context) {
        validate(arguments);
        String message = arguments.getString("message", "deliberate failure");
        int succeedOn = succeedOnAttempt(arguments);
        int redrivesNeeded = positive(arguments, "succeed_after_redrives");
        if (redrivesNeeded > 0
                && context.redrives() >= redrivesNeeded
                && (succeedOn == 0 || context.attempt() >= succeedOn)) {
            return Jsons.object()
                    .add("succeeded_on_attempt", context.attempt())
                    .add("succeeded_after_redrives", context.redrives())
                    .build();
        }
        if ("terminal".equals(mode(arguments))) {
            throw new TerminalTaskException(message);
        }
        if (redrivesNeeded > 0 || succeedOn == 0 || context.attempt() < succeedOn) {
            throw new RetryableTaskException(message + " (attempt " + context.attempt() + ")");
        }
        return Jsons.object().add("succeeded_on_attempt", context.attempt()).build();
    }

    private static String mode(JsonObject arguments) {
        String mode = arguments.getString("mode", "retryable");
        if (!mode.equals("retryable") && !mode.equals("terminal")) {
            throw new IllegalArgumentException("arguments.mode must be 'retryable' or 'terminal'");
        }
        return mode;
    }

    private static int succeedOnAttempt(JsonObject arguments) {
        return positive(arguments, "succeed_on_attempt");
    }

    /** Returns an optional positive integer argument, 0 when absent. */
    private static int positive(JsonObject arguments, String name) {
        JsonValue value = arguments.get(name);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.intValue() < 1) {
            throw new IllegalArgumentException("arguments." + name + " must be a positive integer");
        }
        return number.intValue();
    }
}
