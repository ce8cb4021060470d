// Timeline page: events per day as stacked bars, and the mean-Goldstein line of one dyad.
"use strict";

(function () {
  const form = document.getElementById("filters");
  const chart = document.getElementById("timeline");
  const legend = document.getElementById("legend");
  const stack = document.getElementById("stack");
  const dyadForm = document.getElementById("dyad");
  const dyadChart = document.getElementById("dyadchart");
  const W = 960, H = 300, M = { l: 44, r: 12, t: 10, b: 40 };
  let filters = {};

  const DAY = 86400000;
  const toTime = (d) => Date.parse(d + "T00:00:00Z");
  const iso = (t) => new Date(t).toISOString().slice(0, 10);

  // x positions for a day range: one slot per calendar day between the first and last day
  function dayScale(days) {
    const t0 = toTime(days[0]), t1 = toTime(days[days.length - 1]);
    const n = Math.round((t1 - t0) / DAY) + 1;
    const slot = (W - M.l - M.r) / n;
    return { n, slot, x: (d) => M.l + Math.round((toTime(d) - t0) / DAY) * slot, t0 };
  }

  function xAxis(root, sc) {
    const ticks = Math.min(8, sc.n);
    for (let i = 0; i < ticks; i++) {
      const k = Math.round(i * (sc.n - 1) / Math.max(1, ticks - 1));
      const d = iso(sc.t0 + k * DAY);
      const x = M.l + k * sc.slot + sc.slot / 2;
      root.append(svg("line", { x1: x, x2: x, y1: H - M.b, y2: H - M.b + 4, stroke: "#555" }),
        svg("text", { x, y: H - M.b + 16, "text-anchor": "middle", class: "tick", text: d }));
    }
  }

  function yAxis(root, y, values) {
    for (const v of values) {
      root.append(svg("line", { x1: M.l, x2: W - M.r, y1: y(v), y2: y(v), stroke: "#e4e4e4" }),
        svg("text", { x: M.l - 6, y: y(v) + 4, "text-anchor": "end", class: "tick", text: v }));
    }
  }

  // about five round steps (1, 2 or 5 times a power of ten) from 0 up to at least max
  function niceTicks(max) {
    const raw = Math.max(1, max) / 5;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = Math.max(1, [1, 2, 5, 10].find((m) => m * mag >= raw) * mag);
    const out = [];
    for (let v = 0; v < max + step; v += step) out.push(v);
    return out;
  }

  function drawStack(data) {
    const colours = data.stack === "quad" ? QUAD_COLOURS : TYPE_COLOURS;
    if (!data.days.length) { chart.replaceChildren(el("p", { class: "empty", text: "No dated event matches these filters." })); legend.replaceChildren(); return; }
    const sc = dayScale(data.days.map((d) => d.day));
    const ticks = niceTicks(Math.max(...data.days.map((d) => Object.values(d.counts).reduce((a, b) => a + b, 0))));
    const max = ticks[ticks.length - 1];
    const y = (v) => H - M.b - (v / max) * (H - M.t - M.b);
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "plot", role: "img", "aria-label": "events per day" });
    yAxis(root, y, ticks);
    for (const d of data.days) {
      let base = 0;
      for (const k of data.keys) {
        const n = d.counts[k];
        if (!n) continue;
        const rect = svg("rect", { x: sc.x(d.day) + 0.5, y: y(base + n), width: Math.max(3, sc.slot - 1),
          height: Math.max(0.5, y(base) - y(base + n)), fill: colours[k] || "#999", class: "bar" });
        rect.append(svg("title", { text: `${d.day} ${data.stack === "quad" ? "quad " + k : k}: ${n}` }));
        root.append(rect);
        base += n;
      }
    }
    xAxis(root, sc);
    chart.replaceChildren(root);
    legend.replaceChildren(...data.keys.map((k) => el("span", { class: "key" },
      el("i", { class: "sw", style: `background:${colours[k] || "#999"}` }),
      data.stack === "quad" ? `${k} ${QUAD_NAMES[k] || ""}` : k)));
  }

  function drawDyad(data) {
    if (!data.days.length) {
      dyadChart.replaceChildren(el("p", { class: "empty", text: `No event from ${data.source} to ${data.target} with these filters.` }));
      return;
    }
    const sc = dayScale(data.days.map((d) => d.day));
    const y = (v) => M.t + (10 - v) / 20 * (H - M.t - M.b);
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "plot", role: "img", "aria-label": "mean Goldstein per day" });
    yAxis(root, y, [-10, -5, 0, 5, 10]);
    root.append(svg("line", { x1: M.l, x2: W - M.r, y1: y(0), y2: y(0), stroke: "#888" }));
    const pts = data.days.map((d) => [sc.x(d.day) + sc.slot / 2, y(d.mean_goldstein)]);
    root.append(svg("polyline", { points: pts.map((p) => p.join(",")).join(" "), fill: "none", stroke: "#2c3e50", "stroke-width": 1.5 }));
    data.days.forEach((d, i) => {
      const c = svg("circle", { cx: pts[i][0], cy: pts[i][1], r: 4.5 + Math.min(5, Math.log2(d.n)), fill: goldsteinColour(d.mean_goldstein), class: "dot" });
      c.append(svg("title", { text: `${d.day}: mean Goldstein ${d.mean_goldstein} over ${d.n} event(s)` }));
      root.append(c);
    });
    xAxis(root, sc);
    root.append(svg("text", { x: M.l + 4, y: M.t + 12, class: "tick", text: `${data.source} → ${data.target}: cooperation (+10)` }),
      svg("text", { x: M.l + 4, y: H - M.b - 6, class: "tick", text: "conflict (−10)" }));
    dyadChart.replaceChildren(root);
  }

  async function load() {
    setUrl({ ...filters, stack: stack.value, ...formValues(dyadForm) });
    try {
      drawStack(await api("/api/timeline", { ...filters, stack: stack.value }));
    } catch (err) { showError(chart, err); }
    try {
      drawDyad(await api("/api/dyad", { ...pick(filters, ["type", "quad", "mode", "since", "until", "place", "text"]), ...formValues(dyadForm) }));
    } catch (err) { showError(dyadChart, err); }
    document.body.dataset.loaded = "timeline";
  }

  const initial = urlParams();
  if (initial.stack) stack.value = initial.stack;
  fillForm(dyadForm, initial);
  stack.addEventListener("change", load);
  dyadForm.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  filters = bindFilters(form, (f) => { filters = f; load(); });
  load();
})();
