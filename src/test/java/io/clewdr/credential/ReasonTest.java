package io.clewdr.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReasonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void unit_reasons_are_plain_strings() {
        assertThat(new Reason.Free().toJson().toString()).isEqualTo("\"Free\"");
        assertThat(new Reason.NormalPro().toJson().toString()).isEqualTo("\"NormalPro\"");
        assertThat(new Reason.Disabled().toJson().toString()).isEqualTo("\"Disabled\"");
        assertThat(new Reason.Banned().toJson().toString()).isEqualTo("\"Banned\"");
        assertThat(new Reason.Null().toJson().toString()).isEqualTo("\"Null\"");
    }

    @Test
    void timed_reasons_are_single_key_objects() {
        assertThat(new Reason.TooManyRequest(1785087657).toJson().toString())
                .isEqualTo("{\"TooManyRequest\":1785087657}");
        assertThat(new Reason.Restricted(1785087657).toJson().toString()).isEqualTo("{\"Restricted\":1785087657}");
    }

    @Test
    void every_reason_reads_back_what_it_writes() {
        for (Reason r : new Reason[] {
            new Reason.NormalPro(),
            new Reason.Free(),
            new Reason.Disabled(),
            new Reason.Banned(),
            new Reason.Null(),
            new Reason.Restricted(17),
            new Reason.TooManyRequest(1785087657)
        }) {
            assertThat(Reason.fromJson(json(r.toJson().toString()))).isEqualTo(r);
        }
    }

    @Test
    void the_legacy_NonPro_reads_as_Free() {
        assertThat(Reason.fromJson(json("\"NonPro\""))).isEqualTo(new Reason.Free());
    }

    @Test
    void unknown_or_malformed_reasons_are_rejected() {
        assertThatThrownBy(() -> Reason.fromJson(json("\"Sleepy\""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reason.fromJson(json("{\"TooManyRequest\":\"soon\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reason.fromJson(json("{\"Restricted\":1,\"Banned\":2}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reason.fromJson(json("3"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void display_texts_match_the_dashboard_wording() {
        assertThat(new Reason.NormalPro().displayText()).isEqualTo("Normal Pro account");
        assertThat(new Reason.Free().displayText()).isEqualTo("Free account");
        assertThat(new Reason.Disabled().displayText()).isEqualTo("Organization Disabled");
        assertThat(new Reason.Banned().displayText()).isEqualTo("Banned");
        assertThat(new Reason.Null().displayText()).isEqualTo("Null");
        assertThat(new Reason.Restricted(1785087657).displayText())
                .isEqualTo("Restricted/Warning: until UTC 2026-07-26 17:40:57");
        assertThat(new Reason.TooManyRequest(1785087657).displayText())
                .isEqualTo("429 Too many request: until UTC 2026-07-26 17:40:57");
    }

    @Test
    void only_free_disabled_banned_and_null_retire() {
        assertThat(new Reason.Free().retires()).isTrue();
        assertThat(new Reason.Disabled().retires()).isTrue();
        assertThat(new Reason.Banned().retires()).isTrue();
        assertThat(new Reason.Null().retires()).isTrue();
        assertThat(new Reason.NormalPro().retires()).isFalse();
        assertThat(new Reason.Restricted(1).retires()).isFalse();
        assertThat(new Reason.TooManyRequest(1).retires()).isFalse();
    }
}
