// The preview page follows the server's events: new page images, check's problems, the chosen edition.
// It never reloads itself: every change is applied to the page in place.
"use strict";

(function () {
  const ui = JSON.parse(document.getElementById("ui").textContent);
  const byId = (id) => document.getElementById(id);
  const pages = byId("pages");
  const baseTitle = document.title;
  let shown = Number(pages.dataset.shown);
  let wanted = shown;

  function element(tag, props, children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children || []) node.append(child);
    return node;
  }

  function showStatus(state) {
    const status = byId("status");
    let text = ui.up_to_date, kind = "ok";
    if (state.building) { text = ui.building; kind = "building"; }
    else if (!state.ok) { text = ui.problems + " (" + state.problems.length + ")"; kind = "bad"; }
    status.textContent = text;
    status.className = "status " + kind;
    document.title = (state.ok ? "" : "⚠ ") + baseTitle;
  }

  function showProblems(state) {
    byId("problems").hidden = state.ok;
    byId("problem-list").replaceChildren(
      ...state.problems.map((p) => element("li", {}, [element("code", { textContent: p })])));
  }

  function showDownloads(state) {
    for (const [id, name] of [["pdf", state.pdf_name], ["docx", state.docx_name]]) {
      const link = byId(id);
      if (name) { link.download = name; link.removeAttribute("aria-disabled"); }
      else { link.removeAttribute("download"); link.setAttribute("aria-disabled", "true"); }
    }
  }

  function showChoice(state) {
    byId("kind").value = state.kind;
    if (state.lang) byId("lang").value = state.lang;
  }

  // New page images are loaded and decoded first, then swapped in at once: no blank flash, no reload.
  function showPages(state) {
    if (state.shown === shown || state.shown === wanted) return;
    if (state.shown === 0 && state.building) return; // another edition's first build: keep these until it ends
    const target = state.shown;
    wanted = target;
    const figures = state.pages.map((p) => element("figure", {}, [
      element("img", { src: p.src, width: p.width, height: p.height, alt: p.alt }),
      element("figcaption", { textContent: p.alt }),
    ]));
    const loaded = figures.map((f) => f.querySelector("img").decode().catch(() => null));
    Promise.all(loaded).then(() => {
      if (wanted !== target) return; // a newer build arrived meanwhile
      pages.replaceChildren(...(figures.length ? figures : [element("p", { className: "empty", textContent: ui.no_pages })]));
      pages.dataset.shown = String(target);
      byId("stale").hidden = figures.length === 0;
      shown = target;
    });
  }

  function show(state) {
    showStatus(state);
    showProblems(state);
    showDownloads(state);
    showChoice(state);
    showPages(state);
  }

  function choose() {
    fetch("/select", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ kind: byId("kind").value, lang: byId("lang").value }),
    });
  }

  byId("kind").addEventListener("change", choose);
  byId("lang").addEventListener("change", choose);
  byId("choice").addEventListener("submit", (event) => event.preventDefault());

  const events = new EventSource("/events");
  events.onmessage = (event) => show(JSON.parse(event.data));
  events.onerror = () => {
    const status = byId("status");
    status.textContent = ui.offline;
    status.className = "status offline";
  };
})();
