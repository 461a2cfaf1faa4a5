/** The only place the app reads the time; the domain receives `now` as a parameter. */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };
export const fixedClock = (instant: Date | string): Clock => ({ now: () => new Date(instant) });
