package io.clewdr.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicBetaTest {

    @Test
    void our_tokens_come_first_then_the_clients_in_order() {
        assertThat(AnthropicBeta.merge(AnthropicBeta.OAUTH, "interleaved-thinking-2025-05-14, context-1m-2025-08-07"))
                .isEqualTo("oauth-2025-04-20,interleaved-thinking-2025-05-14,context-1m-2025-08-07");
    }

    @Test
    void duplicates_and_empty_tokens_are_dropped_across_repeated_headers() {
        assertThat(AnthropicBeta.merge("oauth-2025-04-20", List.of(" b ,, oauth-2025-04-20,a", "a, c ", ",")))
                .isEqualTo("oauth-2025-04-20,b,a,c");
    }

    @Test
    void without_client_betas_only_ours_are_sent() {
        assertThat(AnthropicBeta.merge(AnthropicBeta.OAUTH)).isEqualTo("oauth-2025-04-20");
        assertThat(AnthropicBeta.merge(AnthropicBeta.OAUTH, (String) null)).isEqualTo("oauth-2025-04-20");
    }
}
