import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "@/scripts/migrate";
import { compareSchemaWithDatabase } from "@/scripts/schema-check/compare";
import { parsePrismaSchema } from "@/scripts/schema-check/parse-prisma-schema";
import { DATABASE_URL } from "./helpers";

/** schema.prisma and the SQL migrations are written by hand; this keeps them in agreement. */
describe("schema.prisma and the migrated database", () => {
  // Named after the suite's own database, so two suites on different databases never share it.
  const scratchUrl = DATABASE_URL.replace(/\/([^/?]+)(\?|$)/, "/$1_drift_check$2");
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

  it("reports a search index that is missing or of the wrong kind", async () => {
    await migrate(scratchUrl, { reset: true, quiet: true });
    const client = await connect(scratchUrl);
    // The inventory search needs trigram GIN indexes; a plain B-tree on the same column cannot serve ILIKE '%q%'.
    await client.query(`DROP INDEX t_devices_name_idx; CREATE INDEX t_devices_name_idx ON t_devices (name);
      DROP INDEX t_devices_model_idx;
      DROP INDEX t_devices_serial_number_idx;
      CREATE INDEX t_devices_serial_number_idx ON t_devices USING gin (serial_number gin_trgm_ops) WHERE status = 'in_stock';`);
    const tables = parsePrismaSchema(await readFile("prisma/schema.prisma", "utf8"));
    const problems = await compareSchemaWithDatabase(tables, client);
    expect(problems.sort()).toEqual([
      "index (name) on t_devices is btree (name) in the database but gin (name gin_trgm_ops) in schema.prisma",
      "index (serial_number) on t_devices is gin (serial_number gin_trgm_ops) where ((status)::text = 'in_stock'::text) in the database but gin (serial_number gin_trgm_ops) in schema.prisma",
      "index using gin (model gin_trgm_ops) on t_devices is in schema.prisma but not in the database",
    ]);
  });
});
