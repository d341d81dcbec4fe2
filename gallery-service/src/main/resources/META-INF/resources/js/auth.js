// Reader tokens, for a gallery whose reads need one (aegan.auth.read-access=token). Nothing is asked
// until the API answers 401: with open reads the page sends no header and never shows the form. The
// token lives in sessionStorage (gone with the tab, never in a cookie or the address) and goes out as
// Authorization: Bearer on every API call.

import {$} from './dom.js';

const STORAGE_KEY = 'aegan.gallery.token';
const REFUSALS = new Set(['AUTHENTICATION_REQUIRED', 'INVALID_TOKEN']);
const NEEDS_TOKEN = 'This gallery needs a reader token.';

// Every call refused while the form is shown waits for the same sign-in.
let pendingSignIn = null;
let finishSignIn = null;

function storedToken() {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function signedIn() {
  return storedToken() !== null;
}

export function initSignIn() {
  $('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    const field = $('sign-in-token');
    const token = field.value.trim();
    if (!token) return;
    sessionStorage.setItem(STORAGE_KEY, token);
    field.value = '';
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
    const finish = finishSignIn;
    pendingSignIn = finishSignIn = null;
    finish();
  });
  // the live stream still holds the old token: start the page afresh
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(STORAGE_KEY);
    location.reload();
  });
  $('sign-out').hidden = !signedIn();
}

function askForToken(message) {
  if (!pendingSignIn) {
    pendingSignIn = new Promise((resolve) => {
      finishSignIn = resolve;
    });
  }
  $('sign-in-message').textContent = message;
  $('sign-in').hidden = false;
  $('sign-out').hidden = true;
  $('sign-in-token').focus();
  return pendingSignIn;
}

// fetch with the token, if one was given. A 401 asks for a token and tries again with it; a token
// refused is forgotten and the call tried once without it (reads may be open), the form then showing
// the server's reason.
export async function authorizedFetch(url, init = {}) {
  let refusal = null;
  for (;;) {
    const token = storedToken();
    const headers = {...init.headers};
    if (token !== null) headers.Authorization = 'Bearer ' + token;
    const response = await fetch(url, {...init, headers});
    if (response.status !== 401) return response;
    const body = await response.clone().json().catch(() => ({}));
    if (!REFUSALS.has(body.code)) return response;
    if (storedToken() !== token) continue; // signed in meanwhile, by another call's form
    if (token !== null) {
      sessionStorage.removeItem(STORAGE_KEY);
      refusal = body.message || 'The token was not accepted.';
      continue;
    }
    await askForToken(refusal || NEEDS_TOKEN);
    refusal = null;
  }
}
