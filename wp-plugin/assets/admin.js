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
    /* the wizard: the user-name field follows the password for providers whose user name is the token */
    var same = document.querySelector('[data-php-smtp-user-is="password"]');
    if (same) {
      var pass = document.getElementById('php-smtp-wizard-password');
      var user = document.getElementById('php-smtp-wizard-username');
      if (pass && user) pass.addEventListener('input', function () { user.value = pass.value; });
    }
  });
})();
