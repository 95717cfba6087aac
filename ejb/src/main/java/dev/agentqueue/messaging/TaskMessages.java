package dev.agentqueue.messaging;

import dev.agentqueue.trace.Tracing;
import io.opentelemetry.context.Context;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the JMS properties of task messages: the one place that touches them, so the producer, the worker
 * and the dead-letter queue agree on what a message carries. Reads are lenient (a message from a plain JMS producer
 * may lack any property) and writes fail with a {@link JMSRuntimeException}.
 */
public final class TaskMessages {

    private TaskMessages() {}

    /** Labels a new task's message: the envelope version, the task id, and the enqueue's duplicate-detection id. */
    public static void labelEnqueued(Message message, String taskId, String correlationId) {
        label(message, taskId, correlationId, "enqueue:" + taskId, 0);
    }

    /**
     * Labels a task's message: the envelope version, the task id, the duplicate-detection id of this send, the
     * attempts already made before it ({@code attemptBase}, written only when there were some), and the current
     * trace context.
     */
    public static void label(
            Message message, String taskId, String correlationId, String duplicateId, int attemptBase) {
        write("task message", () -> {
            message.setIntProperty(MessageProperties.VERSION, MessageProperties.CURRENT_VERSION);
            message.setStringProperty(MessageProperties.TASK_ID, taskId);
            message.setStringProperty(MessageProperties.DUPLICATE_ID, duplicateId);
            if (attemptBase > 0) {
                message.setIntProperty(MessageProperties.ATTEMPT_BASE, attemptBase);
            }
            if (correlationId != null) {
                message.setJMSCorrelationID(correlationId);
            }
        });
        writeTraceContext(message);
    }

    /** Writes the current trace context onto the message, replacing the one it carries; nothing when there is none. */
    public static void writeTraceContext(Message message) {
        Map<String, String> fields = new LinkedHashMap<>();
        Tracing.inject(fields::put);
        write("trace context", () -> {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                message.setStringProperty(field.getKey(), field.getValue());
            }
        });
    }

    /** Returns the trace context the message carries, or the root context when it carries none or a bad one. */
    public static Context traceContext(Message message) {
        return Tracing.extract(name -> {
            try {
                return message.getStringProperty(name);
            } catch (JMSException | RuntimeException e) {
                return null;
            }
        });
    }

    /** Returns the task id a message carries as a property, or null. */
    public static String taskId(Message message) {
        try {
            return message.getStringProperty(MessageProperties.TASK_ID);
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot read message: " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Returns a string property of the message, or null when it has none or it cannot be read. */
    public static String stringProperty(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    /** Writes {@code properties} onto the message as string properties. */
    public static void addProperties(Message message, Map<String, String> properties) {
        write("task message", () -> {
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
        });
    }

    /** Returns how many times an operator has redriven the message's task (0 when never). */
    public static int redrives(Message message) {
        return intProperty(message, MessageProperties.REDRIVES, 0);
    }

    /** Returns an integer property, or {@code fallback} when it is absent or not an integer. */
    static int intProperty(Message message, String name, int fallback) {
        try {
            return message.propertyExists(name) ? message.getIntProperty(name) : fallback;
        } catch (JMSException | NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * Returns the task's priority: the JMS priority, unless a walk of the DLQ put the letter back at the lowest one
     * and kept the task's in a property; the JMS default when it cannot be read.
     */
    public static int priority(Message message) {
        try {
            return intProperty(message, MessageProperties.PRIORITY, message.getJMSPriority());
        } catch (JMSException e) {
            return Message.DEFAULT_PRIORITY;
        }
    }

    /** Returns when the message was sent, or now when it does not say. */
    static long timestamp(Message message) {
        try {
            long ts = message.getJMSTimestamp();
            return ts > 0 ? ts : System.currentTimeMillis();
        } catch (JMSException e) {
            return System.currentTimeMillis();
        }
    }

    /** Returns the message's JMS id, or a unique stand-in when it has none. */
    static String messageId(Message message) {
        try {
            String id = message.getJMSMessageID();
            return id == null ? Long.toString(System.nanoTime()) : id;
        } catch (JMSException e) {
            return Long.toString(System.nanoTime());
        }
    }

    /** Runs a series of property writes, reporting a failure as the unchecked JMS exception. */
    static void write(String what, PropertyWrites writes) {
        try {
            writes.run();
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot label " + what + ": " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Property writes that may throw the checked JMS exception. */
    @FunctionalInterface
    interface PropertyWrites {
        void run() throws JMSException;
    }
}
