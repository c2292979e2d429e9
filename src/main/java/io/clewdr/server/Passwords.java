package io.clewdr.server;

/**
 * The two secrets the server checks: the API password for LLM clients and the admin password for
 * {@code /api/*}. Read once per request from the live configuration.
 *
 * @param api the API password
 * @param admin the admin password
 */
public record Passwords(String api, String admin) {
    @Override
    public String toString() {
        return "Passwords[api=***, admin=***]";
    }
}
