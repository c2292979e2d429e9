/**
 * Persistence of settings and credentials behind one port: the clewdr.toml file store (and later the databases).
 */
package io.clewdr.store;
