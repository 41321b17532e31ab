/**
 * How the France map draws a département's border and a faded one, shared by the page's map
 * (FranceMapView, in the browser) and the standalone SVG (franceMapSvg). Not in the client
 * component's module: a server module importing values from a "use client" file gets references,
 * not the values.
 */
export const BORDER = { stroke: "#334155", width: 0.6 } as const;
/** The département(s) of the territory shown. */
export const OUTLINED_BORDER = { stroke: "#b91c1c", width: 2.5 } as const;
/** A département's border: the outlined one for the territory shown, the usual one otherwise. */
export function borderOf(outlined: boolean | undefined) {
  return outlined ? OUTLINED_BORDER : BORDER;
}
/** Départements outside the zoomed-in région. */
export const FADED_OPACITY = 0.35;
/** In a link template, where the département's code goes. */
export const CODE_SLOT = "{code}";
