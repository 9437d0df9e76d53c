/** Serving the renderer bundle from the app's own protocol (wardlens://app/…), with the CSP on every response. */
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, rendererFile, SECURITY_HEADERS } from './security';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFile(rendererDir, request.method, request.url);
    if (!file) return notFound();
    // A missing file makes net.fetch reject: answer 404 rather than fail the request unhandled.
    const response = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!response?.ok) return notFound();
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}

const notFound = () => new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
