package dev.agentqueue.api.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Stands in front of the container's authentication: a request with credentials from an address the
 * {@link LoginThrottle} refuses gets 429 problem+json with Retry-After and never reaches the login check, and a
 * request whose credentials the container turned down (401) counts as a failure of its address.
 */
final class LoginThrottleHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(LoginThrottleHandler.class.getName());

    private final HttpHandler next;
    private final LoginThrottle throttle;
    private final Set<String> trusted;
    private final String refusalBody;

    /**
     * Wraps {@code next}; {@code trusted} are addresses that are never throttled, {@code refusalBody} is the
     * problem+json body of a refusal (rendered once, at deployment).
     */
    LoginThrottleHandler(HttpHandler next, LoginThrottle throttle, Set<String> trusted, String refusalBody) {
        this.next = next;
        this.throttle = throttle;
        this.trusted = trusted;
        this.refusalBody = refusalBody;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!exchange.getRequestHeaders().contains(Headers.AUTHORIZATION)) {
            next.handleRequest(exchange);
            return;
        }
        InetSocketAddress source = exchange.getSourceAddress();
        InetAddress address = source == null ? null : source.getAddress();
        if (address == null || trusted.contains(address.getHostAddress())) {
            next.handleRequest(exchange);
            return;
        }
        String client = clientKey(address);
        Optional<Duration> refused = throttle.refusal(client);
        if (refused.isPresent()) {
            refuse(exchange, refused.get());
            return;
        }
        // Counted before the 401 goes out, not when the exchange completes: a client that reads the 401 and tries
        // again at once would otherwise be checked before its failure was counted, and get one guess too many.
        exchange.addResponseCommitListener(committing -> {
            if (committing.getStatusCode() == 401 && throttle.failed(client)) {
                LOG.warning(() -> "Too many failed logins from " + client + ": its logins are refused (429) until"
                        + " its window of failed logins has passed");
            }
        });
        next.handleRequest(exchange);
    }

    /**
     * Returns the key an address is counted under: an IPv4 address itself; an IPv6 address by its /64 network, the
     * block a single site or host usually gets, so that one host cannot multiply its allowance by changing addresses.
     */
    static String clientKey(InetAddress address) {
        if (address instanceof Inet6Address) {
            return HexFormat.of().formatHex(Arrays.copyOf(address.getAddress(), 8)) + "::/64";
        }
        return address.getHostAddress();
    }

    private void refuse(HttpServerExchange exchange, Duration remaining) {
        exchange.setStatusCode(429);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/problem+json;charset=UTF-8");
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(remaining))));
        exchange.getResponseSender().send(refusalBody, StandardCharsets.UTF_8);
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
