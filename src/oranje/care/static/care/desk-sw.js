// The shelter desk's service worker (scope: one shelter's desk pages, .../balie/). It keeps
// the check-in page and the static files it uses, so that the page opens without a
// connection; the check-ins themselves wait in IndexedDB (desk-offline.js), never here.
// The check-in page is fetched from the network first (fresh CSRF token and places), the
// kept copy only when there is no connection; static files come from the cache first.
"use strict";

var CACHE = "oranje-balie-v1";
var SCOPE = new URL(self.registration.scope).pathname;

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

function isStatic(url) {
  return url.origin === self.location.origin && url.pathname.indexOf("/static/") === 0;
}

// The page asks to keep itself and its files (on its first load it is not controlled yet).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (!Array.isArray(data.keep)) return;
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(
        data.keep.map(function (href) {
          var url = new URL(href, self.location.href);
          if (url.origin !== self.location.origin) return null;
          if (url.pathname === SCOPE) {
            return fetch(url.pathname, { credentials: "same-origin" }).then(function (response) {
              if (response.ok && !response.redirected) return cache.put(SCOPE, response);
            }).catch(function () {});
          }
          if (!isStatic(url)) return null;
          return cache.match(url.href).then(function (hit) {
            return hit || cache.add(url.href);
          }).catch(function () {});
        })
      ).then(function () {
        if (event.source) event.source.postMessage({ kept: true });
      });
    })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (url.pathname !== SCOPE) return; // other desk pages: the network only
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok && !response.redirected) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(SCOPE, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(SCOPE).then(function (hit) {
          return hit || Response.error();
        });
      })
    );
    return;
  }
  if (!isStatic(url)) return;
  event.respondWith(
    caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    })
  );
});
