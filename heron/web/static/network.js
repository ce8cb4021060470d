// Network page: actors as nodes, dyads as directed edges (width = events, colour = mean Goldstein),
// placed by a small force layout run here.
"use strict";

(function () {
  const form = document.getElementById("filters");
  const chart = document.getElementById("network");
  const info = document.getElementById("edgeinfo");
  const count = document.getElementById("count");
  const top = document.getElementById("top");
  const W = 960, H = 620;
  // beyond this many nodes only the busiest carry a label; the rest show theirs on hover
  const LABELLED = 30;
  let filters = {};

  // Fruchterman-Reingold: a few hundred steps is enough for the <= 1000 edges the API returns.
  function layout(nodes, edges) {
    const n = nodes.length;
    const pos = nodes.map((_, i) => ({
      x: W / 2 + Math.cos(2 * Math.PI * i / n) * W * 0.35,
      y: H / 2 + Math.sin(2 * Math.PI * i / n) * H * 0.35,
    }));
    const index = Object.fromEntries(nodes.map((d, i) => [d.id, i]));
    const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.35;
    let temp = W / 8;
    const steps = n > 300 ? 80 : 250;
    for (let step = 0; step < steps; step++) {
      const disp = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const d = Math.max(0.01, Math.hypot(dx, dy));
          const f = (k * k) / d;
          disp[i].x += dx / d * f; disp[i].y += dy / d * f;
          disp[j].x -= dx / d * f; disp[j].y -= dy / d * f;
        }
      }
      for (const e of edges) {
        const a = index[e.source], b = index[e.target];
        const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        const f = (d * d) / k;
        disp[a].x -= dx / d * f; disp[a].y -= dy / d * f;
        disp[b].x += dx / d * f; disp[b].y += dy / d * f;
      }
      for (let i = 0; i < n; i++) {
        // a weak pull to the centre keeps separate components on screen
        disp[i].x += (W / 2 - pos[i].x) * 0.4;
        disp[i].y += (H / 2 - pos[i].y) * 0.4;
        const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
        pos[i].x = Math.min(W - 40, Math.max(40, pos[i].x + disp[i].x / d * Math.min(d, temp)));
        pos[i].y = Math.min(H - 20, Math.max(20, pos[i].y + disp[i].y / d * Math.min(d, temp)));
      }
      temp *= 0.98;
    }
    // stretch or shrink the drawing to the box, leaving room for labels under the nodes
    const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const fit = (v, a, b, lo, hi) => (b - a < 1 ? (lo + hi) / 2 : lo + (v - a) / (b - a) * (hi - lo));
    return pos.map((p) => ({ x: fit(p.x, x0, x1, 70, W - 70), y: fit(p.y, y0, y1, 40, H - 50) }));
  }

  function showEdge(e) {
    const q = new URLSearchParams({ ...pick(filters, FILTER_KEYS), source: e.source, target: e.target });
    info.replaceChildren(el("strong", { text: `${e.source} → ${e.target}` }),
      ` ${e.n} event(s), mean Goldstein ${e.mean_goldstein ?? "n/a"} · `,
      el("a", { href: `/events?${q}`, text: "show these events" }));
  }

  function draw(data) {
    count.textContent = `${data.nodes.length} actors, ${data.edges.length} dyads`;
    if (!data.edges.length) { chart.replaceChildren(el("p", { class: "empty", text: "No dyad (event with both a source and a target) matches these filters." })); return; }
    const pos = layout(data.nodes, data.edges);
    const index = Object.fromEntries(data.nodes.map((d, i) => [d.id, i]));
    const maxN = Math.max(...data.edges.map((e) => e.n));
    const maxNode = Math.max(...data.nodes.map((d) => d.n));
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "plot network", role: "img", "aria-label": "actor network" });
    root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      svg("path", { d: "M0 0L10 5L0 10z", fill: "#666" }))));
    const radius = (d) => 5 + 14 * Math.sqrt(d.n / maxNode);
    const labelFrom = data.nodes.map((d) => d.n).sort((a, b) => b - a)[LABELLED - 1] ?? 0;
    for (const e of data.edges) {
      const a = pos[index[e.source]], b = pos[index[e.target]];
      const r = radius(data.nodes[index[e.target]]);
      const d = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
      const line = svg("line", { x1: a.x, y1: a.y, x2: b.x - (b.x - a.x) / d * r, y2: b.y - (b.y - a.y) / d * r,
        stroke: goldsteinColour(e.mean_goldstein), "stroke-width": 1 + 7 * Math.sqrt(e.n / maxN),
        "stroke-opacity": 0.8, "marker-end": "url(#arrow)", class: "edge", onclick: () => showEdge(e) });
      line.append(svg("title", { text: `${e.source} → ${e.target}: ${e.n} event(s), mean Goldstein ${e.mean_goldstein}` }));
      root.append(line);
    }
    data.nodes.forEach((d, i) => {
      const g = svg("g", { class: "node", transform: `translate(${pos[i].x},${pos[i].y})` });
      g.append(svg("circle", { r: radius(d), fill: "#fff", stroke: "#2c3e50", "stroke-width": 1.5 }),
        svg("title", { text: `${d.id}: in ${d.n} event(s)` }));
      if (d.n >= labelFrom) g.append(svg("text", { y: radius(d) + 12, "text-anchor": "middle", class: "label", text: d.id }));
      g.addEventListener("click", () => { location.href = `/events?${new URLSearchParams({ ...pick(filters, FILTER_KEYS), actor: d.id })}`; });
      root.append(g);
    });
    chart.replaceChildren(root);
  }

  async function load() {
    setUrl(filters);
    info.replaceChildren();
    try { draw(await api("/api/network", { ...filters, limit: top.value })); } catch (err) { showError(chart, err); }
    document.body.dataset.loaded = "network";
  }

  filters = bindFilters(form, (f) => { filters = f; load(); });
  top.addEventListener("change", load);
  load();
})();
