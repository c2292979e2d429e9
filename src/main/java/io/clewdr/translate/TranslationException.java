package io.clewdr.translate;

/**
 * A body cannot be translated from one protocol to the other: on the request side it means the
 * client sent something the target API cannot express (answer 400 naming {@link #param()}); on the
 * response side it means the upstream sent something that is not the expected shape (answer 502).
 * The message never contains request content beyond parameter names and small literal values.
 */
public final class TranslationException extends RuntimeException {

    private final String param;

    /**
     * Creates the exception.
     *
     * @param param the offending request parameter as a JSON path such as {@code n} or {@code
     *     messages[2].tool_calls[0].function.arguments}, or {@code null} when no parameter is to blame
     * @param message what is wrong and what would be accepted
     */
    public TranslationException(String param, String message) {
        super(message);
        this.param = param;
    }

    /** The offending request parameter, or {@code null}; suitable for OpenAI's {@code error.param}. */
    public String param() {
        return param;
    }
}
