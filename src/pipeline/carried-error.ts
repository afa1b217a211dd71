import { RectoError } from '../errors.ts';

/**
 * An error the CLI explains (bad input, a bad setting), carried back from a worker thread as
 * plain data: a thrown error crosses threads as a bare Error, losing its class and exit code, and
 * would be reported as an internal error.
 */
export interface CarriedError {
  carriedError: { message: string; exitCode: number };
}

/** In the thread: runs a task, returning a RectoError as data; any other error still throws. */
export async function carryErrors<T>(run: () => T | Promise<T>): Promise<T | CarriedError> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RectoError)
      return { carriedError: { message: error.message, exitCode: error.exitCode } };
    throw error;
  }
}

const isCarried = (result: unknown): result is CarriedError =>
  typeof result === 'object' && result !== null && 'carriedError' in result;

/** On the main thread: the task's result, or its error thrown again with its exit code. */
export function rethrowCarried<T>(result: T | CarriedError): T {
  if (isCarried(result)) throw new RectoError(result.carriedError.message, result.carriedError.exitCode);
  return result;
}
