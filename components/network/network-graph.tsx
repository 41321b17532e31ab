"use client";

import type Graph from "graphology";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type Sigma from "sigma";
import { spiralPositions, type Network } from "@/domain/network";

/** Link colours by mode, and node colours by kind: each at least 3:1 against the white background. */
export const MODE_COLOURS: Record<string, string> = {
  pratiques_responsables: "#0f766e",
  mecenat: "#b45309",
  cooperation_economique: "#1d4ed8",
  innovation_societale: "#7e22ce",
};
export const NO_MODE_COLOUR = "#64748b";
export const KIND_COLOURS: Record<string, string> = {
  association: "#be123c",
  fondation: "#a16207",
  entreprise: "#1e3a8a",
  collectivite: "#15803d",
  intercommunalite: "#166534",
  etablissement_public: "#0e7490",
  autre: "#475569",
};

/** The link drawn nearest to a point of the view, within `tolerance` pixels, or null. */
function nearestEdge(sigma: Sigma, graph: Graph, x: number, y: number, tolerance: number): string | null {
  const at = new Map<string, { x: number; y: number }>();
  const point = (node: string) => {
    let p = at.get(node);
    if (!p) {
      const display = sigma.getNodeDisplayData(node);
      p = display ? sigma.framedGraphToViewport(display) : { x: NaN, y: NaN };
      at.set(node, p);
    }
    return p;
  };
  let best: string | null = null;
  let bestDistance = tolerance;
  graph.forEachEdge((edge, _attributes, source, target) => {
    const a = point(source);
    const b = point(target);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = dx * dx + dy * dy;
    const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / length));
    const distance = Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = edge;
    }
  });
  return best;
}

const nodeSize = (alliances: number) => Math.min(28, 3 + 2 * Math.sqrt(alliances));
const edgeSize = (cents: number) => 0.6 + Math.log10(1 + cents / 100_000);

/**
 * The network drawn by Sigma.js (WebGL) from a graphology graph: organisations as nodes sized by
 * their alliances and coloured by kind, alliances as links coloured by mode and as thick as their
 * value. The first frame comes from a spiral layout (hubs in the middle); ForceAtlas2 then refines
 * it in a web worker for a few seconds, unless the person prefers reduced motion. Hovering or
 * finding an organisation highlights it and its partners. Arrows pan, + and − zoom, 0 resets.
 */
