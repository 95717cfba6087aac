package dev.agentqueue.callback;

import java.time.Duration;

/** What follows one try of a callback, decided by {@link CallbackPolicy} and carried out by {@link CallbackSchedule}. */
public sealed interface CallbackVerdict {

    /** The record's callback state after this verdict. */
    String state();

    /** The HTTP status of the try, or null when it got no answer. */
    Integer status();

    /** Why the try failed, or null when it did not. */
    String error();

    /** The receiver answered 2xx: the callback is done. */
    record Delivered(Integer status) implements CallbackVerdict {
        @Override
        public String state() {
            return "DELIVERED";
        }

        @Override
        public String error() {
            return null;
        }
    }

    /** The try failed in a way worth trying again after {@code delay}. */
    record Retry(Integer status, String error, Duration delay) implements CallbackVerdict {
        @Override
        public String state() {
            return "PENDING";
        }
    }

    /** The callback failed for good: a final answer, an unusable URL, or the last try. */
    record Failed(Integer status, String error) implements CallbackVerdict {
        @Override
        public String state() {
            return "FAILED";
        }
    }
}
