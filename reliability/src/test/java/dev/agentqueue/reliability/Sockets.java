package dev.agentqueue.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Tells whether a process of the suite (or another) listens on a loopback port. */
final class Sockets {

    private Sockets() {}

    /** Tells whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
