// Negotiations page: for a dyad (two actors) or one actor, the offers, demands, conditions, refusals and the
// answers to them in date order, each answer under what it answers, with the sentence stating it linked to the
// article (the position's words highlighted there); positions followed across articles; claims side by side.
"use strict";

(function () {
  const form = document.getElementById("nfilters");
  const list = document.getElementById("negotiation");
  const title = document.getElementById("timeline-title");
  const count = document.getElementById("count");
  const threadsBox = document.getElementById("threads");
  const claimsBox = document.getElementById("claimgroups");
  const dyadsBox = document.getElementById("dyads");
  const holdersList = document.getElementById("holders");
  const LIMIT = 200;

  const key = (aid, pid) => `${aid}/${pid}`;
  // "Ukraine (UKR)": the name as the article gives it, with the code it was coded to
  const who = (codes, names) => (names || codes || []).map((n, i) => {
    const code = (codes || [])[i];
    return n && code && n !== code ? `${n} (${code})` : (n || code || "?");
  }).join(", ") || "(unknown)";
  const articleHref = (aid, id) => `/article/${encodeURIComponent(aid)}${id ? "#" + encodeURIComponent(id) : ""}`;

  // The sentence stating a position, its words marked: built from text nodes, never from markup.
  function evidence(p) {
    const text = p.evidence_text || "";
    const a = (p.content_start ?? -1) - (p.evidence_start ?? 0);
    const b = (p.content_end ?? -1) - (p.evidence_start ?? 0);
    const link = el("a", { href: articleHref(p.article_id, p.position_id), class: "evidence-link",
      title: "open the article at this position" });
    if (a >= 0 && b > a && b <= text.length) {
      link.append(text.slice(0, a), el("mark", { class: "hl k-position", text: text.slice(a, b) }), text.slice(b));
    } else {
      link.append(text);
    }
    return el("blockquote", { class: "evidence" }, link);
  }

  function kindTag(kind, answer) {
    return el("span", { class: `tag kind kind-${kind}`, text: answer ? `${kind}: ${answer}` : kind });
  }

  function heading(p) {
    const to = actorsText(p.addressee_codes, p.addressee_names);
    return el("h3", {}, kindTag(p.kind, p.answer), " ", el("strong", { text: who(p.holder_codes, p.holder_names) }),
      to ? el("span", { class: "to", text: ` → ${to}` }) : null, " ",
      el("span", { class: `status st-${p.status}`, text: p.status }),
      el("span", { class: "when", text: p.date_value || p.article_date || "" }));
  }

  function details(p) {
    const out = [el("p", { class: "content", text: `“${p.content_text || ""}”` })];
    if (p.conditions && p.conditions.length) {
      out.push(el("ul", { class: "conditions" }, ...p.conditions.map((c) => el("li", {}, el("span", { class: "label", text: "condition " }),
        c.clause_text || "", c.condition_position_id
          ? el("a", { href: articleHref(p.article_id, c.condition_position_id), text: ` (${c.condition_position_id})` }) : null))));
    }
    if (p.guarantors && p.guarantors.length) {
      out.push(el("p", { class: "guarantors" }, el("span", { class: "label", text: "guarantors " }),
        p.guarantors.map((g) => (g.code || g.name || "?") + (g.obligation_text ? ` (${g.obligation_text})` : "")).join(", ")));
    }
    out.push(evidence(p));
    return out;
  }

  // An answer under the position it answers: from the full row when the timeline holds it, else its summary.
  function answerCard(a, rows) {
    const full = rows.get(key(a.article_id, a.position_id));
    const p = full || a;
    return el("li", { class: `move answer kind-${p.kind}`, "data-kind": p.kind, "data-position": key(p.article_id, p.position_id) },
      heading(p), ...details(p));
  }

  function moveCard(p, rows) {
    const answers = (p.answered_by || []).map((a) => answerCard(a, rows));
    const answersTo = p.answers && !rows.has(key(p.answers.article_id, p.answers.position_id))
      ? el("p", { class: "answers-to" }, el("span", { class: "label", text: "answers " }),
        `${actorsText(p.answers.holder_codes, p.answers.holder_names)} ${p.answers.kind}: `,
        el("a", { href: articleHref(p.answers.article_id, p.answers.position_id), text: `“${p.answers.content_text || ""}”` }))
      : null;
    return el("li", { class: `move kind-${p.kind}`, "data-kind": p.kind, "data-position": key(p.article_id, p.position_id) },
      heading(p), answersTo, ...details(p),
      answers.length ? el("ol", { class: "answers" }, ...answers) : null);
  }

  function timeline(rows) {
    const byKey = new Map(rows.map((p) => [key(p.article_id, p.position_id), p]));
    // an answer whose question is on the timeline is shown under it, not again on its own
    const top = rows.filter((p) => !(p.responds_to && byKey.has(key(p.article_id, p.responds_to))));
    list.replaceChildren(...(top.length ? top.map((p) => moveCard(p, byKey))
      : [el("li", { class: "empty", text: "No position matches." })]));
  }

  function threadItem(t) {
    const span = t.first_date === t.last_date ? t.first_date : `${t.first_date} – ${t.last_date}`;
    return el("li", { class: "thread" },
      el("div", {}, kindTag(t.family), " ", el("strong", { text: (t.holders || []).join(", ") }), " ",
        el("span", { class: "when", text: span || "" })),
      el("div", { class: "content", text: `“${t.content_text || ""}”` }),
      el("div", { class: "meta", text: `${t.num_positions} position${t.num_positions === 1 ? "" : "s"} in ${t.num_articles} article${t.num_articles === 1 ? "" : "s"}`
        + (t.responses.length ? ` · answered: ${t.responses.map((a) => `${(a.holder_codes || []).join(", ")} ${a.answer || a.kind}`).join("; ")}` : "") }),
      el("div", { class: "links" }, ...t.positions.map((m) => el("a", { href: articleHref(m.article_id, m.position_id), text: m.position_id }))));
  }

  async function load(values) {
    const a = values.a || "";
    const b = values.b || "";
    const filters = pick(values, ["kind", "since", "until"]);
    const query = { ...filters, limit: LIMIT };
    if (a && b) query.between = `${a},${b}`;
    else if (a || b) query.actor = a || b;
    title.textContent = a && b ? `Timeline: ${a} and ${b}` : (a || b) ? `Timeline: ${a || b}` : "Timeline: every actor";
    setUrl(pick(values, ["a", "b", "kind", "since", "until"]));
    try {
      const actors = [a, b].filter(Boolean);
      const threadCalls = (actors.length ? actors : [""]).map((x) =>
        api("/api/positions/threads", { ...pick({ actor: x }, ["actor"]), ...pick(filters, ["since", "until"]), limit: 30 }));
      const [positions, claims, ...threads] = await Promise.all([
        api("/api/positions", query),
        api("/api/claims", { ...pick({ actor: actors.join(",") }, ["actor"]), ...pick(filters, ["since", "until"]), limit: 20 }),
        ...threadCalls]);
      count.textContent = `${positions.rows.length}${positions.rows.length === LIMIT ? "+" : ""} position${positions.rows.length === 1 ? "" : "s"}`;
      timeline(positions.rows);
      const seen = new Set();
      const merged = threads.flatMap((t) => t.rows).filter((t) => !seen.has(t.thread_id) && seen.add(t.thread_id))
        .sort((x, y) => String(x.first_date).localeCompare(String(y.first_date)));
      threadsBox.replaceChildren(merged.length ? el("ol", { class: "threads" }, ...merged.map(threadItem))
        : el("p", { class: "empty", text: "No position followed across articles." }));
      claimsBox.replaceChildren(...(claims.rows.length ? claims.rows.map(claimGroupCard)
        : [el("p", { class: "empty", text: "No claims about one event by two holders." })]));
    } catch (err) { showError(list, err); }
    document.body.dataset.loaded = "negotiations";
  }

  async function start() {
    try {
      const [holders, dyads] = await Promise.all([api("/api/positions/holders", { limit: 200 }),
        api("/api/positions/dyads", { limit: 12 })]);
      holdersList.replaceChildren(...holders.map((h) => el("option", { value: h.key, text: `${h.key} (${h.n})` })));
      dyadsBox.replaceChildren(...(dyads.length ? dyads.map((d) => el("a", { href: "#", class: "chip dyad",
        text: `${d.a} ↔ ${d.b} (${d.n})`, onclick: (ev) => {
          ev.preventDefault();
          form.elements.a.value = d.a;
          form.elements.b.value = d.b;
          form.requestSubmit();
        } })) : [el("span", { class: "empty", text: "no two actors face each other yet" })]));
      const initial = urlParams();
      fillForm(form, initial);
      // with nothing asked, open on the busiest dyad
      if (!initial.a && !initial.b && dyads.length) {
        form.elements.a.value = dyads[0].a;
        form.elements.b.value = dyads[0].b;
      }
    } catch (err) { showError(dyadsBox, err); }
    form.addEventListener("submit", (ev) => { ev.preventDefault(); load(formValues(form)); });
    form.addEventListener("reset", () => setTimeout(() => load(formValues(form)), 0));
    await load(formValues(form));
  }

  start();
})();
