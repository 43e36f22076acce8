/* Traject working time: the service worker of the installable week (Workbox, vendored). */
importScripts("{% load static %}{% static 'worktime/vendor/workbox/workbox-sw.js' %}");
workbox.setConfig({ modulePathPrefix: "{% static 'worktime/vendor/workbox/' %}", debug: false });

const SHELL = "traject-worktime-shell-v1";
const APP = "{{ app_url }}";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.add(APP)).catch(() => undefined));
  self.skipWaiting();
});
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// The page itself: the network when there is one (fresh counters), else the copy kept here.
workbox.routing.registerRoute(
  ({ request, url }) => request.mode === "navigate" && url.pathname === APP,
  new workbox.strategies.NetworkFirst({
    cacheName: SHELL,
    networkTimeoutSeconds: 5,
    // Django varies pages on Cookie and Accept-Language; the copy here is this ASO's anyway.
    matchOptions: { ignoreVary: true, ignoreSearch: true },
  })
);
// Styles, scripts, icons: the copy kept here, refreshed in the background.
workbox.routing.registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith("/static/"),
  new workbox.strategies.StaleWhileRevalidate({
    cacheName: SHELL,
    matchOptions: { ignoreVary: true },
  })
);
// The API is not cached here: the week and the queue of changes live in IndexedDB (app.js).
