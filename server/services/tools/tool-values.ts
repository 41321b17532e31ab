import { toolSearchText } from "../../../domain/toolbox";
import type { SaveToolInput } from "./schemas";

/** The columns a saved tool gets from its form. */
export function toolValues(input: SaveToolInput) {
  const content = { ...(input.fr ? { fr: input.fr } : {}), ...(input.en ? { en: input.en } : {}) };
  return {
    slug: input.slug,
    door: input.door,
    purpose: input.purpose,
    kind: input.kind,
    audiences: [...new Set(input.audiences)],
    stages: [...new Set(input.stages)],
    languages: Object.keys(content),
    feature: input.feature ?? null,
    url: input.url ?? null,
    content,
    searchText: toolSearchText(content),
    position: input.position,
  };
}
