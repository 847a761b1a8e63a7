import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

const production = (AUTH_SECRET?: string) => () => parseConfig({ NODE_ENV: "production", AUTH_SECRET });

describe("AUTH_SECRET in production", () => {
  it("refuses the development default (no AUTH_SECRET at all)", () => {
    expect(production(undefined)).toThrow(ConfigError);
    expect(production(undefined)).toThrow(/AUTH_SECRET: .*published in this repository/);
  });

  it("refuses placeholders, short and non-random secrets with a message naming the fix", () => {
    for (const weak of [
      "change-me-to-a-long-random-secret-of-32-chars",
      "test-secret-not-for-production-000000000000",
      "too-short",
      "a".repeat(64),
      "password".repeat(5),
    ]) {
      expect(production(weak), weak).toThrow(/AUTH_SECRET: .*openssl rand -base64 32/);
    }
  });

  it("accepts 32 random bytes in base64 or hex", () => {
    for (let i = 0; i < 200; i++) {
      expect(production(randomBytes(32).toString("base64"))).not.toThrow();
      expect(production(randomBytes(32).toString("hex"))).not.toThrow();
    }
  });

  it("still lets development and `next build` run without one", () => {
    expect(() => parseConfig({ NODE_ENV: "development" })).not.toThrow();
    expect(() => parseConfig({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });
});

describe("Web Push settings", () => {
  const secret = randomBytes(32).toString("base64");
  const keys = { VAPID_PUBLIC_KEY: `B${"A".repeat(86)}`, VAPID_PRIVATE_KEY: "x".repeat(43) };
  it("production starts without VAPID keys while push is off", () => {
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: secret })).not.toThrow();
  });

  it("fails closed when push is on and a key is missing or malformed", () => {
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: secret, WEB_PUSH: "1" })).toThrow(/VAPID_PUBLIC_KEY: is required when WEB_PUSH=1/);
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: secret, WEB_PUSH: "1", VAPID_PUBLIC_KEY: keys.VAPID_PUBLIC_KEY })).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: secret, WEB_PUSH: "1", ...keys, VAPID_PRIVATE_KEY: "short" })).toThrow(/VAPID_PRIVATE_KEY: must be/);
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: secret, WEB_PUSH: "1", ...keys })).not.toThrow();
  });
});

describe("customer emails", () => {
  it("are off until SMTP_URL is set (an empty value is unset), and come from the store by default", () => {
    expect(parseConfig({}).SMTP_URL).toBeUndefined();
    expect(parseConfig({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
    expect(parseConfig({}).MAIL_FROM).toBe("Device Store <store@localhost>");
    expect(parseConfig({ SMTP_URL: "smtp://127.0.0.1:25" }).SMTP_URL).toBe("smtp://127.0.0.1:25");
  });

  it("refuses an SMTP_URL that is not smtp:// or smtps://", () => {
    expect(() => parseConfig({ SMTP_URL: "http://mail.example.com" })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
  });
});
