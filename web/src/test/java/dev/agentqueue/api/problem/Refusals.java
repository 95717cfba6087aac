package dev.agentqueue.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that reading a request refuses it with a 400 problem that names the field at fault, or none. */
public final class Refusals {

    private Refusals() {}

    /** Asserts that {@code read} throws a 400 problem whose detail contains {@code detail} and names {@code field}. */
    public static void assertRefused(ThrowingCallable read, String field, String detail) {
        assertThatThrownBy(read).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().body()).contains(detail);
            if (field == null) {
                assertThat(e.problem().body()).doesNotContain("\"field\"");
            } else {
                assertThat(e.problem().body()).contains("\"field\":\"" + field + "\"");
            }
        });
    }
}
