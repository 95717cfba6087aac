package dev.agentqueue.it.support;

import dev.agentqueue.testsupport.api.ApiUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 caller whose connections come from a chosen loopback address (127.0.0.2, 127.0.0.3, ...; Linux routes
 * all of 127.0.0.0/8 to the loopback interface), so that a test can play several distinct clients against a server on
 * 127.0.0.1. The JDK's HTTP client cannot choose its source address before Java 19, hence a plain socket.
 */
public final class LoopbackCaller {

    private static final int TIMEOUT_MILLIS = 30_000;

    /** An answer: its status, headers (names in lower case) and body as text. */
    public record Answer(int status, Map<String, String> headers, String body) {

        /** Returns a header's value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final InetAddress source;
    private final URI base;

    private LoopbackCaller(InetAddress source, URI base) {
        this.source = source;
        this.base = base;
    }

    /** Returns a caller from {@code 127.0.0.<lastOctet>} to the API under {@code appUrl}. */
    public static LoopbackCaller from(int lastOctet, URI appUrl) {
        try {
            return new LoopbackCaller(
                    InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet}), appUrl.resolve("api/v1/"));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sends {@code GET path} with HTTP Basic credentials ({@code user} null: none) and reads the answer. */
    public Answer get(String path, String user, String password) {
        URI target = base.resolve(path);
        StringBuilder request = new StringBuilder()
                .append("GET ")
                .append(target.getRawPath())
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(target.getHost())
                .append(':')
                .append(target.getPort())
                .append("\r\n")
                .append("Accept: application/json, application/problem+json\r\n")
                .append("Connection: close\r\n");
        if (user != null) {
            request.append("Authorization: ")
                    .append(new ApiUser(user, password).authorization())
                    .append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + target + " from " + source.getHostAddress(), e);
        }
    }

    /** Reads the whole answer (the server closes the connection) and splits it; a chunked body stays as sent. */
    private static Answer parse(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("No complete HTTP header in: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        return new Answer(status, headers, text.substring(end + 4));
    }
}
