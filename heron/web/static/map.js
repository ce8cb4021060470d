// Map page: events per geocoded place on an offline world outline (static/world.json,
// equirectangular: x = lon + 180, y = 90 - lat).
"use strict";

(function () {
  const form = document.getElementById("filters");
  const chart = document.getElementById("map");
  const info = document.getElementById("placeinfo");
  const count = document.getElementById("count");
  let filters = {};
  let world = null;

  function showPlace(p) {
    const q = new URLSearchParams({ ...pick(filters, FILTER_KEYS), place: String(p.geonames_id) });
    info.replaceChildren(el("strong", { text: p.name || "?" }),
      ` (${p.country || "?"}, GeoNames ${p.geonames_id}) ${p.n} event(s), mostly ${p.top_type}, mean Goldstein ${p.mean_goldstein ?? "n/a"} · `,
      el("a", { href: `/events?${q}`, text: "show these events" }));
  }

  // the view frames the places found (at least 60 by 30 degrees), keeping the map's 2:1 shape
  function frame(points) {
    if (!points.length) return [0, 0, 360, 180];
    const xs = points.map((p) => p.lon + 180), ys = points.map((p) => 90 - p.lat);
    let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    let w = Math.max(60, (x1 - x0) * 1.3, (y1 - y0) * 1.3 * 2);
    w = Math.min(360, w);
    const h = w / 2;
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    const left = Math.min(360 - w, Math.max(0, cx - w / 2)), top = Math.min(180 - h, Math.max(0, cy - h / 2));
    return [left, top, w, h];
  }

  function draw(points) {
    const box = frame(points);
    const unit = box[2] / 100;
    const root = svg("svg", { viewBox: box.join(" "), class: "plot worldmap", role: "img", "aria-label": "events on a world map" });
    root.append(svg("rect", { x: 0, y: 0, width: 360, height: 180, class: "sea" }));
    const land = svg("g", { class: "land" });
    for (const c of world.countries) {
      const path = svg("path", { d: c.d });
      path.append(svg("title", { text: c.name }));
      land.append(path);
    }
    root.append(land);
    const maxN = Math.max(1, ...points.map((p) => p.n));
    // biggest first, so small places stay clickable on top
    for (const p of [...points].sort((a, b) => b.n - a.n)) {
      const c = svg("circle", { cx: p.lon + 180, cy: 90 - p.lat, r: unit * (0.5 + 1.8 * Math.sqrt(p.n / maxN)),
        fill: goldsteinColour(p.mean_goldstein), class: "place", "data-geonames": p.geonames_id, onclick: () => showPlace(p) });
      c.append(svg("title", { text: `${p.name}: ${p.n} event(s), mean Goldstein ${p.mean_goldstein}` }));
      root.append(c);
    }
    chart.replaceChildren(root, el("button", { type: "button", class: "button", text: "Whole world",
      onclick: () => { root.setAttribute("viewBox", "0 0 360 180"); } }));
  }

  async function load() {
    setUrl(filters);
    info.replaceChildren();
    try {
      world = world || await api("/static/world.json");
      const data = await api("/api/map", { ...filters, limit: 1000 });
      count.textContent = `${data.points.length} place${data.points.length === 1 ? "" : "s"} with events`;
      draw(data.points);
    } catch (err) { showError(chart, err); }
    document.body.dataset.loaded = "map";
  }

  filters = bindFilters(form, (f) => { filters = f; load(); });
  load();
})();
