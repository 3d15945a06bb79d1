/**
 * Named metrics computed while a query runs (PySpark's `Observation`): attach with
 * `df.observe(observation, count(lit(1)).alias("rows"))`, run an action on the returned
 * DataFrame, then read `observation.get()`. The metrics come back with the action's result, at
 * no extra pass over the data: the way to count rows in flight (quality checks, progress).
 */
export class Observation {
  private static nextId = 0;
  readonly name: string;
  private columns: readonly string[] | undefined;
  private values: Record<string, unknown> | undefined;

  constructor(name?: string) {
    this.name = name ?? `observation_${Observation.nextId++}`;
  }

  /** The metric values of the first action run on the observed DataFrame. */
  get(): Record<string, unknown> {
    if (this.values === undefined) throw new Error(`Observation '${this.name}' has no values yet: run an action on the observed DataFrame first`);
    return this.values;
  }

  get hasValues(): boolean {
    return this.values !== undefined;
  }

  /** @internal Called by DataFrame.observe with the metrics' output names. */
  bind(columns: readonly string[]): void {
    if (this.columns !== undefined) throw new Error(`Observation '${this.name}' is already attached to a DataFrame`);
    this.columns = columns;
  }

  /** @internal Called with the values the server sent for this observation's name. */
  record(values: readonly unknown[]): void {
    const names = this.columns ?? values.map((_, i) => `col${i}`);
    this.values = Object.fromEntries(names.map((n, i) => [n, values[i]]));
  }
}
