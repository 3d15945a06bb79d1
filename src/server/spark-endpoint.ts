import { SparkSession, type SessionOptions } from "../connect/sql/session";
import { LocalSparkConnectServer, type LocalServerOptions } from "./local-server";

/** A connected session and, when we started one, the server behind it. */
export interface SparkEndpoint {
  readonly spark: SparkSession;
  /** The embedded server, or undefined when SPARK_REMOTE named an existing one. */
  readonly server: LocalSparkConnectServer | undefined;
  /** The Spark UI base URL when known (always for the embedded server). */
  readonly uiUrl: string | undefined;
  /** The Spark Connect URL the session uses, for opening more sessions on the same server. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The one way jobs get Spark: SPARK_REMOTE (or `remote`) when set, as PySpark reads it, starting
 * nothing; otherwise an embedded local server that lives as long as this endpoint.
 */
export async function openSpark(options: { remote?: string; server?: LocalServerOptions; session?: SessionOptions } = {}): Promise<SparkEndpoint> {
  const remote = options.remote ?? process.env.SPARK_REMOTE;
  if (remote !== undefined && remote !== "") {
    const spark = await SparkSession.connect(remote, options.session);
    return {
      spark,
      server: undefined,
      uiUrl: process.env.SPARK_UI_URL,
      url: remote,
      close: () => {
        spark.stop();
        return Promise.resolve();
      },
    };
  }
  const server = await LocalSparkConnectServer.start(options.server);
  try {
    const spark = await SparkSession.connect(server.url, options.session);
    return {
      spark,
      server,
      uiUrl: server.uiUrl,
      url: server.url,
      close: async () => {
        spark.stop();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
