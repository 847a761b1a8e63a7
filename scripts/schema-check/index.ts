/**
 * `npm run db:check`: compares prisma/schema.prisma with the migrated database and lists every
 * difference (exit 1 if any). The integration suite runs the same comparison.
 */
import { readFile } from "node:fs/promises";
import pg from "pg";
import { configOrExit } from "@/lib/config";
import { compareSchemaWithDatabase } from "./compare";
import { parsePrismaSchema } from "./parse-prisma-schema";

export async function checkSchema(databaseUrl: string): Promise<string[]> {
  const tables = parsePrismaSchema(await readFile("prisma/schema.prisma", "utf8"));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await compareSchemaWithDatabase(tables, client);
  } finally {
    await client.end();
  }
}

if (process.argv[1]?.endsWith("index.ts")) {
  checkSchema(configOrExit().DATABASE_URL).then((problems) => {
    if (problems.length) {
      console.error(`schema.prisma and the database disagree:\n  ${problems.join("\n  ")}`);
      process.exit(1);
    }
    console.log("schema.prisma matches the database");
  });
}
