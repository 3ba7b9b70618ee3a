/* The dashboards' trend charts: each <canvas data-degs-chart="ID"> draws the numbers in the
   <script type="application/json" id="ID"> beside it (Django's json_script), with Chart.js
   (vendored, loaded only on these pages). The same numbers are in a table under the chart, so
   the page reads without scripts and by screen readers; the canvas is hidden from them. */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function draw() {
    if (typeof window.Chart === "undefined") return;
    var words = readJson("degs-chart-words") || { figure: "", target: "" };
    var style = getComputedStyle(document.documentElement);
    var ink = style.getPropertyValue("--bs-primary").trim() || "#0d6efd";
    var muted = style.getPropertyValue("--bs-secondary").trim() || "#6c757d";
    document.querySelectorAll("canvas[data-degs-chart]").forEach(function (canvas) {
      var data = readJson(canvas.dataset.degsChart);
      if (!data || canvas.dataset.drawn) return;
      canvas.dataset.drawn = "1";
      var hasTarget = data.targets.some(function (t) { return t !== null; });
      var datasets = [{
        label: words.figure, data: data.values, borderColor: ink, backgroundColor: ink,
        tension: 0.2, spanGaps: false, pointRadius: 2
      }];
      if (hasTarget) {
        datasets.push({
          label: words.target, data: data.targets, borderColor: muted, borderDash: [4, 4],
          pointRadius: 0, fill: false
        });
      }
      new window.Chart(canvas, {
        type: "line",
        data: { labels: data.labels, datasets: datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: hasTarget, labels: { boxWidth: 12 } } },
          scales: {
            x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 6 } },
            y: { ticks: { maxTicksLimit: 4 } }
          }
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
