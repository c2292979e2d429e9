package io.clewdr.translate;

/**
 * What the response side of an OpenAI request needs to know about the request it answers.
 *
 * @param model the model the client asked for, echoed in every response body and chunk
 * @param stream whether the client asked for a stream ({@code stream: true})
 * @param includeUsage whether the client asked for a final usage chunk ({@code
 *     stream_options.include_usage: true})
 */
public record OpenAiRequestContext(String model, boolean stream, boolean includeUsage) {

    /** Normalises a missing model to the empty string, so bodies always carry a string. */
    public OpenAiRequestContext {
        model = model == null ? "" : model;
    }
}
