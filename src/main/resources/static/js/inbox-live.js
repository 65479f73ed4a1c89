// Live inbox: one EventSource per signed-in page. The server sends "ready" (current unread count) on connect
// and "inbox" when an item reaches this user; the badge follows, a toast names the item, and the inbox list
// (when shown) reloads through htmx. EventSource reconnects by itself when the stream ends.
(function () {
  var badge = document.getElementById('inbox-unread');
  var count = document.getElementById('inbox-unread-count');
  if (!badge || !count || !window.EventSource) {
    return;
  }

  function showCount(unread) {
    count.textContent = String(unread);
    badge.hidden = unread === 0;
  }

  function toast(data) {
    var region = document.getElementById('inbox-toast');
    if (!region || !data.number) {
      return;
    }
    var text = (region.dataset.template || '{0} {1}').replace('{0}', data.number).replace('{1}', data.title || '');
    var link = document.createElement('a');
    link.href = (region.dataset.link || '/sharing/inbox/') + encodeURIComponent(data.id);
    link.textContent = text;
    region.replaceChildren(link);
    region.classList.add('shown');
  }

  var source = new EventSource(badge.dataset.stream);
  source.addEventListener('ready', function (event) {
    showCount(JSON.parse(event.data).unread);
  });
  source.addEventListener('inbox', function (event) {
    var data = JSON.parse(event.data);
    showCount(data.unread);
    toast(data);
    var list = document.getElementById('inbox-results');
    if (list && window.htmx) {
      window.htmx.trigger(list, 'inbox-changed');
    }
  });
  // Other modules' events on the same stream, handed to their page scripts as DOM events "kakehashi:<name>"
  // with the parsed payload as detail (e.g. warning-tracking.js).
  ['warning-tracking'].forEach(function (name) {
    source.addEventListener(name, function (event) {
      document.dispatchEvent(new CustomEvent('kakehashi:' + name, { detail: JSON.parse(event.data) }));
    });
  });
  // Early warnings: the badge beside "Warnings", a toast naming the warning, and the warnings inbox (when shown)
  // reloads through htmx. The title comes in both languages; the page's language picks one.
  source.addEventListener('warning', function (event) {
    var data = JSON.parse(event.data);
    var warnings = document.getElementById('warnings-unread');
    var warningsCount = document.getElementById('warnings-unread-count');
    if (warnings && warningsCount) {
      warningsCount.textContent = String(data.unread);
      warnings.hidden = data.unread === 0;
    }
    var region = document.getElementById('inbox-toast');
    if (warnings && region && data.number) {
      var english = document.documentElement.lang === 'en';
      var title = english ? (data.titleEn || data.titleJa) : (data.titleJa || data.titleEn);
      var template = data.status === 'WITHDRAWN' ? warnings.dataset.toastWithdrawn : warnings.dataset.toast;
      var link = document.createElement('a');
      link.href = (warnings.dataset.link || '/warnings/inbox/') + encodeURIComponent(data.id);
      link.textContent = (template || '{0} {1}').replace('{0}', data.number).replace('{1}', title || '');
      region.replaceChildren(link);
      region.classList.add('shown');
    }
    var list = document.getElementById('warnings-results');
    if (list && window.htmx) {
      window.htmx.trigger(list, 'warnings-changed');
    }
  });
  window.addEventListener('pagehide', function () {
    source.close();
  });
})();
