import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";

/** A real SMTP server on a free port that keeps every message it receives, parsed. */
export async function startSmtp() {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  /** Resolves with `found()` as soon as it returns something: checked now and on every arriving message, no polling. */
  function until<T>(found: () => T | undefined, timeoutMs: number, failure: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(failure()));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          for (const w of [...waiters]) w();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Resolves once at least `n` messages have arrived (checked as each one arrives). */
    waitFor: (n: number, timeoutMs = 5000) =>
      until(
        () => (messages.length >= n ? messages : undefined),
        timeoutMs,
        () => `expected ${n} messages, got ${messages.length}`,
      ),
    /** Resolves with the first message matching `pred`. */
    waitForMatch: (pred: (m: ParsedMail) => boolean, timeoutMs = 5000) =>
      until(
        () => messages.find(pred),
        timeoutMs,
        () => "no matching message arrived",
      ),
    /** Resolves with the messages matching `pred` once there are at least `n` of them. */
    waitForMatches(pred: (m: ParsedMail) => boolean, n: number, timeoutMs = 5000) {
      const matching = () => messages.filter(pred);
      return until(
        () => (matching().length >= n ? matching() : undefined),
        timeoutMs,
        () => `expected ${n} matching messages, got ${matching().length}`,
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
