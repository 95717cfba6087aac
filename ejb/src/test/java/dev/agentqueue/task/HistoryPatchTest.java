package dev.agentqueue.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistoryPatchTest {

    @Test
    void anEditedRedriveKeepsWhoChangedThePayloadHowAndThePayloadBefore() {
        HistoryPatch patch = HistoryPatch.redrivenWith(new PayloadChange("ops", "REPLACE", "{\"a\":1}", "{\"a\":2}"));

        assertThat(patch.outcome()).isEqualTo("REDRIVEN");
        assertThat(patch.edit()).isEqualTo(new TaskAttempt.Edit("ops", "REPLACE", "{\"a\":1}", null));
    }

    @Test
    void aLargePreviousPayloadIsCutToTheCapAndMarkedAsCut() {
        String large = "{\"text\":\"" + "x".repeat(PayloadChange.MAX_KEPT_CHARS * 3) + "\"}";

        HistoryPatch patch = HistoryPatch.redrivenWith(new PayloadChange("ops", "MERGE_PATCH", large, "{}"));

        assertThat(patch.edit().previousPayload()).hasSize(PayloadChange.MAX_KEPT_CHARS);
        assertThat(patch.edit().previousPayloadTruncated()).isTrue();
    }
}
