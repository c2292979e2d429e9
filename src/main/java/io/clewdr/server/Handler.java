package io.clewdr.server;

/**
 * Handles one request. Runs on a virtual thread, so it may wait on futures and do blocking work; it
 * answers through the {@link Exchange} exactly once (a plain response or a stream).
 */
@FunctionalInterface
public interface Handler {
    /**
     * Handles the request.
     *
     * @param request the decoded request
     * @param exchange where to answer
     * @throws Exception any failure; an {@link HttpError} is rendered as is, anything else as a 500
     */
    void handle(Request request, Exchange exchange) throws Exception;
}
