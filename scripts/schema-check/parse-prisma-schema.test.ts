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

model Tag {
  id        Int    @id
  label     String @db.VarChar(100)
  codeName  String @map("code_name")
  kind      String

  @@index([label(ops: raw("gin_trgm_ops"))], type: Gin)
  @@index([ kind, codeName(ops: raw("gin_trgm_ops")) ], type: Gin)
  @@index([kind], type: BTree)
  @@unique([kind, label])
  @@map("t_tags")
}
`;

describe("parsePrismaSchema", () => {
  const [owner, pet, tag] = parsePrismaSchema(SCHEMA);
  const btree = (columns: string[], unique = false) => ({ columns, unique, method: "btree", opclasses: columns.map(() => null) });

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
    expect(pet.indexes).toEqual([btree(["owner_id", "seen_at"])]);
  });

  it("reads unique fields, primary keys and foreign keys by column name", () => {
    expect(owner.indexes).toEqual([btree(["email"], true)]);
    expect(owner.primaryKey).toEqual(["id"]);
    expect(pet.foreignKeys).toEqual([{ columns: ["owner_id"], referencedTable: "t_owners", referencedColumns: ["id"] }]);
  });

  it("reads an index's access method and each column's operator class", () => {
    expect(tag.indexes).toEqual([
      { columns: ["label"], unique: false, method: "gin", opclasses: ["gin_trgm_ops"] },
      { columns: ["kind", "code_name"], unique: false, method: "gin", opclasses: [null, "gin_trgm_ops"] },
      btree(["kind"]),
      btree(["kind", "label"], true),
    ]);
  });

  it("refuses what it does not understand instead of skipping it", () => {
    const withLine = (line: string) => `model A {\n  id Int @id\n  name String\n  ${line}\n}\n`;
    expect(() => parsePrismaSchema(`model A {\n  id Int @id @ignore\n}\n`)).toThrow(/unsupported @ignore/);
    expect(() => parsePrismaSchema(withLine("@@fulltext([id])"))).toThrow(/unsupported @@fulltext/);
    // Index arguments it cannot compare with the database: a sort order, a name, a predicate, Prisma's named operator classes.
    expect(() => parsePrismaSchema(withLine("@@index([name(sort: Desc)])"))).toThrow(/unsupported argument sort: Desc/);
    expect(() => parsePrismaSchema(withLine('@@index([name], map: "a_name")'))).toThrow(/unsupported argument map/);
    expect(() => parsePrismaSchema(withLine("@@index([name], type: Gin, clustered: true)"))).toThrow(/unsupported argument clustered/);
    expect(() => parsePrismaSchema(withLine("@@index([name(ops: JsonbPathOps)], type: Gin)"))).toThrow(/unsupported argument ops: JsonbPathOps/);
    expect(() => parsePrismaSchema(withLine("@@index([name], type: Rtree)"))).toThrow(/unsupported argument type: Rtree/);
    expect(() => parsePrismaSchema(withLine('@@unique([name(ops: raw("text_pattern_ops"))])'))).toThrow(/unsupported argument ops/);
    expect(() => parsePrismaSchema(withLine("@@index([nmae])"))).toThrow(/has no field nmae/);
  });
});
