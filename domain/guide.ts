import type { LifecycleStage } from "./alliances";

/*
 * The questioning process ("démarche de questionnement"): for each step of an alliance's life,
 * questions its partners answer together. The wording lives in messages (guide.questions.<key>).
 */

/** The stages the guide covers, in the order an alliance goes through them. */
export const GUIDE_STAGES = [
  "preparation_partenaires",
  "preparation_partenariat",
  "contractualisation",
  "pilotage",
  "evaluation",
] as const satisfies readonly LifecycleStage[];
export type GuideStage = (typeof GUIDE_STAGES)[number];

/** The questions of each stage, by key. */
export const GUIDE_QUESTIONS: Record<GuideStage, readonly string[]> = {
  preparation_partenaires: ["why_us", "what_we_bring", "what_we_expect", "limits"],
  preparation_partenariat: ["shared_need", "common_goal", "each_contribution", "success_signs"],
  contractualisation: ["commitments", "governance", "communication", "exit"],
  pilotage: ["progress", "difficulties", "adjustments", "relationship"],
  evaluation: ["results", "lessons", "continue", "share"],
};

export const GUIDE_ANSWER_MAX = 4000;

/** Whether a stage and question key belong to the guide. */
export function isGuideQuestion(stage: string, key: string): stage is GuideStage {
  return (GUIDE_STAGES as readonly string[]).includes(stage) && GUIDE_QUESTIONS[stage as GuideStage].includes(key);
}

/** How many of a stage's questions have an answer. */
export function stageProgress(stage: GuideStage, answered: ReadonlySet<string>): { answered: number; total: number } {
  const questions = GUIDE_QUESTIONS[stage];
  return { answered: questions.filter((q) => answered.has(q)).length, total: questions.length };
}
