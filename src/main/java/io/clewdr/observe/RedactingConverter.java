package io.clewdr.observe;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** The Logback message converter that passes every formatted log message through {@link Redactor}. */
public final class RedactingConverter extends MessageConverter {
    /** Creates the converter (Logback instantiates it for each pattern that names it). */
    public RedactingConverter() {}

    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.redact(super.convert(event));
    }
}
