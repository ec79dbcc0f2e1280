import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Is this loopback port free right now? */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free TCP port on loopback, for a server a test starts later. Chosen below the kernel's ephemeral range
 * (32768–60999 on Linux): a port the OS hands out for `listen(0)` is also handed to outgoing connections, so
 * while an engine is still starting, some client's connection could take "its" port (seen with Kafka's
 * controller port in the engines-away test).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isFree(port)) return port;
  }
  throw new Error('no free loopback port between 20000 and 32000');
}

export async function waitForHttp(url: string, timeoutMs = 20_000, expectStatus = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status === expectStatus) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer ${expectStatus} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface RunningProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/** Starts a Node program of the workspace's build output (dist/) with the path aliases resolved. */
export function startNode(script: string, env: NodeJS.ProcessEnv, cwd: string): RunningProcess {
  const child = spawn(process.execPath, ['-r', './tools/register-paths.js', script], {
    cwd,
    // The child's log is captured (not printed), so it logs at info even when the test run itself is quiet.
    env: { ...process.env, LOG_LEVEL: process.env['RAPPORT_CHILD_LOG_LEVEL'] ?? 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, output: () => output, exited };
}

let built = false;

/** Compiles the workspace (`tsc -p tsconfig.build.json`, incremental) once per test worker, for tests that run dist/. */
export function buildWorkspace(root: string): void {
  if (built) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  built = true;
}
