package io.clewdr.provider.claudecode;

import io.clewdr.provider.Failures;
import io.clewdr.upstream.UpstreamClient;
import io.clewdr.upstream.UpstreamRequest;
import io.clewdr.upstream.UpstreamResponse;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Blocking calls over the asynchronous {@link UpstreamClient}, for the sequential code of an attempt
 * (it runs on the request's virtual thread): open a response with its body unread, or fetch a whole
 * small answer. Transport failures become {@link Failures#transport} values.
 */
final class UpstreamCall {

    /** The most bytes read from an answer that is fetched whole (token, usage, bootstrap, errors). */
    static final int MAX_SMALL_BODY = 4 << 20;

    /** The most bytes of a message answer that is not streamed (the relay reads it whole). */
    static final int MAX_ANSWER = 64 << 20;

    private UpstreamCall() {}

    /**
     * A fully read answer.
     *
     * @param status the status
     * @param headers the headers
     * @param body the body
     */
    record Answer(int status, HttpHeaders headers, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Sends {@code request} and waits for the headers; the body stays unread. */
    static Result<UpstreamResponse> open(UpstreamClient http, UpstreamRequest request) throws InterruptedException {
        CompletableFuture<UpstreamResponse> future = http.send(request);
        try {
            return Result.ok(future.get());
        } catch (ExecutionException e) {
            return Result.err(Failures.transport(e));
        } catch (InterruptedException e) {
            // Drops the response if it still comes, so the connection is not leaked.
            future.cancel(true);
            throw e;
        }
    }

    /** Sends {@code request} and reads the whole answer. */
    static Result<Answer> fetch(UpstreamClient http, UpstreamRequest request) throws InterruptedException {
        return switch (open(http, request.withPrefetchedBody(MAX_SMALL_BODY))) {
            case Result.Ok<UpstreamResponse>(UpstreamResponse response) -> read(response);
            case Result.Err<UpstreamResponse>(var failure) -> Result.err(failure);
        };
    }

    /** Reads the whole body of an opened response. */
    static Result<Answer> read(UpstreamResponse response) throws InterruptedException {
        CompletableFuture<byte[]> body = response.aggregate(MAX_SMALL_BODY);
        try {
            return Result.ok(new Answer(response.status(), response.headers(), body.get()));
        } catch (ExecutionException e) {
            return Result.err(Failures.transport(e));
        } catch (InterruptedException e) {
            response.cancel();
            throw e;
        }
    }
}
