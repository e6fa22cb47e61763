import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';

/** Makes everything committed so far durable (docs/decisions/0081). */
export type Durability = {
  /** fdatasync off the event loop, in libuv's thread pool. */
  later(): Promise<void>;
  /** The same, blocking (closing the store). */
  now(): void;
  close(): void;
};

/**
 * An fdatasync of the store's write-ahead log. In WAL mode a commit is a write at the end of
 * that one file, so one fdatasync makes every commit before it durable, whichever connection
 * or process wrote it. The descriptor is the process's own: the file exists from the first
 * read of the connection on, and SQLite deletes it only when the last connection closes.
 */
export const walDurability = (databaseFile: string): Durability => {
  let fd: number | undefined;
  let running = 0;
  let closing = false;
  const descriptor = () => (fd ??= openSync(`${databaseFile}-wal`, 'r'));
  const closeIfDone = () => {
    if (!closing || running > 0 || fd === undefined) return;
    closeSync(fd);
    fd = undefined;
  };
  return {
    later: () =>
      new Promise<void>((resolve, reject) => {
        const target = descriptor();
        running++;
        fdatasync(target, (error) => {
          running--;
          closeIfDone();
          if (error) reject(error);
          else resolve();
        });
      }),
    now: () => fdatasyncSync(descriptor()),
    // A descriptor still being synced in the thread pool is closed once that sync returns.
    close() {
      closing = true;
      closeIfDone();
    },
  };
};
