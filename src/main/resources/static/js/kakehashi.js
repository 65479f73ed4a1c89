// Kakehashi's only page-wide script: htmx requests carry the CSRF token. No inline script anywhere (CSP).
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Copy buttons (hidden until this script runs, so a page without script shows only the selectable text).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      if (!source) {
        return;
      }
      source.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(source.value);
      }
    });
  });
});
