/**
 * The benchmark: a mock upstream, an open-loop load generator with an SSE-aware stream
 * client, and the driver that runs ClewdR beside the references (direct, nginx, Portkey) on one
 * machine and prints the figures. Compiled only in the Maven profile {@code bench}; it talks HTTP
 * to separate processes and uses nothing from {@code src/main}.
 *
 * <p>Starting points: {@link io.clewdr.bench.BenchMain} (the driver, run by {@code bench/run}),
 * {@link io.clewdr.bench.MockUpstream} (the mock, a separate process), {@link
 * io.clewdr.bench.OpenLoop} (constant-rate load), {@link io.clewdr.bench.StreamLoad} (concurrent
 * paced streams) and {@link io.clewdr.bench.StreamProbe} (per-stream checks).
 */
package io.clewdr.bench;
