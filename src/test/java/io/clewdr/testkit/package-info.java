/**
 * The test kit: faithful fake upstreams on loopback and a harness that starts the real server.
 *
 * <p>Starting points: {@link io.clewdr.testkit.FakeUpstream} (scriptable replies, faults, a record
 * of requests), {@link io.clewdr.testkit.FakeAnthropicApi} (the Messages API),
 * {@link io.clewdr.testkit.FakeAnthropicOAuth} (authorize, token grants, usage, Bearer checks),
 * {@code ServerHarness} (the real ClewdR in process on a free port with a temporary config).
 */
package io.clewdr.testkit;
