// newsdex web app: renders the URL's state (the API's own parameter names) from /api/v1.
// No framework and no build step; every text node is set with textContent (no HTML from data).
"use strict";

const LISTS = ["person", "place", "org", "byline", "dateline", "about",
  "exclude_person", "exclude_place", "exclude_org"];
const KINDS = [["person", "People"], ["place", "Places"], ["org", "Organisations"]];
const RAIL = [["person", "People"], ["place", "Places"], ["org", "Organisations"],
  ["byline", "Bylines"], ["dateline", "Datelines"]];
const PAGE = 20;
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The page's state: the URL's parameters, without the token (the cookie carries it).
function state() {
  const params = new URLSearchParams(location.search);
  params.delete("token");
  return params;
}

function go(params, replace) {
  const url = "/?" + params.toString();
  if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  render();
}

function withChange(change) {
  const params = state();
  params.delete("article");
  params.delete("offset");
  change(params);
  return params;
}

async function api(path, params) {
  const response = await fetch(path + "?" + params.toString(), { credentials: "same-origin" });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

// Text with byte ranges [start, end) highlighted: the API's offsets are UTF-8 bytes.
function highlighted(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.slice(a, b));
  const out = [];
  let at = 0;
  for (const [start, end] of ranges || []) {
    if (start < at || end > bytes.length) continue;
    out.push(decode(at, start), el("mark", {}, decode(start, end)));
    at = end;
  }
  out.push(decode(at, bytes.length));
  return out;
}

function render() {
  const params = state();
  $("q").value = params.get("q") || "";
  if (params.get("article")) return renderArticle(params);
  $("article").hidden = true;
  for (const id of ["rail", "histogram", "summary", "results", "pager"]) $(id).hidden = false;
  return renderSearch(params);
}

function renderChips(params) {
  const chips = [];
  for (const name of LISTS) {
    for (const value of params.getAll(name)) {
      const exclude = name.startsWith("exclude_");
      const kind = name.replace("exclude_", "");
      const toggle = ["person", "place", "org"].includes(kind) ? () => go(withChange((p) => {
        removeValue(p, name, value);
        p.append(exclude ? kind : "exclude_" + kind, value);
      })) : null;
      chips.push(el("span", { class: "chip" + (exclude ? " exclude" : ""), "data-filter": name },
        el("span", { class: "kind " + kind }, kind), " ",
        toggle ? el("button", { type: "button", title: exclude ? "Include instead" : "Exclude instead",
          onclick: toggle }, value) : value,
        el("button", { type: "button", "aria-label": "Remove " + kind + " " + value,
          onclick: () => go(withChange((p) => removeValue(p, name, value))) }, "×")));
    }
  }
  for (const name of ["since", "until"]) {
    const value = params.get(name);
    if (value) chips.push(el("span", { class: "chip", "data-filter": name }, name + " " + value,
      el("button", { type: "button", "aria-label": "Remove " + name,
        onclick: () => go(withChange((p) => p.delete(name))) }, "×")));
  }
  $("chips").replaceChildren(...chips);
}

function removeValue(params, name, value) {
  const kept = params.getAll(name).filter((v) => v !== value);
  params.delete(name);
  for (const v of kept) params.append(name, v);
}

function addFilter(kind, value) {
  go(withChange((p) => {
    if (!p.getAll(kind).includes(value)) p.append(kind, value);
  }));
}

// Year bars, or month bars once the dates span at most three years.
function interval(params) {
  const since = params.get("since"), until = params.get("until");
  if (since && until && Number(until.slice(0, 4)) - Number(since.slice(0, 4)) <= 2) return "month";
  return "year";
}

async function renderSearch(params) {
  renderChips(params);
  const request = new URLSearchParams(params);
  request.set("limit", String(PAGE));
  request.set("facets", "person,place,org,byline,dateline");
  if (!request.get("facet_limit")) request.set("facet_limit", "10");
  request.set("histogram", interval(params));
  $("summary").replaceChildren("Searching…");
  let response;
  try {
    response = await api("/api/v1/search", request);
  } catch (error) {
    $("summary").replaceChildren(el("span", { class: "error" }, error.message));
    $("results").replaceChildren();
    return;
  }
  renderRail(response.facets || {}, response.places || [], params);
  renderHistogram(response.histogram || [], params);
  const offset = Number(params.get("offset") || 0);
  const exportParams = new URLSearchParams(params);
  exportParams.delete("offset");
  exportParams.delete("facet_limit");
  const shown = response.hits.length;
  $("summary").replaceChildren(
    el("span", {}, response.total === 0 ? "No matching articles" :
      `${offset + 1}–${offset + shown} of ${response.total} matching article${response.total === 1 ? "" : "s"}`),
    el("span", {},
      el("a", { href: "/api/v1/export?" + exportParams + "&format=csv", id: "export-csv", download: "newsdex-export.csv" }, "Export CSV"),
      " · ",
      el("a", { href: "/api/v1/export?" + exportParams + "&format=jsonl", download: "newsdex-export.jsonl" }, "JSON lines")));
  $("results").replaceChildren(...response.hits.map((hit, i) => resultItem(hit, i, params)));
  const pager = [];
  if (offset > 0) pager.push(el("button", { type: "button", id: "prev-page", onclick: () => page(offset - PAGE) }, "← Previous page"));
  if (offset + shown < response.total) pager.push(el("button", { type: "button", id: "next-page", onclick: () => page(offset + PAGE) }, "Next page →"));
  $("pager").replaceChildren(...pager);
  const remembered = Number(sessionStorage.getItem("selected:" + location.search) || -1);
  if (remembered >= 0) select(remembered);
}

