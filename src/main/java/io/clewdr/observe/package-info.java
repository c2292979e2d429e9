/**
 * Logging setup, secret redaction, and later metrics and usage statistics.
 */
package io.clewdr.observe;
