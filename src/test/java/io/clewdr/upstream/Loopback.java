package io.clewdr.upstream;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Shared test plumbing: one event-loop group for servers and client, settings that tests change. */
final class Loopback implements AutoCloseable {

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final AtomicReference<UpstreamSettings> settings = new AtomicReference<>(UpstreamSettings.defaults()
            .withTrust(TestCertificates.trust())
            .withTimeouts(Timeouts.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5))));
    final UpstreamClient client = UpstreamClient.create(group, settings::get);

    /** Waits for a future a test expects to settle soon. */
    static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("the future did not settle within 10 s", e);
        }
    }

    @Override
    public void close() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
