// Mermaid's own rendering of the titles of the diagrams argmap wrote: reads a JSON list of diagram
// texts on stdin and prints, for each, the text of the title element in the SVG that Mermaid renders
// and the names of any elements inside it (there must be none), or its error. Used by
// tests/test_convert_writers.py only. jsdom lays out nothing, so box sizes are stubbed: only the
// title's text and markup are looked at, never where anything is drawn.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
for (const name of ["window", "document"]) globalThis[name] = dom.window[name];
for (const name of ["CSSStyleSheet", "Element", "HTMLElement", "SVGElement", "Node", "DOMParser", "XMLSerializer"]) {
  if (!(name in globalThis)) globalThis[name] = dom.window[name];
}
dom.window.SVGElement.prototype.getBBox = () => ({ x: 0, y: 0, width: 40, height: 12 });
dom.window.SVGElement.prototype.getComputedTextLength = () => 40;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const [index, text] of JSON.parse(input).entries()) {
  try {
    const { svg } = await mermaid.render(`diagram${index}`, text);
    const page = new JSDOM(`<!doctype html><body>${svg}</body>`).window.document;
    const title = page.querySelector(".flowchartTitleText");
    results.push({
      ok: true,
      title: title === null ? null : title.textContent,
      inside: title === null ? [] : [...title.querySelectorAll("*")].map((e) => e.tagName),
      scripts: page.querySelectorAll("script, foreignObject script, iframe, a").length,
    });
  } catch (error) {
    results.push({ ok: false, error: String(error?.message ?? error).slice(0, 800) });
  }
}
process.stdout.write(JSON.stringify(results));
