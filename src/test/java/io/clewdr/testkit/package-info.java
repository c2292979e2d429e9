/**
 * The test kit: faithful fake upstreams on loopback and a harness that starts the real server.
 *
 * <p>Starting points: {@link io.clewdr.testkit.FakeUpstream} (scriptable replies, faults, a record
 * of requests), {@link io.clewdr.testkit.FakeAnthropicApi} (the Messages API), {@link
 * io.clewdr.testkit.FakeClaudeAccounts} with {@link io.clewdr.testkit.FakeClaudeWeb} (the Claude.ai
 * web chat endpoints, scriptable per cookie), {@link io.clewdr.testkit.FakeAnthropicOAuth} (OAuth
 * authorize, token and usage endpoints, with Bearer checks on the Messages fake),
 * {@code ServerHarness} (the real ClewdR in process on a free port with a temporary config).
 */
package io.clewdr.testkit;
