package dev.agentqueue.dlq;

import java.util.Map;

/**
 * Turns a JMS message selector into the broker's own filter, as its management operations take it: the same
 * language, except that the JMS header fields have other names there ({@code JMSTimestamp} is {@code AMQTimestamp}).
 * Quoted strings are left as they are, so a fingerprint or agent name that happens to spell a header stays intact.
 */
final class CoreFilter {

    private static final Map<String, String> HEADERS = Map.of(
            "JMSTimestamp", "AMQTimestamp",
            "JMSPriority", "AMQPriority",
            "JMSExpiration", "AMQExpiration",
            "JMSMessageID", "AMQUserID");

    private CoreFilter() {}

    /** Returns the core filter of {@code selector}; {@code null} (every message) stays {@code null}. */
    static String of(String selector) {
        if (selector == null) {
            return null;
        }
        StringBuilder filter = new StringBuilder(selector.length());
        boolean quoted = false;
        int i = 0;
        while (i < selector.length()) {
            char c = selector.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // a doubled quote inside a string toggles twice
            }
            int end = quoted ? i : identifierEnd(selector, i);
            String identifier = selector.substring(i, end);
            if (end > i && HEADERS.containsKey(identifier)) {
                filter.append(HEADERS.get(identifier));
            } else {
                filter.append(end > i ? identifier : String.valueOf(c));
            }
            i = Math.max(end, i + 1);
        }
        return filter.toString();
    }

    /** Returns where the identifier starting at {@code start} ends; {@code start} when none starts there. */
    private static int identifierEnd(String text, int start) {
        if (!Character.isJavaIdentifierStart(text.charAt(start))) {
            return start;
        }
        int end = start + 1;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
