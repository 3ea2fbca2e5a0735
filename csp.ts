/**
 * The studio's Content-Security-Policy, in one place: `vite.config.ts` sends it from `vite preview` (and the
 * e2e suite checks it), and a production host should send the same header. Why each directive is there:
 * README.md, "Content-Security-Policy". The policy is the minimum the e2e suite needs: Pyodide booting and
 * running workflows, Monaco editing (its own worker), and every view of user values.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, ...string[]]> = [
  // Everything not named below: our own origin only.
  ['default-src', "'self'"],
  // Our bundles only. 'wasm-unsafe-eval' lets Pyodide compile its WebAssembly (WebAssembly.instantiate);
  // it does not allow eval() or new Function() for JavaScript.
  ['script-src', "'self'", "'wasm-unsafe-eval'"],
  // The executor and Monaco's editor worker are module workers served from our origin.
  ['worker-src', "'self'"],
  // Monaco and React Flow set inline styles and inject <style> elements; styles cannot run script.
  ['style-src', "'self'", "'unsafe-inline'"],
  // Monaco's and our CSS use small data: images (icons); nothing is loaded from elsewhere.
  ['img-src', "'self'", 'data:'],
  // Monaco's codicon font is bundled and served from our origin.
  ['font-src', "'self'", 'data:'],
  // fetch() only to our origin: the Pyodide runtime files under /pyodide/.
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  // Nobody may frame the studio (clickjacking); it submits no forms anywhere.
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

/** The build-time setting that lets workflow code reach more origins (README, "Real network"). */
export const CONNECT_ORIGINS_SETTING = 'STUDIO_CONNECT_ORIGINS';

/**
 * The origins of `STUDIO_CONNECT_ORIGINS` (comma- or space-separated `https://host[:port]`): added to
 * `connect-src` and to the executor's allow-list. Throws a one-line reason for anything but an http(s) origin.
 */
export function connectOrigins(value: string | undefined): string[] {
  const origins: string[] = [];
  for (const text of (value ?? '').split(/[\s,]+/).filter((t) => t !== '')) {
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {}
    if (
      !url ||
      (url.protocol !== 'https:' && url.protocol !== 'http:') ||
      `${url.origin}/` !== url.href.replace(/\/?$/, '/')
    ) {
      throw new Error(
        `${CONNECT_ORIGINS_SETTING}: ${JSON.stringify(text)} is not an origin; write https://host or http://host:port`,
      );
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

/** The policy with `connect` origins added to `connect-src` (the build setting). */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return CSP_DIRECTIVES.map((d) => (d[0] === 'connect-src' ? [...d, ...connect] : d).join(' ')).join('; ');
}

/** The header's value: `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; …`. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
