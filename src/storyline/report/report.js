/* storyline report: draws every section from the JSON embedded in the page.
   Text from articles only ever enters the page through textContent / createTextNode /
   setAttribute, never parsed as HTML, so markup inside an article is shown as text.
   The data holds one view per story (the biggest first); choosing a story redraws every
   section from that story's view. */
(function () {
  "use strict";

  var T0 = (window.performance && performance.now) ? performance.now() : 0;
  var D = JSON.parse(document.getElementById("storyline-data").textContent);
  var SVG_NS = "http://www.w3.org/2000/svg";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  var QUAD_COLOURS = ["#7fbf7b", "#1b7837", "#f4a582", "#b2182b"];
  var MODALITY_LABEL = { asserted: "reported", future: "planned", hypothetical: "possible", negated: "did not happen" };
  var EVENTS = {};
  D.events.forEach(function (e) { EVENTS[e.id] = e; });
  var VIEWS = D.views || [];
  var V = VIEWS[0] || null;       // the story shown
  var PHONE = (window.innerWidth || 1000) < 640;
  var TIMELINE_SHOWN = PHONE ? 8 : 12;   // dates shown before "show all"
  var NETWORK_TOP = 10;                  // actors shown before "show all"
  var SERIES_SHOWN = PHONE ? 4 : 6;      // multi-point series shown before "show more"
  var EVENT_PAGE = PHONE ? 15 : 30;      // event rows a page

  // ---------------------------------------------------------------- helpers

  function h(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function s(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = String(v);
      else if (k.slice(0, 2) === "on" && typeof v === "function") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    });
  }

  function append(node, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) { kid.forEach(function (k) { append(node, k); }); return; }
    node.appendChild(typeof kid === "object" ? kid : document.createTextNode(String(kid)));
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function byId(id) { return document.getElementById(id); }

  /* An SVG shape that acts as a button: focusable, named, and pressed with Enter or Space. */
  function svgButton(tag, attrs, label, fn) {
    attrs.tabindex = 0; attrs.role = "button"; attrs["aria-label"] = label;
    attrs.onclick = fn;
    attrs.onkeydown = function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); fn(); } };
    attrs.class = (attrs.class ? attrs.class + " " : "") + "clickable";
    return s(tag, attrs, s("title", { text: label }));
  }

  function fmtDate(d, precision) {
    if (!d) return "undated";
    var p = d.split("-");
    var month = MONTHS[parseInt(p[1], 10) - 1] || p[1];
    if (precision === "year") return p[0];
    if (precision === "month" || p.length < 3) return month + " " + p[0];
    return parseInt(p[2], 10) + " " + month + " " + p[0];
  }

  function fmtShort(d) {
    if (!d) return "";
    var p = d.split("-");
    return p.length < 3 ? fmtDate(d) : parseInt(p[2], 10) + " " + (MONTHS[parseInt(p[1], 10) - 1] || p[1]);
  }

  function fmtSpan(a, b) {
    if (!a) return "";
    if (!b || a === b) return fmtDate(a);
    return (a.slice(0, 4) === b.slice(0, 4) ? fmtShort(a) : fmtDate(a)) + " – " + fmtDate(b);
  }

  function fmtMonth(m) { var p = m.split("-"); return MONTHS[parseInt(p[1], 10) - 1] + " " + p[0]; }

  function fmtNumber(v) {
    if (typeof v !== "number") return String(v);
    var abs = Math.abs(v);
    if (abs >= 1e9 && abs % 1e7 === 0) return (v / 1e9).toLocaleString("en-GB", { maximumFractionDigits: 2 }) + " billion";
    if (abs >= 1e6 && abs % 1e4 === 0) return (v / 1e6).toLocaleString("en-GB", { maximumFractionDigits: 2 }) + " million";
    var digits = abs >= 100 || Number.isInteger(v) ? 0 : abs >= 10 ? 1 : 2;
    return v.toLocaleString("en-GB", { maximumFractionDigits: digits });
  }

  // "thousands", "dozens": the qualifier is the number; the value is only its order.
  var MAGNITUDES = /^(several |many |tens of |hundreds of )?(tens|dozens|scores|hundreds|thousands|millions|billions)$/i;

  function fmtValue(p, unit) {
    if (p.qualifier && MAGNITUDES.test(p.qualifier)) return p.qualifier;
    var text = fmtNumber(p.value);
    if (typeof p.max === "number" && p.max !== p.value) text += "–" + fmtNumber(p.max);
    if (p.qualifier) text = p.qualifier + " " + text;
    if (unit === "percent") text += "%";
    return text;
  }

  function cap(t) { t = String(t || ""); return t.charAt(0).toUpperCase() + t.slice(1); }

  function actors(list) { return list && list.length ? list.join(" and ") : ""; }

  function typeName(e) { return e.type.charAt(0) + e.type.slice(1).toLowerCase(); }

  /* "Assault: Israel → Hamas"; an actor the article does not name is left out, not dashed. */
  function eventLabel(e) {
    var who = actors(e.source), whom = actors(e.target);
    if (who && whom) return typeName(e) + ": " + who + " → " + whom;
    if (who) return typeName(e) + " by " + who;
    if (whom) return typeName(e) + " → " + whom;
    return typeName(e) + " (actors not named)";
  }

  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }

  // Score -10..10 -> red .. grey .. green
  function scoreColour(v) {
    if (typeof v !== "number") return "#80868b";
    var t = Math.max(-1, Math.min(1, v / 10));
    var grey = [128, 134, 139], red = [178, 24, 43], green = [27, 120, 55];
    var to = t < 0 ? red : green, k = Math.abs(t);
    var c = grey.map(function (g, i) { return Math.round(g + (to[i] - g) * k); });
    return "rgb(" + c.join(",") + ")";
  }

  function legend(node, items) {
    clear(node);
    items.forEach(function (it) { append(node, h("li", null, it[0], " ", it[1])); });
  }

  function swatch(cls, style) { return h("span", { class: "sw " + (cls || ""), style: style || null, "aria-hidden": "true" }); }

  // ------------------------------------------------------------ source panel

  var panel = byId("source-panel");
  var lastFocus = null;

  function closePanel() {
    panel.hidden = true;
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }
  byId("sp-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && !panel.hidden) closePanel(); });

  /* Open the passage a fact rests on. cite: {a: article id, s, e: UTF-16 offsets} or {a, q: quote}. */
  function showQuote(cite, label) {
    lastFocus = document.activeElement;
    var art = cite && cite.a ? D.articles[cite.a] : null;
    byId("sp-label").textContent = label || "Source";
    byId("sp-title").textContent = art ? (art.title || "Untitled article") : "Quote";
    var meta = clear(byId("sp-meta"));
    if (art) {
      var bits = [art.outlet || "unknown outlet", art.date ? fmtDate(art.date) + (art.dateSource === "inferred" ? " (date inferred)" : "") : "undated"];
      if (art.dateline) bits.push(art.dateline);
      append(meta, bits.join(" · "));
      var url = safeUrl(art.url);
      if (url) append(meta, [" · ", h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: "original" })]);
      if (art.dup && D.articles[art.dup]) append(meta, " · syndicated copy of " + (D.articles[art.dup].outlet || "another article"));
    }
    var body = clear(byId("sp-body"));
    if (cite && cite.at) append(body, h("p", { class: "sp-attr", text: "According to " + cite.at }));
    var mark;
    if (art && typeof cite.s === "number") {
      var text = art.text;
      mark = h("mark", { id: "sp-quote", text: text.slice(cite.s, cite.e) });
      append(body, [text.slice(0, cite.s), mark, text.slice(cite.e)]);
    } else {
      mark = h("mark", { id: "sp-quote", text: (cite && cite.q) || "" });
      append(body, [mark, h("p", { class: "sp-attr", text: "The passage could not be placed in its article." })]);
    }
    panel.hidden = false;
    mark.scrollIntoView({ block: "center" });
    byId("sp-close").focus({ preventScroll: true });
  }

  function quoteButton(cite, text, label, cls) {
    return h("button", { type: "button", class: cls || "quote-link", text: text,
      onclick: function () { showQuote(cite, label); } });
  }

  function sourceName(c, i) {
    var art = c.a ? D.articles[c.a] : null;
    if (art && art.outlet) return art.outlet + (art.date ? " " + fmtShort(art.date) : "");
    if (art && art.date) return "report of " + fmtShort(art.date);
    return "report " + (i + 1);
  }

  /* One chip per article (a passage reported twice is one report); past the first two, the
     rest behind a "+N" button that says what it holds. */
  function citeChips(cites, label) {
    var seen = {}, list = [];
    cites.forEach(function (c) {
      var key = c.a || c.q;
      if (!seen[key]) { seen[key] = 1; list.push(c); }
    });
    var box = h("span", { class: "reports" });
    var chips = list.map(function (c, i) { return quoteButton(c, sourceName(c, i), label, "chip"); });
    append(box, chips.slice(0, 2));
    if (chips.length > 2) {
      var rest = chips.slice(2);
      var more = h("button", { type: "button", class: "chip more-chip", "aria-expanded": "false",
        text: "+" + rest.length + " more report" + (rest.length === 1 ? "" : "s"),
        onclick: function () { more.remove(); append(box, rest); if (rest[0]) rest[0].focus(); } });
      append(box, more);
    }
    return box;
  }

  function reportButtons(e) { return citeChips(e.mentions, fmtDate(e.date, e.precision) + " · " + eventLabel(e)); }

  function eventItem(e) {
    return h("li", null,
      h("span", { class: "quad-dot q" + e.quad, title: QUAD_NAMES[e.quad] }),
      h("strong", { text: fmtDate(e.date, e.precision) + " " }),
      eventLabel(e) + " ",
      h("span", { class: "badge " + e.modality, text: MODALITY_LABEL[e.modality] || e.modality }),
      " ", reportButtons(e));
  }

  function showEvents(container, title, ids) {
    clear(container);
    var list = ids.map(function (id) { return EVENTS[id]; }).filter(Boolean);
    append(container, h("h3", { text: title }));
    if (!list.length) { append(container, h("p", { class: "empty", text: "No event." })); return; }
    var shown = list.slice(0, 20);
    var ul = h("ul", { class: "ev-list" }, shown.map(eventItem));
    append(container, ul);
    if (list.length > shown.length) append(container, h("p", { class: "count", text: "and " + (list.length - shown.length) + " more in the events table below" }));
  }

  // ---------------------------------------------------------------- the story header and list

  function renderHeader(v) {
    byId("story-title").textContent = v.title;
    document.title = v.title + " · storyline report";
    var facts = [v.sources + " independent source" + (v.sources === 1 ? "" : "s")];
    var copies = v.articles - v.sources;
    if (copies > 0) facts[0] += " (" + copies + " syndicated " + (copies === 1 ? "copy" : "copies") + ")";
    var span = fmtSpan(v.first, v.last);
    if (span) facts.push(span);
    facts.push((v.main.length + v.rest.length) + " events");
    if (v.outlets.length) facts.push(v.outlets.slice(0, 4).join(", ") + (v.outlets.length > 4 ? " and " + (v.outlets.length - 4) + " more outlets" : ""));
    if (v.titleFrom === "event") facts.push("title from the story's best-reported event");
    else if (v.titleFrom === "lead") facts.push("title from its first article's lead");
    byId("story-facts").textContent = facts.join(" · ");
    var toll = byId("story-toll");
    clear(toll);
    toll.hidden = !v.toll;
    if (v.toll) {
      var p = v.toll.point, c = p.cites[0] || { q: "" };
      var art = c.a ? D.articles[c.a] : null;
      append(toll, [h("span", { class: "toll-label", text: "Latest toll " }),
        quoteButton(c, fmtValue(p, v.toll.unit) + " " + v.toll.what, v.toll.what + " · " + fmtDate(p.date), "big-link"),
        h("span", { class: "count", text: " as of " + fmtDate(p.date) + (v.toll.where ? ", " + v.toll.where : "") +
          (art && art.outlet ? ", according to " + art.outlet : "") + (c.at ? " (" + c.at + ")" : "") + (p.n > 1 ? ", " + p.n + " sources" : "") })]);
    }
  }

  function renderStoryList() {
    var box = byId("stories"), list = byId("story-list"), search = byId("story-search");
    if (VIEWS.length < 2) { box.hidden = true; return; }
    box.hidden = false;
    var items = VIEWS.map(function (v, i) {
      var label = v.all ? "All stories together" : v.title;
      var btn = h("button", { type: "button", class: "story-pick", "data-view": String(i),
        onclick: function () { select(i); box.open = false; byId("story-title").scrollIntoView({ block: "start" }); } },
        h("span", { class: "st-title", text: label }),
        h("span", { class: "st-meta", text: v.sources + " source" + (v.sources === 1 ? "" : "s") + (v.first ? " · " + fmtSpan(v.first, v.last) : "") }));
      var li = h("li", null, btn);
      li._text = (label + " " + (v.outlets || []).join(" ")).toLowerCase();
      return li;
    });
    append(list, items);
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      items.forEach(function (li) { li.hidden = q && li._text.indexOf(q) < 0; });
    });
    var others = VIEWS.filter(function (v) { return !v.all; }).length - 1;
    byId("stories-summary").textContent = "Other stories (" + others + ") and all together";
  }

  function markStory(i) {
    Array.prototype.forEach.call(document.querySelectorAll("#story-list .story-pick"), function (b) {
      var on = b.getAttribute("data-view") === String(i);
      b.setAttribute("aria-current", on ? "true" : "false");
      b.parentNode.classList.toggle("current", on);
    });
  }

  // ---------------------------------------------------------------- timeline

  function renderTimeline(v) {
    var list = clear(byId("timeline-list")), more = byId("timeline-more");
    var entries = v.entries;
    more.hidden = true;
    if (!entries.length) { append(list, h("li", { class: "empty", text: "No dated sentence to show." })); return; }
    function draw(n) {
      clear(list);
      entries.slice(0, n).forEach(function (entry) {
        var label = fmtDate(entry.date, entry.precision);
        var meta = h("div", { class: "tl-meta" });
        entry.events.map(function (id) { return EVENTS[id]; }).filter(Boolean).slice(0, 4).forEach(function (e) {
          append(meta, h("button", { type: "button", class: "chip", title: MODALITY_LABEL[e.modality],
            text: eventLabel(e), onclick: function () { jumpToEvent(e.id); } }));
        });
        var outlets = entry.sources.map(function (a) { return D.articles[a] && D.articles[a].outlet; }).filter(Boolean);
        if (outlets.length) append(meta, h("span", { text: "Sources: " + Array.from(new Set(outlets)).join(", ") }));
        append(list, h("li", { class: "tl-entry" },
          h("time", { class: "tl-date", datetime: entry.date, text: label }),
          h("ul", { class: "tl-sentences" }, entry.sentences.map(function (sent) {
            return h("li", null, quoteButton(sent, sent.t, "Timeline · " + label));
          })),
          meta));
      });
      more.hidden = entries.length <= n;
      more.textContent = "Show all " + entries.length + " dates";
    }
    more.onclick = function () { draw(entries.length); };
    draw(TIMELINE_SHOWN);
  }

  // ------------------------------------------------------------ dyad chart

  function monthRange(first, last) {
    var out = [], y = +first.slice(0, 4), m = +first.slice(5, 7);
    var ly = +last.slice(0, 4), lm = +last.slice(5, 7);
    while (y < ly || (y === ly && m <= lm)) {
      out.push(y + "-" + (m < 10 ? "0" : "") + m);
      m += 1; if (m > 12) { m = 1; y += 1; }
      if (out.length > 600) break;
    }
    return out;
  }

  var dyads = (function () {
    var select = byId("dyad-select"), byCountry = byId("dyad-country");
    var chart = byId("dyad-chart"), detail = byId("dyad-detail");
    legend(byId("dyad-legend"), [1, 2, 3, 4].map(function (q) { return [swatch("q" + q), QUAD_NAMES[q]]; })
      .concat([[h("span", { class: "sw-text", text: "+2", "aria-hidden": "true" }), "above a bar: events that month that were planned, possible or denied (not in the bar)"]]));
    var data = { country: [], actor: [] };

    function pairs() { return byCountry.checked ? data.country : data.actor; }

    function fill(keep) {
      clear(select);
      pairs().slice(0, 200).forEach(function (p, i) {
        var n = p.total + (p.other ? " (+" + p.other + " planned, possible or denied)" : "");
        append(select, h("option", { value: String(i), text: p.an + " – " + p.bn + " · " + n + " events" }));
      });
      if (keep !== undefined) select.value = String(keep);
      draw();
    }

    function draw() {
      clear(chart); clear(detail);
      var p = pairs()[+select.value || 0];
      if (!p) { append(chart, h("p", { class: "empty", text: "No dated event in this story names both an acting actor and the actor it acts on." })); return; }
      var months = monthRange(p.months[0].m, p.months[p.months.length - 1].m);
      var byMonth = {};
      p.months.forEach(function (r) { byMonth[r.m] = r; });
      var max = 1;
      p.months.forEach(function (r) { max = Math.max(max, r.q[0] + r.q[1], r.q[2] + r.q[3]); });
      // drawn in the box's own pixels: axis labels keep their size on a phone
      var W = Math.max(300, Math.min(760, chart.clientWidth || 760)), H = W < 500 ? 240 : 300;
      var L = 34, R = 8, T = 16, B = 40;
      var mid = T + (H - T - B) / 2, half = (H - T - B) / 2;
      var bw = Math.min(56, (W - L - R) / months.length * 0.6);
      var step = (W - L - R) / months.length;
      var svg = s("svg", { viewBox: "0 0 " + W + " " + H, role: "group",
        "aria-label": "Cooperation and conflict between " + p.an + " and " + p.bn + " by month" });
      var tick = Math.max(1, Math.ceil(max / 4));
      for (var v = tick; v <= max; v += tick) {
        [mid - v / max * half, mid + v / max * half].forEach(function (y) {
          append(svg, s("line", { class: "gridline", x1: L, x2: W - R, y1: y, y2: y }));
        });
        append(svg, s("text", { x: L - 6, y: mid - v / max * half + 4, "text-anchor": "end", "font-size": 11, text: String(v) }));
        append(svg, s("text", { x: L - 6, y: mid + v / max * half + 4, "text-anchor": "end", "font-size": 11, text: String(v) }));
      }
      append(svg, s("text", { x: L + 4, y: T + 2, "font-size": 11, fill: "#1b7837", text: "cooperation ↑" }));
      append(svg, s("text", { x: L + 4, y: H - B - 4, "font-size": 11, fill: "#b2182b", text: "conflict ↓" }));
      var labelEvery = Math.ceil(months.length / Math.max(2, Math.floor(W / 64)));
      months.forEach(function (m, i) {
        var x = L + step * i + (step - bw) / 2;
        var r = byMonth[m];
        if (r) {
          var up = 0, down = 0;
          [[0, -1], [1, -1], [2, 1], [3, 1]].forEach(function (st) {
            var n = r.q[st[0]];
            if (!n) return;
            var hgt = n / max * half;
            var y = st[1] < 0 ? mid - up - hgt : mid + down;
            if (st[1] < 0) up += hgt; else down += hgt;
            var ids = r.ev.filter(function (id) { var e = EVENTS[id]; return e && e.quad === st[0] + 1 && e.modality === "asserted"; });
            var label = fmtMonth(m) + ": " + n + " × " + QUAD_NAMES[st[0] + 1] + (r.score !== null ? ", mean score " + r.score : "");
            append(svg, svgButton("rect", { x: x, y: y, width: bw, height: Math.max(1, hgt), class: "q" + (st[0] + 1), fill: QUAD_COLOURS[st[0]] },
              label, function () { showEvents(detail, fmtMonth(m) + " · " + p.an + " – " + p.bn + " · " + QUAD_NAMES[st[0] + 1], ids); }));
          });
          if (r.other) {
            append(svg, svgButton("text", { x: x + bw / 2, y: mid - up - 4, "text-anchor": "middle", "font-size": 11, fill: "#5f6368", text: "+" + r.other },
              fmtMonth(m) + ": " + r.other + " planned, possible or denied",
              function () { showEvents(detail, fmtMonth(m) + " · " + p.an + " – " + p.bn + " · planned, possible and denied included", r.ev); }));
          }
        }
        if (i % labelEvery === 0) {
          append(svg, s("text", { x: L + step * i + step / 2, y: H - B + 18, "text-anchor": "middle", "font-size": 11, text: fmtMonth(m) }));
        }
      });
      append(svg, s("line", { class: "axis", x1: L, x2: W - R, y1: mid, y2: mid }));
      append(chart, svg);
      var all = [];
      p.months.forEach(function (r) { all = all.concat(r.ev); });
      showEvents(detail, "Events between " + p.an + " and " + p.bn, all);
    }

    select.addEventListener("change", draw);
    byCountry.addEventListener("change", function () { fill(); });
    return {
      show: function (v) {
        data = v.dyads;
        byCountry.checked = data.country.length > 0;
        fill();
      },
      selectPair: function (a, b) {
        byCountry.checked = false;
        var i = data.actor.findIndex(function (p) { return p.a === a && p.b === b; });
        fill(i >= 0 ? i : 0);
      }
    };
  })();

  // ------------------------------------------------------------ actor network

  legend(byId("network-legend"), [
    [h("span", { class: "sw line", style: "background:" + scoreColour(-8), "aria-hidden": "true" }), "conflict"],
    [h("span", { class: "sw line", style: "background:" + scoreColour(8), "aria-hidden": "true" }), "cooperation"],
    [h("span", { class: "sw line", style: "background:" + scoreColour(null), "aria-hidden": "true" }), "no score"],
    [h("span", { class: "sw line dashed", "aria-hidden": "true" }), "only planned, possible or denied events"],
    [h("span", { class: "sw dot", "aria-hidden": "true" }), "bigger: more events; thicker line: more events between the two"]]);

  function wrapLabel(name, width) {
    var words = name.split(/\s+/), lines = [], line = "";
    words.forEach(function (w) {
      if (line && (line + " " + w).length > width) { lines.push(line); line = w; }
      else line = line ? line + " " + w : w;
    });
    if (line) lines.push(line);
    return lines;
  }

  function renderNetwork(v, all) {
    var box = clear(byId("network-chart")), detail = clear(byId("network-detail")), more = byId("network-more");
    var net = v.network;
    more.hidden = true;
    if (!net.nodes.length) { append(box, h("p", { class: "empty", text: "No event in this story names both an acting actor and the actor it acts on." })); return; }
    var nodes = all ? net.nodes : net.nodes.slice(0, NETWORK_TOP);
    var keep = {};
    nodes.forEach(function (n) { keep[n.id] = true; });
    var edges = net.edges.filter(function (e) { return keep[e.a] && keep[e.b]; });
    if (net.nodes.length > NETWORK_TOP) {
      more.hidden = false;
      more.textContent = all ? "Show the top " + NETWORK_TOP + " actors only" : "Show all " + net.nodes.length + " actors";
      more.onclick = function () { renderNetwork(v, !all); };
    }
    // laid out in the box's own pixels, so labels stay 13px and whole at any width
    var W = Math.max(300, Math.min(900, box.clientWidth || 640));
    var narrow = W < 520;
    var FS = 13, CH = FS * 0.58, wrapAt = narrow ? 12 : 18;
    var labels = {}, widest = 0;
    nodes.forEach(function (n) {
      labels[n.id] = wrapLabel(n.name, wrapAt);
      labels[n.id].forEach(function (l) { widest = Math.max(widest, l.length * CH); });
    });
    var padX = Math.min(widest + 22, W * 0.34);
    var H = Math.round(Math.max(300, Math.min(560, W * (narrow ? 1.0 : 0.62))));
    var rx = Math.max(40, W / 2 - padX), ry = H / 2 - 34;
    var pos = {}, maxW = 1;
    nodes.forEach(function (n, i) {
      var ang = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, nodes.length);
      pos[n.id] = nodes.length === 1 ? [W / 2, H / 2] : [W / 2 + rx * Math.cos(ang), H / 2 + ry * Math.sin(ang)];
      maxW = Math.max(maxW, n.w);
    });
    var svg = s("svg", { viewBox: "0 0 " + W + " " + H, role: "group", "aria-label": "Network of the story's main actors" });
    var names = {};
    nodes.forEach(function (n) { names[n.id] = n.name; });
    edges.forEach(function (e) {
      var a = pos[e.a], b = pos[e.b], total = e.n + e.other;
      var label = names[e.a] + " – " + names[e.b] + ": " + e.n + " reported" + (e.other ? ", " + e.other + " planned, possible or denied" : "") +
        (e.score !== null ? ", mean score " + e.score : "");
      append(svg, svgButton("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: scoreColour(e.score),
        "stroke-width": Math.min(14, 1.5 + 2 * Math.sqrt(total)), "stroke-linecap": "round", "stroke-opacity": 0.8,
        "stroke-dasharray": e.n ? null : "6 5" }, label, function () {
          showEvents(detail, names[e.a] + " – " + names[e.b], e.ev);
          dyads.selectPair(e.a, e.b);
        }));
    });
    nodes.forEach(function (n) {
      var p = pos[n.id], r = 5 + 9 * Math.sqrt(n.w / maxW);
      var right = p[0] >= W / 2 - 1;
      var lines = labels[n.id];
      var tx = p[0] + (right ? r + 5 : -r - 5);
      var text = s("text", { x: tx, y: p[1] + 4 - (lines.length - 1) * FS * 0.55, "text-anchor": right ? "start" : "end",
        "font-size": FS, "paint-order": "stroke", stroke: "#fff", "stroke-width": 3, "aria-hidden": "true" },
        lines.map(function (l, i) { return s("tspan", { x: tx, dy: i ? FS * 1.1 : 0, text: l }); }));
      var g = svgButton("g", {}, n.name + ": " + n.w + " events with another actor", function () {
        var ids = [];
        net.edges.forEach(function (e) { if (e.a === n.id || e.b === n.id) ids = ids.concat(e.ev); });
        showEvents(detail, "Events of " + n.name, Array.from(new Set(ids)));
      });
      append(g, [s("circle", { cx: p[0], cy: p[1], r: r, fill: "#1d1d1f", stroke: "#fff", "stroke-width": 2 }), text]);
      append(svg, g);
    });
    append(box, svg);
  }

  // ---------------------------------------------------------------- figures

  function seriesTitle(sr) {
    var title = cap(sr.what || "figure");
    if (sr.unit && sr.unit !== sr.what && sr.unit !== "people") title += " (" + sr.unit + ")";
    if (sr.kind === "incident") title += ", single incidents";
    return title;
  }

  function renderFigures(v) {
    var box = clear(byId("figure-list")), more = byId("figure-more"), note = byId("figure-note");
    var singles = byId("figure-singles"), slist = clear(byId("figure-singles-list"));
    var multi = v.series.filter(function (sr) { return sr.points.length > 1; });
    var one = v.series.filter(function (sr) { return sr.points.length === 1; });
    more.hidden = true;
    note.textContent = !v.series.length ? "" : "Numbers reported over time, one card per quantity; running totals and counts of single incidents are never mixed in one series." +
      (multi.some(function (sr) { return sr.points.some(function (p) { return p.disagree; }); }) ? " Orange points: sources give different numbers for the same date; the bar spans them." : "");
    if (!v.series.length) append(box, h("p", { class: "empty", text: (v.undatedFigures || []).length ? "No figure with a date was reported in this story." : "No figure was reported in this story." }));
    function draw(n) {
      clear(box);
      multi.slice(0, n).forEach(function (sr) { append(box, card(sr)); });
      more.hidden = multi.length <= n;
      more.textContent = "Show " + (multi.length - n) + " more series";
    }
    more.onclick = function () { draw(multi.length); };
    if (multi.length) draw(SERIES_SHOWN);
    else if (v.series.length) append(box, h("p", { class: "empty", text: "No quantity was reported more than once." }));
    singles.hidden = !one.length;
    singles.open = false;
    byId("figure-singles-summary").textContent = one.length + " figure" + (one.length === 1 ? "" : "s") + " reported once";
    var PAGE = 60;
    function fillSingles(k) {
      clear(slist);
      one.slice(0, k).forEach(function (sr) {
        var p = sr.points[0];
        append(slist, h("li", null, h("strong", { text: fmtValue(p, sr.unit) + " " }), seriesTitle(sr).toLowerCase() +
          (sr.where ? ", " + sr.where : "") + " · " + fmtDate(p.date) + " ", citeChips(p.cites, seriesTitle(sr) + " · " + fmtDate(p.date))));
      });
      if (one.length > k) {
        append(slist, h("li", null, h("button", { type: "button", class: "more", text: "Show " + (one.length - k) + " more",
          onclick: function () { fillSingles(k + PAGE * 4); } })));
      }
    }
    singles.ontoggle = function () { if (singles.open && !slist.firstChild) fillSingles(PAGE); };
    renderUndatedFigures(v.undatedFigures || []);
  }

  // figures the articles give no date for: listed, never placed on a chart by date
  function renderUndatedFigures(items) {
    var box = byId("figure-undated"), list = clear(byId("figure-undated-list"));
    box.hidden = !items.length;
    box.open = false;
    byId("figure-undated-summary").textContent = items.length + " figure" + (items.length === 1 ? "" : "s") + " with no date";
    var PAGE = 60;
    function fill(k) {
      clear(list);
      items.slice(0, k).forEach(function (it) {
        var p = it.point;
        append(list, h("li", null, h("strong", { text: fmtValue(p, it.unit) + " " }), seriesTitle(it).toLowerCase() +
          (it.where ? ", " + it.where : "") + " · undated ", citeChips(p.cites, seriesTitle(it) + " · undated")));
      });
      if (items.length > k) {
        append(list, h("li", null, h("button", { type: "button", class: "more", text: "Show " + (items.length - k) + " more",
          onclick: function () { fill(k + PAGE * 4); } })));
      }
    }
    box.ontoggle = function () { if (box.open && !list.firstChild) fill(PAGE); };
  }

  function card(sr) {
    var title = seriesTitle(sr);
    var node = h("article", { class: "card" }, h("h3", { text: title }), sr.where ? h("p", { class: "where", text: sr.where }) : null);
    var pts = sr.points;
    var last = pts[pts.length - 1];
    var label = title + " · " + fmtDate(last.date);
    if (sr.kind === "incident") {
      append(node, h("p", { class: "asof", text: pts.length + " incidents, " + fmtSpan(pts[0].date, last.date) }));
    } else {
      append(node, [quoteButton(last.cites[0] || { q: "" }, fmtValue(last, sr.unit), label, "big"), " ",
        h("span", { class: "asof", text: "latest, " + fmtDate(last.date) })]);
    }
    append(node, sparkline(sr, pts));
    append(node, h("ul", { class: "ev-list" }, pts.slice().reverse().slice(0, 3).map(function (p) {
      return h("li", null, h("strong", { text: fmtDate(p.date) + " " }), fmtValue(p, sr.unit) + " ",
        citeChips(p.cites, title + " · " + fmtDate(p.date)));
    })));
    if (pts.length > 3) append(node, h("p", { class: "count", text: "and " + (pts.length - 3) + " earlier reports on the chart" }));
    return node;
  }

  function sparkline(sr, pts) {
    var W = 320, H = 130, L = 8, R = 8, T = 12, B = 22;
    var t = pts.map(function (p) { return Date.parse(p.date + "T00:00:00Z"); });
    var t0 = Math.min.apply(null, t), t1 = Math.max.apply(null, t);
    var vals = [];
    pts.forEach(function (p) { vals.push(p.value); if (typeof p.max === "number") vals.push(p.max); });
    var v0 = Math.min(0, Math.min.apply(null, vals)), v1 = Math.max.apply(null, vals);
    if (v1 === v0) v1 = v0 + 1;
    function X(i) { return t1 === t0 ? L + (W - L - R) * (i + 0.5) / pts.length : L + (t[i] - t0) / (t1 - t0) * (W - L - R); }
    function Y(v) { return T + (1 - (v - v0) / (v1 - v0)) * (H - T - B); }
    var svg = s("svg", { viewBox: "0 0 " + W + " " + H, role: "group", "aria-label": (sr.what || "figure") + " over time" });
    append(svg, s("line", { class: "axis", x1: L, x2: W - R, y1: Y(v0), y2: Y(v0) }));
    if (sr.kind !== "incident") {  // a running total is a line; single incidents are dots apart
      append(svg, s("path", { class: "fig-line", d: pts.map(function (p, i) { return (i ? "L" : "M") + X(i).toFixed(1) + " " + Y(p.value).toFixed(1); }).join("") }));
    }
    // a long series: every point on the line, the latest ones (and the highest) as buttons
    var hot = pts.length <= 60 ? null : {};
    if (hot) {
      var top = 0;
      pts.forEach(function (p, i) { if (p.value > pts[top].value) top = i; if (i >= pts.length - 40) hot[i] = 1; });
      hot[top] = 1;
    }
    pts.forEach(function (p, i) {
      if (hot && !hot[i]) return;
      if (typeof p.max === "number" && p.max !== p.value) {
        append(svg, s("line", { x1: X(i), x2: X(i), y1: Y(p.value), y2: Y(p.max), stroke: "#5f6368", "stroke-width": 2 }));
      }
      append(svg, svgButton("circle", { cx: X(i), cy: Y(p.value), r: 5, class: "fig-point" + (p.disagree ? " disagree" : "") },
        fmtDate(p.date) + ": " + fmtValue(p, sr.unit), function () { showQuote(p.cites[0] || { q: "" }, (sr.what || "figure") + " · " + fmtDate(p.date)); }));
    });
    append(svg, s("text", { x: L, y: H - 6, "font-size": 11, text: fmtDate(pts[0].date) }));
    append(svg, s("text", { x: W - R, y: H - 6, "font-size": 11, "text-anchor": "end", text: fmtDate(pts[pts.length - 1].date) }));
    return svg;
  }

  // -------------------------------------------------------------------- map

  var map = (function () {
    var box = byId("map-chart");
    var svg = s("svg", { role: "group", "aria-label": "Map of where the story's events happened", preserveAspectRatio: "xMidYMid meet" });
    var sea = s("rect", { class: "sea", x: -180, y: -90, width: 360, height: 180 });
    var grat = s("path", { class: "graticule" });
    var land = s("g");
    var layer = s("g");
    append(svg, [sea, grat, land, layer]);
    var paths = {};
    (D.world || []).forEach(function (c) {
      var p = s("path", { class: "land", d: c.d }, s("title", { text: c.name }));
      paths[c.iso3] = p;
      append(land, p);
    });
    append(box, svg);
    legend(byId("map-legend"), [
      [swatch("pt"), "where events happened; bigger: more events"],
      [swatch("pt named"), "a place named in an event's sentence (the event has no place of its own)"],
      [swatch("land involved"), "a country among the actors"]]);
    var involvedNow = [];

    function show(v) {
      var detail = clear(byId("map-detail")), note = byId("map-note"), chips = clear(byId("map-places"));
      var pts = v.map.points;
      involvedNow.forEach(function (c) { if (paths[c]) paths[c].setAttribute("class", "land"); });
      involvedNow = v.map.involved || [];
      involvedNow.forEach(function (c) { if (paths[c]) paths[c].setAttribute("class", "land involved"); });
      note.textContent = pts.length ? "Only events whose place is clear; the map fits the places most of the story's events happened." :
        "No event in this story carries a place that is clear enough to map.";
      var lon0 = -170, lon1 = 190, lat0 = -58, lat1 = 80;
      if (v.map.box) {
        var b = v.map.box;
        var cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
        var span = Math.max(b[2] - b[0], (b[3] - b[1]) * 1.6, 14) * 1.3;
        lon0 = cx - span / 2; lon1 = cx + span / 2;
        lat0 = cy - span / 4; lat1 = cy + span / 4;
      }
      var w = lon1 - lon0, hgt = lat1 - lat0, unit = w / 100;
      svg.setAttribute("viewBox", lon0 + " " + (-lat1) + " " + w + " " + hgt);
      sea.setAttribute("x", lon0); sea.setAttribute("y", -lat1); sea.setAttribute("width", w); sea.setAttribute("height", hgt);
      var stepDeg = w > 120 ? 30 : w > 40 ? 10 : 5, d = [];
      for (var x = Math.ceil(lon0 / stepDeg) * stepDeg; x <= lon1; x += stepDeg) d.push("M" + x + " " + (-lat1) + "V" + (-lat0));
      for (var y = Math.ceil(lat0 / stepDeg) * stepDeg; y <= lat1; y += stepDeg) d.push("M" + lon0 + " " + (-y) + "H" + lon1);
      grat.setAttribute("d", d.join(""));
      grat.setAttribute("stroke-width", unit * 0.15);
      land.setAttribute("stroke-width", unit * 0.12);
      clear(layer);
      var placed = [];
      function free(bx) { return placed.every(function (b) { return bx[0] > b[2] || bx[2] < b[0] || bx[1] > b[3] || bx[3] < b[1]; }); }
      var fs = unit * 2.4;
      function radius(p) { return unit * (0.7 + 0.55 * Math.sqrt(p.ev.length)); }
      pts.forEach(function (p) {  // busiest first: they get their labels first
        var r = radius(p);
        var open = function () { showEvents(detail, p.name + (p.kind === "named" ? " (named in the sentence)" : ""), p.ev); };
        var g = svgButton("g", {}, p.name + ": " + p.ev.length + " event" + (p.ev.length === 1 ? "" : "s"), open);
        append(g, s("circle", { class: "map-point" + (p.kind === "named" ? " named" : ""), cx: p.lon, cy: -p.lat, r: r, "stroke-width": unit * 0.2 }));
        var tw = p.name.length * fs * 0.58;
        var tx = p.lon + r + unit * 0.5, ty = -p.lat + fs * 0.35;
        var bx = [tx, ty - fs, tx + tw, ty + fs * 0.25];
        if (tx + tw < lon1 && free(bx)) {
          placed.push(bx);
          append(g, s("text", { x: tx, y: ty, "font-size": fs, "paint-order": "stroke", stroke: "#fff", "stroke-width": unit * 0.5, "aria-hidden": "true", text: p.name }));
        }
        append(layer, g);
      });
      if (pts.length) {
        append(chips, h("span", { class: "count", text: "Places: " }));
        pts.slice(0, 30).forEach(function (p) {
          append(chips, h("button", { type: "button", class: "chip", text: p.name + " (" + p.ev.length + (p.ev.length === 1 ? " event)" : " events)"),
            onclick: function () { showEvents(detail, p.name + (p.kind === "named" ? " (named in the sentence)" : ""), p.ev); } }));
        });
        if (pts.length > 30) append(chips, h("span", { class: "count", text: " and " + (pts.length - 30) + " more places" }));
      }
    }
    return { show: show };
  })();

  // ---------------------------------------------------------------- events table

  var jumpToEvent = function () {};

  var table = (function () {
    var tbody = document.querySelector("#event-table tbody");
    var fType = byId("filter-type"), fQuad = byId("filter-quad"), fMod = byId("filter-modality"), fText = byId("filter-text");
    var fOrder = byId("event-order"), fAll = byId("event-all");
    var more = byId("event-more"), count = byId("event-count");
    var shown = EVENT_PAGE, view = null;
    function options(select, values, labels) {
      append(select, h("option", { value: "", text: "all" }));
      values.forEach(function (v) { append(select, h("option", { value: String(v), text: labels ? labels[v] : v })); });
    }
    var types = Array.from(new Set(D.events.map(function (e) { return e.type; }))).sort();
    options(fType, types);
    options(fQuad, [1, 2, 3, 4], QUAD_NAMES);
    options(fMod, ["asserted", "future", "hypothetical", "negated"], MODALITY_LABEL);
    legend(byId("event-legend"), [1, 2, 3, 4].map(function (q) { return [h("span", { class: "quad-dot q" + q, "aria-hidden": "true" }), QUAD_NAMES[q]]; })
      .concat([[h("span", { class: "badge future", text: "planned" }), ""], [h("span", { class: "badge hypothetical", text: "possible" }), ""],
        [h("span", { class: "badge negated", text: "did not happen" }), "(struck through)"],
        [h("span", { class: "badge unsure", text: "unsure" }), "coded with low confidence"],
        [h("span", { class: "sw-text", text: "3", "aria-hidden": "true" }), "Sources: independent articles reporting it"]]));

    function haystack(e) {
      if (e._hay === undefined) {
        e._hay = (e.source.join(" ") + " " + e.target.join(" ") + " " + e.type + " " + (e.location || "") + " " +
          e.mentions.map(function (m) { return m.q || (m.a && D.articles[m.a] ? D.articles[m.a].text.slice(m.s, m.e) : ""); }).join(" ")).toLowerCase();
      }
      return e._hay;
    }

    function matches(e, q) {
      if (fType.value && e.type !== fType.value) return false;
      if (fQuad.value && String(e.quad) !== fQuad.value) return false;
      if (fMod.value && e.modality !== fMod.value) return false;
      return !q || haystack(e).indexOf(q) >= 0;
    }

    function row(e, unsure) {
      var when = fmtDate(e.date, e.precision);
      var status = [h("span", { class: "badge " + e.modality, text: MODALITY_LABEL[e.modality] || e.modality })];
      if (typeof e.conf === "number" && e.conf < D.meta.lowConfidence) status.push(h("span", { class: "badge unsure", text: "unsure" }));
      return h("tr", { id: "ev-" + e.id, class: "mod-" + e.modality + (unsure ? " unsure" : "") },
        h("td", { class: "date", "data-label": "Date", title: e.when ? "from “" + e.when + "”" : "the article's date", text: when }),
        h("td", { "data-label": "Event" }, h("span", { class: "type" }, h("span", { class: "quad-dot q" + e.quad, title: QUAD_NAMES[e.quad] }),
          typeName(e)), e.location ? h("div", { class: "count", text: e.location }) : null),
        h("td", { class: "who", "data-label": "Who → whom", text: actors(e.source) || actors(e.target) ? (actors(e.source) || "(not named)") + (e.target.length ? " → " + actors(e.target) : "") : "(not named)" }),
        h("td", { "data-label": "Status" }, status),
        h("td", { class: "num", "data-label": "Sources", text: String(e.sources || 1) }),
        h("td", { "data-label": "Reports" }, reportButtons(e)));
    }

    function draw() {
      clear(tbody);
      if (!view) return;
      var q = fText.value.trim().toLowerCase();
      var ids = fAll.checked ? view.main.concat(view.rest) : view.main;
      var restSet = null, list = [];
      for (var i = 0; i < ids.length; i++) { var e = EVENTS[ids[i]]; if (e && matches(e, q)) list.push(e); }
      var page = list.slice(0, shown);   // the best-ranked first ...
      if (fOrder.value === "date") {      // ... shown in date order
        page = page.slice().sort(function (a, b) { return (a.date || "9999") < (b.date || "9999") ? -1 : (a.date || "9999") > (b.date || "9999") ? 1 : 0; });
      }
      if (fAll.checked) { restSet = {}; view.rest.forEach(function (id) { restSet[id] = 1; }); }
      var frag = document.createDocumentFragment();
      page.forEach(function (e) { frag.appendChild(row(e, restSet && restSet[e.id])); });
      tbody.appendChild(frag);
      var total = ids.length;
      count.textContent = (list.length > page.length ? page.length + " shown of " : "") + list.length +
        (list.length !== total ? " matching of " + total : "") + " events";
      more.hidden = list.length <= shown;
      more.textContent = "Show " + Math.min(EVENT_PAGE * 2, list.length - shown) + " more (next best reported)";
    }
    [fType, fQuad, fMod, fOrder, fAll].forEach(function (f) { f.addEventListener("change", function () { shown = EVENT_PAGE; draw(); }); });
    fText.addEventListener("input", function () { shown = EVENT_PAGE; draw(); });
    more.addEventListener("click", function () { shown += EVENT_PAGE * 2; draw(); });

    jumpToEvent = function (id) {
      if (!view) return;
      fType.value = ""; fQuad.value = ""; fMod.value = ""; fText.value = "";
      var i = view.main.indexOf(id);
      if (i < 0) { fAll.checked = true; i = view.main.length + view.rest.indexOf(id); }
      if (i >= shown) shown = i + 1;
      draw();
      var tr = byId("ev-" + id);
      if (!tr) return;
      tr.scrollIntoView({ block: "center" });
      tr.classList.remove("flash");
      void tr.offsetWidth;
      tr.classList.add("flash");
    };

    return {
      show: function (v) {
        view = v; shown = EVENT_PAGE;
        fAll.checked = v.main.length === 0 && v.rest.length > 0;
        byId("event-all-label").textContent = "also " + v.rest.length + " undated, historical or unsure event" + (v.rest.length === 1 ? "" : "s");
        fAll.parentNode.hidden = !v.rest.length;
        draw();
      }
    };
  })();

  // ---------------------------------------------------------------- choosing a story

  var current = -1;

  function select(i) {
    var v = VIEWS[i];
    if (!v || i === current) return;
    current = i; V = v;
    if (!panel.hidden) closePanel();
    var prof = {}, t = performance.now();
    function lap(name) { var n = performance.now(); prof[name] = Math.round(n - t); t = n; }
    renderHeader(v); markStory(i); lap("header");
    renderTimeline(v); lap("timeline");
    dyads.show(v); lap("relations");
    renderNetwork(v, false); lap("network");
    renderFigures(v); lap("figures");
    map.show(v); lap("map");
    table.show(v); lap("events");
    window.storyline.prof = prof;
    document.documentElement.setAttribute("data-story", v.id || "all");
  }

  window.storyline = { select: select, views: VIEWS.length, prof: null };
  renderStoryList();
  if (V) select(0);
  else { byId("story-title").textContent = "No article"; }
  document.documentElement.setAttribute("data-ready", "1");
  document.documentElement.setAttribute("data-render-ms", String(Math.round(((window.performance && performance.now) ? performance.now() : 0) - T0)));
})();
