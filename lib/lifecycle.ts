import { AppError } from "@/lib/errors";

/**
 * A lifecycle is data: for each state, the states it may move to. Every status change in the
 * product goes through `assertTransition`, so the rules live in one table per entity.
 */
export interface Lifecycle<S extends string> {
  readonly name: string;
  readonly states: readonly S[];
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  canTransition(from: S, to: S): boolean;
  nextStates(from: S): readonly S[];
  assertTransition(from: S, to: S): void;
}

export function defineLifecycle<S extends string>(
  name: string,
  transitions: Record<S, readonly S[]>,
): Lifecycle<S> {
  const states = Object.keys(transitions) as S[];
  return {
    name,
    states,
    transitions,
    canTransition: (from, to) => transitions[from]?.includes(to) ?? false,
    nextStates: (from) => transitions[from] ?? [],
    assertTransition(from, to) {
      if (transitions[from]?.includes(to)) return;
      const allowed = transitions[from] ?? [];
      throw new AppError(
        "invalid_transition",
        `A ${name} cannot go from ${from} to ${to}` +
          (allowed.length ? `; allowed next: ${allowed.join(", ")}` : `; ${from} is final`),
        { from, to, allowed },
      );
    },
  };
}