function page(offset) {
  const params = state();
  if (offset > 0) params.set("offset", String(Math.max(0, offset))); else params.delete("offset");
  go(params);
  window.scrollTo(0, 0);
}

function articleLink(id) {
  const params = state();
  params.set("article", id);
  return "/?" + params.toString();
}

function resultItem(hit, index, params) {
  const meta = [hit.date ? hit.date.slice(0, 10) : null,
    hit.byline.length ? "by " + hit.byline.join(", ") : null, hit.dateline].filter(Boolean);
  const ents = [];
  for (const [kind] of KINDS) {
    for (const name of hit[kind + "s"].slice(0, 5)) {
      ents.push(el("button", { type: "button", class: "ent " + kind, title: "Filter by " + kind,
        onclick: () => addFilter(kind, name) }, name));
    }
  }
  const open = (event) => {
    event.preventDefault();
    sessionStorage.setItem("selected:" + location.search, String(index));
    cameFromResults = true;
    history.pushState(null, "", articleLink(hit.id));
    render();
  };
  return el("li", { "data-id": hit.id },
    el("h3", {}, el("a", { href: articleLink(hit.id), onclick: open },
      hit.headline ? highlighted(hit.headline, hit.headline_highlights) : "(no headline)")),
    meta.length ? el("div", { class: "meta" }, meta.join(" · ")) : null,
    el("p", { class: "snippet" }, highlighted(hit.snippet, hit.highlights)),
    el("div", { class: "ents" }, ents));
}

function renderRail(facets, places, params) {
  const sections = [];
  for (const [kind, title] of RAIL) {
    const counts = facets[kind] || [];
    const tree = kind === "place" && places.length > 0;
    const list = el("ul", { id: "facet-" + kind, class: tree ? "tree" : null });
    const fill = (filter) => {
      const wanted = filter.toLowerCase();
      if (tree) return list.replaceChildren(...placeItems(places, wanted));
      list.replaceChildren(...counts
        .filter((c) => c.name.toLowerCase().includes(wanted))
        .map((c) => el("li", {}, el("button", { type: "button", onclick: () => addFilter(kind, c.name) }, c.name),
          el("span", { class: "count" }, c.count))));
    };
    fill("");
    if (!counts.length && !tree) continue;
    const more = counts.length >= Number(params.get("facet_limit") || 10)
      ? el("button", { type: "button", class: "more", onclick: () => go(withChange((p) => p.set("facet_limit", "50"))) }, "More…")
      : null;
    sections.push(el("section", {}, el("h2", {}, title),
      el("label", { class: "visually-hidden", for: "facet-filter-" + kind }, "Filter " + title),
      el("input", { id: "facet-filter-" + kind, type: "search", placeholder: "Filter " + title.toLowerCase(),
        oninput: (e) => fill(e.target.value) }),
      list, more));
  }
  $("rail").replaceChildren(...sections);
}

// The place tree: country › region › place, each node a filter, counts rolled up; a node
// shows when it or a place inside it matches the rail's filter.
function placeItems(nodes, wanted) {
  const matches = (n) => n.name.toLowerCase().includes(wanted) || (n.children || []).some(matches);
  return nodes.filter(matches).map((n) => {
    const children = n.children || [];
    const row = el("span", { class: "node" },
      el("button", { type: "button", onclick: () => addFilter("place", n.name) }, n.name),
      el("span", { class: "count" }, n.count));
    if (!children.length) return el("li", {}, row);
    return el("li", {}, el("details", { open: wanted ? true : null },
      el("summary", {}, row), el("ul", {}, placeItems(children, wanted))));
  });
}

// The period a bucket key covers, as since/until dates.
function period(key) {
  if (key.length === 4) return [key + "-01-01", key + "-12-31"];
  const [y, m] = key.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (key.length === 7) return [key + "-01", key + "-" + String(last).padStart(2, "0")];
  return [key, key];
}

