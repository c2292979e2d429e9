package io.clewdr.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsageBreakdownTest {

    @Test
    void totals_always_grow_and_family_columns_only_for_their_family() {
        UsageBreakdown u = UsageBreakdown.ZERO
                .add(10, 1, ModelFamily.SONNET)
                .add(20, 2, ModelFamily.OPUS)
                .add(40, 4, ModelFamily.OTHER);
        assertThat(u).isEqualTo(new UsageBreakdown(70, 7, 10, 1, 20, 2));
    }

    @Test
    void adding_nothing_changes_nothing() {
        UsageBreakdown u = new UsageBreakdown(1, 2, 3, 4, 5, 6);
        assertThat(u.add(0, 0, ModelFamily.SONNET)).isSameAs(u);
    }

    @Test
    void counters_saturate_instead_of_wrapping() {
        UsageBreakdown u = new UsageBreakdown(Long.MAX_VALUE - 1, 0, 0, 0, 0, 0).add(5, 0, ModelFamily.OTHER);
        assertThat(u.totalInputTokens()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void negative_counts_are_rejected() {
        assertThatThrownBy(() -> UsageBreakdown.ZERO.add(-1, 0, ModelFamily.OTHER))
                .hasMessage("input: -1 (expected: >= 0)");
    }

    @Test
    void model_families_are_found_by_substring_ignoring_case() {
        assertThat(ModelFamily.of("claude-opus-4-1")).isEqualTo(ModelFamily.OPUS);
        assertThat(ModelFamily.of("claude-Sonnet-4-6-thinking")).isEqualTo(ModelFamily.SONNET);
        assertThat(ModelFamily.of("claude-haiku-4-5")).isEqualTo(ModelFamily.OTHER);
        assertThat(ModelFamily.of(null)).isEqualTo(ModelFamily.OTHER);
    }
}
