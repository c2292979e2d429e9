/**
 * The backends, one sub-package each (they do not know each other), and the contracts they share
 * with the relay.
 *
 * <p>Starting points: {@link io.clewdr.provider.Opened} (what opening an upstream call gives the
 * relay), {@link io.clewdr.provider.ClaudeErrors} (the classification of every Claude web and Code
 * failure into an outcome for the pool and an error for the client), {@link
 * io.clewdr.provider.Failures}.
 */
package io.clewdr.provider;
