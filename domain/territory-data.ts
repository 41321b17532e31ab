import { createRequire } from "node:module";
import { buildTerritoryIndex, type TerritoryIndex } from "./territory";

// The JSON files of @etalab/decoupage-administratif (Licence Ouverte), read directly: its
// index.js resolves paths against the working directory. Required at run time so neither the
// type checker nor the client bundle ever parses the 13 MB of data.
const require = createRequire(import.meta.url);
let index: TerritoryIndex | undefined;

/** The territory index, built on first use (about a third of a second) and kept. */
export function territory(): TerritoryIndex {
  index ??= buildTerritoryIndex({
    communes: require("@etalab/decoupage-administratif/data/communes.json"),
    departements: require("@etalab/decoupage-administratif/data/departements.json"),
    regions: require("@etalab/decoupage-administratif/data/regions.json"),
    epci: require("@etalab/decoupage-administratif/data/epci.json"),
  });
  return index;
}
