// Passkeys: sign-in and registration through Spring Security's WebAuthn endpoints. Wired with
// addEventListener only (the content security policy forbids inline script).
(function () {
  'use strict';

  function csrfHeaders() {
    var headers = { 'Content-Type': 'application/json' };
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST', headers: csrfHeaders(), credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    });
  }

  function toBase64Url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) {
      text += String.fromCharCode(bytes[i]);
    }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function fromBase64Url(value) {
    var base64 = value.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) {
      bytes[i] = text.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function show(id) {
    var element = document.getElementById(id);
    if (element) {
      element.hidden = false;
      element.focus();
    }
  }

  function signIn() {
    return post('/webauthn/authenticate/options').then(function (options) {
      options.challenge = fromBase64Url(options.challenge);
      options.allowCredentials = (options.allowCredentials || []).map(function (credential) {
        return Object.assign({}, credential, { id: fromBase64Url(credential.id) });
      });
      return navigator.credentials.get({ publicKey: options });
    }).then(function (credential) {
      var response = credential.response;
      return post('/login/webauthn', {
        id: credential.id,
        rawId: toBase64Url(credential.rawId),
        response: {
          authenticatorData: toBase64Url(response.authenticatorData),
          clientDataJSON: toBase64Url(response.clientDataJSON),
          signature: toBase64Url(response.signature),
          userHandle: response.userHandle ? toBase64Url(response.userHandle) : undefined
        },
        credType: credential.type,
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment
      });
    }).then(function (result) {
      if (!result.authenticated) {
        throw new Error('not authenticated');
      }
      window.location.assign(result.redirectUrl || '/');
    });
  }

  function register(label) {
    return post('/webauthn/register/options').then(function (options) {
      options.challenge = fromBase64Url(options.challenge);
      options.user = Object.assign({}, options.user, { id: fromBase64Url(options.user.id) });
      options.excludeCredentials = (options.excludeCredentials || []).map(function (credential) {
        return Object.assign({}, credential, { id: fromBase64Url(credential.id) });
      });
      return navigator.credentials.create({ publicKey: options });
    }).then(function (credential) {
      var response = credential.response;
      return post('/webauthn/register', {
        publicKey: {
          credential: {
            id: credential.id,
            rawId: toBase64Url(credential.rawId),
            response: {
              attestationObject: toBase64Url(response.attestationObject),
              clientDataJSON: toBase64Url(response.clientDataJSON),
              transports: response.getTransports ? response.getTransports() : []
            },
            type: credential.type,
            clientExtensionResults: credential.getClientExtensionResults(),
            authenticatorAttachment: credential.authenticatorAttachment
          },
          label: label
        }
      });
    }).then(function (result) {
      if (!result.success) {
        throw new Error('registration refused');
      }
      window.location.reload();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var supported = !!(window.PublicKeyCredential && navigator.credentials);
    document.querySelectorAll('[data-passkey-sign-in]').forEach(function (button) {
      if (!supported) {
        button.hidden = true;
        return;
      }
      button.addEventListener('click', function () {
        signIn().catch(function () { show('passkey-error'); });
      });
    });
    document.querySelectorAll('form[data-passkey-register]').forEach(function (form) {
      if (!supported) {
        form.hidden = true;
        return;
      }
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var label = form.querySelector('input[name="label"]');
        if (!label.value.trim()) {
          label.setAttribute('aria-invalid', 'true');
          label.focus();
          return;
        }
        register(label.value.trim()).catch(function () { show('passkey-register-error'); });
      });
    });
  });
}());
