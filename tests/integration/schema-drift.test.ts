import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "@/scripts/migrate";
import { compareSchemaWithDatabase } from "@/scripts/schema-check/compare";
import { parsePrismaSchema } from "@/scripts/schema-check/parse-prisma-schema";
import { DATABASE_URL } from "./helpers";

/** schema.prisma and the SQL migrations are written by hand; this keeps them in agreement. */
describe("schema.prisma and the migrated database", () => {
  const scratchUrl = DATABASE_URL.replace(/\/[^/?]+(\?|$)/, "/device_store_drift_check$1");
  const clients: pg.Client[] = [];

  async function connect(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
  });

  it("agree on every table, column, type, nullability, index and foreign key", async () => {
    const tables = parsePrismaSchema(await readFile("prisma/schema.prisma", "utf8"));
    const problems = await compareSchemaWithDatabase(tables, await connect(DATABASE_URL));
    expect(problems).toEqual([]);
  });

  it("reports a database that drifted from the schema", async () => {
    await migrate(scratchUrl, { reset: true, quiet: true });
    const client = await connect(scratchUrl);
    await client.query(`ALTER TABLE t_devices ADD COLUMN colour TEXT;
      ALTER TABLE t_orders ALTER COLUMN shipping_address DROP NOT NULL;
      DROP INDEX t_devices_status_idx;`);
    const tables = parsePrismaSchema(await readFile("prisma/schema.prisma", "utf8"));
    const problems = await compareSchemaWithDatabase(tables, client);
    expect(problems).toEqual(
      expect.arrayContaining([
        "column t_devices.colour exists in the database but not in schema.prisma",
        "column t_orders.shipping_address is nullable in the database but required in schema.prisma",
        "index (status) on t_devices is in schema.prisma but not in the database",
      ]),
    );
  });
});
