/** A chat front end could not start, for a reason its message explains (never with a secret in it); `code` is stable. */
export class FrontEndStartError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
