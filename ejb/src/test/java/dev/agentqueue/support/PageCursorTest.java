package dev.agentqueue.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    @Test
    void aCursorSurvivesItsRoundTrip() {
        PageCursor cursor = new PageCursor(1_700_000_000_123L, "01890a5d-ac96-774b-bcce-b302099a8057");

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain(":", "=", "/", "+");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage!",
                "YzE6MTIzOm5vdC1hbi1pZA", // c1:123:not-an-id
                "YzI6MTIzOjAxODkwYTVkLWFjOTYtNzc0Yi1iY2NlLWIzMDIwOTlhODA1Nw", // c2:...
                "YzE6LTE6MDE4OTBhNWQtYWM5Ni03NzRiLWJjY2UtYjMwMjA5OWE4MDU3", // c1:-1:...
                "YzE6eDowMTg5MGE1ZC1hYzk2LTc3NGItYmNjZS1iMzAyMDk5YTgwNTc" // c1:x:...
            })
    void anythingElseIsRefused(String token) {
        assertThatThrownBy(() -> PageCursor.decode(token)).isInstanceOf(IllegalArgumentException.class);
    }
}
