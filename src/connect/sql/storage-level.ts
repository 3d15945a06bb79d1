import type { StorageLevel as StorageLevelProto } from "../proto/gen/spark/connect/common_pb";

/** Where and how cached partitions are kept, as PySpark's StorageLevel. */
export class StorageLevel {
  constructor(
    readonly useDisk: boolean,
    readonly useMemory: boolean,
    readonly useOffHeap: boolean,
    readonly deserialized: boolean,
    readonly replication = 1,
  ) {}

  static readonly NONE = new StorageLevel(false, false, false, false);
  static readonly DISK_ONLY = new StorageLevel(true, false, false, false);
  static readonly MEMORY_ONLY = new StorageLevel(false, true, false, false);
  /** Serialized in memory, spilling to disk: what PySpark DataFrames default to. */
  static readonly MEMORY_AND_DISK = new StorageLevel(true, true, false, false);
  static readonly MEMORY_AND_DISK_DESER = new StorageLevel(true, true, false, true);
  static readonly OFF_HEAP = new StorageLevel(true, true, true, false);

  static fromProto(proto: StorageLevelProto): StorageLevel {
    return new StorageLevel(proto.useDisk, proto.useMemory, proto.useOffHeap, proto.deserialized, proto.replication);
  }

  toProto(): { useDisk: boolean; useMemory: boolean; useOffHeap: boolean; deserialized: boolean; replication: number } {
    return { useDisk: this.useDisk, useMemory: this.useMemory, useOffHeap: this.useOffHeap, deserialized: this.deserialized, replication: this.replication };
  }

  equals(other: StorageLevel): boolean {
    return (
      this.useDisk === other.useDisk &&
      this.useMemory === other.useMemory &&
      this.useOffHeap === other.useOffHeap &&
      this.deserialized === other.deserialized &&
      this.replication === other.replication
    );
  }

  toString(): string {
    const parts = [this.useDisk && "disk", this.useMemory && "memory", this.useOffHeap && "offheap", this.deserialized ? "deserialized" : "serialized"].filter(
      Boolean,
    );
    return `StorageLevel(${parts.join(", ")}, ${this.replication} replicas)`;
  }
}
