import { SparkConnectClient } from "../../src/connect/client/spark-connect-client";
import { SparkSession } from "../../src/connect/sql/session";

/** A session for plan-building tests: nothing is sent, the address is never contacted. */
export function offlineSession(): SparkSession {
  return SparkSession.fromClient(new SparkConnectClient("sc://127.0.0.1:1"));
}
