// Draws each chart of the analytics page from the table beside it (the table is the
// accessible form of the same figures; the canvas only repeats them). Series are told apart
// by the shape of their points and dashes, not by colour alone; targets are dashed lines.
(() => {
  const canvases = document.querySelectorAll("canvas[data-chart-table]");
  if (canvases.length === 0 || !window.Chart) {
    return;
  }
  const colours = ["#1d4ed8", "#b45309", "#475569", "#047857"];
  const points = ["circle", "rect", "triangle", "rectRot"];
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  canvases.forEach((canvas) => {
    const table = document.getElementById(canvas.dataset.chartTable);
    if (!table) {
      return;
    }
    const percent = canvas.dataset.percent === "true";
    const heads = Array.from(table.querySelectorAll("thead th")).slice(1);
    const rows = Array.from(table.querySelectorAll("tbody tr"));
    const labels = rows.map((row) => row.querySelector("th").textContent.trim());
    const datasets = heads.map((head, index) => {
      const target = head.dataset.target === "true";
      return {
        label: head.textContent.trim(),
        data: rows.map((row) => {
          const value = row.querySelectorAll("td")[index].dataset.value;
          return value === "" || value === undefined ? null : Number(value);
        }),
        borderColor: colours[index % colours.length],
        backgroundColor: colours[index % colours.length],
        borderDash: target ? [6, 4] : [],
        pointStyle: target ? false : points[index % points.length],
        pointRadius: 3,
        spanGaps: true,
        tension: 0.2,
      };
    });
    new window.Chart(canvas, {
      type: "line",
      data: { labels, datasets },
      options: {
        animation: still ? false : undefined,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { labels: { usePointStyle: true } } },
        scales: { y: percent ? { min: 0, max: 100 } : { beginAtZero: true } },
      },
    });
  });
})();
