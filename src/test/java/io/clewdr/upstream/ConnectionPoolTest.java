package io.clewdr.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 idle pool on an embedded channel, whose scheduled tasks the test can see. */
class ConnectionPoolTest {
    private final ConnectionPool pool = new ConnectionPool(
            new PoolKey(false, "127.0.0.1", 8080, null, StandardProfile.INSTANCE, null), 512, Duration.ofSeconds(60));

    @Test
    void a_connection_released_to_the_pool_gets_one_eviction_check() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Http1Connection connection = released(channel);

        assertThat(channel.runScheduledPendingTasks())
                .as("nanoseconds until the next scheduled task")
                .isPositive();
        assertThat(pool.acquire()).isSameAs(connection);
    }

    @Test
    void a_pooled_connection_that_closes_leaves_no_check_behind_to_hold_it() {
        EmbeddedChannel channel = new EmbeddedChannel();
        released(channel);

        // The server hung up on the idle connection. (The event alone: closing an embedded channel
        // would also cancel every task of its loop and hide what the connection left scheduled.)
        channel.pipeline().fireChannelInactive();

        // A minute-long check per closed connection would keep thousands of dead channels on the
        // heap after a burst of streams.
        assertThat(channel.runScheduledPendingTasks()).isEqualTo(-1);
        assertThat(pool.acquire()).isNull();
    }

    /** A new HTTP/1.1 connection on {@code channel} that finished an exchange and went back to the pool. */
    private Http1Connection released(EmbeddedChannel channel) {
        Http1Connection connection = Http1Connection.install(channel, pool);
        pool.added(connection);
        pool.release(connection);
        return connection;
    }
}
