/**
 * Settings as immutable records: loading from clewdr.toml, CLEWDR_* environment variables and CLI flags, validation, the live snapshot with hot reload, and atomic saves.
 */
package io.clewdr.config;
