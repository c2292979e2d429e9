package io.clewdr.provider.claudeweb;

import io.clewdr.provider.Opened;

/**
 * Stops one attempt's call sequence with a failure. Internal to this package: {@link
 * ClaudeWebBackend} catches it at exactly one place and hands the relay the {@link Opened.Failed}
 * value, so the public contract stays "expected results are values".
 */
final class Halt extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Opened.Failed failed;

    Halt(Opened.Failed failed) {
        super(failed.error().message(), null, false, false); // no stack trace: this is control flow
        this.failed = failed;
    }

    /** The failure to hand back. */
    Opened.Failed failed() {
        return failed;
    }
}
