/**
 * The attempt loop: lease a credential, call the provider, report the outcome, fail over only before the first byte reaches the client.
 */
package io.clewdr.relay;
