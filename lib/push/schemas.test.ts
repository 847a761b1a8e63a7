import { describe, expect, it } from "vitest";
import { endpointAllowed, parseAllowedHosts } from "./schemas";

const hosts = parseAllowedHosts(" fcm.googleapis.com, push.apple.com ,");

describe("push endpoints the server will POST to", () => {
  it("allows https on a listed push service or its subdomains", () => {
    expect(endpointAllowed("https://fcm.googleapis.com/fcm/send/abc", hosts)).toBe(true);
    expect(endpointAllowed("https://web.push.apple.com/QGx", hosts)).toBe(true);
  });

  it("refuses other hosts, look-alikes, plain http, credentials and non-URLs", () => {
    for (const e of [
      "https://evil.example.com/fcm.googleapis.com",
      "https://fcm.googleapis.com.evil.example/x",
      "https://notfcm.googleapis.com.example/x",
      "https://xpush.apple.com/x",
      "http://fcm.googleapis.com/fcm/send/abc",
      "https://user:pw@fcm.googleapis.com/x",
      "https://169.254.169.254/latest",
      "not a url",
    ]) {
      expect(endpointAllowed(e, hosts), e).toBe(false);
    }
  });
});