export function NetworkGraph({
  network,
  label,
  highlight,
  values,
  onNode,
  onLink,
  layoutLabels,
  nodeLabel,
}: {
  network: Network;
  label: string;
  /** The organisation to centre on and highlight (an index of `network.organisations`). */
  highlight: number | null;
  /** Each alliance's value in euro cents, once known: links get their width from it. */
  values: number[] | null;
  onNode: (index: number) => void;
  onLink: (allianceIndex: number) => void;
  layoutLabels: { running: string; stopped: string; unavailable: string };
  nodeLabel: (index: number) => string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma | null>(null);
  const graphOf = useRef<Graph | null>(null);
  const valuesRef = useRef(values);
  const layoutRef = useRef<{ start(): void; stop(): void; kill(): void; isRunning(): boolean } | null>(null);
  const [running, setRunning] = useState(false);
  const [failed, setFailed] = useState(false);
  const [hasLayout, setHasLayout] = useState(false);
  const hovered = useRef<string | null>(null);
  const focused = useRef<string | null>(null);
  const handlers = useRef({ onNode, onLink });
  // The latest callbacks and values, for the graph's handlers (declared first: it runs before the graph is built).
  useEffect(() => {
    handlers.current = { onNode, onLink };
    valuesRef.current = values;
  });

  useEffect(() => {
    let cancelled = false;
    let stopTimer: ReturnType<typeof setTimeout> | undefined;
    (async () => {
      // graphology too is fetched here rather than with the page: with sigma, the graph's code
      // stays out of the page's first-load JavaScript (issue 27).
      const [{ default: GraphClass }, { default: SigmaClass }, { default: FA2Layout }, { default: forceAtlas2 }] =
        await Promise.all([
          import("graphology"),
          import("sigma"),
          import("graphology-layout-forceatlas2/worker"),
          import("graphology-layout-forceatlas2"),
        ]);
      if (cancelled || !container.current) return;
      const graph = new GraphClass({ multi: true, type: "undirected" });
      const positions = spiralPositions(network);
      network.organisations.forEach((o, i) => {
        graph.addNode(String(i), {
          x: positions[i]!.x,
          y: positions[i]!.y,
          size: i === network.own ? nodeSize(o.alliances) + 4 : nodeSize(o.alliances),
          color: KIND_COLOURS[o.kind] ?? KIND_COLOURS.autre,
          label: nodeLabel(i),
        });
      });
      network.alliances.forEach((a, i) => {
        const colour = (a.mode && MODE_COLOURS[a.mode]) || NO_MODE_COLOUR;
        const parties = a.parties;
        for (let x = 0; x < parties.length; x++)
          for (let y = x + 1; y < parties.length; y++)
            graph.addEdgeWithKey(`${i}:${x}:${y}`, String(parties[x]), String(parties[y]), {
              size: edgeSize(valuesRef.current?.[i] ?? 0),
              color: colour,
              alliance: i,
            });
      });
      graphOf.current = graph;
      const neighbourOf = (node: string | null, other: string) =>
        node !== null && (node === other || graph.areNeighbors(node, other));
      let sigma: Sigma;
      try {
        sigma = new SigmaClass(graph, container.current, {
          // Picking links on the GPU would draw every link twice per frame and read pixels back at
          // each mouse move: a click on a link is found by distance instead (below).
          enableEdgeEvents: false,
          // While the view moves, links and labels wait: thousands of them cost more than a frame.
          hideEdgesOnMove: graph.size > 2_000,
          hideLabelsOnMove: graph.size > 2_000,
          labelRenderedSizeThreshold: 14,
          labelFont: "system-ui, sans-serif",
          zIndex: true,
          nodeReducer: (node, data) => {
            const active = focused.current ?? hovered.current;
            if (active === null) return data;
            if (neighbourOf(active, node))
              return { ...data, zIndex: 1, forceLabel: node === active, highlighted: node === active };
            return { ...data, color: "#e2e8f0", label: "", zIndex: 0 };
          },
          edgeReducer: (edge, data) => {
            const active = focused.current ?? hovered.current;
            if (active === null) return data;
            return graph.hasExtremity(edge, active) ? { ...data, zIndex: 1 } : { ...data, hidden: true };
          },
        });
      } catch {
        setFailed(true);
        return;
      }
      sigmaRef.current = sigma;
      // Dragging moves the picture, not the camera: while the mouse is down the last frame's
      // layers slide under the pointer (a CSS transform, which the compositor does without
      // drawing), and the graph is drawn once again where it was dropped. Drawing thousands of
      // organisations at each mouse move costs far more than a frame without a GPU, where Chromium
      // draws WebGL in software. What was outside the view shows once the mouse is released.
      let dragging = false;
      let from: { x: number; y: number } | null = null;
      let shift = { x: 0, y: 0 };
      const captor = sigma.getMouseCaptor();
      const layers = Object.entries(sigma.getCanvases())
        .filter(([name]) => name !== "mouse")
        .map(([, canvas]) => canvas);
      const slide = (x: number, y: number) => {
        const transform = x === 0 && y === 0 ? "" : `translate3d(${x}px, ${y}px, 0)`;
        for (const layer of layers) layer.style.transform = transform;
      };
      captor.on("mousedown", (event) => {
        dragging = true;
        from = { x: event.x, y: event.y };
        shift = { x: 0, y: 0 };
      });
      captor.on("mousemovebody", (event) => {
        if (!from) return;
        event.preventSigmaDefault();
        shift = { x: event.x - from.x, y: event.y - from.y };
        // A moved mouse is a drag, not a click (Sigma counts these itself when it moves the camera).
        captor.draggedEvents++;
        slide(shift.x, shift.y);
      });
      captor.on("mouseup", () => {
        dragging = false;
        const start = from;
        from = null;
        if (!start || (shift.x === 0 && shift.y === 0)) return;
        const before = sigma.viewportToFramedGraph(start);
        const after = sigma.viewportToFramedGraph({ x: start.x + shift.x, y: start.y + shift.y });
        const camera = sigma.getCamera();
        const state = camera.getState();
        // The layers slide back in the same task as the new frame is drawn: no frame shows both.
        sigma.once("afterRender", () => slide(0, 0));
        camera.setState({ x: state.x + before.x - after.x, y: state.y + before.y - after.y });
      });
      sigma.on("enterNode", ({ node }) => {
        if (dragging) return;
        hovered.current = node;
        sigma.refresh({ skipIndexation: true });
      });
      sigma.on("leaveNode", () => {
        if (hovered.current === null) return;
        hovered.current = null;
        sigma.refresh({ skipIndexation: true });
      });
      sigma.on("clickNode", ({ node }) => handlers.current.onNode(Number(node)));
      // A click beside a node: the nearest link within a few pixels, if any, opens its alliance.
      sigma.on("clickStage", ({ event }) => {
        const edge = nearestEdge(sigma, graph, event.x, event.y, 5);
        if (edge !== null) handlers.current.onLink(graph.getEdgeAttribute(edge, "alliance") as number);
      });
      const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      // Sigma drew the graph while it was created; the frame shows at the next animation frame.
      // The layout starts then, so setting up its worker does not delay that first frame.
      requestAnimationFrame(() => {
        performance.mark("network-first-frame");
        if (cancelled || graph.order < 2) return;
        const layout = new FA2Layout(graph, {
          settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500, slowDown: 5 },
        });
        layoutRef.current = layout;
        setHasLayout(true);
        if (!reduced) {
          layout.start();
          setRunning(true);
          stopTimer = setTimeout(() => {
            layout.stop();
            setRunning(false);
          }, 4_000);
        }
      });
    })();
    return () => {
      cancelled = true;
      if (stopTimer) clearTimeout(stopTimer);
      layoutRef.current?.kill();
      layoutRef.current = null;
      sigmaRef.current?.kill();
      sigmaRef.current = null;
    };
    // The graph is rebuilt when the network changes; labels follow the same data.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [network]);

  useEffect(() => {
    const sigma = sigmaRef.current;
    focused.current = highlight === null ? null : String(highlight);
    if (!sigma) return;
    if (highlight !== null) {
      const display = sigma.getNodeDisplayData(String(highlight));
      if (display) sigma.getCamera().animate({ x: display.x, y: display.y, ratio: 0.3 }, { duration: 400 });
    }
    sigma.refresh({ skipIndexation: true });
  }, [highlight]);

  useEffect(() => {
    const graph = graphOf.current;
    if (!graph || !values) return;
    graph.forEachEdge((edge, attributes) =>
      graph.setEdgeAttribute(edge, "size", edgeSize(values[attributes.alliance as number] ?? 0)),
    );
  }, [values, network]);

  const toggleLayout = () => {
    const layout = layoutRef.current;
    if (!layout) return;
    if (layout.isRunning()) layout.stop();
    else layout.start();
    setRunning(layout.isRunning());
  };

  const keys = (event: KeyboardEvent<HTMLDivElement>) => {
    const camera = sigmaRef.current?.getCamera();
    if (!camera) return;
    const state = camera.getState();
    const step = 0.1 * state.ratio;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => camera.setState({ x: state.x - step }),
      ArrowRight: () => camera.setState({ x: state.x + step }),
      ArrowUp: () => camera.setState({ y: state.y + step }),
      ArrowDown: () => camera.setState({ y: state.y - step }),
      "+": () => camera.animatedZoom({ duration: 200 }),
      "=": () => camera.animatedZoom({ duration: 200 }),
      "-": () => camera.animatedUnzoom({ duration: 200 }),
      "0": () => camera.animatedReset({ duration: 200 }),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
    }
  };

  if (failed)
    return <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">{layoutLabels.unavailable}</p>;
  return (
    <div className="space-y-2">
      <div
        ref={container}
        role="img"
        aria-label={label}
        tabIndex={0}
        onKeyDown={keys}
        className="h-[560px] w-full overflow-hidden rounded-md border border-slate-300 bg-white focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
        data-testid="network-graph"
      />
      {hasLayout ? (
        <button
          type="button"
          onClick={toggleLayout}
          className="rounded-md border border-slate-500 px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
        >
          {running ? layoutLabels.running : layoutLabels.stopped}
        </button>
      ) : null}
    </div>
  );
}
