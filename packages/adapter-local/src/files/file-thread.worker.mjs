// The file thread's side (see file-thread.ts): plain JavaScript, since a worker thread loads
// it without the TypeScript loader. Each request is a few synchronous system calls, done here
// so that the event loop only sends the request and receives the answer.
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const PRIVATE_FILE_MODE = 0o600;

const operations = {
  read({ path }) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      if (error.code === 'ENOENT') return null;
      throw error;
    }
  },
  replace({ path, temporary, data }) {
    writeFileSync(temporary, data, { mode: PRIVATE_FILE_MODE });
    try {
      renameSync(temporary, path);
    } catch (error) {
      unlinkSync(temporary);
      throw error;
    }
    return null;
  },
  createOnce({ path, temporary, data }) {
    writeFileSync(temporary, data, { mode: PRIVATE_FILE_MODE });
    try {
      linkSync(temporary, path);
      return true;
    } catch (error) {
      if (error.code === 'EEXIST') return false;
      throw error;
    } finally {
      unlinkSync(temporary);
    }
  },
};

parentPort.on('message', ({ id, operation, request }) => {
  try {
    parentPort.postMessage({ id, value: operations[operation](request) });
  } catch (error) {
    parentPort.postMessage({
      id,
      error: { message: error.message, code: error.code, name: error.name },
    });
  }
});
