package dev.agentqueue.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one command to a redis-server or Sentinel on loopback over a fresh connection and reads its reply in the
 * Redis protocol (RESP2), so the suite can look at its own Redis processes without a client library of its own.
 */
final class RespClient {

    private static final int TIMEOUT_MILLIS = 2_000;

    private RespClient() {}

    /**
     * Runs {@code command} on {@code 127.0.0.1:port} and returns the reply: a {@code String} (simple or bulk), a
     * {@code Long}, a {@code List} of replies, or null for a null bulk reply.
     *
     * @throws IOException when the process cannot be reached or answers with an error
     */
    static Object call(int port, String... command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(encode(command));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** Tells whether the process on {@code port} answers PING. */
    static boolean pings(int port) {
        try {
            return "PONG".equals(call(port, "PING"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns one field of {@code INFO section} (for example {@code role} of {@code replication}), or null. */
    static String info(int port, String section, String field) throws IOException {
        for (String line : String.valueOf(call(port, "INFO", section)).split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    private static byte[] encode(String... command) {
        StringBuilder text = new StringBuilder("*").append(command.length).append("\r\n");
        for (String part : command) {
            text.append('$')
                    .append(part.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(part)
                    .append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IOException("Redis answered: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("Unexpected reply type " + type + " (" + line + ")");
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int previous = -1;
        for (int next = in.read(); next != -1; next = in.read()) {
            if (previous == '\r' && next == '\n') {
                byte[] all = bytes.toByteArray();
                return new String(all, 0, all.length - 1, StandardCharsets.UTF_8);
            }
            bytes.write(next);
            previous = next;
        }
        throw new IOException("Connection closed in the middle of a reply");
    }
}
