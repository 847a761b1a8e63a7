import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ScaledObject, TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, Secret, Service } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { parseConfig } from "../lib/config";

/**
 * The Kubernetes manifests cannot be applied here, so they are validated offline against the
 * Kubernetes API's own JSON schemas (kubernetes-models, generated from the OpenAPI spec; KEDA's
 * CRDs through @kubernetes-models/keda), then checked for the wiring between them. Like
 * kubeconform without -strict, the schemas do not reject unknown fields.
 */
type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "batch/v1/Job": Job,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1/Ingress": Ingress,
  "keda.sh/v1alpha1/ScaledObject": ScaledObject,
  "keda.sh/v1alpha1/TriggerAuthentication": TriggerAuthentication,
};

const DIR = "k8s";
const kustomization = parseAllDocuments(readFileSync(path.join(DIR, "kustomization.yaml"), "utf8"))[0].toJS() as { resources: string[] };
const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
const manifests: (Manifest & { file: string })[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(DIR, file), "utf8")).map((doc) => ({ ...(doc.toJS() as Manifest), file })),
);
const all = (kind: string) => manifests.filter((m) => m.kind === kind);
const byName = (kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const validate = (m: Manifest) => {
  const Model = MODELS[`${m.apiVersion}/${m.kind}`];
  if (!Model) throw new Error(`no schema for ${m.apiVersion} ${m.kind}`);
  new Model(m).validate();
};

describe("k8s manifests", () => {
  it("are all listed in kustomization.yaml", () => {
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
  });

  it("validate against the Kubernetes and KEDA schemas", () => {
    expect(manifests.length).toBeGreaterThan(10);
    for (const m of manifests) expect(() => validate(m), `${m.file}: ${m.kind} ${m.metadata.name}`).not.toThrow();
  });

  it("would catch a schema error (the validator is not a no-op)", () => {
    const broken = structuredClone(byName("Deployment", "web"));
    broken.spec.template.spec.containers[0].ports[0].containerPort = "three thousand";
    expect(() => validate(broken)).toThrow(/containerPort/);
    const noSelector = structuredClone(byName("Deployment", "worker"));
    delete noSelector.spec.selector;
    expect(() => validate(noSelector)).toThrow(/selector/);
    const badTrigger = structuredClone(byName("ScaledObject", "worker"));
    badTrigger.spec.triggers = [{ metadata: { queueName: "q" } }];
    expect(() => validate(badTrigger)).toThrow(/type/);
  });

  it("runs web, worker, realtime and simulator with the app's configuration, which it accepts", () => {
    const config = byName("ConfigMap", "device-store-config").data!;
    const secret = byName("Secret", "device-store-secrets").stringData!;
    // The Secret's example AUTH_SECRET is refused in production, so it cannot ship unchanged…
    expect(() => parseConfig({ ...config, ...secret })).toThrow(/AUTH_SECRET/);
    // …and with a real one the configuration is accepted as it stands.
    expect(() => parseConfig({ ...config, ...secret, AUTH_SECRET: "n3Wk8yVq0T+fJr5mB2xLhZ7cP1sD9gEaU4oRtYiK6lM=" })).not.toThrow();
    for (const name of ["web", "worker", "realtime", "simulator"]) {
      const container = byName("Deployment", name).spec.template.spec.containers[0];
      const refs = container.envFrom.map((e: { configMapRef?: { name: string }; secretRef?: { name: string } }) => e.configMapRef?.name ?? e.secretRef?.name);
      expect(refs, name).toEqual(["device-store-config", "device-store-secrets"]);
      expect(container.securityContext.allowPrivilegeEscalation, name).toBe(false);
      expect(byName("Deployment", name).spec.template.spec.securityContext.runAsNonRoot, name).toBe(true);
    }
  });

  it("runs compiled entry points the image contains", () => {
    const buildScript = readFileSync("scripts/build-workers.mjs", "utf8");
    for (const m of [...all("Deployment"), ...all("Job")]) {
      const command = m.spec.template.spec.containers[0].command.join(" ");
      expect(command, m.metadata.name).not.toMatch(/\btsx\b/);
      for (const [, entry] of command.matchAll(/dist\/([\w/-]+)\.js\b/g)) expect(buildScript, `${m.metadata.name}: ${entry}`).toContain(`"${entry}": "${entry}.ts"`);
    }
  });

  it("probes each server on the health endpoints it really serves", () => {
    const config = byName("ConfigMap", "device-store-config").data!;
    const probes = (name: string) => {
      const c = byName("Deployment", name).spec.template.spec.containers[0];
      const port = (ref: string) => c.ports.find((p: { name: string }) => p.name === ref)?.containerPort;
      return { ready: c.readinessProbe.httpGet, live: c.livenessProbe.httpGet, port };
    };
    const web = probes("web");
    expect(web.ready.path).toBe("/api/health");
    expect(web.live.path).toBe("/api/health/live");
    expect(existsSync("app/api/health/route.ts") && existsSync("app/api/health/live/route.ts")).toBe(true);
    expect(web.port(web.ready.port)).toBe(3000);

    const worker = probes("worker");
    expect(worker.ready.path).toBe("/healthz");
    expect(worker.port(worker.ready.port)).toBe(Number(config.METRICS_PORT));
    const realtime = probes("realtime");
    expect(realtime.live.path).toBe("/healthz");
    expect(realtime.port(realtime.ready.port)).toBe(Number(config.REALTIME_PORT));
  });

  it("points Services, autoscalers and disruption budgets at Deployments that exist", () => {
    const labelsOf = (name: string) => byName("Deployment", name).spec.template.metadata.labels;
    const matchesSome = (selector: Record<string, string>) =>
      all("Deployment").some((d) => Object.entries(selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v));
    for (const s of all("Service")) expect(matchesSome(s.spec.selector), `Service ${s.metadata.name}`).toBe(true);
    for (const p of all("PodDisruptionBudget")) expect(matchesSome(p.spec.selector.matchLabels), `PDB ${p.metadata.name}`).toBe(true);
    for (const name of ["web", "worker", "realtime"]) expect(all("PodDisruptionBudget").some((p) => p.metadata.name === name)).toBe(true);

    expect(byName("HorizontalPodAutoscaler", "web").spec.scaleTargetRef).toMatchObject({ kind: "Deployment", name: "web" });
    expect(labelsOf("web")).toBeDefined();
  });

  it("scales the worker on the ingestion queue's depth through KEDA's RabbitMQ scaler", () => {
    const scaled = byName("ScaledObject", "worker");
    expect(scaled.spec.scaleTargetRef.name).toBe("worker");
    const trigger = scaled.spec.triggers[0];
    expect(trigger.type).toBe("rabbitmq");
    expect(trigger.metadata).toMatchObject({ queueName: "queue_data_ingestion", mode: "QueueLength" });
    const auth = byName("TriggerAuthentication", trigger.authenticationRef.name);
    const ref = auth.spec.secretTargetRef[0];
    expect(ref.parameter).toBe("host");
    expect(byName("Secret", ref.name).stringData![ref.key]).toMatch(/^amqps?:\/\//);
  });

  it("routes the gateway's paths: pages and /api to web, /ws/monitoring to realtime", () => {
    const routes = all("Ingress").flatMap((i) =>
      i.spec.rules.flatMap((r: { http: { paths: { path: string; backend: { service: { name: string } } }[] } }) =>
        r.http.paths.map((p) => [p.path, p.backend.service.name]),
      ),
    );
    expect(routes).toEqual(expect.arrayContaining([["/", "web"], ["/ws/monitoring", "realtime"]]));
    for (const [, service] of routes) expect(all("Service").some((s) => s.metadata.name === service)).toBe(true);
  });
});
