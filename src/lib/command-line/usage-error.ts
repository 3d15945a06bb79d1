/**
 * A command line that asks for something impossible: the program says so in one line and exits
 * 2, with no stack trace, since the fix is on the command line, not in the code.
 */
export class UsageError extends Error {
  /** The command whose usage was wrong ("insights generate"), once known: its --help tells more. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.name = "UsageError";
    this.command = command;
  }
}

/** The one line a usage error is reported as: what was wrong, and where to read more. */
export function usageErrorLine(error: UsageError, program: string): string {
  const command = error.command ?? program;
  return `${command}: ${error.message} (see '${command} --help')`;
}
