import { SchemaView } from "./schema-view";

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: Json;
}
type Content = Record<string, { schema: Json }>;

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  delete: "bg-red-100 text-red-800",
};

export const operationAnchor = (method: string, path: string) => `op-${method}-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;

function ContentView({ content }: { content: Content }) {
  return (
    <ul className="ml-2">
      {Object.entries(content).map(([type, { schema }]) => (
        <li key={type}>
          <span className="text-xs text-slate-500">{type}</span> <SchemaView schema={schema} />
        </li>
      ))}
    </ul>
  );
}

/** One operation of the document: who may call it, its parameters, body and responses. */
export function OperationView({ method, path, op }: { method: string; path: string; op: Json }) {
  const parameters = (op.parameters as Parameter[] | undefined) ?? [];
  const body = op.requestBody as { required: boolean; description?: string; content: Content } | undefined;
  const responses = op.responses as Record<string, { description: string; content?: Content }>;
  return (
    <section id={operationAnchor(method, path)} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="api-operation">
      <h3 className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_COLOURS[method] ?? ""}`}>{method}</span>
        <code className="font-semibold">{path}</code>
        <span className="text-slate-700">{op.summary as string}</span>
      </h3>
      <p className="text-xs text-slate-600">
        Callers: {(op["x-callers"] as string[]).join(", ")} · operationId <code>{op.operationId as string}</code>
      </p>
      {typeof op.description === "string" && <p className="text-slate-700">{op.description}</p>}
      {parameters.length > 0 && (
        <div>
          <h4 className="font-medium">Parameters</h4>
          <ul className="ml-2">
            {parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <span className="font-mono font-semibold">{p.name}</span> <span className="text-xs text-slate-500">({p.in}{p.required ? ", required" : ""})</span>{" "}
                <SchemaView schema={p.schema} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {body && (
        <div>
          <h4 className="font-medium">Request body{body.required ? "" : " (optional)"}</h4>
          {body.description && <p className="text-slate-600">{body.description}</p>}
          <ContentView content={body.content} />
        </div>
      )}
      <div>
        <h4 className="font-medium">Responses</h4>
        <ul className="ml-2">
          {Object.entries(responses).map(([status, r]) => (
            <li key={status}>
              <span className="font-mono font-semibold">{status}</span> {r.description}
              {r.content && <ContentView content={r.content} />}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
