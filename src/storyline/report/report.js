/* storyline report: draws every section from the JSON embedded in the page.
   Text from articles only ever enters the page through textContent / createTextNode /
   setAttribute, never parsed as HTML, so markup inside an article is shown as text. */
(function () {
  "use strict";

  var D = JSON.parse(document.getElementById("storyline-data").textContent);
  var SVG_NS = "http://www.w3.org/2000/svg";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  var MODALITY_LABEL = { asserted: "reported", future: "planned", hypothetical: "possible", negated: "did not happen" };
  var EVENTS = {};
  D.events.forEach(function (e) { EVENTS[e.id] = e; });

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

  function fmtDate(d, precision) {
    if (!d) return "undated";
    var p = d.split("-");
    var month = MONTHS[parseInt(p[1], 10) - 1] || p[1];
    if (precision === "year") return p[0];
    if (precision === "month" || p.length < 3) return month + " " + p[0];
    return parseInt(p[2], 10) + " " + month + " " + p[0];
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

  function actors(list) { return list && list.length ? list.join(" and ") : "—"; }

  function eventLabel(e) {
    var who = actors(e.source);
    var whom = e.target && e.target.length ? " → " + actors(e.target) : "";
    return e.type.charAt(0) + e.type.slice(1).toLowerCase() + ": " + who + whom;
  }

  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }

  // Score -10..10 -> red .. grey .. green
  function scoreColour(v) {
    if (typeof v !== "number") return "#9aa0a6";
    var t = Math.max(-1, Math.min(1, v / 10));
    var grey = [154, 160, 166], red = [178, 24, 43], green = [27, 120, 55];
    var to = t < 0 ? red : green, k = Math.abs(t);
    var c = grey.map(function (g, i) { return Math.round(g + (to[i] - g) * k); });
    return "rgb(" + c.join(",") + ")";
  }

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

  function reportButtons(e) {
    return e.mentions.map(function (m, i) {
      var art = m.a ? D.articles[m.a] : null;
      var name = art && art.outlet ? art.outlet : "source " + (i + 1);
      return quoteButton(m, name, fmtDate(e.date, e.precision) + " · " + eventLabel(e), "chip");
    });
  }

  function eventItem(e) {
    return h("li", null,
      h("span", { class: "quad-dot q" + e.quad, title: QUAD_NAMES[e.quad] }),
      h("strong", { text: fmtDate(e.date, e.precision) + " " }),
      eventLabel(e) + " ",
      h("span", { class: "badge " + e.modality, text: MODALITY_LABEL[e.modality] || e.modality }),
      " ",
      h("span", { class: "reports" }, reportButtons(e)));
  }

  function showEvents(container, title, ids) {
    clear(container);
    var list = ids.map(function (id) { return EVENTS[id]; }).filter(Boolean);
    append(container, h("h3", { text: title }));
    if (!list.length) { append(container, h("p", { class: "empty", text: "No event." })); return; }
    append(container, h("ul", { class: "ev-list" }, list.map(eventItem)));
  }

  // ---------------------------------------------------------------- timeline

  function renderTimeline() {
    var tabs = byId("story-tabs");
    var list = byId("timeline-list");
    function show(i) {
      Array.prototype.forEach.call(tabs.children, function (b, j) { b.setAttribute("aria-selected", String(i === j)); });
      clear(list);
      var story = D.stories[i];
      if (!story || !story.entries.length) { append(list, h("li", { class: "empty", text: "No dated sentence to show." })); return; }
      story.entries.forEach(function (entry) {
        var label = fmtDate(entry.date, entry.precision);
        var meta = h("div", { class: "tl-meta" });
        var evs = entry.events.map(function (id) { return EVENTS[id]; }).filter(Boolean);
        evs.forEach(function (e) {
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
    }
    if (D.stories.length > 1) {
      D.stories.forEach(function (st, i) {
        append(tabs, h("button", { type: "button", role: "tab", text: st.title || "Story " + (i + 1),
          onclick: function () { show(i); } }));
      });
    }
    show(0);
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

  function renderDyads() {
    var select = byId("dyad-select"), byCountry = byId("dyad-country");
    var chart = byId("dyad-chart"), detail = byId("dyad-detail");
    var legend = byId("dyad-legend");
    [[1, "coop-verbal"], [2, "coop-material"], [3, "conf-verbal"], [4, "conf-material"]].forEach(function (q) {
      append(legend, h("li", null, h("span", { class: "sw q" + q[0] }), QUAD_NAMES[q[0]]));
    });
    if (!D.dyads.country.length) byCountry.checked = false;

    function pairs() { return byCountry.checked ? D.dyads.country : D.dyads.actor; }

    function fill(keep) {
      clear(select);
      pairs().forEach(function (p, i) {
        var n = p.total + (p.other ? " (+" + p.other + " other)" : "");
        append(select, h("option", { value: String(i), text: p.an + " – " + p.bn + " · " + n + " events" }));
      });
      if (keep !== undefined) select.value = String(keep);
      draw();
    }

    function draw() {
      clear(chart); clear(detail);
      var p = pairs()[+select.value || 0];
      if (!p) { append(chart, h("p", { class: "empty", text: "No event names both an acting actor and the actor it acts on." })); return; }
      var months = monthRange(p.months[0].m, p.months[p.months.length - 1].m);
      var byMonth = {};
      p.months.forEach(function (r) { byMonth[r.m] = r; });
      var max = 1;
      p.months.forEach(function (r) { max = Math.max(max, r.q[0] + r.q[1], r.q[2] + r.q[3]); });
      var W = 760, H = 300, L = 44, R = 12, T = 16, B = 40;
      var mid = T + (H - T - B) / 2, half = (H - T - B) / 2;
      var bw = Math.min(56, (W - L - R) / months.length * 0.6);
      var step = (W - L - R) / months.length;
      var svg = s("svg", { viewBox: "0 0 " + W + " " + H, role: "img",
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
      var labelEvery = Math.ceil(months.length / 12);
      months.forEach(function (m, i) {
        var x = L + step * i + (step - bw) / 2;
        var r = byMonth[m];
        if (r) {
          var stacks = [[0, -1], [1, -1], [2, 1], [3, 1]];
          var up = 0, down = 0;
          stacks.forEach(function (st) {
            var n = r.q[st[0]];
            if (!n) return;
            var hgt = n / max * half;
            var y = st[1] < 0 ? mid - up - hgt : mid + down;
            if (st[1] < 0) up += hgt; else down += hgt;
            var ids = r.ev.filter(function (id) { var e = EVENTS[id]; return e && e.quad === st[0] + 1 && e.modality === "asserted"; });
            var rect = s("rect", { x: x, y: y, width: bw, height: Math.max(1, hgt), class: "clickable q" + (st[0] + 1),
              fill: ["#7fbf7b", "#1b7837", "#f4a582", "#b2182b"][st[0]], tabindex: 0,
              onclick: function () { showEvents(detail, fmtMonth(m) + " · " + p.an + " – " + p.bn + " · " + QUAD_NAMES[st[0] + 1], ids); } },
              s("title", { text: fmtMonth(m) + ": " + n + " × " + QUAD_NAMES[st[0] + 1] + (r.score !== null ? " · mean score " + r.score : "") }));
            append(svg, rect);
          });
          if (r.other) {
            append(svg, s("text", { x: x + bw / 2, y: mid - up - 4, "text-anchor": "middle", "font-size": 10, fill: "#5f6368",
              class: "clickable", text: "+" + r.other,
              onclick: function () { showEvents(detail, fmtMonth(m) + " · " + p.an + " – " + p.bn + " · all events, planned, possible and denied included", r.ev); } },
              s("title", { text: r.other + " planned, possible or denied" })));
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
      showEvents(detail, "All events between " + p.an + " and " + p.bn, all);
    }

    select.addEventListener("change", draw);
    byCountry.addEventListener("change", function () { fill(); });
    fill();
    return {
      selectPair: function (a, b) {
        byCountry.checked = false;
        var i = D.dyads.actor.findIndex(function (p) { return p.a === a && p.b === b; });
        fill(i >= 0 ? i : 0);
      }
    };
  }

  // ------------------------------------------------------------ actor network

  function renderNetwork(dyads) {
    var box = byId("network-chart"), detail = byId("network-detail");
    var net = D.network;
    if (!net.nodes.length) { append(box, h("p", { class: "empty", text: "No event names both an acting actor and the actor it acts on." })); return; }
    var S = 600, pad = 70;
    var pos = {};
    net.nodes.forEach(function (n) { pos[n.id] = [pad + n.x * (S - 2 * pad), pad + n.y * (S - 2 * pad)]; });
    var maxW = 1;
    net.nodes.forEach(function (n) { maxW = Math.max(maxW, n.w); });
    var svg = s("svg", { viewBox: "0 0 " + S + " " + S, role: "img", "aria-label": "Network of actors" });
    var names = {};
    net.nodes.forEach(function (n) { names[n.id] = n.name; });
    net.edges.forEach(function (e) {
      var a = pos[e.a], b = pos[e.b], total = e.n + e.other;
      var label = names[e.a] + " – " + names[e.b] + ": " + e.n + " reported" + (e.other ? ", " + e.other + " planned, possible or denied" : "") +
        (e.score !== null ? " · mean score " + e.score : "");
      append(svg, s("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: scoreColour(e.score),
        "stroke-width": 1.5 + 2.5 * Math.sqrt(total), "stroke-linecap": "round", "stroke-opacity": 0.85,
        "stroke-dasharray": e.n ? null : "6 5", class: "clickable",
        onclick: function () {
          showEvents(detail, names[e.a] + " – " + names[e.b], e.ev);
          dyads.selectPair(e.a, e.b);
        } }, s("title", { text: label })));
    });
    net.nodes.forEach(function (n) {
      var p = pos[n.id], r = 5 + 9 * Math.sqrt(n.w / maxW);
      var right = p[0] >= S / 2 - 1;
      var g = s("g", { class: "clickable", onclick: function () {
        var ids = [];
        net.edges.forEach(function (e) { if (e.a === n.id || e.b === n.id) ids = ids.concat(e.ev); });
        showEvents(detail, "Events of " + n.name, Array.from(new Set(ids)));
      } },
        s("circle", { cx: p[0], cy: p[1], r: r, fill: "#1d1d1f", stroke: "#fff", "stroke-width": 2 }),
        s("text", { x: p[0] + (right ? r + 4 : -r - 4), y: p[1] + 4, "text-anchor": right ? "start" : "end",
          "font-size": 13, "paint-order": "stroke", stroke: "#fff", "stroke-width": 3, text: n.name }),
        s("title", { text: n.name + ": " + n.w + " events with another actor" }));
      append(svg, g);
    });
    append(box, svg);
  }

  // ---------------------------------------------------------------- figures

  function renderFigures() {
    var box = byId("figure-list");
    if (!D.series.length) { append(box, h("p", { class: "empty", text: "No figure was reported." })); return; }
    D.series.forEach(function (sr) {
      var title = sr.what || "figure";
      var card = h("article", { class: "card" },
        h("h3", { text: title.charAt(0).toUpperCase() + title.slice(1) + (sr.unit && sr.unit !== sr.what ? " (" + sr.unit + ")" : "") }),
        sr.where ? h("p", { class: "where", text: sr.where }) : null);
      var pts = sr.points.filter(function (p) { return typeof p.value === "number"; });
      var last = pts[pts.length - 1];
      if (last) {
        var label = title + " · " + fmtDate(last.date);
        append(card, [quoteButton(last.cites[0] || { q: "" }, fmtValue(last, sr.unit), label, "big"), " ",
          h("span", { class: "asof", text: pts.length > 1 ? "latest, " + fmtDate(last.date) : fmtDate(last.date) })]);
      }
      if (pts.length > 1) append(card, sparkline(sr, pts));
      if (pts.some(function (p) { return p.disagree; })) append(card, h("p", { class: "disagree-note", text: "Orange points: sources give different numbers for the same period." }));
      append(card, h("ul", { class: "ev-list" }, pts.slice().reverse().slice(0, 6).map(function (p) {
        return h("li", null, h("strong", { text: fmtDate(p.date) + " " }), fmtValue(p, sr.unit) + " ",
          h("span", { class: "reports" }, p.cites.map(function (c, i) {
            var art = c.a ? D.articles[c.a] : null;
            return quoteButton(c, art && art.outlet ? art.outlet : "source " + (i + 1), title + " · " + fmtDate(p.date), "chip");
          })));
      })));
      append(box, card);
    });
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
    var svg = s("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": (sr.what || "figure") + " over time" });
    append(svg, s("line", { class: "axis", x1: L, x2: W - R, y1: Y(v0), y2: Y(v0) }));
    append(svg, s("path", { class: "fig-line", d: pts.map(function (p, i) { return (i ? "L" : "M") + X(i).toFixed(1) + " " + Y(p.value).toFixed(1); }).join("") }));
    pts.forEach(function (p, i) {
      if (typeof p.max === "number" && p.max !== p.value) {
        append(svg, s("line", { x1: X(i), x2: X(i), y1: Y(p.value), y2: Y(p.max), stroke: "#5f6368", "stroke-width": 2 }));
      }
      append(svg, s("circle", { cx: X(i), cy: Y(p.value), r: 5, class: "fig-point" + (p.disagree ? " disagree" : ""), tabindex: 0,
        onclick: function () { showQuote(p.cites[0] || { q: "" }, (sr.what || "figure") + " · " + fmtDate(p.date)); } },
        s("title", { text: fmtDate(p.date) + ": " + fmtValue(p, sr.unit) })));
    });
    append(svg, s("text", { x: L, y: H - 6, "font-size": 11, text: fmtDate(pts[0].date) }));
    append(svg, s("text", { x: W - R, y: H - 6, "font-size": 11, "text-anchor": "end", text: fmtDate(pts[pts.length - 1].date) }));
    return svg;
  }

  // -------------------------------------------------------------------- map

  function renderMap() {
    var box = byId("map-chart"), detail = byId("map-detail"), note = byId("map-note");
    var pts = D.map.points;
    var named = pts.some(function (p) { return p.kind === "named"; });
    var located = pts.some(function (p) { return p.kind === "event"; });
    note.textContent = !pts.length ? "No event in these articles carries a place." :
      located && named ? "Red: where events happened. Blue: places named in the sentence of an event that has no location of its own." :
      located ? "Where events happened; the size of a point is the number of events." :
      "Places named in the sentences that report events (the events carry no location of their own); the size of a point is the number of events.";
    var lon0 = -180, lon1 = 180, lat0 = -60, lat1 = 85;
    if (pts.length) {
      var lons = pts.map(function (p) { return p.lon; }), lats = pts.map(function (p) { return p.lat; });
      lon0 = Math.min.apply(null, lons); lon1 = Math.max.apply(null, lons);
      lat0 = Math.min.apply(null, lats); lat1 = Math.max.apply(null, lats);
      var span = Math.max(lon1 - lon0, (lat1 - lat0) * 1.6, 16);
      var cx = (lon0 + lon1) / 2, cy = (lat0 + lat1) / 2;
      span *= 1.35;
      lon0 = cx - span / 2; lon1 = cx + span / 2;
      lat0 = cy - span / 3.2; lat1 = cy + span / 3.2;
    }
    var w = lon1 - lon0, hgt = lat1 - lat0;
    var unit = w / 100;
    var involved = {};
    (D.map.involved || []).forEach(function (c) { involved[c] = true; });
    var svg = s("svg", { viewBox: lon0 + " " + (-lat1) + " " + w + " " + hgt, role: "img", "aria-label": "Map of event places",
      preserveAspectRatio: "xMidYMid meet" });
    append(svg, s("rect", { class: "sea", x: lon0, y: -lat1, width: w, height: hgt }));
    var stepDeg = w > 120 ? 30 : w > 40 ? 10 : 5;
    var grat = [];
    for (var x = Math.ceil(lon0 / stepDeg) * stepDeg; x <= lon1; x += stepDeg) grat.push("M" + x + " " + (-lat1) + "V" + (-lat0));
    for (var y = Math.ceil(lat0 / stepDeg) * stepDeg; y <= lat1; y += stepDeg) grat.push("M" + lon0 + " " + (-y) + "H" + lon1);
    append(svg, s("path", { class: "graticule", d: grat.join(""), "stroke-width": unit * 0.15 }));
    D.map.world.forEach(function (c) {
      append(svg, s("path", { class: "land" + (involved[c.iso3] ? " involved" : ""), d: c.d, "stroke-width": unit * 0.12 },
        s("title", { text: c.name })));
    });
    var placed = [];
    function free(box) {
      return placed.every(function (b) { return box[0] > b[2] || box[2] < b[0] || box[1] > b[3] || box[3] < b[1]; });
    }
    var fs = unit * 2.2;
    pts.forEach(function (p) {
      var r = unit * (0.7 + 0.55 * Math.sqrt(p.ev.length));
      placed.push([p.lon - r, -p.lat - r, p.lon + r, -p.lat + r]);
    });
    pts.forEach(function (p) {  // busiest first: they get their labels first
      var r = unit * (0.7 + 0.55 * Math.sqrt(p.ev.length));
      var g = s("g", { class: "clickable", onclick: function () { showEvents(detail, p.name + (p.kind === "named" ? " (named in the sentence)" : ""), p.ev); } },
        s("circle", { class: "map-point" + (p.kind === "named" ? " named" : ""), cx: p.lon, cy: -p.lat, r: r, "stroke-width": unit * 0.2 }),
        s("title", { text: p.name + ": " + p.ev.length + " event" + (p.ev.length === 1 ? "" : "s") }));
      var tw = p.name.length * fs * 0.58;
      var x = p.lon + r + unit * 0.5, y = -p.lat + fs * 0.35;
      var box = [x, y - fs, x + tw, y + fs * 0.25];
      if (free(box)) {
        placed.push(box);
        append(g, s("text", { x: x, y: y, "font-size": fs, "paint-order": "stroke", stroke: "#fff", "stroke-width": unit * 0.5, text: p.name }));
      }
      append(svg, g);
    });
    append(box, svg);
    if (pts.length) {
      var chips = h("div", { class: "reports place-list" }, h("span", { class: "count", text: "Places: " }));
      pts.forEach(function (p) {
        append(chips, h("button", { type: "button", class: "chip", text: p.name + " (" + p.ev.length + ")",
          onclick: function () { showEvents(detail, p.name + (p.kind === "named" ? " (named in the sentence)" : ""), p.ev); } }));
      });
      box.parentNode.insertBefore(chips, detail);
    }
  }

  // ---------------------------------------------------------------- events table

  var jumpToEvent = function () {};

  function renderTable() {
    var tbody = document.querySelector("#event-table tbody");
    var fType = byId("filter-type"), fQuad = byId("filter-quad"), fMod = byId("filter-modality"), fText = byId("filter-text");
    var more = byId("event-more"), count = byId("event-count");
    var PAGE = 300, shown = PAGE;
    function options(select, values, labels) {
      append(select, h("option", { value: "", text: "all" }));
      values.forEach(function (v) { append(select, h("option", { value: String(v), text: labels ? labels[v] : v })); });
    }
    var types = Array.from(new Set(D.events.map(function (e) { return e.type; }))).sort();
    options(fType, types);
    options(fQuad, [1, 2, 3, 4], QUAD_NAMES);
    options(fMod, ["asserted", "future", "hypothetical", "negated"], MODALITY_LABEL);

    function matches(e) {
      if (fType.value && e.type !== fType.value) return false;
      if (fQuad.value && String(e.quad) !== fQuad.value) return false;
      if (fMod.value && e.modality !== fMod.value) return false;
      var q = fText.value.trim().toLowerCase();
      if (q) {
        var hay = (e.source.join(" ") + " " + e.target.join(" ") + " " + e.type + " " +
          e.mentions.map(function (m) { return m.q || (m.a && D.articles[m.a] ? D.articles[m.a].text.slice(m.s, m.e) : ""); }).join(" ")).toLowerCase();
        if (hay.indexOf(q) < 0) return false;
      }
      return true;
    }

    function row(e) {
      var when = fmtDate(e.date, e.precision);
      return h("tr", { id: "ev-" + e.id, class: "mod-" + e.modality },
        h("td", { class: "date", title: e.when ? "from “" + e.when + "”" : "the article's date", text: when }),
        h("td", null, h("span", { class: "type" }, h("span", { class: "quad-dot q" + e.quad, title: QUAD_NAMES[e.quad] }),
          e.type.charAt(0) + e.type.slice(1).toLowerCase()), e.location ? h("div", { class: "count", text: e.location }) : null),
        h("td", { class: "who", text: actors(e.source) + (e.target.length ? " → " + actors(e.target) : "") }),
        h("td", null, h("span", { class: "badge " + e.modality, text: MODALITY_LABEL[e.modality] || e.modality })),
        h("td", { text: typeof e.score === "number" ? (e.score > 0 ? "+" : "") + e.score : "" }),
        h("td", null, h("span", { class: "reports" }, reportButtons(e))));
    }

    function draw() {
      clear(tbody);
      var list = D.events.filter(matches);
      list.slice(0, shown).forEach(function (e) { append(tbody, row(e)); });
      count.textContent = list.length + " of " + D.events.length + " events";
      more.hidden = list.length <= shown;
    }
    [fType, fQuad, fMod].forEach(function (f) { f.addEventListener("change", function () { shown = PAGE; draw(); }); });
    fText.addEventListener("input", function () { shown = PAGE; draw(); });
    more.addEventListener("click", function () { shown += PAGE; draw(); });
    draw();

    jumpToEvent = function (id) {
      fType.value = ""; fQuad.value = ""; fMod.value = ""; fText.value = "";
      var i = D.events.findIndex(function (e) { return e.id === id; });
      if (i >= shown) shown = i + 1;
      draw();
      var tr = byId("ev-" + id);
      if (!tr) return;
      tr.scrollIntoView({ block: "center" });
      tr.classList.remove("flash");
      void tr.offsetWidth;
      tr.classList.add("flash");
    };
  }

  // ---------------------------------------------------------------- go

  renderTimeline();
  var dyads = renderDyads();
  renderNetwork(dyads);
  renderFigures();
  renderMap();
  renderTable();
  document.documentElement.setAttribute("data-ready", "1");
})();
