/**
 * A network of organisations (nodes) linked by their alliances (links), as the network view
 * draws it, and what a partnership manager asks of it: who are the hubs, which partners link the
 * workspace to others, which alliances stand alone.
 */

export interface NetworkOrganisation {
  /** An organisation's id, or null when it is shown without its name (a coordinator's view of a partner that did not consent). */
  id: string | null;
  name: string | null;
  kind: string;
  /** How many alliances of the network it takes part in. */
  alliances: number;
}

export interface NetworkAlliance {
  id: string;
  title: string;
  mode: string | null;
  stage: string;
  year: number | null;
  /** Its organisations, as indexes into the network's organisations. */
  parties: number[];
}

export interface Network {
  organisations: NetworkOrganisation[];
  alliances: NetworkAlliance[];
  /** The index of the workspace's own organisation, if it is in the network. */
  own: number | null;
}

export interface NetworkSummary {
  /** Organisations in the most alliances (the workspace's own left out), most first. */
  hubs: Array<{ index: number; alliances: number }>;
  /** Partners linked to the most other partners (besides the workspace's own organisation), most first. */
  bridges: Array<{ index: number; partners: number }>;
  /** Alliances none of whose partners (besides the workspace's own) takes part in another alliance of the network. */
  standalone: number[];
  /** How many organisations of each kind. */
  kinds: Record<string, number>;
}

const TOP = 5;

/** The summary of a network, in one pass over its alliances. */
export function summarizeNetwork(network: Network): NetworkSummary {
  const { organisations, alliances, own } = network;
  const neighbours = organisations.map(() => new Set<number>());
  for (const alliance of alliances)
    for (const a of alliance.parties)
      for (const b of alliance.parties) if (a !== b && a !== own && b !== own) neighbours[a]!.add(b);
  const others = organisations.map((_, i) => i).filter((i) => i !== own);
  const hubs = others
    .map((index) => ({ index, alliances: organisations[index]!.alliances }))
    .sort((a, b) => b.alliances - a.alliances || a.index - b.index)
    .slice(0, TOP);
  const bridges = others
    .map((index) => ({ index, partners: neighbours[index]!.size }))
    .filter((b) => b.partners > 0)
    .sort((a, b) => b.partners - a.partners || a.index - b.index)
    .slice(0, TOP);
  const standalone = alliances
    .map((alliance, i) => ({ alliance, i }))
    .filter(({ alliance }) => alliance.parties.every((p) => p === own || organisations[p]!.alliances <= 1))
    .map(({ i }) => i);
  const kinds: Record<string, number> = {};
  for (const o of organisations) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
  return { hubs, bridges, standalone, kinds };
}

/**
 * Starting positions before the force layout refines them: the workspace's own organisation in
 * the middle, the others on a sunflower spiral by decreasing number of alliances (hubs near the
 * centre), so the first frame already reads and the layout has little to move.
 */
export function spiralPositions(network: Network): Array<{ x: number; y: number }> {
  const order = network.organisations
    .map((o, i) => ({ i, n: o.alliances }))
    .filter(({ i }) => i !== network.own)
    .sort((a, b) => b.n - a.n || a.i - b.i);
  const positions = network.organisations.map(() => ({ x: 0, y: 0 }));
  const golden = Math.PI * (3 - Math.sqrt(5));
  order.forEach(({ i }, rank) => {
    const r = Math.sqrt(rank + 1) * 10;
    positions[i] = { x: r * Math.cos(rank * golden), y: r * Math.sin(rank * golden) };
  });
  return positions;
}
