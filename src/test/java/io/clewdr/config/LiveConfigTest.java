package io.clewdr.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveConfigTest {
    @Test
    void listeners_hear_each_change_with_before_and_after() {
        LiveConfig live = LiveConfig.of(Settings.defaults());
        List<String> proxies = new ArrayList<>();
        live.addListener((before, after) -> proxies.add(before.proxy() + " -> " + after.proxy()));

        live.update(s -> s.withProxy("socks5://127.0.0.1:1080"));
        live.set(live.get());

        assertThat(live.get().proxy()).isEqualTo("socks5://127.0.0.1:1080");
        assertThat(proxies).containsExactly("null -> socks5://127.0.0.1:1080");
    }

    @Test
    void a_closed_subscription_hears_nothing_more() {
        LiveConfig live = LiveConfig.of(Settings.defaults());
        List<Settings> heard = new ArrayList<>();
        LiveConfig.Subscription subscription = live.addListener((before, after) -> heard.add(after));

        subscription.close();
        live.update(s -> s.withPassword("p"));

        assertThat(heard).isEmpty();
    }

    @Test
    void a_failing_listener_does_not_stop_the_change_or_the_others() {
        LiveConfig live = LiveConfig.of(Settings.defaults());
        List<Settings> heard = new ArrayList<>();
        live.addListener((before, after) -> {
            throw new IllegalStateException("boom");
        });
        live.addListener((before, after) -> heard.add(after));

        live.update(s -> s.withPassword("p"));

        assertThat(live.get().password()).isEqualTo("p");
        assertThat(heard).hasSize(1);
    }
}
