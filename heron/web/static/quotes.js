// Quotes page: speakers by number of quotes, claims about the same event side by side (quotes grouped by event or
// article, or heron's claim groups with attitudes), all quotes.
"use strict";

(function () {
  const speakersList = document.getElementById("speakers");
  const claimsBox = document.getElementById("claims");
  const form = document.getElementById("qfilters");
  const tbody = document.querySelector("#quotes tbody");
  const group = document.getElementById("group");
  const page = pager(loadQuotes);
  let filters = {};

  function articleLink(q, text) {
    return el("a", { href: `/article/${encodeURIComponent(q.article_id)}${q.event_id ? "#" + q.event_id : ""}`, text });
  }

  function groupTitle(g) {
    const who = ` · ${g.n} quote${g.n === 1 ? "" : "s"} by ${g.speakers} speaker${g.speakers === 1 ? "" : "s"}`;
    if (g.type) {
      return el("h3", {}, el("span", { class: "tag", style: `background:${TYPE_COLOURS[g.type] || "#999"}`, text: g.type }), ` ${g.day}`, who);
    }
    return el("h3", {}, el("a", { href: `/article/${encodeURIComponent(g.article_id)}`, text: g.title || g.article_id }),
      ` ${g.day || ""}`, who);
  }

  function claimCard(g) {
    const cols = g.quotes.map((q) => el("div", { class: "claim" },
      el("div", { class: "who" }, el("strong", { text: q.speaker_name || "(unknown speaker)" }),
        q.speaker_code ? el("span", { class: "code", text: q.speaker_code }) : null),
      el("blockquote", { text: q.content || "" }),
      el("div", { class: "meta" }, `${q.kind} · ${q.attitude}`,
        q.event_id ? ` · ${q.type} (${(q.mode || []).join(", ")}) · ` : " · ",
        articleLink(q, q.event_id ? `“${q.trigger_text || q.type}” in article` : "in article"))));
    return el("section", { class: "claims-group" }, groupTitle(g), el("div", { class: "side-by-side" }, ...cols));
  }

  async function loadQuotes() {
    setUrl({ ...filters, group: group.value });
    try {
      const data = await api("/api/quotes", { ...filters, limit: page.limit, offset: page.offset });
      tbody.replaceChildren(...data.rows.map((q) => el("tr", {},
        el("td", { class: "nowrap", text: q.article_date || "" }),
        el("td", { text: q.speaker_name || "" }),
        el("td", { text: q.speaker_code || "" }),
        el("td", { text: q.kind }),
        el("td", {}, articleLink(q, q.content || "")))));
      if (!data.rows.length) tbody.append(el("tr", {}, el("td", { colspan: 5, class: "empty", text: "No quote matches." })));
      page.update(data.rows.length);
    } catch (err) { tbody.replaceChildren(el("tr", {}, el("td", { colspan: 5, class: "error", text: err.message }))); }
  }

  async function load() {
    try {
      // "claims": heron's claim groups (claims and counter-claims about one event, with attitudes); else quotes
      // grouped by the event they report or by article
      const byClaim = group.value === "claims";
      const [speakers, claims] = await Promise.all([api("/api/quotes/speakers", { limit: 100 }),
        byClaim ? api("/api/claims", { limit: 30 }) : api("/api/quotes/claims", { limit: 30, group: group.value })]);
      speakersList.replaceChildren(...speakers.map((s) => el("li", {},
        el("a", { href: "#", text: s.speaker_name, onclick: (ev) => {
          ev.preventDefault();
          form.elements.speaker.value = s.speaker_code || s.speaker_name;
          form.requestSubmit();
        } }), " ", el("span", { class: "code", text: s.speaker_code || "" }), " ", el("span", { class: "n", text: s.n }))));
      const cards = byClaim ? claims.rows.map(claimGroupCard) : claims.map(claimCard);
      claimsBox.replaceChildren(...(cards.length ? cards : [el("p", { class: "empty",
        text: byClaim ? "No claims about one event by two holders." : "No quote reports an event." })]));
    } catch (err) { showError(claimsBox, err); }
    await loadQuotes();
    document.body.dataset.loaded = "quotes";
  }

  const initial = urlParams();
  fillForm(form, initial);
  if (initial.group) group.value = initial.group;
  group.addEventListener("change", load);
  filters = formValues(form);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); filters = formValues(form); page.offset = 0; loadQuotes(); });
  load();
})();
