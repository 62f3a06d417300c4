/**
 * The seed's neighbourhood, laid out by d3-force and drawn as SVG by React, with d3-zoom for
 * zoom and pan (wheel, drag, pinch; buttons for keyboard users). Why these libraries and not
 * cytoscape or sigma: see docs/ARCHITECTURE.md (a tenth of the bundle, and SVG keeps every
 * node a real link with a name, which canvas or WebGL cannot).
 *
 * Groups are squares, accounts circles; confirmed solid with a cross, flagged hatched with a
 * dashed outline, unknown hollow (shape and fill, never colour alone). Every node is a link:
 * to its case when it has one, else to search for its id. The layout runs to rest before the
 * first paint with d3's seeded random source, so the same neighbourhood draws the same way.
 */
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from "d3-force";
import { select } from "d3-selection";
import { type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity } from "d3-zoom";
import type { JSX } from "react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { ExpansionPicture } from "./expansion-api.js";
import { t } from "./strings.js";
import { graphText } from "./strings-work.js";

type GraphNode = ExpansionPicture["graph"]["nodes"][number];
type GraphEdge = ExpansionPicture["graph"]["edges"][number];
interface Placed extends SimulationNodeDatum {
  key: string;
  node: GraphNode;
}
interface Link extends SimulationLinkDatum<Placed> {
  edge: GraphEdge;
}

const key = (kind: string, id: string) => `${kind}:${id}`;
const radius = (n: GraphNode) => (n.seed ? 11 : n.kind === "group" ? 9 : 6);
const TICKS = 300;
const HEIGHT = 560;
/** Below this many nodes every node is labelled; above it, groups, the seed and nodes with a case. */
const LABEL_ALL_BELOW = 40;

export function layoutNeighbourhood(
  nodes: GraphNode[],
  edges: GraphEdge[],
): { placed: Placed[]; links: Link[] } {
  const placed: Placed[] = nodes.map((node) => ({ key: key(node.kind, node.platformId), node }));
  const byKey = new Map(placed.map((p) => [p.key, p]));
  const links: Link[] = [];
  for (const edge of edges) {
    const source = byKey.get(key(edge.kind === "link" ? "group" : "account", edge.from));
    const target = byKey.get(key("group", edge.to));
    if (source && target) links.push({ source, target, edge });
  }
  const seed = placed.find((p) => p.node.seed);
  if (seed) {
    seed.fx = 0;
    seed.fy = 0;
  }
  forceSimulation(placed)
    .force(
      "link",
      forceLink<Placed, Link>(links)
        .distance((l) => (l.edge.kind === "link" ? 110 : l.edge.kind === "admin" ? 45 : 60))
        .strength((l) => (l.edge.kind === "member" ? 0.4 : 0.8)),
    )
    .force(
      "charge",
      forceManyBody<Placed>().strength((p) => (p.node.kind === "group" ? -260 : -90)),
    )
    .force(
      "collide",
      forceCollide<Placed>().radius((p) => radius(p.node) + 10),
    )
    .force("x", forceX<Placed>(0).strength(0.04))
    .force("y", forceY<Placed>(0).strength(0.04))
    .stop()
    .tick(TICKS);
  return { placed, links };
}

function NodeMark({ node }: { node: GraphNode }): JSX.Element {
  const r = radius(node);
  const fill = node.mark === "confirmed" ? "#1d2230" : node.mark === "flagged" ? "url(#hatch)" : "#fff";
  const common = {
    fill,
    stroke: "#1d2230",
    strokeWidth: node.mark === "confirmed" ? 2.5 : 1.2,
    strokeDasharray: node.mark === "flagged" ? "3 2" : undefined,
  };
  return (
    <>
      {node.seed && <circle r={r + 5} fill="none" stroke="#1d2230" strokeWidth={1.5} />}
      {node.kind === "group" ? (
        <rect x={-r} y={-r} width={2 * r} height={2 * r} {...common} />
      ) : (
        <circle r={r} {...common} />
      )}
      {node.mark === "confirmed" && (
        <path
          d={`M${-r / 2} ${-r / 2}L${r / 2} ${r / 2}M${r / 2} ${-r / 2}L${-r / 2} ${r / 2}`}
          stroke="#fff"
          strokeWidth={1.5}
        />
      )}
    </>
  );
}

const shortLabel = (id: string) => (id.length > 18 ? `${id.slice(0, 17)}…` : id);

