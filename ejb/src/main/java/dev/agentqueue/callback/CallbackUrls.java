package dev.agentqueue.callback;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Checks a callback URL: absolute {@code http} or {@code https}, without credentials, on a host the allow-list names.
 * Without an allow-list no URL passes, so that the queue cannot be made to probe hosts its operator never meant it to
 * reach (the outcome of every try is visible on the task).
 */
public final class CallbackUrls {

    /** Longest callback URL accepted. */
    public static final int MAX_LENGTH = 2048;

    private CallbackUrls() {}

    /**
     * Returns {@code url} as a URI when it may be called back.
     *
     * @param allowedHosts host names (case-insensitive), {@code *.example.com} for its subdomains, or {@code *} for any
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static URI check(String url, List<String> allowedHosts) {
        if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("callbackUrl must be 1-" + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("callbackUrl is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("callbackUrl must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("callbackUrl must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            // The URL is shown on the task: credentials in it would be shown to every viewer.
            throw new IllegalArgumentException("callbackUrl must not carry credentials");
        }
        if (!allowed(uri.getHost(), allowedHosts)) {
            throw new IllegalArgumentException("callbackUrl host " + uri.getHost()
                    + " is not allowed (agentqueue.callbacks.allowed-hosts: "
                    + (allowedHosts.isEmpty() ? "none set, callbacks are off" : String.join(",", allowedHosts)) + ")");
        }
        return uri;
    }

    private static boolean allowed(String host, List<String> allowedHosts) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String entry : allowedHosts) {
            String pattern = entry.toLowerCase(Locale.ROOT);
            if (pattern.equals("*")
                    || pattern.equals(name)
                    || (pattern.startsWith("*.") && name.endsWith(pattern.substring(1)))) {
                return true;
            }
        }
        return false;
    }
}
