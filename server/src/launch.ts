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
 *
 * Not `--no-concurrent-recompilation`: it saves about 0.5 MB, but the optimising compiler then
 * runs on the main thread, and compiling one large function took up to 35 ms in the middle of a
 * request (re-extraction after an edit went from 15 to 21 ms median, 19 to 50 ms p95).
 *
 * Not `--no-liftoff --no-wasm-lazy-compilation` (the CLI's choice for one-shot extraction): in a
 * long-lived server, V8's tiering reaches the same extraction speed after a few runs, while eager
 * optimised compilation of the grammar delays the first live extraction by some 200 ms.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=1', '--v8-pool-size=1'];

/**
 * Environment added to the server's: glibc gives each thread that allocates its own arena, which
 * keeps freed memory resident; two arenas are plenty for a single-threaded server.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
