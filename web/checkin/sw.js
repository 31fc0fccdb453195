/* global self -- a service worker's global scope (ServiceWorkerGlobalScope) */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/**
 * The check-in app's service worker (scope /checkin/ only): Workbox precaches the app's files, listed by
 * the build (`self.__WB_MANIFEST`), so the app opens without a network. The API is never cached here:
 * what the person sends waits in IndexedDB (outbox.js), and the status is the page's own last copy.
 */

// A new build takes over at once: every file it needs is precached before it activates.
self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// Any navigation inside the app (a link with a fragment, a reload offline) opens the app's page.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/checkin/index.html'), { allowlist: [/^\/checkin\//] }));
