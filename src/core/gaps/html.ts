/**
 * The gaps report as one self-contained HTML page: the lists as HTML, the charts drawn as inline SVG
 * by an inline script from the report embedded as JSON. Nothing is fetched when the page is viewed.
 */
import { dayOf, dayRange, type GapsReport } from './report.js';

/** Characters of a passage shown in a chart label or table cell before it is cut. */
const LABEL_CHARS = 60;
const TEXT_CHARS = 240;

/** Escapes text for HTML content and attribute values. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside a `<script>` element: no `</script>`, no `<!--`, no line separators. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What the charts are drawn from: small arrays, already cut to size. */
function chartData(r: GapsReport) {
  return {
    days: r.days.map((d) => ({ label: d.day, values: [d.answered, d.unanswered] })),
    gaps: r.gaps.map((g) => ({ label: g.term, value: g.count })),
    downvoted: r.downvoted.map((p) => ({
      label: cut(p.title ? `${p.title}: ${p.text ?? p.passageId}` : p.passageId, LABEL_CHARS),
      value: p.down,
    })),
    quiz: r.quiz.days.map((d) => ({ label: d.day, values: [d.questions, d.players] })),
    leaderboards: r.quiz.leaderboards.map((l) => ({ title: l.workspace, bars: l.entries.map((e) => ({ label: e.name, value: e.score })) })),
  };
}