export function NetworkGraph({ picture }: { picture: ExpansionPicture }): JSX.Element {
  const { nodes, edges } = picture.graph;
  const legendId = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const { placed, links } = useMemo(() => layoutNeighbourhood(nodes, edges), [nodes, edges]);
  const box = useMemo(() => {
    const pad = 40;
    const xs = placed.map((p) => p.x ?? 0);
    const ys = placed.map((p) => p.y ?? 0);
    const [x0, x1, y0, y1] = [Math.min(0, ...xs), Math.max(0, ...xs), Math.min(0, ...ys), Math.max(0, ...ys)];
    // At least a 640x480 box around the drawing, so a small neighbourhood is not blown up.
    const w = Math.max(640, x1 - x0 + 2 * pad);
    const h = Math.max(480, y1 - y0 + 2 * pad);
    return { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h };
  }, [placed]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.5, 8])
      .on("zoom", (event: { transform: ZoomTransform }) => setTransform(event.transform));
    zoomRef.current = behaviour;
    select(svg).call(behaviour);
    return () => {
      select(svg).on(".zoom", null);
    };
  }, []);
  const zoomBy = (factor: number | null) => {
    const svg = svgRef.current;
    const behaviour = zoomRef.current;
    if (!svg || !behaviour) return;
    if (factor === null) select(svg).call(behaviour.transform, zoomIdentity);
    else select(svg).call(behaviour.scaleBy, factor);
  };

  const labelAll = placed.length < LABEL_ALL_BELOW || transform.k >= 1.6;
  const position = new Map(placed.map((p) => [p.key, p]));
  return (
    <figure className="network-graph">
      <figcaption id={legendId}>
        <strong>{t.expansionGraph}.</strong> {t.expansionLegend} {graphText.howToZoom}
      </figcaption>
      <div className="graph-tools">
        <button type="button" onClick={() => zoomBy(1.5)}>
          {graphText.zoomIn}
        </button>
        <button type="button" onClick={() => zoomBy(1 / 1.5)}>
          {graphText.zoomOut}
        </button>
        <button type="button" onClick={() => zoomBy(null)}>
          {graphText.reset}
        </button>
      </div>
      <svg
        ref={svgRef}
        viewBox={`${box.x} ${box.y} ${box.w} ${box.h}`}
        width="100%"
        height={HEIGHT}
        aria-labelledby={legendId}
      >
        <title>{t.expansionGraph}</title>
        <defs>
          <pattern
            id="hatch"
            width="4"
            height="4"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="4" height="4" fill="#fff" />
            <line x1="0" y1="0" x2="0" y2="4" stroke="#1d2230" strokeWidth="2" />
          </pattern>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto"
          >
            <path d="M0 0L10 5L0 10z" fill="#4a5263" />
          </marker>
        </defs>
        <g transform={transform.toString()}>
          {links.map((l) => {
            const a = l.source as Placed;
            const b = l.target as Placed;
            return (
              <line
                key={`${l.edge.kind}:${l.edge.from}:${l.edge.to}`}
                x1={a.x}
                y1={a.y}
                x2={b.x}
                y2={b.y}
                stroke="#7a8294"
                strokeWidth={l.edge.kind === "admin" ? 2.2 : 0.8}
                strokeDasharray={l.edge.kind === "link" ? "6 3" : undefined}
                markerEnd={l.edge.kind === "link" ? "url(#arrow)" : undefined}
              />
            );
          })}
          {placed.map((p) => {
            const n = p.node;
            const at = position.get(p.key) as Placed;
            const labelled = labelAll || n.seed || n.kind === "group" || n.caseId !== null;
            const href =
              n.caseId !== null ? `#/case/${n.caseId}` : `#/search?q=${encodeURIComponent(n.platformId)}`;
            return (
              <g key={p.key} transform={`translate(${at.x ?? 0},${at.y ?? 0})`}>
                <a href={href} className="graph-node">
                  <title>{t.graphNodeTitle(n.kind, n.platformId, n.mark, n.score, n.caseId)}</title>
                  <NodeMark node={n} />
                  {labelled && (
                    <text y={radius(n) + 11} textAnchor="middle" className="graph-label">
                      {shortLabel(n.platformId)}
                    </text>
                  )}
                </a>
              </g>
            );
          })}
        </g>
      </svg>
    </figure>
  );
}
