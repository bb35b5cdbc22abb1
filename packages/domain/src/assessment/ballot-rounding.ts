/** Rounding of reported figures: scores to one decimal, rates and turnout to four. Internal to the ballot modules. */
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
