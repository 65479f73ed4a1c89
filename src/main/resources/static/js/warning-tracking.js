// The sender's tracking dashboard on a warning page: draws the time-to-acknowledge chart (ECharts, SVG) from
// data-tracking-chart (the table beside it holds the same numbers), and fetches the dashboard again through htmx
// when the live stream says a recipient of this warning opened, acknowledged or acted (inbox-live.js re-dispatches
// the stream's "warning-tracking" event as the DOM event "kakehashi:warning-tracking").
(function () {
  var container = document.getElementById('tracking');
  if (!container) {
    return;
  }

  function draw() {
    if (typeof echarts === 'undefined') {
      return;
    }
    var element = document.getElementById('tta-chart');
    if (!element || !element.dataset.trackingChart) {
      return;
    }
    var data = JSON.parse(element.dataset.trackingChart);
    element.style.height = '280px';
    element.style.maxWidth = '48rem';
    var chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption({
      aria: { enabled: true },
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: data.categories, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.series.map(function (s) {
        return { name: s.name, type: 'bar', data: s.data };
      })
    });
  }

  var pending = false;
  document.addEventListener('kakehashi:warning-tracking', function (event) {
    if (!event.detail || event.detail.id !== container.dataset.warning || !window.htmx || pending) {
      return;
    }
    // Responses often come in bursts: one fetch for each burst.
    pending = true;
    setTimeout(function () {
      pending = false;
      window.htmx.trigger(container, 'tracking-changed');
    }, 250);
  });
  document.body.addEventListener('htmx:afterSwap', function (event) {
    if (event.detail.target === container) {
      draw();
    }
  });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
