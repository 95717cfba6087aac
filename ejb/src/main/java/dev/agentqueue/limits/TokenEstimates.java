package dev.agentqueue.limits;

/**
 * The heuristic that estimates a chat call's tokens before it runs: a token per four characters of text (the ratio
 * OpenAI documents for English; code and other scripts run denser, which the settlement corrects), four more per
 * message for the chat format's framing, plus the most output the call may produce.
 */
public final class TokenEstimates {

    static final int CHARACTERS_PER_TOKEN = 4;
    static final int TOKENS_PER_MESSAGE = 4;

    private TokenEstimates() {}

    /** Estimates a call sending {@code messages} and producing at most {@code maxOutputTokens}. */
    public static long ofChat(Iterable<String> messages, long maxOutputTokens) {
        long tokens = maxOutputTokens;
        for (String message : messages) {
            tokens += TOKENS_PER_MESSAGE + (message.length() + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
        }
        return tokens;
    }
}
