import { describe, expect, it } from "vitest";
import { parsePrismaSchema } from "./parse-prisma-schema";

const SCHEMA = `
model Owner {
  id    Int    @id @default(autoincrement())
  email String @unique @db.VarChar(254)
  pets  Pet[]
  @@map("t_owners")
}

model Pet {
  id        Int      @id @default(autoincrement())
  ownerId   Int      @map("owner_id")
  tags      Json     @default("{}")
  price     Decimal  @db.Decimal(10, 2)
  seenAt    DateTime? @map("seen_at") @db.Timestamptz(3)
  owner     Owner    @relation(fields: [ownerId], references: [id])

  @@index([ownerId, seenAt])
  @@map("t_pets")
}
`;

describe("parsePrismaSchema", () => {
  const [owner, pet] = parsePrismaSchema(SCHEMA);

  it("maps models to their tables and fields to their columns", () => {
    expect(owner.table).toBe("t_owners");
    expect(pet.table).toBe("t_pets");
    expect(pet.columns.map((c) => c.column)).toEqual(["id", "owner_id", "tags", "price", "seen_at"]);
  });

  it("reads nullability and native types", () => {
    const seen = pet.columns.find((c) => c.column === "seen_at")!;
    expect(seen.nullable).toBe(true);
    expect(seen.nativeType).toEqual({ name: "Timestamptz", args: ["3"] });
    expect(pet.columns.find((c) => c.column === "price")!.nativeType).toEqual({ name: "Decimal", args: ["10", "2"] });
  });

  it("keeps a model whole when a default contains braces", () => {
    expect(pet.indexes).toEqual([{ columns: ["owner_id", "seen_at"], unique: false }]);
  });

  it("reads unique fields, primary keys and foreign keys by column name", () => {
    expect(owner.indexes).toEqual([{ columns: ["email"], unique: true }]);
    expect(owner.primaryKey).toEqual(["id"]);
    expect(pet.foreignKeys).toEqual([{ columns: ["owner_id"], referencedTable: "t_owners", referencedColumns: ["id"] }]);
  });

  it("refuses what it does not understand instead of skipping it", () => {
    expect(() => parsePrismaSchema(`model A {\n  id Int @id @ignore\n}\n`)).toThrow(/unsupported @ignore/);
    expect(() => parsePrismaSchema(`model A {\n  id Int @id\n  @@fulltext([id])\n}\n`)).toThrow(/unsupported @@fulltext/);
  });
});
