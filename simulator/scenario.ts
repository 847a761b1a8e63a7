import type { AnomalyKind } from "./device-model";

/**
 * The demo's script, so that a new user sees the monitoring move within the first minutes:
 * an alert raised and cleared, another one, and a device that goes offline and comes back.
 * It repeats every cycle for whoever opens the console later. Times are from the simulator's
 * start; `device` is an index into the fleet.
 */
export interface ScenarioStep {
  atSec: number;
  device: number;
  anomaly: AnomalyKind;
  durationSec: number;
  expect: string;
}

export const DEMO_CYCLE_SEC = 300;

export const DEMO_SCENARIO: ScenarioStep[] = [
  { atSec: 20, device: 0, anomaly: "heat", durationSec: 45, expect: "a critical temperature alert, cleared once it cools down" },
  { atSec: 40, device: 1, anomaly: "silent", durationSec: 75, expect: "offline after ~30 s of silence (device_offline alert), online again when it resumes" },
  { atSec: 75, device: 2, anomaly: "cpu", durationSec: 30, expect: "a CPU usage warning, cleared when the load drops" },
  { atSec: 150, device: 3, anomaly: "spike", durationSec: 3, expect: "a short temperature spike: raised and cleared within seconds" },
];

/** Steps whose time (within the repeating cycle) falls in (fromSec, toSec]. */
export function dueSteps(fromSec: number, toSec: number, scenario = DEMO_SCENARIO, cycleSec = DEMO_CYCLE_SEC): ScenarioStep[] {
  const due: ScenarioStep[] = [];
  for (let cycle = Math.floor(fromSec / cycleSec); cycle * cycleSec <= toSec; cycle++) {
    for (const step of scenario) {
      const at = cycle * cycleSec + step.atSec;
      if (at > fromSec && at <= toSec) due.push(step);
    }
  }
  return due;
}