/** The page. All text is escaped; the script only reads the embedded data. */
export function renderHtmlReport(r: GapsReport): string {
  const e = escapeHtml;
  const range = dayRange(r.days) ?? 'no questions recorded';
  const filter = [
    r.filter.platform ? `platform ${r.filter.platform}` : '',
    r.filter.from !== undefined ? `from ${dayOf(r.filter.from)}` : '',
    r.filter.to !== undefined ? `until ${dayOf(r.filter.to - 1)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const gaps = r.gaps
    .map(
      (
        g,
      ) => `<li class="gap"><h3>${e(g.term)} <small>${g.count}× · last asked ${e(dayOf(g.lastAsked))}${g.platforms.length ? ` · ${e(g.platforms.join(', '))}` : ''}</small></h3>
${g.related.length ? `<p class="related">Also missing: ${e(g.related.slice(0, 5).join(', '))}</p>` : ''}
<ul class="examples">${g.examples.map((x) => `<li>${e(x)}</li>`).join('')}</ul>
<p class="hint"><strong>What to write:</strong> ${e(g.hint)}</p>
${g.askers.length ? `<p class="askers">Asked by ${e(g.askers.join(', '))}</p>` : ''}</li>`,
    )
    .join('\n');
  const downvoted = r.downvoted
    .map(
      (p) =>
        `<tr><td class="num">${p.down}</td><td class="num">${p.up}</td><td>${p.title ? `<strong>${e(p.title)}</strong> ` : ''}${e(cut(p.text ?? `${p.passageId} (no longer in the knowledge)`, TEXT_CHARS))}</td><td>${p.questions.map((q) => e(q)).join('<br>')}</td></tr>`,
    )
    .join('\n');
  const topics = r.topics.map((t) => `<tr><td class="num">${t.count}</td><td>${e(t.topic)}</td></tr>`).join('\n');
  const section = (id: string, title: string, body: string, empty: boolean) =>
    `<section id="${id}"><h2>${title}</h2>${empty ? '<p class="empty">Nothing recorded yet.</p>' : body}</section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>citebot report</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 1.5rem;color:#1d2433;background:#fff}
h1{margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid #dde;padding-bottom:.2rem}h3{margin:.2rem 0;font-size:1.05rem}
small,.muted{color:#667}.totals{display:flex;gap:1rem;flex-wrap:wrap;padding:0;list-style:none}
.totals li{background:#f3f5fa;border-radius:8px;padding:.5rem .9rem}.totals b{display:block;font-size:1.4rem}
svg.chart{display:block;width:100%;height:auto;margin:.5rem 0}svg text{font:12px system-ui,sans-serif;fill:#1d2433}
.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em;border-radius:2px}
ul.gaps{list-style:none;padding:0}li.gap{border-left:4px solid #d9534f;padding:.3rem .8rem;margin:.8rem 0;background:#fbf7f7}
.hint{background:#eef7ee;padding:.3rem .5rem;border-radius:4px}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #eee;padding:.3rem .4rem;text-align:left;vertical-align:top}td.num{text-align:right;width:3rem}
</style></head><body>
<h1>citebot report</h1>
<p class="muted">Generated ${e(new Date(r.generatedAt).toISOString().replace('T', ' ').slice(0, 16))} UTC · ${e(range)}${filter ? ` · ${e(filter)}` : ''}</p>
<ul class="totals"><li><b>${r.totals.questions}</b>questions</li><li><b>${r.totals.answered}</b>answered</li><li><b>${r.totals.unanswered}</b>not answered</li><li><b>${r.totals.votesUp} / ${r.totals.votesDown}</b>votes up / down</li></ul>
${section('per-day', 'Questions per day', '<p class="legend"><span><i style="background:#3b7dd8"></i>answered</span><span><i style="background:#d9534f"></i>not answered</span></p><svg class="chart" data-chart="days"></svg>', r.days.length === 0)}
${section('gaps', 'Top gaps', `<svg class="chart" data-chart="gaps"></svg><ul class="gaps">${gaps}</ul>`, r.gaps.length === 0)}
${section('downvoted', 'Passages voted down', `<svg class="chart" data-chart="downvoted"></svg><table><tr><th>Down</th><th>Up</th><th>Passage</th><th>Questions that led to it</th></tr>${downvoted}</table>`, r.downvoted.length === 0)}
${section('topics', 'Most asked answered topics', `<table><tr><th>Asked</th><th>Source</th></tr>${topics}</table>`, r.topics.length === 0)}
${section('quiz', 'Quiz activity', '<p class="legend"><span><i style="background:#6f42c1"></i>questions awarded</span><span><i style="background:#f0ad4e"></i>players</span></p><svg class="chart" data-chart="quiz"></svg>', r.quiz.days.length === 0)}
${section('leaderboards', 'Leaderboards', '<div data-chart="leaderboards"></div>', r.quiz.leaderboards.length === 0)}
<script type="application/json" id="report-data">${scriptJson(chartData(r))}</script>
<script>${CHART_SCRIPT}</script>
</body></html>
`;
}

/** Draws the charts: grouped vertical bars per day, horizontal bars for ranked lists. Plain DOM, no library. */
const CHART_SCRIPT = `
(function () {
  var NS = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  function el(name, attrs, parent, text) {
    var n = document.createElementNS(NS, name);
    for (var k in attrs) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    if (parent) parent.appendChild(n);
    return n;
  }
  function columns(svg, rows, colors) {
    var W = 900, H = 240, left = 36, bottom = 40, top = 10;
    var max = 1;
    rows.forEach(function (r) { r.values.forEach(function (v) { if (v > max) max = v; }); });
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    el('line', { x1: left, y1: H - bottom, x2: W, y2: H - bottom, stroke: '#99a' }, svg);
    el('text', { x: left - 6, y: top + 10, 'text-anchor': 'end' }, svg, String(max));
    var slot = (W - left) / Math.max(rows.length, 1);
    var bar = Math.max(2, Math.min(28, (slot - 4) / colors.length));
    var every = Math.ceil(rows.length / 12);
    rows.forEach(function (r, i) {
      r.values.forEach(function (v, j) {
        var h = Math.max(v > 0 ? 1 : 0, (v / max) * (H - bottom - top));
        var rect = el('rect', { x: left + i * slot + 2 + j * bar, y: H - bottom - h, width: bar - 1, height: h, fill: colors[j], 'class': 'bar' }, svg);
        el('title', {}, rect, r.label + ': ' + v);
      });
      if (i % every === 0) el('text', { x: left + i * slot + 2, y: H - bottom + 16 }, svg, r.label.slice(5));
    });
  }
  function bars(svg, rows, color) {
    var W = 900, row = 24, label = 330;
    var H = rows.length * row + 8;
    var max = 1;
    rows.forEach(function (r) { if (r.value > max) max = r.value; });
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    rows.forEach(function (r, i) {
      var y = 4 + i * row;
      el('text', { x: label - 8, y: y + 15, 'text-anchor': 'end' }, svg, r.label);
      var w = Math.max(2, (r.value / max) * (W - label - 50));
      el('rect', { x: label, y: y + 2, width: w, height: row - 6, fill: color, rx: 3, 'class': 'bar' }, svg);
      el('text', { x: label + w + 6, y: y + 15 }, svg, String(r.value));
    });
  }
  var draw = {
    days: function (svg) { columns(svg, data.days, ['#3b7dd8', '#d9534f']); },
    gaps: function (svg) { bars(svg, data.gaps, '#d9534f'); },
    downvoted: function (svg) { bars(svg, data.downvoted, '#e67e22'); },
    quiz: function (svg) { columns(svg, data.quiz, ['#6f42c1', '#f0ad4e']); },
    leaderboards: function (div) {
      data.leaderboards.forEach(function (l) {
        var h = document.createElement('h3');
        h.textContent = l.title;
        div.appendChild(h);
        var svg = el('svg', { 'class': 'chart' }, div);
        bars(svg, l.bars, '#2e9d6a');
      });
    },
  };
  document.querySelectorAll('[data-chart]').forEach(function (node) {
    var name = node.getAttribute('data-chart');
    if (Object.prototype.hasOwnProperty.call(draw, name)) draw[name](node);
  });
})();
`;
