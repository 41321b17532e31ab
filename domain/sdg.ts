/**
 * The 17 Sustainable Development Goals (ODD) and their 169 targets. Goal names and target
 * labels live in messages (sdg.goals.<n>, sdg.targets.<n>.<t>); colours are the UN palette.
 */
export interface SdgGoal {
  number: number;
  colour: string;
  /** Target codes of the goal: "1.1" … "1.5", "1.a", "1.b". */
  targets: string[];
}

/** [goal, colour, number of outcome targets, lettered means-of-implementation targets]. */
const GOAL_SHAPES: Array<[number, string, number, string]> = [
  [1, "#E5243B", 5, "ab"],
  [2, "#DDA63A", 5, "abc"],
  [3, "#4C9F38", 9, "abcd"],
  [4, "#C5192D", 7, "abc"],
  [5, "#FF3A21", 6, "abc"],
  [6, "#26BDE2", 6, "ab"],
  [7, "#FCC30B", 3, "ab"],
  [8, "#A21942", 10, "ab"],
  [9, "#FD6925", 5, "abc"],
  [10, "#DD1367", 7, "abc"],
  [11, "#FD9D24", 7, "abc"],
  [12, "#BF8B2E", 8, "abc"],
  [13, "#3F7E44", 3, "ab"],
  [14, "#0A97D9", 7, "abc"],
  [15, "#56C02B", 9, "abc"],
  [16, "#00689D", 10, "ab"],
  [17, "#19486A", 19, ""],
];

export const SDG_GOALS: readonly SdgGoal[] = GOAL_SHAPES.map(([number, colour, numbered, lettered]) => ({
  number,
  colour,
  targets: [
    ...Array.from({ length: numbered }, (_, i) => `${number}.${i + 1}`),
    ...[...lettered].map((letter) => `${number}.${letter}`),
  ],
}));

export const SDG_TARGET_CODES: readonly string[] = SDG_GOALS.flatMap((g) => g.targets);
const TARGET_SET = new Set(SDG_TARGET_CODES);

export function isSdgTarget(code: string): boolean {
  return TARGET_SET.has(code);
}

/** The goal a target code belongs to ("17.16" → 17). */
export function goalOfTarget(code: string): number | null {
  return isSdgTarget(code) ? Number(code.split(".")[0]) : null;
}

/** The message key of a target's label ("3.d" → "sdg.targets.3.d"). */
export function targetMessageKey(code: string): string {
  return `sdg.targets.${code}`;
}

/** Text colour that keeps WCAG AA contrast on a goal colour (white, or near-black on light tiles). */
export function textColourOn(background: string): "#FFFFFF" | "#1A1A1A" {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(background.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  const contrastWhite = 1.05 / (luminance + 0.05);
  const contrastDark = (luminance + 0.05) / (0.0103 + 0.05);
  return contrastWhite >= contrastDark ? "#FFFFFF" : "#1A1A1A";
}

const TARGET_RANK = new Map(SDG_TARGET_CODES.map((code, i) => [code, i]));

/**
 * The official order of SDG targets (4.1 … 4.7, 4.a … 4.c; 17.1 … 17.19), which text order
 * breaks (17.10 before 17.2). Unknown codes come last, in text order.
 */
export function compareSdgTargets(a: string, b: string): number {
  const ra = TARGET_RANK.get(a) ?? Number.MAX_SAFE_INTEGER;
  const rb = TARGET_RANK.get(b) ?? Number.MAX_SAFE_INTEGER;
  return ra - rb || a.localeCompare(b);
}
