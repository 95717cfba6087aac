package dev.agentqueue.dlq;

/**
 * Dead letters sharing one error fingerprint: one root cause, one line, with a sample of its error and the time
 * range in which its messages were dead-lettered.
 */
public record FingerprintCount(
        String fingerprint,
        long count,
        String classification,
        String errorType,
        String sampleMessage,
        long firstDeadLetteredAt,
        long lastDeadLetteredAt) {

    /** Returns the line a person reads, such as {@code 37 × TerminalTaskException: 401 Unauthorized}. */
    public String line() {
        String simpleType = errorType.substring(errorType.lastIndexOf('.') + 1);
        return count + " × " + simpleType + ": " + sampleMessage;
    }

    FingerprintCount add(DeadLetter letter) {
        return new FingerprintCount(
                fingerprint,
                count + 1,
                classification,
                errorType,
                sampleMessage,
                Math.min(firstDeadLetteredAt, letter.deadLetteredAt()),
                Math.max(lastDeadLetteredAt, letter.deadLetteredAt()));
    }

    static FingerprintCount first(DeadLetter letter) {
        return new FingerprintCount(
                letter.error().fingerprint(),
                1,
                letter.error().classification().name(),
                letter.error().type(),
                letter.error().message(),
                letter.deadLetteredAt(),
                letter.deadLetteredAt());
    }
}
