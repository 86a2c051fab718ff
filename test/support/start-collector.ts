/** Tests and bench: spawn test/support/collector-process.ts and wait for its URL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./collector-process.ts', import.meta.url));

/** A running collector process. */
export interface CollectorProcess {
  url: string;
  child: ChildProcess;
  /** SIGKILL, no chance to flush anything. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Start a collector with `--store`, `--data-dir` and `--port`. */
export async function startCollector(args: { store: string; dataDir: string; port?: number }): Promise<CollectorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, '--store', args.store, '--data-dir', args.dataDir, '--port', String(args.port ?? 0)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`collector did not start: ${err}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"listening":"([^"]+)"\}/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve(m[1] ?? '');
      }
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited ${code}: ${err}`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const signal = (sig: NodeJS.Signals) => async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
  };
  return { url, child, kill9: signal('SIGKILL'), stop: signal('SIGTERM') };
}
