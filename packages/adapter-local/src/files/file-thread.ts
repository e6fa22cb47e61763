import { Worker } from 'node:worker_threads';
import { temporaryPath } from './private-files';

/**
 * The shop's own files (invoices, mail), written by a worker thread. Through `fs/promises`
 * each order cost ten trips through libuv's thread pool (open, write, close, rename, link,
 * unlink…), each back on the event loop before the next could start, and several times the
 * CPU of the system calls themselves. Here each operation is one message; the thread makes the
 * system calls, synchronously and in order.
 */
export type FileThread = {
  /** The file's UTF-8 text, or null when there is no such file. */
  read(path: string): Promise<string | null>;
  /**
   * Writes `data` (owner-only) to a fresh file in `tempDir`, then renames it over `path`:
   * readers see the old file or the new one, whole, and a crash leaves only a temporary file.
   */
  replace(path: string, data: string, tempDir: string): Promise<void>;
  /**
   * Writes `data` (owner-only) to a fresh file in `tempDir` and links it as `path` unless
   * `path` exists (link(2) fails then), so of racing writers exactly one creates it. True for
   * the one that did.
   */
  createOnce(path: string, data: string, tempDir: string): Promise<boolean>;
  /** Ends the thread; a later call starts a new one. */
  close(): Promise<void>;
};

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Answer = { id: number; value?: unknown; error?: { message: string; code?: string } };

const failure = ({ message, code }: { message: string; code?: string }) =>
  Object.assign(new Error(message), code === undefined ? {} : { code });

export const createFileThread = (): FileThread => {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const start = () => {
    // A plain module that needs no loader: the thread starts without the parent's flags.
    const started = new Worker(new URL('./file-thread.worker.mjs', import.meta.url), {
      execArgv: [],
    });
    started.on('message', ({ id, value, error }: Answer) => {
      const waiting = pending.get(id);
      pending.delete(id);
      if (pending.size === 0) started.unref();
      if (error) waiting?.reject(failure(error));
      else waiting?.resolve(value);
    });
    const fail = (error: Error) => {
      if (worker === started) worker = null;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`the file thread stopped (exit code ${code})`)));
    return started;
  };

  const call = <T>(operation: string, request: object) =>
    new Promise<T>((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // Only while it has work: an idle thread must not keep the process alive.
      worker.ref();
      worker.postMessage({ id, operation, request });
    });

  return {
    read: (path) => call('read', { path }),
    replace: (path, data, tempDir) =>
      call('replace', { path, data, temporary: temporaryPath(tempDir) }),
    createOnce: (path, data, tempDir) =>
      call('createOnce', { path, data, temporary: temporaryPath(tempDir) }),
    async close() {
      const stopping = worker;
      worker = null;
      await stopping?.terminate();
    },
  };
};
