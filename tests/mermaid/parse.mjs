// Mermaid's own parser over the diagrams argmap wrote: reads a JSON list of diagram texts on stdin and
// prints, for each, what Mermaid's flowchart parser made of it (vertices, edges, classes) or its error.
// Used by tests/test_convert_mermaid.py only; jsdom gives Mermaid the DOM it expects at import time.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const vertices = db.getVertices();
    const list = vertices instanceof Map ? [...vertices.values()] : Object.values(vertices);
    results.push({
      ok: true,
      type: diagram.type,
      vertices: list.map((v) => ({ id: v.id, text: v.text, classes: v.classes, link: v.link ?? null, type: v.type ?? null })),
      edges: db.getEdges().map((e) => ({ start: e.start, end: e.end, type: e.type, stroke: e.stroke, text: e.text })),
      clicks: (db.getTooltip ? list.filter((v) => db.getTooltip(v.id)).length : 0),
    });
  } catch (error) {
    results.push({ ok: false, error: String(error?.message ?? error).slice(0, 800) });
  }
}
process.stdout.write(JSON.stringify(results));
