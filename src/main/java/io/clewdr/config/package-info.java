/**
 * Settings as immutable records: loading from {@code clewdr.toml}, {@code CLEWDR_*} environment
 * variables and CLI flags, validation, the live snapshot with hot reload, and atomic saves. Depends on
 * nothing else in {@code io.clewdr}; credential sections are carried as raw Jackson trees for the
 * credential package to parse.
 *
 * <p>Starting points:
 *
 * <ul>
 *   <li>{@link io.clewdr.config.CliOptions#parse} — the command line ({@code -c -l -f -V -h});
 *   <li>{@link io.clewdr.config.ConfigFile} — {@code load()}, then {@code update(change)} for every
 *       change (atomic 0600 save, hand edits merged first, corrupt edits never overwritten);
 *   <li>{@link io.clewdr.config.ConfigDocument} — the loaded result: {@link
 *       io.clewdr.config.Settings}, credential sections, env/changed/generated keys;
 *   <li>{@link io.clewdr.config.LiveConfig} — the settings in effect, with change listeners;
 *   <li>{@link io.clewdr.config.ConfigWatcher} — hot reload of hand edits;
 *   <li>{@link io.clewdr.config.ConfigApi} — masked JSON for {@code GET /api/config} and the validated
 *       merge of {@code POST /api/config};
 *   <li>{@link io.clewdr.config.ConfigLoader} — the file and environment rules themselves.
 * </ul>
 */
package io.clewdr.config;
