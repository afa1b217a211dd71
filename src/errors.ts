/** One base class for every failure the CLI reports without a stack trace (exit code in `exitCode`). */
export class RectoError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input: a source, manifest or TEI file the user must fix. Exit 1. */
export class InputError extends RectoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 1, options);
  }
}

/** A required system tool (jing, java …) is missing. Exit 1 with what to install. */
export class ToolMissingError extends RectoError {
  constructor(tool: string, hint: string) {
    super(`${tool} is not installed: ${hint}`, 1);
  }
}

/** A command line the CLI cannot run (a bad option value). Exit 2. */
export class UsageError extends RectoError {
  constructor(message: string) {
    super(message, 2);
  }
}
