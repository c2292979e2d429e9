package io.clewdr.upstream;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A body subscriber that records chunks as text and can act on each chunk (to pause or cancel). */
final class Recording implements BodySubscriber {

    final List<String> chunks = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Consumer<Recording> onEachChunk;

    Recording(Consumer<Recording> onEachChunk) {
        this.onEachChunk = onEachChunk;
    }

    Recording() {
        this(r -> {});
    }

    @Override
    public void onChunk(ByteBuf chunk) {
        try {
            chunks.add(chunk.toString(StandardCharsets.UTF_8));
        } finally {
            chunk.release();
        }
        onEachChunk.accept(this);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    String text() {
        return String.join("", chunks);
    }
}