function renderHistogram(buckets, params) {
  const most = Math.max(1, ...buckets.map((b) => b.count));
  let dragFrom = null;
  const pick = (a, b) => {
    const [from, to] = [a, b].sort((x, y) => x - y);
    go(withChange((p) => {
      p.set("since", period(buckets[from].key)[0]);
      p.set("until", period(buckets[to].key)[1]);
    }));
  };
  const bars = buckets.map((b, i) => {
    const bar = el("button", { type: "button", class: "bar", title: `${b.key}: ${b.count}`,
      "aria-label": `${b.key}: ${b.count} articles`,
      onmousedown: () => { dragFrom = i; },
      onmouseup: () => { if (dragFrom !== null && dragFrom !== i) pick(dragFrom, i); dragFrom = null; },
      onclick: (e) => { if (e.detail === 0 || dragFrom === null) pick(i, i); } });
    bar.style.height = Math.max(4, Math.round((b.count / most) * 100)) + "%";
    return bar;
  });
  $("histogram").replaceChildren(...bars);
  $("histogram").hidden = buckets.length === 0;
  const axis = document.querySelector(".histogram-axis") || el("div", { class: "histogram-axis" });
  axis.replaceChildren(el("span", {}, buckets.length ? buckets[0].key : ""),
    el("span", {}, buckets.length > 1 ? buckets[buckets.length - 1].key : ""));
  $("histogram").after(axis);
}

const DECODER = new TextDecoder();

// Nodes for bytes [from, to) of one field: entity mentions as spans coloured by type, query
// hits as <mark> (a hit inside a mention is marked inside it). The API's offsets are UTF-8
// bytes into the field's text.
function markedRange(bytes, marks, from, to) {
  const text = (a, b) => DECODER.decode(bytes.subarray(a, b));
  const withHits = (a, b) => {
    const out = [];
    let at = a;
    for (const [s, e] of marks.hits) {
      const start = Math.max(s, at), end = Math.min(e, b);
      if (end <= start) continue;
      out.push(text(at, start), el("mark", {}, text(start, end)));
      at = end;
    }
    out.push(text(at, b));
    return out;
  };
  const out = [];
  let at = from;
  for (const m of marks.mentions) {
    if (m.start < at || m.end > to) continue;
    out.push(withHits(at, m.start),
      el("span", { class: "mention " + m.type, title: m.type + ": " + m.name }, withHits(m.start, m.end)));
    at = m.end;
  }
  out.push(withHits(at, to));
  return out;
}

// A field's text with its marks; without marks the text is plain.
function markedText(text, marks) {
  const bytes = new TextEncoder().encode(text);
  return markedRange(bytes, marks || { hits: [], mentions: [] }, 0, bytes.length);
}

// The body as paragraphs (split at blank lines), each keeping its byte offsets.
function markedParagraphs(text, marks) {
  const bytes = new TextEncoder().encode(text);
  const all = marks || { hits: [], mentions: [] };
  const out = [];
  let start = 0;
  let i = 0;
  while (i <= bytes.length) {
    if (i === bytes.length || (bytes[i] === 10 && bytes[i + 1] === 10)) {
      if (i > start) out.push(el("p", {}, markedRange(bytes, all, start, i)));
      if (i === bytes.length) break;
      while (bytes[i] === 10) i++;
      start = i;
    } else i++;
  }
  return out;
}

async function renderArticle(params) {
  for (const id of ["rail", "histogram", "summary", "results", "pager"]) $(id).hidden = true;
  renderChips(params);
  const view = $("article");
  view.hidden = false;
  view.replaceChildren("Loading…");
  let a;
  try {
    a = await api("/api/v1/articles/" + encodeURIComponent(params.get("article")),
      new URLSearchParams({ q: params.get("q") || "" }));
  } catch (error) {
    view.replaceChildren(el("p", { class: "error" }, error.message), backButton());
    return;
  }
  const marks = a.marks || { headline: null, captions: [], body: null };
  const meta = [a.date ? a.date.slice(0, 10) : null, a.byline.length ? "by " + a.byline.join(", ") : null,
    a.dateline].filter(Boolean);
  const hits = () => Array.from(view.querySelectorAll("mark"));
  let current = -1;
  const step = (by) => {
    const all = hits();
    if (!all.length) return;
    if (current >= 0) all[current].classList.remove("current");
    current = (current + by + all.length) % all.length;
    all[current].classList.add("current");
    all[current].scrollIntoView({ block: "center" });
  };
  view.replaceChildren(
    el("div", { class: "tools" }, backButton(),
      el("button", { type: "button", id: "prev-hit", onclick: () => step(-1) }, "↑ Previous hit"),
      el("button", { type: "button", id: "next-hit", onclick: () => step(1) }, "↓ Next hit"),
      el("span", { class: "kind person" }, "person"), el("span", { class: "kind place" }, "place"),
      el("span", { class: "kind org" }, "organisation")),
    el("h1", {}, a.headline ? markedText(a.headline, marks.headline) : "(no headline)"),
    meta.length ? el("div", { class: "meta" }, meta.join(" · ")) : null,
    ...a.captions.map((c, i) => el("p", { class: "caption" }, el("em", {}, markedText(c, marks.captions[i])))),
    el("div", { class: "body" }, markedParagraphs(a.body, marks.body)),
    el("p", { class: "meta" }, a.path));
  document.title = (a.headline || "article") + " · newsdex";
}

