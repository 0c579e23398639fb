/* Charts at phone width (report template; inline, no network).
 *
 * Charts are drawn for a ~900 px page: titles broken for that width, a legend beside the
 * plot, every round name and interview number on the axis. On a phone (a chart narrower
 * than PHONE px) this re-lays each one out: title and subtitle broken to fit, the legend
 * under the plot, fewer and level axis ticks, long axis labels broken over lines, point
 * labels on lines left to the hover, smaller type. Widen the window and the chart returns
 * to its desktop layout. Every chart is a plotly div the report's own scripts drew.
 */
(function () {
  "use strict";
  var PHONE = 600;
  var TITLE_PX = 9.5, SUBTITLE_PX = 6.4, TICK_CHARS = 14, LABEL_CHARS = 18;

  function words(html) {
    return String(html || "").replace(/<br\s*\/?>/gi, " ").split(/\s+/).filter(Boolean);
  }

  function wrap(html, width) {
    var lines = [], line = "";
    words(html).forEach(function (word) {
      if (line && (line + " " + word).replace(/&\w+;/g, "x").length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) lines.push(line);
    return lines;
  }

  function wrapLabel(text, width) {
    // A theme label may start with a coloured square: <span style="…">■</span> name
    var m = /^(<span[^>]*>[^<]*<\/span>\s*)([\s\S]*)$/.exec(String(text));
    var head = m ? m[1] : "", body = m ? m[2] : String(text);
    return head + wrap(body, width).join("<br>");
  }

  function categories(gd, key) {
    var axis = gd._fullLayout[key];
    return axis && axis._categories ? axis._categories.slice() : [];
  }

  function phone(gd) {
    var layout = gd.layout, full = gd._fullLayout, width = gd.clientWidth;
    var update = {"font.size": 11, "margin.l": 8, "margin.r": 8,
                  "legend.orientation": "h", "legend.x": 0, "legend.xanchor": "left",
                  "legend.yref": "container", "legend.y": 0, "legend.yanchor": "bottom",
                  "legend.font.size": 10};
    var title = layout.title || {};
    var lines = wrap(title.text, Math.floor((width - 24) / TITLE_PX));
    var sub = title.subtitle && title.subtitle.text ?
      wrap(title.subtitle.text, Math.floor((width - 24) / SUBTITLE_PX)) : [];
    if (lines.length) {
      update["title.text"] = lines.join("<br>");
      update["title.x"] = 0.02;
      update["title.xanchor"] = "left";
      update["title.yref"] = "container";
      update["title.y"] = 1;
      update["title.yanchor"] = "top";
      update["title.pad.t"] = lines.length === 1 ? 12 : 24;
      update["title.font.size"] = 15;
    }
    if (sub.length) update["title.subtitle.text"] = sub.join("<br>");
    update["margin.t"] = Math.max(80, 36 + 21 * lines.length + 16 * sub.length);
    var legendRows = (gd.data || []).filter(function (t) {
      return t.showlegend !== false && t.name;
    }).length;
    update["margin.b"] = 60 + 18 * Math.ceil(legendRows / 2);
    var plotWidth = Math.max(120, width - 140);
    var rows = 0, rowLines = 1;
    Object.keys(full).forEach(function (key) {
      if (!/^[xy]axis\d*$/.test(key)) return;
      var axis = full[key], isX = key.charAt(0) === "x";
      update[key + ".tickfont.size"] = 10;
      update[key + ".automargin"] = true;
      if (axis.type === "category") {
        var cats = categories(gd, key);
        var shown = layout[key] && layout[key].tickmode === "array" && layout[key].ticktext ?
          layout[key].ticktext : cats;
        var limit = isX ? Math.max(2, Math.floor(plotWidth / 70)) : cats.length;
        var step = Math.max(1, Math.ceil(cats.length / limit));
        var vals = [], texts = [];
        cats.forEach(function (c, i) {
          if (i % step && i !== cats.length - 1) return;
          vals.push(c);
          texts.push(wrapLabel(shown[i] !== undefined ? shown[i] : c,
                               isX ? TICK_CHARS : LABEL_CHARS));
        });
        update[key + ".tickmode"] = "array";
        update[key + ".tickvals"] = vals;
        update[key + ".ticktext"] = texts;
        update[key + ".tickangle"] = 0;
        if (!isX) {
          rows = cats.length;
          rowLines = Math.max.apply(null, texts.map(function (t) {
            return t.split("<br>").length;
          }).concat([1]));
        }
      } else if (isX) {
        update[key + ".tickmode"] = "auto";
        update[key + ".dtick"] = null;
        update[key + ".nticks"] = Math.max(3, Math.floor(plotWidth / 45));
        update[key + ".tickangle"] = 0;
      }
    });
    // Taller than on a desktop: the legend is under the plot now, and each category row may
    // hold a label broken over lines; the plot itself keeps at least 260 px.
    var plot = rows ? rows * (14 * rowLines + 14) : 300;
    update.height = Math.max(gd._synDesktop.height,
                             update["margin.t"] + update["margin.b"] + plot);
    (layout.annotations || []).forEach(function (_, i) {
      update["annotations[" + i + "].font.size"] = 9;
    });
    var modes = (gd.data || []).map(function (t) {
      // Labels beside points crowd a narrow chart: the hover and the legend say the same.
      // A trace that is only text (a bar's total) keeps it.
      return t.mode && t.mode !== "text" ? t.mode.replace(/\+?text/, "") : t.mode;
    });
    size(gd, update.height + "px");
    return Plotly.update(gd, {mode: modes}, update);
  }

  function box(gd) {
    // Plotly's HTML puts the chart's height on a wrapper; the chart fills it.
    var parent = gd.parentElement;
    return parent && parent.style.height ? parent : gd;
  }

  function size(gd, height) {
    box(gd).style.height = height;
  }

  function remember(gd) {
    if (gd._synDesktop) return;
    gd._synDesktop = {layout: JSON.parse(JSON.stringify(gd.layout)),
                      modes: (gd.data || []).map(function (t) { return t.mode; }),
                      height: gd._fullLayout.height, box: box(gd).style.height};
  }

  function fit(gd) {
    if (!gd._fullLayout || !window.Plotly) return;
    remember(gd);
    var narrow = gd.clientWidth < PHONE;
    if (narrow === !!gd._synPhone) return;
    gd._synPhone = narrow;
    if (narrow) return phone(gd);
    var saved = gd._synDesktop;
    (gd.data || []).forEach(function (t, i) { t.mode = saved.modes[i]; });
    size(gd, saved.box);
    // Drawn anew (react would keep the narrow width it measured last).
    return Plotly.newPlot(gd, gd.data, JSON.parse(JSON.stringify(saved.layout)), gd._context);
  }

  function fitAll() {
    var charts = document.querySelectorAll(".plotly-graph-div"), done = [];
    for (var i = 0; i < charts.length; i++) done.push(fit(charts[i]));
    var root = document.documentElement;
    root.setAttribute("data-syn-charts", "fitting");
    // Tests and print wait for this: every chart has its layout for the current width.
    Promise.all(done).then(function () {
      root.setAttribute("data-syn-charts", root.clientWidth < PHONE ? "phone" : "desktop");
    });
  }

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(fitAll, 150);
  });
  window.addEventListener("load", function () { setTimeout(fitAll, 0); });
})();
