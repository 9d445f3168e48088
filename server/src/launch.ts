/**
 * How the language server process is started: the Node.js flags and environment the VS Code client
 * uses, shared with the benchmark so that what is measured is what users run.
 */

/**
 * V8 flags of the server process. Measured with the shipped LMS schema and the corpus `lms/mock.yml`
 * open (resident memory after the first diagnostics; docs/performance.md):
 * - `--max-semi-space-size=1`: V8 otherwise grows the young generation to 8 MB during the first
 *   parse and keeps it; capped at 1 MB, it costs some more (short) scavenges.
 * - `--v8-pool-size=1`: one background thread for GC and compilation instead of one per core;
 *   every extra thread keeps its own allocator arena resident. The server does one thing at a time.
 * - `--no-concurrent-recompilation`: the optimising compiler runs on the main thread, when a
 *   function gets hot, instead of on a background thread with memory of its own (about 1 MB less;
 *   a few milliseconds now and then while the first requests warm the server up).
 *
 * Not `--no-liftoff --no-wasm-lazy-compilation` (the CLI's choice for one-shot extraction): in a
 * long-lived server, V8's tiering reaches the same extraction speed after a few runs, while eager
 * optimised compilation of the grammar delays the first live extraction by some 200 ms.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=1', '--v8-pool-size=1', '--no-concurrent-recompilation'];

/**
 * Environment added to the server's: glibc gives each thread that allocates its own arena, which
 * keeps freed memory resident; two arenas are plenty for a single-threaded server.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
