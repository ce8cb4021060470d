// Shared helpers for heron's pages. Every value from the store goes into the DOM as text
// (textContent / setAttribute), never as HTML.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  setAttrs(node, attrs);
  for (const c of children) node.append(c instanceof Node ? c : String(c));
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    // through the CSSOM: the Content-Security-Policy refuses style attributes set as markup
    else if (k === "style") node.style.cssText = v;
    else node.setAttribute(k, v);
  }
}

async function api(path, params) {
  const qs = params ? "?" + new URLSearchParams(params).toString() : "";
  const res = await fetch(path + qs, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail || res.statusText);
  return body;
}

// Non-empty fields of a form as a plain object.
function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) out[k] = String(v).trim();
  return out;
}

// The page URL's query string as an object, and the form filled from it.
function urlParams() {
  return Object.fromEntries(new URLSearchParams(location.search).entries());
}

function fillForm(form, values) {
  for (const input of form.elements) {
    if (input.name && values[input.name] !== undefined) input.value = values[input.name];
  }
}

function setUrl(params) {
  const qs = new URLSearchParams(params).toString();
  history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
}

// Wires a filter form to the URL: fills it on load, calls onChange(filters) on submit and reset.
// Parameters in the URL that the form has no field for (source, target, article) are kept.
function bindFilters(form, onChange) {
  const initial = urlParams();
  fillForm(form, initial);
  const extra = {};
  for (const [k, v] of Object.entries(initial)) if (!form.elements[k] && FILTER_KEYS.includes(k)) extra[k] = v;
  const current = () => ({ ...extra, ...formValues(form) });
  form.addEventListener("submit", (ev) => { ev.preventDefault(); onChange(current()); });
  form.addEventListener("reset", () => {
    for (const k of Object.keys(extra)) delete extra[k];
    setTimeout(() => onChange(current()), 0);
  });
  return current();
}

const FILTER_KEYS = ["actor", "source", "target", "country", "type", "quad", "mode", "since", "until", "place",
  "text", "article"];

function pick(obj, keys) {
  const out = {};
  for (const k of keys) if (obj[k] !== undefined && obj[k] !== "") out[k] = obj[k];
  return out;
}

function showError(container, err) {
  container.replaceChildren(el("p", { class: "error", text: String(err.message || err) }));
}

const TYPE_COLOURS = {
  ACCUSE: "#e6194b", AGREE: "#3cb44b", AID: "#4363d8", ASSAULT: "#800000", COERCE: "#f58231",
  CONCEDE: "#42d4f4", CONSULT: "#469990", COOPERATE: "#000075", MOBILIZE: "#9a6324", PROTEST: "#f032e6",
  REJECT: "#bfef45", REQUEST: "#911eb4", RETREAT: "#aaffc3", SANCTION: "#808000", SUPPORT: "#dcbeff",
  THREATEN: "#fabed4", none: "#999999",
};
const QUAD_COLOURS = { "1": "#74add1", "2": "#4575b4", "3": "#f46d43", "4": "#a50026", none: "#999999" };
const QUAD_NAMES = { "1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict",
  "4": "material conflict" };

// Goldstein -10 (conflict, red) .. 0 (grey) .. +10 (cooperation, blue).
function goldsteinColour(g) {
  if (g === null || g === undefined) return "#999";
  const t = Math.max(-1, Math.min(1, g / 10));
  const mix = (a, b, f) => Math.round(a + (b - a) * f);
  const grey = [153, 153, 153];
  const end = t < 0 ? [192, 57, 43] : [36, 113, 163];
  const f = Math.abs(t);
  return `rgb(${mix(grey[0], end[0], f)},${mix(grey[1], end[1], f)},${mix(grey[2], end[2], f)})`;
}

function actorsText(codes, names) {
  return (codes || []).map((c, i) => c || (names || [])[i] || "?").join(", ");
}

// A simple pager bound to prev/next buttons and a label.
function pager(onMove) {
  const prev = document.getElementById("prev");
  const next = document.getElementById("next");
  const label = document.getElementById("page");
  const state = { offset: 0, limit: 50, total: null };
  prev.addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); onMove(); });
  next.addEventListener("click", () => { state.offset += state.limit; onMove(); });
  state.update = (shown) => {
    const end = state.offset + shown;
    label.textContent = shown ? `${state.offset + 1}–${end}` + (state.total !== null ? ` of ${state.total}` : "") : "none";
    prev.disabled = state.offset === 0;
    next.disabled = state.total !== null ? end >= state.total : shown < state.limit;
  };
  return state;
}

// A claim group (/api/claims): what two or more holders say about one event, side by side, each with its
// attitude; the heading links to the event in its article. Shared by the Negotiations and Quotes pages.
function claimGroupCard(g) {
  const href = `/article/${encodeURIComponent(g.article_id)}${g.event_id ? "#" + encodeURIComponent(g.event_id) : ""}`;
  const cols = g.claims.map((c) => el("div", { class: "claim" },
    el("div", { class: "who" }, el("strong", { text: c.holder_name || "(unknown)" }),
      c.holder_code ? el("span", { class: "code", text: c.holder_code }) : null),
    el("div", { class: `attitude att-${c.attitude}`, text: c.attitude }),
    el("blockquote", { text: c.content_text || "" })));
  return el("section", { class: "claims-group" },
    el("h3", {}, g.event_type ? el("span", { class: "tag", style: `background:${TYPE_COLOURS[g.event_type] || "#999"}`, text: g.event_type }) : null,
      ` “${g.about_text || ""}” · ${g.article_date || ""} · `,
      el("a", { href, text: g.article_title || g.article_id })),
    el("div", { class: "side-by-side" }, ...cols));
}
