import type { SparkConnectClient } from "../client/spark-connect-client";

/** `spark.conf`: the session's SQL configuration, read and written on the server. */
export class RuntimeConfig {
  constructor(private readonly client: SparkConnectClient) {}

  async set(key: string, value: string | number | boolean): Promise<void> {
    await this.client.config({ opType: { case: "set", value: { pairs: [{ key, value: String(value) }] } } });
  }

  /** The value, or `defaultValue` when unset; throws Spark's error for an unknown key without default. */
  async get(key: string, defaultValue?: string): Promise<string> {
    const response =
      defaultValue === undefined
        ? await this.client.config({ opType: { case: "get", value: { keys: [key] } } })
        : await this.client.config({ opType: { case: "getWithDefault", value: { pairs: [{ key, value: defaultValue }] } } });
    const value = response.pairs[0]?.value;
    if (value === undefined) throw new Error(`The server returned no value for '${key}'`);
    return value;
  }

  /** The value, or undefined when the key is not set. */
  async getOption(key: string): Promise<string | undefined> {
    const response = await this.client.config({ opType: { case: "getOption", value: { keys: [key] } } });
    return response.pairs[0]?.value;
  }

  /** All set configuration entries, optionally those whose key starts with `prefix` (full keys either way). */
  async getAll(prefix?: string): Promise<Record<string, string>> {
    const response = await this.client.config({ opType: { case: "getAll", value: prefix === undefined ? {} : { prefix } } });
    // The server strips `prefix` from the keys it returns; give them back whole, as without one.
    return Object.fromEntries(response.pairs.map((p) => [(prefix ?? "") + p.key, p.value ?? ""]));
  }

  async unset(key: string): Promise<void> {
    await this.client.config({ opType: { case: "unset", value: { keys: [key] } } });
  }

  async isModifiable(key: string): Promise<boolean> {
    const response = await this.client.config({ opType: { case: "isModifiable", value: { keys: [key] } } });
    return response.pairs[0]?.value === "true";
  }
}
