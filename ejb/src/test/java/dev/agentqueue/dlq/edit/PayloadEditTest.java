package dev.agentqueue.dlq.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.producer.InvalidTaskException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PayloadEditTest {

    private static final JsonObject CURRENT =
            json("{\"job_type\":\"fail\",\"arguments\":{\"mode\":\"terminal\",\"message\":\"boom\"},\"keep\":1}");

    @Test
    void aReplacementTakesThePlaceOfTheWholePayload() {
        PayloadEdit edit = PayloadEdit.replace(json("{\"job_type\":\"echo\"}"));

        assertThat(edit.apply(CURRENT)).isEqualTo(json("{\"job_type\":\"echo\"}"));
        assertThat(edit.kind()).isEqualTo("REPLACE");
    }

    @Test
    void aMergePatchSetsNestedMembersAndRemovesThoseItNullsAndKeepsTheRest() {
        PayloadEdit edit = PayloadEdit.mergePatch(json("{\"arguments\":{\"mode\":\"retryable\",\"message\":null}}"));

        assertThat(edit.apply(CURRENT))
                .isEqualTo(json("{\"job_type\":\"fail\",\"arguments\":{\"mode\":\"retryable\"},\"keep\":1}"));
        assertThat(edit.kind()).isEqualTo("MERGE_PATCH");
    }

    @Test
    void anEmptyPatchChangesNothing() {
        assertThat(PayloadEdit.mergePatch(JsonObject.EMPTY_JSON_OBJECT).apply(CURRENT))
                .isEqualTo(CURRENT);
    }

    @Test
    void aReplacementThatIsNoObjectIsRefusedAsABadPayload() {
        PayloadEdit edit = new PayloadEdit.Replace("[1,2]");

        assertThatThrownBy(() -> edit.apply(CURRENT))
                .isInstanceOf(InvalidTaskException.class)
                .hasMessageContaining("JSON object");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
