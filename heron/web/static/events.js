// Events page: server-side filtered, sorted and paginated table, counts by type, CSV of the filter.
"use strict";

(function () {
  const form = document.getElementById("filters");
  const tbody = document.querySelector("#events tbody");
  const count = document.getElementById("count");
  const csv = document.getElementById("csv");
  const chips = document.getElementById("typecounts");
  const initial = urlParams();
  let filters = {};
  // newest first unless the URL asks otherwise
  const sort = { by: initial.sort || "date", desc: initial.desc === undefined ? !initial.sort : initial.desc === "true" };
  const page = pager(load);

  function row(e) {
    const link = el("a", { href: `/article/${encodeURIComponent(e.article_id)}#${e.event_id}`,
      text: e.trigger_text || e.type, title: e.article_title || "" });
    const evidence = (e.evidence_text || "").replace(/\s+/g, " ");
    return el("tr", { "data-type": e.type, "data-date": e.date_start || "" },
      el("td", { class: "nowrap", text: e.date_start || "" }),
      el("td", {}, el("span", { class: "tag", style: `background:${TYPE_COLOURS[e.type] || "#999"}`, text: e.type })),
      el("td", { class: "num", text: e.quad ?? "" }),
      el("td", { class: "num", text: e.goldstein ?? "" }),
      el("td", { text: actorsText(e.source_codes, e.source_names) }),
      el("td", { text: actorsText(e.target_codes, e.target_names) }),
      el("td", { text: (e.mode || []).join(", ") }),
      el("td", { text: e.place_name || "" }),
      el("td", {}, link),
      el("td", { class: "evidence", text: evidence.length > 160 ? evidence.slice(0, 159) + "…" : evidence }));
  }

  async function load() {
    const params = { ...filters, sort: sort.by, desc: sort.desc, limit: page.limit, offset: page.offset };
    setUrl({ ...filters, ...(sort.by !== "date" || !sort.desc ? { sort: sort.by, desc: sort.desc } : {}) });
    csv.href = "/api/events.csv?" + new URLSearchParams({ ...filters, sort: sort.by, desc: sort.desc });
    document.querySelectorAll("#events th[data-sort]").forEach((th) => {
      th.classList.toggle("sorted", th.dataset.sort === sort.by);
      th.classList.toggle("desc", th.dataset.sort === sort.by && sort.desc);
    });
    try {
      const [data, counts] = await Promise.all([api("/api/events", params), api("/api/counts", { ...filters, by: "type" })]);
      page.total = data.total;
      count.textContent = `${data.total} event${data.total === 1 ? "" : "s"}`;
      tbody.replaceChildren(...data.rows.map(row));
      if (!data.rows.length) tbody.append(el("tr", {}, el("td", { colspan: 10, class: "empty", text: "No event matches these filters." })));
      page.update(data.rows.length);
      chips.replaceChildren(...counts.counts.map((c) => el("button", {
        class: "chip", type: "button", style: `border-color:${TYPE_COLOURS[c.key] || "#999"}`,
        text: `${c.key} ${c.n}`, onclick: () => { form.elements.type.value = c.key; form.requestSubmit(); },
      })));
      document.body.dataset.loaded = "events";
      document.body.dataset.renders = Number(document.body.dataset.renders || 0) + 1;
    } catch (err) {
      count.textContent = "";
      tbody.replaceChildren(el("tr", {}, el("td", { colspan: 10, class: "error", text: err.message })));
    }
  }

  document.querySelectorAll("#events th[data-sort]").forEach((th) => th.addEventListener("click", () => {
    if (sort.by === th.dataset.sort) sort.desc = !sort.desc;
    else { sort.by = th.dataset.sort; sort.desc = false; }
    page.offset = 0;
    load();
  }));
  filters = bindFilters(form, (f) => { filters = f; page.offset = 0; load(); });
  load();
})();
