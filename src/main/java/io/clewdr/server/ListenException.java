package io.clewdr.server;

import io.netty.channel.unix.Errors;
import java.net.BindException;

/**
 * The server could not open its listening socket: the port is taken, needs privileges, or the
 * address is not this machine's. The message names the address and says what to change, so a user
 * who starts a second copy by mistake reads one line instead of a stack trace.
 */
public final class ListenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    // Linux errno values as the native transport reports them (negated).
    private static final int EACCES = 13;
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;

    private ListenException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Describes a failed bind.
     *
     * @param host the configured address
     * @param port the configured port
     * @param cause what the socket layer threw
     * @return the exception, message {@code "cannot listen on <host>:<port>: <reason>"}
     */
    static ListenException of(String host, int port, Throwable cause) {
        return new ListenException("cannot listen on " + host + ":" + port + ": " + reason(cause), cause);
    }

    private static String reason(Throwable cause) {
        int errno = cause instanceof Errors.NativeIoException nativeIo ? Math.abs(nativeIo.expectedErr()) : 0;
        String message = String.valueOf(cause.getMessage());
        if (errno == EADDRINUSE || message.contains("Address already in use")) {
            return "the port is already in use (is ClewdR already running?); choose another with port in the"
                    + " config file or CLEWDR_PORT";
        }
        if (errno == EACCES || message.contains("Permission denied")) {
            return "permission denied (ports below 1024 need privileges); choose a port above 1024";
        }
        if (errno == EADDRNOTAVAIL || message.contains("Cannot assign requested address")) {
            return "the address is not one of this machine's; set ip to 127.0.0.1 or 0.0.0.0";
        }
        return cause instanceof BindException ? message : cause.getClass().getSimpleName() + ": " + message;
    }
}
