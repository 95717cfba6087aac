package dev.agentqueue.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorFingerprintTest {

    @Test
    void messagesThatDifferOnlyInIdsNumbersAndTimesShareAFingerprint() {
        String a = ErrorFingerprint.of(
                "ProviderException",
                "request 3f2b6c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f failed at 2026-11-23T10:15:30Z after 1200 ms");
        String b = ErrorFingerprint.of(
                "ProviderException",
                "request 7e0c4a11-1111-4c1b-9e2f-ffffffffffff failed at 2026-11-24T08:00:01Z after 35 ms");

        assertThat(a).isEqualTo(b);
    }

    @Test
    void differentErrorTypesOrWordsGetDifferentFingerprints() {
        assertThat(ErrorFingerprint.of("A", "401 Unauthorized"))
                .isNotEqualTo(ErrorFingerprint.of("B", "401 Unauthorized"));
        assertThat(ErrorFingerprint.of("A", "401 Unauthorized"))
                .isNotEqualTo(ErrorFingerprint.of("A", "429 Too Many Requests"));
    }

    @Test
    void normalizingReplacesHexIdsAndCollapsesSpace() {
        assertThat(ErrorFingerprint.normalize("trace 0a1b2c3d4e5f6789   in   job 17"))
                .isEqualTo("trace <id> in job <n>");
    }
}
