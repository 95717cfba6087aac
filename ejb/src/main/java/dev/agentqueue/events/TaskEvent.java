package dev.agentqueue.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.agentqueue.support.JsonRecords;
import java.util.regex.Pattern;

/**
 * One entry of a task's event stream: its stream id (which a listener resumes after), its type ({@code state},
 * {@code attempt-started}, {@code attempt-ended}, {@code progress}, {@code output}) and its JSON data.
 */
public record TaskEvent(String id, String type, String data) {

    /** The type of the events that record a change of state. */
    public static final String STATE = "state";

    private static final Pattern ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

    /** Tells whether {@code id} is a stream entry id, as a listener may send it back to resume. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Compares two stream entry ids in stream order. */
    public static int compareIds(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int byTime = Long.compareUnsigned(Long.parseUnsignedLong(x[0]), Long.parseUnsignedLong(y[0]));
        return byTime != 0 ? byTime : Long.compareUnsigned(Long.parseUnsignedLong(x[1]), Long.parseUnsignedLong(y[1]));
    }

    /** Tells whether this event moved its task into a settled state (completed, dead-lettered, cancelled, purged). */
    public boolean settles() {
        return STATE.equals(type)
                && JsonRecords.readWritten(data, StateChange.class).settled();
    }

    /** The part of a state event that tells whether it settled its task. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record StateChange(boolean settled) {}
}
