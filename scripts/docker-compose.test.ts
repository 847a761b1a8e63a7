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
  container_name?: string;
  profiles?: string[];
  expose?: string[];
}

// Compose's own interpolation: ${VAR:-default} takes its default (an empty environment), and
// ${VAR:?message} — variables the operator must set — takes the values an operator would export.
const raw = readFileSync("docker-compose.yml", "utf8");
const REQUIRED_VALUES: Record<string, string> = {
  AUTH_SECRET: "n3Wk8yVq0T+fJr5mB2xLhZ7cP1sD9gEaU4oRtYiK6lM=",
  ADMIN_PASSWORD: "an-operator-chosen-password",
  BROKER_AUTH_SECRET: "5f0c9d1e7a2b4c6d8e0f1a3b5c7d9e1f",
};
const required = [...raw.matchAll(/\$\{(\w+):\?([^}]*)\}/g)].map((m) => ({ name: m[1], message: m[2] }));
const interpolated = raw
  .replace(/\$\{\w+:-([^}]*)\}/g, "$1")
  .replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) => REQUIRED_VALUES[name] ?? "");
const compose = parse(interpolated, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const APP_SERVICES = ["migrate", "web", "worker", "realtime", "simulator"];
const SCALABLE = ["web", "worker", "realtime"];

describe("docker-compose.yml", () => {
  it("runs the whole stack", () => {
    expect(Object.keys(services).sort()).toEqual(
      ["grafana", "migrate", "mongo", "nginx", "postgres", "prometheus", "rabbitmq", "realtime", "simulator", "web", "worker"].sort(),
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

  it("does not publish the RabbitMQ management port (guest/guest), only MQTT for devices", () => {
    expect(services.rabbitmq.ports ?? []).toEqual(["1883:1883"]);
  });

  it("runs compiled entry points that the image builds from sources in this repository", () => {
    const buildScript = readFileSync("scripts/build-workers.mjs", "utf8");
    for (const name of APP_SERVICES) {
      const command = [services[name].command].flat().join(" ");
      expect(command, name).not.toMatch(/\btsx\b/);
      for (const [, entry] of command.matchAll(/dist\/([\w/-]+)\.js\b/g)) {
        expect(buildScript, `${name}: dist/${entry}.js is not built`).toContain(`"${entry}": "${entry}.ts"`);
        expect(existsSync(`${entry}.ts`), `${name}: ${entry}.ts`).toBe(true);
      }
    }
  });

  it("lets web, worker and realtime scale (`--scale`): no fixed container names or host ports", () => {
    for (const name of SCALABLE) {
      expect(services[name].container_name, name).toBeUndefined();
      expect(services[name].ports, name).toBeUndefined();
    }
    // Migrations run once, not once per web replica.
    expect(services.web.depends_on?.migrate?.condition).toBe("service_completed_successfully");
  });

  it("runs Prometheus and Grafana behind the ops profile, scraping each app service where it serves metrics", () => {
    expect(services.prometheus.profiles).toEqual(["ops"]);
    expect(services.grafana.profiles).toEqual(["ops"]);
    const scrape = parse(readFileSync("ops/prometheus/prometheus.yml", "utf8")) as {
      scrape_configs: { job_name: string; metrics_path: string; dns_sd_configs: { names: string[]; port: number }[] }[];
    };
    const jobs = Object.fromEntries(scrape.scrape_configs.map((j) => [j.job_name, j]));
    expect(jobs.web.metrics_path).toBe("/api/metrics");
    expect(jobs.web.dns_sd_configs[0]).toMatchObject({ names: ["web"], port: 3000 });
    expect(jobs.worker.dns_sd_configs[0]).toMatchObject({ names: ["worker"], port: Number(services.worker.environment!.METRICS_PORT) });
    expect(jobs.realtime.dns_sd_configs[0]).toMatchObject({ names: ["realtime"], port: Number(services.realtime.environment!.REALTIME_PORT) });
    for (const mount of services.grafana.volumes!) expect(existsSync(mount.split(":")[0]), mount).toBe(true);
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

  // scripts/test.sh installs nginx when it is missing, so this check always runs.
  it("is valid nginx (checked with nginx -t on a local rendering)", () => {
    const nginx = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout.trim();
    expect(nginx, "nginx is not installed (apt-get install nginx)").not.toBe("");
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
