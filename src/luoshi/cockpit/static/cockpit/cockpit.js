/* Leader cockpit charts (ECharts). Data comes from the page's json_script block; a click on
   a bar opens the filtered list page behind it. On the big screen (body data-screen="big")
   the charts are dark, fill their panels and show the top rows with the rest as 其他. */
(function () {
  "use strict";
  var source = document.getElementById("cockpit-data");
  if (!source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var STATUS_COLOURS = {
    not_started: "#98a2b3", on_track: "#17b26a", at_risk: "#f79009",
    overdue: "#d92d20", done: "#2e90fa", not_applicable: "#d0d5dd"
  };
  var big = document.body.dataset.screen === "big";
  var TOP = 8;
  var charts = [];
  if (big) {
    echarts.registerTheme("luoshi-screen", {
      backgroundColor: "transparent",
      textStyle: { color: "#e6edf7", fontSize: 18 },
      legend: { textStyle: { color: "#e6edf7", fontSize: 18 } },
      categoryAxis: { axisLabel: { color: "#e6edf7", fontSize: 18 }, axisLine: { lineStyle: { color: "#1f3b6e" } } },
      valueAxis: { axisLabel: { color: "#8ea3c4", fontSize: 16 }, splitLine: { lineStyle: { color: "#1f3b6e" } } }
    });
  }

  // the first TOP rows, the others summed into one "其他" row (no link)
  function topWithRest(rows, sum) {
    if (!big || rows.length <= TOP + 1) return rows;
    return rows.slice(0, TOP).concat([sum(rows.slice(TOP))]);
  }

  function mount(id, rows, height) {
    var el = document.getElementById(id);
    if (!el) return null;
    if (!rows.length) {
      el.classList.add("chart-empty");
      el.style.height = "auto";
      el.textContent = "暂无数据";
      return null;
    }
    if (height && !big) el.style.height = height + "px";
    var chart = echarts.init(el, big ? "luoshi-screen" : null, { renderer: "canvas" });
    charts.push(chart);
    return chart;
  }

  function go(url) { if (url) window.location.href = url; }

  function rowsHeight(n) { return Math.max(220, 34 * n + 70); }

  var grid = { left: 8, right: 32, top: 30, bottom: 8, containLabel: true };

  // overdue tasks by lead unit (top 10), largest on top
  var units = data.overdue_by_unit.slice(0, big ? TOP : undefined).reverse();
  var unitChart = mount("chart-overdue-units", units, rowsHeight(units.length));
  if (unitChart) {
    unitChart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: grid,
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: units.map(function (r) { return r.name; }) },
      series: [{
        type: "bar", name: "逾期事项", barMaxWidth: 36, itemStyle: { color: STATUS_COLOURS.overdue },
        label: { show: true, position: "right", color: big ? "#e6edf7" : undefined }, cursor: "pointer",
        data: units.map(function (r) { return { value: r.value, url: r.url }; })
      }]
    });
    unitChart.on("click", function (p) { go(p.data && p.data.url); });
  }

  // tasks by leader in charge, stacked by status
  var leaders = topWithRest(data.by_leader, function (rest) {
    var counts = {};
    rest.forEach(function (r) {
      Object.keys(r.counts).forEach(function (k) { counts[k] = (counts[k] || 0) + r.counts[k]; });
    });
    return { name: "其他" + rest.length + "位", counts: counts, urls: {} };
  }).slice().reverse();
  var leaderChart = mount("chart-leaders", leaders, rowsHeight(leaders.length));
  if (leaderChart) {
    leaderChart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, type: "scroll" },
      grid: grid,
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: leaders.map(function (r) { return r.name; }) },
      series: data.statuses.map(function (s) {
        return {
          type: "bar", stack: "tasks", barMaxWidth: 28, name: s.label, cursor: "pointer",
          itemStyle: { color: STATUS_COLOURS[s.key] || "#98a2b3" },
          data: leaders.map(function (r) {
            return { value: r.counts[s.key] || 0, url: r.urls[s.key] };
          })
        };
      })
    });
    leaderChart.on("click", function (p) { go(p.data && p.data.url); });
  }

  // open express cards by step, with the overdue part
  var steps = data.by_step;
  var stepChart = mount("chart-steps", steps, 320);
  if (stepChart) {
    stepChart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category", data: steps.map(function (r) { return r.name; }),
        axisLabel: { interval: 0, width: 84, overflow: "break" }
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          type: "bar", stack: "cards", barMaxWidth: 56, name: "时限内", cursor: "pointer",
          itemStyle: { color: "#2e90fa" },
          data: steps.map(function (r) { return { value: r.value - r.overdue, url: r.url }; })
        },
        {
          type: "bar", stack: "cards", barMaxWidth: 56, name: "已超时", cursor: "pointer",
          itemStyle: { color: STATUS_COLOURS.overdue },
          data: steps.map(function (r) { return { value: r.overdue, url: r.overdue_url }; })
        }
      ]
    });
    stepChart.on("click", function (p) { go(p.data && p.data.url); });
  }

  // ledger tasks by status (big screen only)
  var statuses = (data.ledger_statuses || []).filter(function (r) { return r.value > 0; });
  var statusChart = mount("chart-statuses", statuses);
  if (statusChart) {
    statusChart.setOption({
      tooltip: { trigger: "item" },
      legend: { orient: "vertical", right: 10, top: "middle" },
      series: [{
        type: "pie", radius: ["45%", "75%"], center: ["38%", "52%"], cursor: "pointer",
        label: { formatter: "{b}\n{c}项", fontSize: big ? 18 : 13, color: big ? "#e6edf7" : undefined },
        data: statuses.map(function (r) {
          return { name: r.name, value: r.value, url: r.url, itemStyle: { color: STATUS_COLOURS[r.key] } };
        })
      }]
    });
    statusChart.on("click", function (p) { go(p.data && p.data.url); });
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
