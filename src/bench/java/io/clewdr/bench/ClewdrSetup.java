package io.clewdr.bench;

/**
 * How the bench runs ClewdR: a {@code clewdr.toml} whose {@code [upstream]} bases and OAuth URLs
 * point at the mock, with one cookie whose OAuth token is already filled in and valid for a day (so
 * the Claude Code path needs no OAuth dance). ClewdR itself is started through {@code ./clewdr},
 * so the bench measures what users start.
 *
 * @param port ClewdR's port
 * @param mockPort the mock's port
 * @param password the API password
 * @param nowEpochSeconds the wall-clock time the token's expiry is counted from
 */
record ClewdrSetup(int port, int mockPort, String password, long nowEpochSeconds) {

    /** A cookie of the shape ClewdR accepts: {@code sk-ant-sid01-} + 86 chars + {@code -} + 6 chars + {@code AA}. */
    static String cookie() {
        return "sk-ant-sid01-" + "b".repeat(86) + "-benchAAA";
    }

    String toml() {
        String mock = "http://127.0.0.1:" + mockPort;
        return """
                ip = "127.0.0.1"
                port = %d
                check_update = false
                auto_update = false
                password = "%s"
                admin_password = "%s-admin"
                max_retries = 5
                preserve_chats = false

                [upstream]
                claude_base = "%s/"
                oauth_token_url = "%s/v1/oauth/token"
                oauth_usage_url = "%s/api/oauth/usage"

                [[cookie_array]]
                cookie = "%s"

                [cookie_array.token]
                access_token = "sk-ant-oat01-bench-access"
                expires_in = 86400
                refresh_token = "sk-ant-ort01-bench-refresh"
                expires_at = %d.0

                [cookie_array.token.organization]
                uuid = "%s"
                """.formatted(
                port, password, password, mock, mock, mock, cookie(), nowEpochSeconds + 86_400, MockHandler.ORG);
    }
}
