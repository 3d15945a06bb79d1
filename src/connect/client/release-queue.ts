import type { MessageInitShape } from "@bufbuild/protobuf";
import type { ReleaseExecuteRequestSchema } from "../proto/gen/spark/connect/base_pb";

type Release = MessageInitShape<typeof ReleaseExecuteRequestSchema>["release"];

/**
 * ReleaseExecute calls are sent one at a time in order and never block reading results. Failures
 * are ignored: releasing only frees server memory early; the server drops the operation anyway
 * after spark.connect.execute.manager.detachedTimeout.
 */
export class ReleaseQueue {
  private pending: Release | undefined;
  private running = false;

  constructor(private readonly send: (release: Release) => Promise<void>) {}

  push(release: Release): void {
    // Only the newest "until" matters; a releaseAll supersedes everything before it.
    this.pending = release;
    if (!this.running) void this.pump();
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (this.pending !== undefined) {
        const next = this.pending;
        this.pending = undefined;
        await this.send(next).catch(() => undefined);
      }
    } finally {
      this.running = false;
    }
  }
}
