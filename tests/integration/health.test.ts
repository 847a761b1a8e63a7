import { describe, expect, it } from "vitest";
import { api } from "./helpers";

describe("GET /api/health", () => {
  it("reports each backing service as ok when PostgreSQL, RabbitMQ and the MongoDB server answer", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", checks: { postgres: "ok", rabbitmq: "ok", mongodb: "ok" } });
  });
});
