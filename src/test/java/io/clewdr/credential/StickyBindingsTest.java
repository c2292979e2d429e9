package io.clewdr.credential;

import static io.clewdr.credential.Fixtures.T0;
import static io.clewdr.credential.Fixtures.cookie;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StickyBindingsTest {

    private final StickyBindings sticky = new StickyBindings(3);

    @Test
    void a_bound_hash_is_found_until_it_has_been_idle_for_an_hour() {
        sticky.bind(1, cookie(1), T0);
        assertThat(sticky.lookup(1, T0.plus(Duration.ofMinutes(59)))).contains(cookie(1));
        assertThat(sticky.lookup(1, T0.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(sticky.lookup(2, T0)).isEmpty();
    }

    @Test
    void a_new_hash_in_a_full_map_first_purges_idle_bindings() {
        sticky.bind(1, cookie(1), T0);
        sticky.bind(2, cookie(2), T0.plus(Duration.ofMinutes(30)));
        sticky.bind(3, cookie(3), T0.plus(Duration.ofMinutes(40)));
        sticky.bind(4, cookie(4), T0.plus(Duration.ofMinutes(90)));
        assertThat(sticky.size()).isEqualTo(2);
        assertThat(sticky.contains(1)).isFalse();
        assertThat(sticky.contains(2)).isFalse();
        assertThat(sticky.contains(3)).isTrue();
        assertThat(sticky.contains(4)).isTrue();
    }

    @Test
    void without_idle_bindings_the_least_recently_used_one_is_evicted() {
        sticky.bind(1, cookie(1), T0);
        sticky.bind(2, cookie(2), T0.plusSeconds(1));
        sticky.bind(3, cookie(3), T0.plusSeconds(2));
        sticky.bind(1, cookie(1), T0.plusSeconds(3));
        sticky.bind(4, cookie(4), T0.plusSeconds(4));
        assertThat(sticky.size()).isEqualTo(3);
        assertThat(sticky.contains(2)).isFalse();
        assertThat(sticky.contains(1)).isTrue();
    }

    @Test
    void refreshing_an_existing_hash_in_a_full_map_never_evicts() {
        sticky.bind(1, cookie(1), T0);
        sticky.bind(2, cookie(2), T0);
        sticky.bind(3, cookie(3), T0);
        sticky.bind(2, cookie(5), T0.plus(Duration.ofHours(2)));
        assertThat(sticky.size()).isEqualTo(3);
        assertThat(sticky.lookup(2, T0.plus(Duration.ofHours(2)))).contains(cookie(5));
    }

    @Test
    void forgetting_a_cookie_drops_all_its_bindings() {
        sticky.bind(1, cookie(1), T0);
        sticky.bind(2, cookie(1), T0);
        sticky.bind(3, cookie(2), T0);
        sticky.forget(cookie(1));
        assertThat(sticky.size()).isEqualTo(1);
    }
}
