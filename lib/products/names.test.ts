import { describe, expect, it } from "vitest";
import { productNameLookup } from "./names";

describe("a unit's name on orders", () => {
  const nameOf = productNameLookup([
    { type: "sensor", model: "TH-100", name: "Temperature Sensor" },
    { type: "gateway", model: "TH-100", name: "Edge Gateway" },
  ]);

  it("is its product's name, whatever the unit itself is called", () => {
    expect(nameOf({ type: "sensor", model: "TH-100", name: "TH unit 17 (warehouse B)" })).toBe("Temperature Sensor");
    expect(nameOf({ type: "gateway", model: "TH-100", name: "gw-3" })).toBe("Edge Gateway");
  });

  it("falls back to the unit's own name when its type and model have no product", () => {
    expect(nameOf({ type: "sensor", model: "TH-200", name: "Humidity probe" })).toBe("Humidity probe");
    expect(nameOf({ type: "tracker", model: "TH-100", name: "Tracker" })).toBe("Tracker");
  });
});
