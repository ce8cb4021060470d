// Articles page: the stored articles, newest data first as the store orders them, each linking to its page.
"use strict";

(function () {
  const form = document.getElementById("afilters");
  const tbody = document.querySelector("#articles tbody");
  const page = pager(load);
  let filters = {};

  async function load() {
    setUrl(filters);
    try {
      const data = await api("/api/articles", { ...filters, limit: page.limit, offset: page.offset });
      tbody.replaceChildren(...data.rows.map((a) => el("tr", {},
        el("td", { class: "nowrap", text: a.date || "" }),
        el("td", {}, el("a", { href: `/article/${encodeURIComponent(a.article_id)}`, text: a.title || a.snippet || a.article_id })),
        el("td", { text: a.source || "" }),
        el("td", { class: "num", text: a.n_events }),
        el("td", { class: "num", text: a.n_quotes }))));
      page.update(data.rows.length);
    } catch (err) { tbody.replaceChildren(el("tr", {}, el("td", { colspan: 5, class: "error", text: err.message }))); }
    document.body.dataset.loaded = "articles";
  }

  fillForm(form, urlParams());
  filters = formValues(form);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); filters = formValues(form); page.offset = 0; load(); });
  load();
})();
