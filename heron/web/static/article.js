// Article page: the highlighted text is rendered (escaped) by the server; this script shows the
// record behind a highlight in a side panel when it is clicked.
"use strict";

(function () {
  const article = document.getElementById("article");
  const panel = document.getElementById("panel");
  const body = document.getElementById("panel-body");
  let spans = {};
  let records = {};
  let conditions = {};
  let guarantors = {};

  const FIELDS = {
    actor: [["name", "name"], ["code", "code"], ["country", "country"], ["sector", "sector"], ["kind", "kind"],
      ["role", "role"], ["kb_id", "actor base id"], ["n_mentions", "mentions"]],
    place: [["name", "name"], ["geonames_id", "GeoNames id"], ["country", "country"], ["feature", "feature"],
      ["lat", "lat"], ["lon", "lon"]],
    quote: [["speaker_name", "speaker"], ["speaker_code", "speaker code"], ["kind", "kind"], ["attitude", "attitude"],
      ["cue_text", "cue"], ["content", "content"], ["confidence", "confidence"]],
    event: [["type", "type"], ["cameo", "CAMEO"], ["quad", "quad class"], ["goldstein", "Goldstein"],
      ["source", "source"], ["target", "target"], ["mode", "mode"], ["place_name", "place"], ["geonames_id", "GeoNames id"],
      ["date_value", "date"], ["speaker_name", "speaker"], ["quote_id", "quote"], ["confidence", "confidence"]],
    date: [["date_value", "date"], ["date_granularity", "granularity"], ["date_text", "text"], ["type", "event"]],
    position: [["kind", "kind"], ["answer", "answer"], ["holder", "holder"], ["addressee", "addressed to"],
      ["content_text", "content"], ["cue_text", "cue"], ["conditions", "conditions"], ["guarantors", "guarantors"],
      ["status", "status"], ["responds_to", "answers"], ["responses", "answered by"], ["event_type", "event"],
      ["date_value", "date"]],
  };
  FIELDS.speaker = FIELDS.quote;

  function recordOf(span) {
    const table = { actor: "actors", place: "places", quote: "quotes", speaker: "quotes", event: "events", date: "events",
      position: "positions" }[span.kind];
    return records[table] && records[table][span.record];
  }

  function value(rec, key) {
    if (key === "source") return actorsText(rec.source_codes, rec.source_names);
    if (key === "target") return actorsText(rec.target_codes, rec.target_names);
    if (key === "mode") return (rec.mode || []).join(", ");
    if (key === "holder") return actorsText(rec.holder_codes, rec.holder_names);
    if (key === "addressee") return actorsText(rec.addressee_codes, rec.addressee_names);
    if (key === "conditions") return (conditions[rec.position_id] || []).map((c) => c.clause_text).join("; ");
    if (key === "guarantors") return (guarantors[rec.position_id] || []).map((g) => g.code || g.name).join(", ");
    if (key === "responses") return (rec.responses || []).join(", ");
    return rec[key];
  }

  function card(span) {
    const rec = recordOf(span) || {};
    const rows = (FIELDS[span.kind] || []).map(([key, label]) => [label, value(rec, key)])
      .filter(([, v]) => v !== null && v !== undefined && v !== "");
    return el("section", { class: `card card-${span.kind}`, "data-kind": span.kind },
      el("h3", {}, el("span", { class: `hl k-${span.kind}`, text: span.kind }), " ", span.record, " · ", span.label),
      el("dl", {}, ...rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])));
  }

  function show(mark) {
    document.querySelectorAll("mark.selected").forEach((m) => m.classList.remove("selected"));
    const ids = (mark.dataset.spans || "").split(" ").filter(Boolean);
    // innermost first: the word clicked, then what contains it
    const chosen = ids.map((id) => spans[id]).filter(Boolean).reverse();
    const inner = chosen[0];
    if (inner) {
      // every piece of the same record lights up, so a split or repeated mention reads as one
      document.querySelectorAll("mark[data-spans]").forEach((m) => {
        if (m.dataset.spans.split(" ").some((id) => spans[id] && spans[id].kind === inner.kind && spans[id].record === inner.record)) {
          m.classList.add("selected");
        }
      });
    }
    body.replaceChildren(el("p", { class: "panel-text", text: `“${mark.textContent}”` }), ...chosen.map(card));
    panel.hidden = false;
  }

  document.getElementById("text").addEventListener("click", (ev) => {
    const mark = ev.target.closest("mark[data-spans]");
    if (mark) show(mark);
  });
  document.getElementById("text").addEventListener("keydown", (ev) => {
    const mark = ev.target.closest("mark[data-spans]");
    if (mark && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(mark); }
  });
  document.getElementById("close").addEventListener("click", () => { panel.hidden = true; });

  api(`/api/articles/${encodeURIComponent(article.dataset.id)}`).then((data) => {
    spans = Object.fromEntries(data.spans.map((s) => [s.id, s]));
    records = {
      actors: Object.fromEntries(data.actors.map((r) => [r.actor_id, r])),
      places: Object.fromEntries(data.places.map((r) => [r.place_id, r])),
      quotes: Object.fromEntries(data.quotes.map((r) => [r.quote_id, r])),
      events: Object.fromEntries(data.events.map((r) => [r.event_id, r])),
      positions: Object.fromEntries((data.positions || []).map((r) => [r.position_id, r])),
    };
    for (const c of data.position_conditions || []) (conditions[c.position_id] ||= []).push(c);
    for (const g of data.position_guarantors || []) (guarantors[g.position_id] ||= []).push(g);
    document.body.dataset.loaded = "article";
    // /article/ID#E3 (from the events table) opens that event's trigger; #N2 (from the Negotiations page)
    // what that position offers, demands or answers
    const wanted = decodeURIComponent(location.hash.slice(1));
    const kind = wanted.startsWith("N") ? "position" : "event";
    if (wanted) {
      const mark = [...document.querySelectorAll("mark[data-spans]")].find((m) =>
        m.dataset.spans.split(" ").some((id) => spans[id] && spans[id].kind === kind && spans[id].record === wanted));
      if (mark) { show(mark); mark.scrollIntoView({ block: "center" }); }
    }
  }).catch((err) => { body.replaceChildren(el("p", { class: "error", text: err.message })); panel.hidden = false; });
})();
