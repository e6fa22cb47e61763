/**
 * One line that rewrites itself on a terminal; elsewhere (CI logs, pipes) only the lines that
 * are done, so a log does not fill with carriage returns.
 */
export const progressLine = (stream: NodeJS.WriteStream = process.stdout) => {
  let shown = false;
  return {
    update(text: string) {
      if (!stream.isTTY) return;
      stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 120) - 1)}`);
      shown = true;
    },
    done(text: string) {
      stream.write(`${shown && stream.isTTY ? '\r\x1b[2K' : ''}${text}\n`);
      shown = false;
    },
  };
};
