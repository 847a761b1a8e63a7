/** A JSON Schema (as /api/openapi.json holds it) rendered as readable nested lists; server-only, no script. */
type Schema = Record<string, unknown>;

const REF_PREFIX = "#/components/schemas/";
export const schemaAnchor = (name: string) => `schema-${name}`;

const CONSTRAINTS: [string, string][] = [
  ["format", "format"],
  ["minimum", "≥"],
  ["exclusiveMinimum", ">"],
  ["maximum", "≤"],
  ["minLength", "min length"],
  ["maxLength", "max length"],
  ["minItems", "min items"],
  ["maxItems", "max items"],
  ["pattern", "pattern"],
  ["default", "default"],
];

function typeLabel(s: Schema): string {
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in s) return JSON.stringify(s.const);
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (typeof s.type === "string") return s.type;
  return Object.keys(s).length === 0 ? "any" : "";
}

function Constraints({ schema }: { schema: Schema }) {
  const parts = CONSTRAINTS.filter(([key]) => schema[key] !== undefined).map(([key, label]) => `${label} ${JSON.stringify(schema[key])}`);
  if (!parts.length) return null;
  return <span className="ml-2 text-xs text-slate-500">{parts.join(", ")}</span>;
}

export function SchemaView({ schema, depth = 0 }: { schema: Schema; depth?: number }) {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace(REF_PREFIX, "");
    return (
      <a href={`#${schemaAnchor(name)}`} className="font-mono text-sky-700 underline">
        {name}
      </a>
    );
  }
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  const properties = schema.properties as Record<string, Schema> | undefined;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const extra = schema.additionalProperties;
  return (
    <span>
      <span className="font-mono text-emerald-700">{typeLabel(schema)}</span>
      <Constraints schema={schema} />
      {typeof schema.description === "string" && <span className="ml-2 text-slate-600">— {schema.description}</span>}
      {variants && (
        <ul className="ml-4 list-disc">
          {variants.map((v, i) => (
            <li key={i}>
              <SchemaView schema={v} depth={depth + 1} />
            </li>
          ))}
        </ul>
      )}
      {schema.type === "array" && schema.items !== undefined && (
        <span>
          {" of "}
          <SchemaView schema={schema.items as Schema} depth={depth + 1} />
        </span>
      )}
      {properties && (
        <ul className="ml-4 border-l border-slate-200 pl-3">
          {Object.entries(properties).map(([name, prop]) => (
            <li key={name}>
              <span className="font-mono font-semibold">{name}</span>
              {!required.has(name) && <span className="text-xs text-slate-500">?</span>}
              {": "}
              <SchemaView schema={prop} depth={depth + 1} />
            </li>
          ))}
        </ul>
      )}
      {extra !== undefined && typeof extra === "object" && !properties && (
        <span>
          {" of "}
          <SchemaView schema={extra as Schema} depth={depth + 1} />
        </span>
      )}
    </span>
  );
}
