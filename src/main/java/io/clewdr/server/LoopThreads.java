package io.clewdr.server;

import io.netty.channel.EventLoop;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual threads carried by the event loop of the connection they serve.
 *
 * <p>A request's handler is sequential code that waits on futures completed by the event loop
 * (the upstream's answer, the client stream opening). On the JDK's shared carrier pool every such
 * wait is a hand-off between two platform threads: the loop wakes a carrier, the carrier runs until
 * the handler parks, spins, then sleeps, and the loop is woken again to write. When the handler's
 * virtual thread is scheduled on the loop itself, starting it, parking it and resuming it are tasks
 * in the loop's own queue: no thread is woken, and a handler that parks gives the loop back to its
 * other connections exactly as a platform carrier would. Measured on one core (pass-through, 64
 * connections, the two schedulers interleaved in 5 s windows): 25-35 % less CPU per request.
 *
 * <p>The JDK has no public API for a virtual thread's scheduler yet; the builder that takes one is
 * package-private in {@code java.lang}, reachable when {@code java.base/java.lang} is opened to us
 * (the jar's manifest does that; so does the test run). Where it is not, {@link #available()} is
 * false and the server keeps the shared pool.
 *
 * <p>What runs here must not block its carrier: a virtual thread that waits on a lock, a future, a
 * socket or a sleep unmounts and frees the loop, but file I/O, native calls and long computations
 * would hold every connection of the loop. So only LLM routes with small bodies run here (see
 * {@link ConnectionHandler}); the admin API (which writes storage) and large bodies (whose parse,
 * shaping and token estimate take milliseconds) keep the shared pool.
 */
final class LoopThreads {
    private static final Logger LOG = LoggerFactory.getLogger(LoopThreads.class);
    private static final @Nullable MethodHandle BUILDER = builderWithScheduler();

    private LoopThreads() {}

    /** @return whether virtual threads can be carried by an event loop in this JVM */
    static boolean available() {
        return BUILDER != null;
    }

    /**
     * An executor that starts each task on a new virtual thread carried by {@code loop}.
     *
     * @param loop the event loop of the connection
     * @return the executor
     * @throws IllegalStateException when {@link #available()} is false
     */
    static Executor on(EventLoop loop) {
        MethodHandle builder = BUILDER;
        if (builder == null) {
            throw new IllegalStateException("virtual threads cannot be scheduled on an event loop here");
        }
        // A thread that wakes after its loop has stopped (the server shutting down around it) still
        // runs to its end, on a pool thread.
        Executor scheduler = task -> {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException e) {
                ForkJoinPool.commonPool().execute(task);
            }
        };
        ThreadFactory factory;
        try {
            // A builder is not safe for concurrent use; the factory it makes is.
            factory = ((Thread.Builder.OfVirtual) builder.invoke(scheduler)).factory();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot build a virtual thread for the event loop", e);
        }
        return task -> factory.newThread(task).start();
    }

    private static @Nullable MethodHandle builderWithScheduler() {
        try {
            Class<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(builder, MethodHandles.lookup());
            MethodHandle constructor =
                    lookup.findConstructor(builder, MethodType.methodType(void.class, Executor.class));
            return constructor.asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info(
                    "Request handlers run on the JDK's shared carrier threads ({}); "
                            + "start with --add-opens java.base/java.lang=ALL-UNNAMED to run them on the event loops",
                    e.toString());
            return null;
        }
    }
}
