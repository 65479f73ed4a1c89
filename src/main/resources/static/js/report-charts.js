// Draws the statistics charts from each element's data-chart JSON ({categories, series, stacked}). The
// same numbers are in the table beside every chart; the chart is a picture of it.
document.addEventListener('DOMContentLoaded', function () {
  if (typeof echarts === 'undefined') {
    return;
  }
  document.querySelectorAll('[data-chart]').forEach(function (element) {
    var data = JSON.parse(element.dataset.chart);
    element.style.height = '320px';
    element.style.maxWidth = '56rem';
    var chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption({
      aria: { enabled: true },
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { show: data.series.length > 1, top: 0 },
      grid: { left: 48, right: 16, top: data.series.length > 1 ? 40 : 16, bottom: 72, containLabel: true },
      xAxis: { type: 'category', data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.series.map(function (s) {
        return { name: s.name, type: 'bar', stack: data.stacked ? 'total' : undefined, data: s.data };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
