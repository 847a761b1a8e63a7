import { describe, expect, it } from "vitest";
import { tokenMemo } from "./verified-tokens";

interface Claims {
  sub: string;
  exp?: number;
}

/** A check that accepts tokens starting with "good", counting how often it runs. */
function countingCheck(exp?: number) {
  const calls: string[] = [];
  const check = async (token: string): Promise<Claims | null> => {
    calls.push(token);
    if (token.startsWith("throw")) throw new Error("malformed");
    return token.startsWith("good") ? { sub: token, exp } : null;
  };
  return { calls, check };
}

describe("tokenMemo", () => {
  it("checks a valid token once and answers later uses from memory", async () => {
    const { calls, check } = countingCheck();
    const memo = tokenMemo(check, (c) => c.exp);
    expect(await memo.verify("good-1")).toEqual({ sub: "good-1" });
    expect(await memo.verify("good-1")).toEqual({ sub: "good-1" });
    expect(calls).toEqual(["good-1"]);
  });

  it("never remembers a token that failed, nor one whose check threw", async () => {
    const { calls, check } = countingCheck();
    const memo = tokenMemo(check, (c) => c.exp);
    expect(await memo.verify("forged")).toBeNull();
    expect(await memo.verify("forged")).toBeNull();
    await expect(memo.verify("throw-me")).rejects.toThrow("malformed");
    await expect(memo.verify("throw-me")).rejects.toThrow("malformed");
    expect(calls).toEqual(["forged", "forged", "throw-me", "throw-me"]);
  });

  it("checks again once the token has expired, even within the minute", async () => {
    let now = 1_000_000;
    const { calls, check } = countingCheck(now / 1000 + 10);
    const memo = tokenMemo(check, (c) => c.exp, () => now);
    await memo.verify("good-exp");
    now += 9_000;
    await memo.verify("good-exp");
    expect(calls).toHaveLength(1);
    now += 2_000;
    await memo.verify("good-exp");
    expect(calls).toHaveLength(2);
  });

  it("checks a token without an expiry again after a minute", async () => {
    let now = 0;
    const { calls, check } = countingCheck();
    const memo = tokenMemo(check, (c) => c.exp, () => now);
    await memo.verify("good-long");
    now += 59_000;
    await memo.verify("good-long");
    expect(calls).toHaveLength(1);
    now += 2_000;
    await memo.verify("good-long");
    expect(calls).toHaveLength(2);
  });

  it("does not keep a token that is already past its expiry", async () => {
    const now = 5_000_000;
    const { calls, check } = countingCheck(now / 1000 - 1);
    const memo = tokenMemo(check, (c) => c.exp, () => now);
    await memo.verify("good-stale");
    await memo.verify("good-stale");
    expect(calls).toHaveLength(2);
  });

  it("stays bounded under a flood of distinct valid tokens, and still answers correctly", async () => {
    const { calls, check } = countingCheck();
    const memo = tokenMemo(check, (c) => c.exp);
    for (let i = 0; i < 25_000; i++) await memo.verify(`good-${i}`);
    // The oldest were let go (checked again), the newest are still remembered.
    await memo.verify("good-0");
    expect(calls).toHaveLength(25_001);
    expect(await memo.verify("good-24999")).toEqual({ sub: "good-24999" });
    expect(calls).toHaveLength(25_001);
    expect(await memo.verify("forged-after-flood")).toBeNull();
  });
});
