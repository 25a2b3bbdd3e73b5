// argmap's interactive page: an outline tree, the Graphviz diagram with pan and zoom, and a panel
// for the selected claim, kept in step. The map arrives as JSON in #argmap-data; every map string
// enters the page through textContent (or an attribute set by setAttribute, for a checked http(s)
// link), never as markup.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var claims = new Map();
  data.claims.forEach(function (claim, index) { claim.index = index; claims.set(claim.id, claim); });
  var kids = data.kids || {};
  var diagram = data.diagram || { nodes: [], junctions: [], on_demand: false, hidden: 0 };

  var items = new Map();       // claim id -> its <li> in the outline
  var parentOf = new Map();    // claim id -> the id of the claim it is written under in the outline
  var depthOf = new Map();     // claim id -> its depth in the outline (a root is 0)
  var svgNodes = new Map();    // claim id -> its <g class="node"> in the diagram
  var svg = null;
  var view = null;             // the diagram's viewBox: {x, y, w, h}
  var selected = null;
  var centreWhenDrawn = null;  // a claim selected before the diagram was drawn, to centre it on then
  var matches = [];
  var matchAt = -1;
  var hits = new Map();        // claim id -> how it matches the search: [field, text, lower-case text, needle]

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  // the gaps come worst first; a claim's overlay colour is that of its worst one
  var SEVERITIES = ["critical", "major", "minor", "info"];
  function worstGap(claim) {
    var worst = null;
    (claim.gaps || []).forEach(function (gap) {
      var at = SEVERITIES.indexOf(gap.severity);
      if (at >= 0 && (worst === null || at < SEVERITIES.indexOf(worst))) { worst = gap.severity; }
    });
    return worst;
  }
  function gapSummary(claim) {
    var count = claim.gaps.length === 1 ? "1 gap" : claim.gaps.length + " gaps";
    var worst = worstGap(claim);
    return worst ? count + ", " + worst : count;
  }
  // an href carries no quote, angle bracket, backtick or backslash as itself, whatever reads it later
  function hrefOf(url) {
    return url.replace(/["'<>`\\]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
  }
  function isHttp(url) { return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url); }

  $("title").textContent = data.title || "Argument map";

  // -- the outline ------------------------------------------------------------------------------

  function row(claim, ref) {
    var line = el("div", "row");
    var twisty = el("span", "twisty", "");
    twisty.setAttribute("aria-hidden", "true");
    line.appendChild(twisty);
    line.appendChild(el("span", "kind k-" + claim.kind, claim.kind));
    line.appendChild(el("span", "cid", claim.id));
    var text = el("span", "text", ref ? "\u21aa " + claim.text : claim.text);
    line.appendChild(text);
    if (claim.eval) { line.appendChild(el("span", "badge ev ev-" + claim.eval, claim.eval)); }
    if (claim.gaps) { line.appendChild(el("span", "badge gp gp-" + (worstGap(claim) || "none"), gapSummary(claim))); }
    if (claim.side) { line.appendChild(el("span", "badge sd sd-" + claim.side, claim.side)); }
    return line;
  }

  // The outline is built lazily: a folded branch's rows enter the DOM only when it is first opened
  // (or the page is printed), so a map of thousands of claims paints its top levels at once. The
  // fold state lives in `folded`, not in the DOM, so the diagram can follow rows that do not exist.
  var folded = new Set();      // ids of claims with children whose branch is folded
  var hasKids = new Set();     // ids of claims with children of their own in the outline

  function indexTree() {
    // parents and depths from the data, iteratively, so that a deep map cannot exhaust the stack
    var stack = data.roots.map(function (id) { return [id, 0]; });
    while (stack.length) {
      var top = stack.pop();
      depthOf.set(top[0], top[1]);
      (kids[top[0]] || []).forEach(function (child) {
        if (!claims.has(child[0])) { return; }
        hasKids.add(top[0]);  // a row with only refs below it folds too
        if (child[1]) { return; }
        parentOf.set(child[0], top[0]);
        stack.push([child[0], top[1] + 1]);
      });
    }
  }

  function showFold(li) {
    var shut = folded.has(li.argmapId);
    li.classList.toggle("folded", shut);
    li.setAttribute("aria-expanded", shut ? "false" : "true");
    li.firstChild.firstChild.textContent = shut ? "\u25b8" : "\u25be";
  }

  function makeItem(id, ref) {
    var claim = claims.get(id);
    var li = el("li");
    li.setAttribute("role", "treeitem");
    li.tabIndex = -1;
    li.appendChild(row(claim, ref));
    li.argmapId = id;
    if (ref) { li.className = "ref"; return li; }
    items.set(id, li);
    if (hasKids.has(id)) { showFold(li); }
    if (id === selected) { li.setAttribute("aria-selected", "true"); li.tabIndex = 0; }
    if (hits.has(id)) { showMatch(li, claims.get(id), hits.get(id)); }
    return li;
  }

  // give each open row (every row, with `all`) of `start` and below its children's rows
  function build(start, all) {
    var stack = start.slice();
    while (stack.length) {
      var li = stack.pop();
      var id = li.argmapId;
      if (!hasKids.has(id) || (!all && folded.has(id))) { continue; }
      if (!li.argmapFilled) {
        li.argmapFilled = true;
        var ul = el("ul");
        ul.setAttribute("role", "group");
        (kids[id] || []).forEach(function (child) {
          if (claims.has(child[0])) { ul.appendChild(makeItem(child[0], child[1])); }
        });
        li.appendChild(ul);
      }
      for (var child = li.lastElementChild.firstElementChild; child; child = child.nextElementSibling) {
        if (!child.classList.contains("ref")) { stack.push(child); }
      }
    }
  }

  function buildTree() {
    var tree = $("tree");
    var fragment = document.createDocumentFragment();
    var roots = [];
    data.roots.forEach(function (id) {
      if (!claims.has(id)) { return; }
      var li = makeItem(id, false);
      fragment.appendChild(li);
      roots.push(li);
    });
    build(roots, false);
    tree.appendChild(fragment);
    var first = tree.querySelector("li");
    if (first) { first.tabIndex = 0; }
  }

  function setFolded(li, shut) {
    if (!hasKids.has(li.argmapId)) { return; }
    if (shut) { folded.add(li.argmapId); } else { folded.delete(li.argmapId); }
    showFold(li);
    if (!shut) { build([li], false); }
  }

  function foldToDepth(limit) {
    hasKids.forEach(function (id) {
      if (depthOf.get(id) >= limit) { folded.add(id); } else { folded.delete(id); }
    });
    items.forEach(function (li) { if (hasKids.has(li.argmapId)) { showFold(li); } });
    build(Array.prototype.slice.call($("tree").children), false);
    syncDiagramFolds();
  }

  function unfoldAncestors(id) {
    var path = [];
    for (var up = parentOf.get(id); up !== undefined; up = parentOf.get(up)) { path.unshift(up); }
    var changed = false;
    path.forEach(function (ancestor) {
      if (folded.has(ancestor)) { folded.delete(ancestor); changed = true; }
      var li = items.get(ancestor);
      if (li) { showFold(li); build([li], false); }
    });
    if (changed) { syncDiagramFolds(); }
  }

  function visibleItems() {
    var result = [];
    var walk = [$("tree")];
    // document order of the shown <li>s, without entering folded branches
    function visit(ul) {
      for (var child = ul.firstElementChild; child; child = child.nextElementSibling) {
        result.push(child);
        var group = child.lastElementChild;
        if (group && group.tagName === "UL" && !child.classList.contains("folded")) { visit(group); }
      }
    }
    visit(walk[0]);
    return result;
  }

  // -- the diagram ------------------------------------------------------------------------------

  function drawDiagram() {
    var canvas = $("canvas");
    canvas.textContent = "";
    if (!data.svg) { $("diagram-note").textContent = "no diagram"; return; }
    var parsed = new DOMParser().parseFromString(data.svg, "image/svg+xml");
    var root = parsed.documentElement;
    if (!root || root.namespaceURI !== "http://www.w3.org/2000/svg" || parsed.getElementsByTagName("parsererror").length) {
      $("diagram-note").textContent = "the diagram could not be read";
      return;
    }
    svg = document.adoptNode(root);  // moved, not copied: a copy of thousands of boxes costs time
    var ids = {};
    diagram.nodes.forEach(function (id, index) { ids["n" + index] = id; });
    var conclusions = {};
    diagram.junctions.forEach(function (pair, index) { ids["j" + index] = pair[0]; conclusions[pair[0]] = pair[1]; });
    // Graphviz names each node and edge in its first <title>: "n3", or "n0->n3" for an edge (argmap
    // writes parent -> child with the arrow drawn back)
    Array.prototype.forEach.call(svg.querySelectorAll("g.node, g.edge"), function (group) {
      var title = group.querySelector(":scope > title");
      var name = title ? title.textContent.trim() : "";
      if (group.classList.contains("edge")) {
        var parts = name.split("->");
        if (parts.length === 2) { group.argmapEnds = [ids[parts[0].trim()], ids[parts[1].trim()]]; }
      } else if (Object.prototype.hasOwnProperty.call(ids, name)) {
        var id = ids[name];
        if (name.charAt(0) === "n") {
          group.argmapId = id;
          group.setAttribute("data-claim", id);
          svgNodes.set(id, group);
          decorate(group, claims.get(id));
        } else {
          group.argmapJunction = conclusions[id];
        }
      }
    });
    // the page selects a claim on a click and the panel carries the links; the tooltip becomes
    // the group's <title>, which browsers show on hover
    Array.prototype.forEach.call(svg.querySelectorAll("a"), function (anchor) {
      var tip = anchor.getAttributeNS("http://www.w3.org/1999/xlink", "title") || anchor.getAttribute("title");
      anchor.removeAttributeNS("http://www.w3.org/1999/xlink", "href");
      anchor.removeAttribute("href");
      var group = anchor.closest("g.node, g.edge");
      var label = group && group.querySelector(":scope > title");
      if (label && tip) { label.textContent = tip; }
    });
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "none");
    // everything that changes the diagram's classes or its view happens before it enters the page,
    // so that the browser lays out its thousands of boxes once, not after each step
    fit();
    syncDiagramFolds();
    if (selected) { markSelected(selected); }
    refreshMatches();
    canvas.appendChild(svg);
    var note = diagram.hidden ? "the diagram shows the top levels; " + diagram.hidden + " claims are in the outline only" : "";
    $("diagram-note").textContent = note;
    if (centreWhenDrawn !== null && centreWhenDrawn === selected) { centerOn(selected); }
    centreWhenDrawn = null;
  }

  function decorate(group, claim) {
    if (!claim) { return; }
    if (claim.side) { group.classList.add("side-" + claim.side); }
    if (claim.eval) { group.classList.add("ev-" + claim.eval); }
    if (claim.gaps) {
      group.classList.add("has-gap");
      group.classList.add("gap-" + (worstGap(claim) || "none"));
    }
    var shape = group.querySelector("path, polygon");
    if (!shape) { return; }
    var ns = "http://www.w3.org/2000/svg";
    var points = shapePoints(shape);
    if (!points) { return; }
    if (claim.eval) {
      var label = document.createElementNS(ns, "text");
      label.setAttribute("class", "ev-label " + claim.eval);
      label.setAttribute("x", String(points.right - 4));
      label.setAttribute("y", String(points.top - 3));
      label.setAttribute("text-anchor", "end");
      label.textContent = claim.eval;
      group.appendChild(label);
    }
    if (claim.gaps) {
      var gapLabel = document.createElementNS(ns, "text");
      gapLabel.setAttribute("class", "gap-label gap-" + (worstGap(claim) || "none"));
      gapLabel.setAttribute("x", String(points.left + 2));
      gapLabel.setAttribute("y", String(points.top - 3));
      gapLabel.textContent = gapSummary(claim);
      group.appendChild(gapLabel);
    }
  }

  function shapePoints(shape) {
    // the box's extent from its outline's coordinates (getBBox needs the node in the document)
    var text = shape.getAttribute("points") || shape.getAttribute("d") || "";
    var numbers = text.match(/-?\d+(\.\d+)?/g);
    if (!numbers || numbers.length < 4) { return null; }
    var left = Infinity, right = -Infinity, top = Infinity;
    for (var i = 0; i + 1 < numbers.length; i += 2) {
      var x = parseFloat(numbers[i]), y = parseFloat(numbers[i + 1]);
      left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y);
    }
    return { left: left, right: right, top: top };
  }

  function hiddenByFolds() {
    var hidden = new Set();
    var stack = data.roots.map(function (id) { return [id, false]; });
    while (stack.length) {
      var top = stack.pop();
      var id = top[0], under = top[1];
      if (under) { hidden.add(id); }
      var shut = under || folded.has(id);
      (kids[id] || []).forEach(function (child) { if (!child[1]) { stack.push([child[0], shut]); } });
    }
    return hidden;
  }

  function syncDiagramFolds() {
    if (!svg) { return; }
    var hidden = hiddenByFolds();
    svgNodes.forEach(function (group, id) {
      group.classList.toggle("dim", hidden.has(id));
      group.classList.toggle("folded-here", folded.has(id));
    });
    Array.prototype.forEach.call(svg.querySelectorAll("g.node"), function (group) {
      if (group.argmapJunction !== undefined) {
        var gone = hidden.has(group.argmapJunction) || folded.has(group.argmapJunction);
        group.classList.toggle("dim", gone);
      }
    });
    Array.prototype.forEach.call(svg.querySelectorAll("g.edge"), function (group) {
      var ends = group.argmapEnds;
      if (!ends) { return; }
      var gone = ends.some(function (id) { return id !== undefined && hidden.has(id); });
      if (!gone && ends[0] !== undefined && ends[1] !== undefined) {
        gone = folded.has(ends[0]) && parentOf.get(ends[1]) === ends[0];
      }
      if (!gone && ends[1] === undefined && ends[0] !== undefined) { gone = hidden.has(ends[0]); }
      group.classList.toggle("dim", gone);
    });
  }

  // pan and zoom: the diagram's viewBox follows the canvas's shape, so that screen and diagram
  // coordinates differ by one scale and one offset
  function baseBox() {
    var parts = (svg.getAttribute("data-box") || svg.getAttribute("viewBox") || "0 0 100 100").split(/[\s,]+/).map(Number);
    if (!svg.getAttribute("data-box")) { svg.setAttribute("data-box", parts.join(" ")); }
    return { x: parts[0], y: parts[1], w: parts[2], h: parts[3] };
  }
  function applyView() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
  function canvasSize() {
    var rect = $("canvas").getBoundingClientRect();
    return { w: Math.max(rect.width, 1), h: Math.max(rect.height, 1), left: rect.left, top: rect.top };
  }
  function fit() {
    if (!svg) { return; }
    var box = baseBox(), size = canvasSize();
    var scale = Math.max(box.w / size.w, box.h / size.h) * 1.02;
    view = { w: size.w * scale, h: size.h * scale };
    view.x = box.x - (view.w - box.w) / 2;
    view.y = box.y - (view.h - box.h) / 2;
    applyView();
  }
  function zoom(factor, clientX, clientY) {
    if (!svg || !view) { return; }
    var size = canvasSize();
    var fx = clientX === undefined ? 0.5 : (clientX - size.left) / size.w;
    var fy = clientY === undefined ? 0.5 : (clientY - size.top) / size.h;
    var box = baseBox();
    var w = Math.min(Math.max(view.w / factor, 20), Math.max(box.w, box.h) * 20);
    var ratio = w / view.w;
    var px = view.x + fx * view.w, py = view.y + fy * view.h;
    view = { x: px - fx * view.w * ratio, y: py - fy * view.h * ratio, w: w, h: view.h * ratio };
    applyView();
  }
  function pan(dx, dy) {
    if (!svg || !view) { return; }
    var size = canvasSize();
    view.x -= dx * view.w / size.w;
    view.y -= dy * view.h / size.h;
    applyView();
  }
  function centerOn(id) {
    var group = svgNodes.get(id);
    if (!svg || !view || !group || group.classList.contains("dim")) { return; }
    var shape = group.querySelector("path, polygon");
    var to = svg.getScreenCTM(), from = (shape || group).getScreenCTM();
    if (!to || !from) { return; }
    var box = (shape || group).getBBox();
    var matrix = to.inverse().multiply(from);
    var point = svg.createSVGPoint();
    point.x = box.x + box.width / 2;
    point.y = box.y + box.height / 2;
    var centre = point.matrixTransform(matrix);
    var size = canvasSize();
    // zoom in far enough to read a box, never out
    var readable = size.w * 1.6;
    if (view.w > readable) { view.h = view.h * readable / view.w; view.w = readable; }
    view.x = centre.x - view.w / 2;
    view.y = centre.y - view.h / 2;
    applyView();
  }

  function setUpPanZoom() {
    var canvas = $("canvas");
    var drag = null;
    canvas.addEventListener("wheel", function (event) {
      if (!svg) { return; }
      event.preventDefault();
      zoom(Math.exp(-event.deltaY * 0.0015), event.clientX, event.clientY);
    }, { passive: false });
    canvas.addEventListener("pointerdown", function (event) {
      if (!svg || event.button !== 0) { return; }
      drag = { x: event.clientX, y: event.clientY, moved: false, id: event.pointerId };
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 4) {
        drag.moved = true;
        canvas.classList.add("dragging");
        try { canvas.setPointerCapture(drag.id); } catch (e) { /* the pointer is gone */ }
      }
      if (drag.moved) { pan(dx, dy); drag.x = event.clientX; drag.y = event.clientY; }
    });
    function end() {
      if (drag && drag.moved) { canvas.classList.remove("dragging"); drag.suppressClick = true; }
      var ended = drag;
      drag = null;
      return ended;
    }
    var lastDrag = null;
    canvas.addEventListener("pointerup", function () { lastDrag = end(); });
    canvas.addEventListener("pointercancel", function () { lastDrag = end(); });
    canvas.addEventListener("click", function (event) {
      event.preventDefault();
      if (lastDrag && lastDrag.moved) { lastDrag = null; return; }
      var group = event.target.closest ? event.target.closest("g.node") : null;
      if (group && group.argmapId !== undefined) { select(group.argmapId, { from: "diagram" }); }
    });
    canvas.addEventListener("keydown", function (event) {
      var step = 60;
      var keys = {
        "+": function () { zoom(1.25); }, "=": function () { zoom(1.25); }, "-": function () { zoom(0.8); },
        "0": fit, ArrowLeft: function () { pan(step, 0); }, ArrowRight: function () { pan(-step, 0); },
        ArrowUp: function () { pan(0, step); }, ArrowDown: function () { pan(0, -step); }
      };
      if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
    });
    $("zoom-in").addEventListener("click", function () { zoom(1.25); });
    $("zoom-out").addEventListener("click", function () { zoom(0.8); });
    $("zoom-fit").addEventListener("click", fit);
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        if (!svg || !view) { return; }
        var size = canvasSize();
        view.h = view.w * size.h / size.w;
        applyView();
      }).observe(canvas);
    }
  }

  // -- selection and the panel ------------------------------------------------------------------

  function markSelected(id) {
    svgNodes.forEach(function (group) { group.classList.remove("selected"); });
    var group = svgNodes.get(id);
    if (group) { group.classList.add("selected"); }
  }

  function select(id, options) {
    options = options || {};
    var claim = claims.get(id);
    if (!claim) { return; }
    if (selected !== null) {
      var old = items.get(selected);
      if (old) { old.removeAttribute("aria-selected"); old.tabIndex = -1; }
    }
    selected = id;
    unfoldAncestors(id);
    var li = items.get(id);
    if (li) {
      li.setAttribute("aria-selected", "true");
      var focused = $("tree").querySelector("li[tabindex='0']");
      if (focused && focused !== li) { focused.tabIndex = -1; }
      li.tabIndex = 0;
      if (options.focus) { li.focus(); }
      if (options.from !== "outline" || options.focus) { li.scrollIntoView({ block: "nearest" }); }
    }
    markSelected(id);
    if (options.from !== "diagram" && options.from !== "start") {
      if (svg) { centerOn(id); } else { centreWhenDrawn = id; }
    }
    fillPanel(claim);
    if (options.from !== "hash" && options.from !== "start") {
      try { history.replaceState(null, "", "#" + encodeURIComponent(id)); } catch (e) { /* a page without history */ }
    }
  }

  function relationList(title, ids) {
    var box = document.createDocumentFragment();
    if (!ids || !ids.length) { return box; }
    box.appendChild(el("h3", "", title));
    var list = el("ul", "rel");
    ids.forEach(function (other) {
      var target = claims.get(other);
      var item = el("li");
      var button = el("button", "", other + (target ? ": " + target.text : ""));
      button.type = "button";
      button.addEventListener("click", function () { select(other, { focus: true }); });
      item.appendChild(button);
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function term(list, name, value) {
    if (value === undefined || value === null || value === "") { return; }
    list.appendChild(el("dt", "", name));
    var dd = el("dd");
    if (typeof value === "string") { dd.textContent = value; } else { dd.appendChild(value); }
    list.appendChild(dd);
  }

  function sourceBox(sourceId) {
    var source = data.sources[sourceId];
    var box = el("div", "source");
    if (!source) { box.appendChild(el("span", "muted", sourceId + " (no such source)")); return box; }
    box.appendChild(el("strong", "", source.title || sourceId));
    var list = el("dl");
    term(list, "id", sourceId);
    term(list, "kind", source.kind);
    term(list, "author", source.author);
    term(list, "publisher", source.publisher);
    term(list, "date", source.date);
    term(list, "accessed", source.accessed);
    term(list, "known via", source.via);
    if (isHttp(source.url)) {
      var link = el("a", "", source.url);
      link.setAttribute("href", hrefOf(source.url));
      link.setAttribute("rel", "noopener noreferrer");
      link.setAttribute("target", "_blank");
      term(list, "link", link);
    } else if (source.url_text) {
      term(list, "address", source.url_text + " (not an http(s) link)");
    }
    term(list, "note", source.note);
    box.appendChild(list);
    return box;
  }

  function fillPanel(claim) {
    var panel = $("panel");
    panel.textContent = "";
    panel.appendChild(el("h2", "claim-text", claim.text));
    var facts = el("dl");
    term(facts, "id", claim.id);
    term(facts, "kind", claim.kind);
    term(facts, "side", claim.side);
    if (claim.eval) {
      // the reason of argmap eval names its label first ("falls: attacked by ..."): not twice
      var reason = claim.eval_reason || "";
      term(facts, "eval", reason.indexOf(claim.eval + ":") === 0 ? reason : claim.eval + (reason ? " \u2014 " + reason : ""));
    }
    if (claim.between) { term(facts, "between", claim.between.join(" \u2194 ")); }
    if (claim.argument) { term(facts, "argument", claim.argument); }
    if (claim.tags) { term(facts, "tags", claim.tags.join(", ")); }
    var link = el("a", "", "#" + claim.id);
    link.setAttribute("href", "#" + encodeURIComponent(claim.id));
    term(facts, "permalink", link);
    panel.appendChild(facts);
    if (claim.note) {
      panel.appendChild(el("h3", "", "Note"));
      panel.appendChild(el("p", "note", claim.note));
    }
    if (claim.gaps) {
      panel.appendChild(el("h3", "", "Gaps"));
      claim.gaps.forEach(function (gap) {
        var box = el("div", "gap");
        box.className = "gap gap-" + (gap.severity || "none");
        box.appendChild(el("strong", "", gap.kind + (gap.severity ? " (" + gap.severity + (gap.rank ? ", #" + gap.rank : "") + ")" : "")));
        box.appendChild(el("div", "", gap.reason));
        if (gap.fix) { box.appendChild(el("div", "muted", "fix: " + gap.fix)); }
        panel.appendChild(box);
      });
    }
    var cited = [];
    if (claim.cites) {
      panel.appendChild(el("h3", "", "Citations"));
      claim.cites.forEach(function (cite) {
        var box = el("div", "cite");
        var source = data.sources[cite.source];
        box.appendChild(el("strong", "", (source && source.title) || cite.source));
        box.appendChild(el("span", "muted", " [" + cite.source + "]"));
        if (cite.locator) { box.appendChild(el("div", "locator", cite.locator)); }
        if (cite.quote) { box.appendChild(el("blockquote", "quote", cite.quote)); }
        if (cite.note) { box.appendChild(el("div", "note", cite.note)); }
        panel.appendChild(box);
        if (cited.indexOf(cite.source) < 0) { cited.push(cite.source); }
      });
      panel.appendChild(el("h3", "", "Sources"));
      cited.forEach(function (sourceId) { panel.appendChild(sourceBox(sourceId)); });
    }
    panel.appendChild(relationList("Supports", claim.supports));
    panel.appendChild(relationList("Attacks", claim.attacks));
    panel.appendChild(relationList("Supported by", claim.supported_by));
    panel.appendChild(relationList("Attacked by", claim.attacked_by));
  }

  // -- search -----------------------------------------------------------------------------------

  var haystacks = null;
  function searchFields(claim) {
    var fields = [["text", claim.text], ["id", claim.id]];
    if (claim.note) { fields.push(["note", claim.note]); }
    (claim.cites || []).forEach(function (cite) {
      var source = data.sources[cite.source];
      fields.push(["source", cite.source + (source && source.title ? " " + source.title : "")]);
      if (cite.quote) { fields.push(["quote", cite.quote]); }
      if (cite.locator) { fields.push(["locator", cite.locator]); }
    });
    return fields;
  }

  function highlight(node, text, needle) {
    node.textContent = "";
    var lower = text.toLowerCase();
    var at = 0;
    while (needle) {
      var found = lower.indexOf(needle, at);
      if (found < 0) { break; }
      node.appendChild(document.createTextNode(text.slice(at, found)));
      node.appendChild(el("mark", "", text.slice(found, found + needle.length)));
      at = found + needle.length;
    }
    node.appendChild(document.createTextNode(text.slice(at)));
  }

  // a row that matches the search (built now, or later when its branch opens): the text marked, or
  // a snippet of the field that matched
  function showMatch(li, claim, hit) {
    var needle = hit[3];
    li.classList.add("match");
    var text = li.firstChild.querySelector(".text");
    if (hit[0] === "text") { highlight(text, claim.text, needle); }
    if (hit[0] !== "text" && hit[0] !== "id") {
      var snippet = el("span", "snippet");
      var start = Math.max(0, hit[2].indexOf(needle) - 40);
      var piece = (start > 0 ? "\u2026" : "") + hit[1].slice(start, start + needle.length + 80);
      snippet.appendChild(document.createTextNode(hit[0] + ": "));
      var inner = el("span");
      highlight(inner, piece, needle);
      snippet.appendChild(inner);
      text.appendChild(snippet);
    }
  }

  function refreshMatches() {
    var needle = $("search").value.trim().toLowerCase();
    if (!haystacks) {
      haystacks = data.claims.map(function (claim) {
        return searchFields(claim).map(function (field) { return [field[0], field[1], field[1].toLowerCase()]; });
      });
    }
    matches.forEach(function (id) {
      var li = items.get(id);
      if (li) {
        li.classList.remove("match");
        var text = li.firstChild.querySelector(".text");
        text.textContent = claims.get(id).text;
      }
      var group = svgNodes.get(id);
      if (group) { group.classList.remove("match"); }
    });
    matches = [];
    matchAt = -1;
    hits = new Map();
    if (needle) {
      data.claims.forEach(function (claim, index) {
        var hit = null;
        haystacks[index].forEach(function (field) { if (!hit && field[2].indexOf(needle) >= 0) { hit = field; } });
        if (!hit) { return; }
        matches.push(claim.id);
        hits.set(claim.id, [hit[0], hit[1], hit[2], needle]);
        var li = items.get(claim.id);
        if (li) { showMatch(li, claim, hits.get(claim.id)); }
        var group = svgNodes.get(claim.id);
        if (group) { group.classList.add("match"); }
      });
    }
    $("search-count").textContent = needle ? (matches.length ? matches.length + (matches.length === 1 ? " match" : " matches") : "no match") : "";
  }

  function jump(step) {
    if (!matches.length) { return; }
    matchAt = (matchAt + step + matches.length) % matches.length;
    $("search-count").textContent = (matchAt + 1) + " of " + matches.length;
    select(matches[matchAt], {});
  }

  function setUpSearch() {
    var box = $("search");
    var timer = null;
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { refreshMatches(); jump(1); }, data.claims.length > 2000 ? 200 : 60);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        clearTimeout(timer);
        if (matchAt < 0) { refreshMatches(); }
        jump(event.shiftKey ? -1 : 1);
      } else if (event.key === "Escape") {
        event.preventDefault();
        box.value = "";
        refreshMatches();
        var li = selected !== null ? items.get(selected) : $("tree").querySelector("li");
        if (li) { li.focus(); }
      }
    });
    $("search-next").addEventListener("click", function () { if (matchAt < 0) { refreshMatches(); } jump(1); });
    $("search-prev").addEventListener("click", function () { if (matchAt < 0) { refreshMatches(); } jump(-1); });
  }

  // -- keyboard and controls --------------------------------------------------------------------

  function setUpTree() {
    var tree = $("tree");
    tree.addEventListener("click", function (event) {
      var li = event.target.closest("li");
      if (!li) { return; }
      if (event.target.classList.contains("twisty")) {
        setFolded(li, !folded.has(li.argmapId));
        syncDiagramFolds();
        return;
      }
      select(li.argmapId, { from: "outline" });
      li.focus();
    });
    tree.addEventListener("keydown", function (event) {
      var li = event.target.closest("li");
      if (!li) { return; }
      var shown, at;
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp":
          shown = visibleItems();
          at = shown.indexOf(li) + (event.key === "ArrowDown" ? 1 : -1);
          if (at >= 0 && at < shown.length) { select(shown[at].argmapId, { focus: true, from: "outline" }); }
          break;
        case "Home":
        case "End":
          shown = visibleItems();
          if (shown.length) { select(shown[event.key === "Home" ? 0 : shown.length - 1].argmapId, { focus: true, from: "outline" }); }
          break;
        case "ArrowRight":
          if (folded.has(li.argmapId)) { setFolded(li, false); syncDiagramFolds(); }
          else if (li.lastElementChild.tagName === "UL" && li.lastElementChild.firstElementChild) {
            select(li.lastElementChild.firstElementChild.argmapId, { focus: true, from: "outline" });
          }
          break;
        case "ArrowLeft":
          if (hasKids.has(li.argmapId) && !folded.has(li.argmapId)) { setFolded(li, true); syncDiagramFolds(); }
          else {
            var up = li.parentElement.closest("li");
            if (up) { select(up.argmapId, { focus: true, from: "outline" }); }
          }
          break;
        case "Enter":
        case " ":
          select(li.argmapId, { focus: true, from: "outline" });
          break;
        default:
          return;
      }
      event.preventDefault();
    });
  }

  function setUpControls() {
    $("depth-apply").addEventListener("click", function () {
      var value = parseInt($("depth").value, 10);
      foldToDepth(isNaN(value) ? 0 : Math.max(0, value));
    });
    $("depth").addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); $("depth-apply").click(); }
    });
    $("expand-all").addEventListener("click", function () { foldToDepth(Infinity); });
    $("collapse-all").addEventListener("click", function () { foldToDepth(0); });
    var legend = $("legend");
    function overlays() {
      var names = { gaps: $("ov-gaps").checked, eval: $("ov-eval").checked, sides: $("ov-sides").checked };
      Object.keys(names).forEach(function (name) { document.body.classList.toggle("ov-" + name, names[name]); });
      legend.textContent = "";
      function key(swatch, text) {
        var item = el("span");
        item.appendChild(el("span", "swatch " + swatch));
        item.appendChild(document.createTextNode(text));
        legend.appendChild(item);
      }
      if (names.sides) { key("sw-for", "for the thesis"); key("sw-against", "against"); }
      if (names.gaps) {
        key("sw-critical", "critical gap"); key("sw-major", "major"); key("sw-minor", "minor");
      }
      if (names.eval) { legend.appendChild(el("span", "", "labels: stands / falls (faded) / undecided")); }
      legend.classList.toggle("on", names.sides || names.gaps || names.eval);
    }
    ["ov-gaps", "ov-eval", "ov-sides"].forEach(function (id) { $(id).addEventListener("change", overlays); });
    overlays();
    document.addEventListener("keydown", function (event) {
      var typing = event.target.tagName === "INPUT" || event.target.tagName === "TEXTAREA";
      if (event.key === "/" && !typing) { event.preventDefault(); $("search").focus(); $("search").select(); }
      else if (event.key === "Escape" && !typing) {
        var li = selected !== null ? items.get(selected) : null;
        if (li) { li.focus(); }
      }
    });
    window.addEventListener("hashchange", fromHash);
    // the printed outline is the whole outline: build the rows of folded branches too
    window.addEventListener("beforeprint", function () { build(Array.prototype.slice.call($("tree").children), true); });
  }

  function fromHash() {
    var hash = location.hash.slice(1);
    if (!hash) { return false; }
    var id;
    try { id = decodeURIComponent(hash); } catch (e) { id = hash; }
    if (!claims.has(id)) { return false; }
    select(id, { from: "hash", focus: true });
    return true;
  }

  // -- start ------------------------------------------------------------------------------------

  indexTree();
  // a large map opens folded below its second level
  if (data.claims.length > 300) {
    hasKids.forEach(function (id) { if (depthOf.get(id) >= 2) { folded.add(id); } });
  }
  buildTree();
  setUpTree();
  setUpSearch();
  setUpControls();
  setUpPanZoom();
  // the first claim is selected without moving the diagram, which stays fitted; a permalink centres it
  if (!fromHash() && data.roots.length) { select(data.roots[0], { from: "start" }); }
  if (window.performance && performance.mark) { performance.mark("argmap-outline"); }
  // The outline is painted first. A task queued from the first animation frame runs once that
  // frame is painted; it draws the diagram (or, past a size, offers to), and then the page is
  // ready (bench/bench_html.py reads these marks, the tests wait for data-ready)
  requestAnimationFrame(function () {
    setTimeout(function () {
      if (window.performance && performance.mark) { performance.mark("argmap-painted"); }
      if (diagram.on_demand) {
        var button = el("button", "draw", "Draw the diagram (" + diagram.nodes.length + " claims)");
        button.type = "button";
        button.addEventListener("click", drawDiagram);
        $("canvas").appendChild(button);
      } else {
        drawDiagram();
      }
      document.documentElement.setAttribute("data-ready", "1");
      if (window.performance && performance.mark) { performance.mark("argmap-ready"); }
    }, 0);
  });
}());
