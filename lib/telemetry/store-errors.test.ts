import { createServer } from "node:net";
import { MongoBulkWriteError, MongoClient, MongoNetworkError, MongoServerError, MongoServerSelectionError, type BulkWriteResult } from "mongodb";
import { describe, expect, it } from "vitest";
import { isTransientStoreError } from "./store-errors";
import { storeReadingsIsolating } from "./store";

/** A port nothing listens on: bound, read and released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const reading = (messageId: string) => ({
  messageId,
  device_id: 1,
  timestamp: new Date(),
  receivedAt: new Date(),
  metrics: { temperature: 21 },
});

describe("isTransientStoreError", () => {
  it("says transient when the store is down during an insert, so the readings are retried instead of dead-lettered", async () => {
    // The real driver against a dead port: the error the worker sees when FerretDB is not there.
    const client = new MongoClient(`mongodb://127.0.0.1:${await closedPort()}/t`, { serverSelectionTimeoutMS: 300, connectTimeoutMS: 300 });
    try {
      const db = client.db("t");
      const error = await db.collection("c").insertMany([{ a: 1 }], { ordered: false }).then(() => null, (e: unknown) => e);
      expect(isTransientStoreError(error)).toBe(true);
      // And the isolating store passes it up for a retry rather than rejecting the readings one by one.
      await expect(storeReadingsIsolating(db, [reading("a"), reading("b")])).rejects.toBeTruthy();
    } finally {
      await client.close();
    }
  });

  it("says transient for a connection failure that insertMany wraps in a bulk-write error (FerretDB stopped after the worker connected)", () => {
    // What the drain test's worker logged as "store refused the reading: connect ECONNREFUSED": the
    // driver wraps a batch's failure, whatever it is, in a MongoBulkWriteError without write errors.
    const emptyResult = { insertedCount: 0 } as unknown as BulkWriteResult;
    const wrap = (e: Error) => new MongoBulkWriteError(e as unknown as MongoServerError, emptyResult);
    expect(isTransientStoreError(wrap(new MongoNetworkError("connect ECONNREFUSED 127.0.0.1:27100")))).toBe(true);
    expect(isTransientStoreError(wrap(new MongoServerSelectionError("connect ECONNREFUSED 127.0.0.1:27100", {} as never)))).toBe(true);
    // A bulk error that carries the store's verdict on documents stays permanent.
    const refused = new MongoBulkWriteError({ message: "invalid document", code: 2, writeErrors: [{ index: 0, code: 2, errmsg: "invalid" }] } as never, emptyResult);
    expect(isTransientStoreError(refused)).toBe(false);
  });

  it("says transient for a socket error however it is wrapped", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:27100"), { code: "ECONNREFUSED" });
    expect(isTransientStoreError(refused)).toBe(true);
    expect(isTransientStoreError(new Error("write failed", { cause: refused }))).toBe(true);
    expect(isTransientStoreError(new MongoServerError({ message: "connection 3 to 127.0.0.1:27100 closed" }))).toBe(true);
    expect(isTransientStoreError(new MongoServerError({ message: "Connection pool for 127.0.0.1:27100 was cleared because another operation failed" }))).toBe(true);
  });

  it("says permanent when the store refuses the document itself", () => {
    expect(isTransientStoreError(new MongoServerError({ message: "invalid byte sequence for encoding \"UTF8\": 0x00 (SQLSTATE 22021)", code: 1 }))).toBe(false);
    expect(isTransientStoreError(new MongoServerError({ message: "document too large", code: 10334 }))).toBe(false);
    // A message that merely mentions a socket word but carries a server code is the server's verdict.
    expect(isTransientStoreError(new MongoServerError({ message: "field ECONNRESET is not allowed", code: 2 }))).toBe(false);
    expect(isTransientStoreError(new Error("Cannot convert undefined"))).toBe(false);
    expect(isTransientStoreError("ECONNREFUSED")).toBe(false);
  });

  it("stays transient for the documented server codes and FerretDB's connection SQLSTATEs", () => {
    expect(isTransientStoreError(new MongoServerError({ message: "not primary", code: 10107 }))).toBe(true);
    expect(isTransientStoreError(new MongoServerError({ message: "failed to connect (SQLSTATE 08006)", code: 1 }))).toBe(true);
  });
});
