package dev.agentqueue.api.problem;

import dev.agentqueue.broker.BrokerUnavailableException;
import dev.agentqueue.dlq.DeadLetterConflictException;
import dev.agentqueue.dlq.DeadLetterWalkBusyException;
import dev.agentqueue.dlq.NotInDeadLetterQueueException;
import dev.agentqueue.dlq.triage.InvalidTriageException;
import dev.agentqueue.events.EventReadersBusyException;
import dev.agentqueue.flow.InvalidFlowException;
import dev.agentqueue.producer.BudgetExhaustedException;
import dev.agentqueue.producer.InvalidBatchException;
import dev.agentqueue.producer.InvalidTaskException;
import dev.agentqueue.producer.PayloadTooLargeException;
import dev.agentqueue.producer.QueueFullException;
import dev.agentqueue.redis.StoreUnavailableException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.UnsupportedEncodingException;
import java.nio.charset.IllegalCharsetNameException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every exception that reaches JAX-RS into a problem+json response; nothing leaves as an HTML error page. */
@Provider
public class ProblemMappers implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        Throwable e = unwrap(exception);
        if (e instanceof PayloadTooLargeException tooLarge) {
            return Problem.of(413, "payload-too-large", "Payload too large", tooLarge.getMessage())
                    .with("field", tooLarge.field())
                    .toResponse();
        }
        if (e instanceof InvalidBatchException batch) {
            return Problem.of(400, "invalid-batch", "Invalid batch", batch.getMessage())
                    .with("field", batch.field())
                    .withObjects("errors", batch.errors())
                    .toResponse();
        }
        if (e instanceof InvalidFlowException invalid) {
            return Problem.of(400, "invalid-request", "Invalid request", invalid.getMessage())
                    .with("field", invalid.field())
                    .with("step", invalid.step())
                    .toResponse();
        }
        if (e instanceof InvalidTaskException invalid) {
            return Problem.of(400, "invalid-request", "Invalid request", invalid.getMessage())
                    .with("field", invalid.field())
                    .toResponse();
        }
        if (e instanceof InvalidTriageException invalid) {
            return Problem.of(400, "invalid-request", "Invalid request", invalid.getMessage())
                    .with("field", invalid.field())
                    .toResponse();
        }
        if (e instanceof NotInDeadLetterQueueException missing) {
            return Problem.of(
                            404,
                            "not-in-dead-letter-queue",
                            "Not in the dead-letter queue",
                            missing.getMessage() + "; nothing was changed")
                    .with("taskIds", missing.taskIds())
                    .toResponse();
        }
        if (e instanceof DeadLetterConflictException conflict) {
            return Problem.of(409, "conflict", "Conflict", conflict.getMessage() + "; nothing was changed")
                    .with("taskIds", conflict.taskIds())
                    .toResponse();
        }
        if (e instanceof ApiException api) {
            return api.problem().toResponse();
        }
        if (e instanceof QueueFullException full) {
            return Problem.of(429, "queue-full", "Queue full", full.getMessage())
                    .toResponseBuilder()
                    .header("Retry-After", Long.toString(full.retryAfter().toSeconds()))
                    .build();
        }
        if (e instanceof BudgetExhaustedException spent) {
            // Retry-After in whole seconds, rounded up so that a client coming back then finds the budget refilled.
            long seconds = Math.max(
                    1,
                    Duration.between(Instant.now(), spent.retryAt())
                            .plusMillis(999)
                            .toSeconds());
            return Problem.of(429, "budget-exhausted", "Token budget spent", spent.getMessage())
                    .with("scope", spent.scope())
                    .with("window", spent.window())
                    .with("retryAt", spent.retryAt().toString())
                    .toResponseBuilder()
                    .header("Retry-After", Long.toString(seconds))
                    .build();
        }
        if (e instanceof StoreUnavailableException) {
            return Problem.of(
                            503,
                            "store-unavailable",
                            "Task store unavailable",
                            "Redis cannot be reached; nothing was changed, retry later")
                    .toResponseBuilder()
                    .header("Retry-After", "5")
                    .build();
        }
        if (e instanceof DeadLetterWalkBusyException busy) {
            return Problem.of(503, "dlq-walk-busy", "Dead-letter queue busy", busy.getMessage())
                    .toResponseBuilder()
                    .header("Retry-After", "60")
                    .build();
        }
        if (e instanceof EventReadersBusyException busy) {
            return Problem.of(503, "event-readers-busy", "Too many event listeners", busy.getMessage())
                    .toResponseBuilder()
                    .header("Retry-After", "5")
                    .build();
        }
        if (e instanceof BrokerUnavailableException) {
            return Problem.of(
                            503,
                            "broker-unavailable",
                            "Broker unavailable",
                            "The message broker cannot be reached; retry later")
                    .toResponseBuilder()
                    .header("Retry-After", "5")
                    .build();
        }
        if (e instanceof WebApplicationException web) {
            return fromFramework(web.getResponse());
        }
        if (e instanceof UnsupportedEncodingException || e instanceof IllegalCharsetNameException) {
            // The body names a charset this JVM cannot decode (Content-Type: application/json; charset=...).
            return Problem.of(415, "http-415", "Unsupported Media Type", "Send the body as UTF-8 application/json")
                    .toResponse();
        }
        LOG.log(Level.SEVERE, "Unhandled error in the REST API", e);
        return Problem.of(
                        500,
                        "internal-error",
                        "Internal error",
                        "The request failed unexpectedly; the server log has the details")
                .toResponse();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while (current instanceof EJBException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Answers what JAX-RS itself refused (no route, wrong method, media type) in our words: its own messages name
     * its implementation. The {@code Allow} header of a 405 is kept.
     */
    private static Response fromFramework(Response refused) {
        int status = refused.getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = switch (status) {
            case 404 -> "No route of this API matches the path";
            case 405 -> "The route does not accept this method; the Allow header lists those it does";
            case 406 -> "The route answers application/json only; adjust the Accept header";
            case 415 -> "Send the body as application/json";
            default -> null;
        };
        Response.ResponseBuilder response = Problem.of(
                        status, "http-" + status, known == null ? "HTTP " + status : known.getReasonPhrase(), detail)
                .toResponseBuilder();
        if (refused.getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, refused.getHeaderString(HttpHeaders.ALLOW));
        }
        return response.build();
    }
}