function backButton() {
  return el("button", { type: "button", id: "back", onclick: back }, "← Back to results");
}

// Back to the results where the reader was: the history entry when they came from there,
// else the same search without the article.
let cameFromResults = false;
function back() {
  if (cameFromResults) {
    cameFromResults = false;
    history.back();
    return;
  }
  const params = state();
  params.delete("article");
  go(params);
}

function select(index) {
  const items = Array.from($("results").children);
  if (!items.length) return;
  const i = Math.max(0, Math.min(items.length - 1, index));
  items.forEach((li, j) => li.classList.toggle("selected", j === i));
  items[i].scrollIntoView({ block: "nearest" });
  sessionStorage.setItem("selected:" + location.search, String(i));
}

function selectedIndex() {
  return Array.from($("results").children).findIndex((li) => li.classList.contains("selected"));
}

// Autocomplete: the last word typed, against every entity type.
let suggestTimer = null;
let suggestions = [];
function suggest() {
  clearTimeout(suggestTimer);
  const word = $("q").value.split(/\s+/).pop();
  if (!word || word.length < 2) return hideSuggestions();
  suggestTimer = setTimeout(async () => {
    const lists = await Promise.all(KINDS.map(([kind]) =>
      api("/api/v1/entities", new URLSearchParams({ type: kind, prefix: word, limit: "5" }))
        .then((r) => r.entities.map((e) => ({ ...e, kind })), () => [])));
    suggestions = lists.flat().sort((a, b) => b.count - a.count).slice(0, 8);
    const box = $("suggestions");
    box.replaceChildren(...suggestions.map((s, i) => el("li", { role: "option", id: "suggestion-" + i,
      "aria-selected": "false", onmousedown: (e) => { e.preventDefault(); pickSuggestion(i); } },
      el("span", {}, s.name, s.matched && s.matched.length ? " (" + s.matched.join(", ") + ")" : ""),
      el("span", {}, el("span", { class: "kind " + s.kind }, s.kind), " ", el("span", { class: "count" }, s.count)))));
    box.hidden = suggestions.length === 0;
  }, 120);
}

function hideSuggestions() {
  $("suggestions").hidden = true;
  suggestions = [];
}

function pickSuggestion(i) {
  const s = suggestions[i];
  if (!s) return;
  const words = $("q").value.split(/\s+/);
  words.pop();
  hideSuggestions();
  go(withChange((p) => {
    const rest = words.join(" ").trim();
    if (rest) p.set("q", rest); else p.delete("q");
    if (!p.getAll(s.kind).includes(s.name)) p.append(s.kind, s.name);
  }));
}

function suggestionIndex() {
  return Array.from($("suggestions").children).findIndex((li) => li.getAttribute("aria-selected") === "true");
}

document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const i = suggestionIndex();
    if (!$("suggestions").hidden && i >= 0) return pickSuggestion(i);
    hideSuggestions();
    go(withChange((p) => {
      const q = $("q").value.trim();
      if (q) p.set("q", q); else p.delete("q");
    }));
  });
  $("q").addEventListener("input", suggest);
  $("q").addEventListener("blur", () => setTimeout(hideSuggestions, 100));
  $("q").addEventListener("keydown", (event) => {
    const box = $("suggestions");
    if (box.hidden || !["ArrowDown", "ArrowUp"].includes(event.key)) return;
    event.preventDefault();
    const items = Array.from(box.children);
    const i = (suggestionIndex() + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
    items.forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
  });
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "TEXTAREA"].includes(document.activeElement.tagName);
    if (event.key === "Escape") {
      if (!$("suggestions").hidden) return hideSuggestions();
      if (state().get("article")) return back();
      // A search input clears itself on Escape; here Esc only leaves the box.
      if (typing) { event.preventDefault(); document.activeElement.blur(); }
      return;
    }
    if (typing) return;
    if (event.key === "/") { event.preventDefault(); $("q").focus(); $("q").select(); }
    else if (event.key === "j") select(selectedIndex() + 1);
    else if (event.key === "k") select(selectedIndex() - 1);
    else if (event.key === "Enter" && !state().get("article")) {
      const li = $("results").children[selectedIndex()];
      if (li) li.querySelector("h3 a").click();
    }
  });
  window.addEventListener("popstate", render);
  render();
});
