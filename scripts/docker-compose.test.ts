import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../lib/config";

/**
 * docker-compose cannot run on the development machines (no Docker engine), so its structure
 * is checked here: the services, how they wait for each other, their environment wiring and
 * health checks, and that the gateway config is valid nginx.
 */
interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
}

// Compose's own interpolation: ${VAR:-default} takes its default (an empty environment), and
// ${VAR:?message} — variables the operator must set — takes the values an operator would export.
const raw = readFileSync("docker-compose.yml", "utf8");
const REQUIRED_VALUES: Record<string, string> = {
  AUTH_SECRET: "n3Wk8yVq0T+fJr5mB2xLhZ7cP1sD9gEaU4oRtYiK6lM=",
  ADMIN_PASSWORD: "an-operator-chosen-password",
};
const required = [...raw.matchAll(/\$\{(\w+):\?([^}]*)\}/g)].map((m) => ({ name: m[1], message: m[2] }));
const interpolated = raw
  .replace(/\$\{\w+:-([^}]*)\}/g, "$1")
  .replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) => REQUIRED_VALUES[name] ?? "");
const compose = parse(interpolated, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const APP_SERVICES = ["web", "worker", "realtime", "simulator"];

describe("docker-compose.yml", () => {
  it("runs the whole stack", () => {
    expect(Object.keys(services).sort()).toEqual(
      ["mongo", "nginx", "postgres", "rabbitmq", "realtime", "simulator", "web", "worker"].sort(),
    );
    expect(services.rabbitmq.image).toMatch(/^rabbitmq:.*management/);
    expect(services.mongo.image).toMatch(/^mongo:/);
    expect(services.postgres.image).toMatch(/^postgres:/);
  });

  it("gives every long-running server a health check, and the web's asks /api/health", () => {
    for (const name of ["postgres", "rabbitmq", "mongo", "web", "nginx"]) {
      expect(services[name].healthcheck, name).toBeDefined();
    }
    expect(JSON.stringify(services.web.healthcheck!.test)).toContain("/api/health");
  });

  it("starts the app only after its databases and broker are healthy", () => {
    for (const name of APP_SERVICES) {
      const deps = services[name].depends_on ?? {};
      if (name === "simulator") {
        expect(deps.web?.condition).toBe("service_healthy");
        continue;
      }
      for (const infra of ["postgres", "rabbitmq", "mongo"]) expect(deps[infra]?.condition, `${name} → ${infra}`).toBe("service_healthy");
    }
  });

  it("wires each app process to the compose services with a configuration the app accepts", () => {
    for (const name of APP_SERVICES) {
      const env = services[name].environment!;
      expect(new URL(env.DATABASE_URL).hostname).toBe("postgres");
      expect(new URL(env.RABBITMQ_URL).hostname).toBe("rabbitmq");
      expect(new URL(env.MONGODB_URL).hostname).toBe("mongo");
      // The same validation the processes run at start-up, on the compose environment alone.
      expect(() => parseConfig({ NODE_ENV: "production", ...env }), `${name} environment`).not.toThrow();
    }
  });

  it("refuses to start without a secret instead of defaulting to a published placeholder", () => {
    expect(required.map((r) => r.name)).toContain("AUTH_SECRET");
    expect(required.find((r) => r.name === "AUTH_SECRET")!.message).toMatch(/AUTH_SECRET/);
    expect(raw).not.toMatch(/AUTH_SECRET:\s*\$\{AUTH_SECRET:-/);
    for (const { name } of required) expect(REQUIRED_VALUES[name], `a test value for ${name}`).toBeDefined();
  });

  it("does not publish the RabbitMQ management port (guest/guest)", () => {
    expect(services.rabbitmq.ports ?? []).toEqual([]);
  });

  it("runs commands that exist in this repository", () => {
    for (const name of APP_SERVICES) {
      const command = [services[name].command].flat().join(" ");
      for (const file of command.match(/[\w/-]+\.ts\b/g) ?? []) expect(existsSync(file), `${name}: ${file}`).toBe(true);
    }
  });

  it("publishes the gateway on 8080 with the repository's nginx config", () => {
    expect(services.nginx.ports).toContain("8080:80");
    const mount = services.nginx.volumes!.find((v) => v.endsWith(":/etc/nginx/nginx.conf:ro"))!;
    expect(existsSync(mount.split(":")[0])).toBe(true);
  });
});

describe("nginx gateway config", () => {
  const conf = readFileSync("nginx/nginx.conf", "utf8");

  it("sends Socket.IO to realtime with the WebSocket upgrade and the rest to web", () => {
    expect(conf).toMatch(/server web:3000/);
    expect(conf).toMatch(/server realtime:3001/);
    const ws = conf.slice(conf.indexOf("location /ws/monitoring"));
    expect(ws.slice(0, ws.indexOf("}"))).toMatch(/proxy_pass http:\/\/realtime;[\s\S]*Upgrade \$http_upgrade/);
  });

  it("maps the specification's bare paths onto /api", () => {
    expect(conf).toMatch(/rewrite \^\/\(devices\|orders\|deliveries\|monitoring\)\/\(\.\*\)\$ \/api\/\$1\/\$2 break;/);
  });

  const nginx = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout.trim();
  it.runIf(nginx)("is valid nginx (checked with nginx -t on a local rendering)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gateway-"));
    const rendered = execFileSync("bash", ["scripts/render-gateway-config.sh"], {
      env: { ...process.env, STATE_DIR: dir, GATEWAY_PORT: "18080" },
      encoding: "utf8",
    });
    writeFileSync(path.join(dir, "nginx.conf"), rendered);
    execFileSync("mkdir", ["-p", path.join(dir, "logs")]);
    const result = spawnSync(nginx, ["-t", "-c", path.join(dir, "nginx.conf")], { encoding: "utf8" });
    expect(result.stderr).toMatch(/test is successful/);
  });
});
