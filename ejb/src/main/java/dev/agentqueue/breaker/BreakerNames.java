package dev.agentqueue.breaker;

import java.net.URI;
import java.util.Locale;

/** Derives breaker names from provider endpoints, so every agent calling one endpoint shares one breaker. */
public final class BreakerNames {

    private BreakerNames() {}

    /**
     * Returns the breaker name for a provider endpoint: provider, host and port, e.g. {@code openai-127.0.0.1-8080}.
     * Names use only letters, digits, dots and dashes, so they fit in URLs.
     */
    public static String forEndpoint(String provider, String baseUrl) {
        String host = "default";
        int port = -1;
        if (baseUrl != null && !baseUrl.isBlank()) {
            URI uri = URI.create(baseUrl.trim());
            host = uri.getHost() == null ? baseUrl : uri.getHost();
            port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        String name = provider + "-" + host + (port >= 0 ? "-" + port : "");
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    }
}
