package dev.agentqueue.events;

/** Thrown when every dedicated connection for event listeners is in use; the listener should come back later. */
public class EventReadersBusyException extends RuntimeException {

    public EventReadersBusyException(int readers) {
        super("All " + readers + " event readers are in use; retry later");
    }
}
