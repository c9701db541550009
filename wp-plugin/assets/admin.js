/* php-smtp admin pages: progressive enhancements only; every form works without it. */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    /* "Copy" buttons beside the OAuth origin and redirect URI */
    document.querySelectorAll('.php-smtp-copy').forEach(function (button) {
      button.addEventListener('click', function () {
        var input = document.getElementById(button.dataset.target);
        if (!input) return;
        input.select();
        if (navigator.clipboard) navigator.clipboard.writeText(input.value);
      });
    });
    /* buttons that ask before they act (bulk delete, clearing a webhook) */
    document.querySelectorAll('[data-php-smtp-confirm]').forEach(function (el) {
      el.addEventListener('click', function (e) {
        if (!window.confirm(el.dataset.phpSmtpConfirm)) e.preventDefault();
      });
    });
    /* the Connection tab: only the keys of the APIs the two connections send with */
    var primary = document.getElementById('php-smtp-transport');
    var fallback = document.getElementById('php-smtp-fallback_transport');
    var apiRows = document.querySelectorAll('.php-smtp-api-row');
    if (primary && apiRows.length) {
      var showKeys = function () {
        var chosen = [primary.value, fallback ? fallback.value : ''];
        var any = false;
        apiRows.forEach(function (row) {
          var on = chosen.indexOf(row.dataset.phpSmtpApi) !== -1;
          row.hidden = !on;
          any = any || on;
        });
        var heading = document.getElementById('php-smtp-api-keys');
        if (heading) { heading.hidden = !any; heading.nextElementSibling.hidden = !any; }
      };
      primary.addEventListener('change', showKeys);
      if (fallback) fallback.addEventListener('change', showKeys);
      showKeys();
    }
    /* the wizard: the user-name field follows the password for providers whose user name is the token */
    var same = document.querySelector('[data-php-smtp-user-is="password"]');
    if (same) {
      var pass = document.getElementById('php-smtp-wizard-password');
      var user = document.getElementById('php-smtp-wizard-username');
      if (pass && user) pass.addEventListener('input', function () { user.value = pass.value; });
    }
  });
})();
