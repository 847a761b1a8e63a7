import type { Metadata } from "next";
import { OperationView, operationAnchor } from "@/components/api-docs/operation-view";
import { schemaAnchor, SchemaView } from "@/components/api-docs/schema-view";
import { openApiDocument } from "@/lib/openapi/document";

export const metadata: Metadata = { title: "API reference" };

/** The API contract (/api/openapi.json) rendered as a page: public, like the document itself, and script-free. */
export default function ApiDocsPage() {
  const doc = openApiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Record<string, unknown> })),
  );
  const byTag = doc.tags.map((t) => ({ tag: t.name, ops: operations.filter((o) => (o.op.tags as string[])[0] === t.name) }));
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">{doc.info.title}</h1>
        <p className="text-sm text-slate-700">{doc.info.description}</p>
        <p className="text-sm">
          OpenAPI {doc.openapi} document:{" "}
          <a href="/api/openapi.json" className="font-mono text-sky-700 underline">
            /api/openapi.json
          </a>{" "}
          · {operations.length} operations
        </p>
      </header>
      <nav aria-label="Operations" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {byTag.map(({ tag, ops }) => (
          <div key={tag} className="mb-2">
            <h2 className="font-semibold capitalize">{tag}</h2>
            <ul className="ml-3">
              {ops.map(({ method, path, op }) => (
                <li key={`${method} ${path}`}>
                  <a href={`#${operationAnchor(method, path)}`} className="underline">
                    <span className="font-mono uppercase">{method}</span> <span className="font-mono">{path}</span>
                  </a>{" "}
                  <span className="text-slate-600">— {op.summary as string}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      {byTag.map(({ tag, ops }) => (
        <section key={tag} className="space-y-3">
          <h2 className="text-lg font-semibold capitalize text-slate-900">{tag}</h2>
          {ops.map(({ method, path, op }) => (
            <OperationView key={`${method} ${path}`} method={method} path={path} op={op} />
          ))}
        </section>
      ))}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold text-slate-900">Schemas</h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <div key={name} id={schemaAnchor(name)} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h3 className="mb-1 font-mono font-semibold">{name}</h3>
            <SchemaView schema={schema} />
          </div>
        ))}
      </section>
    </main>
  );
}
