/** Origins as the network gate's allow-lists name them (the CLI's `--allow-net`, a file's `allowNet`). */

/** An allow-list entry as an origin (`https://api.example.com:8443`); throws a one-line reason for anything else. */
export function parseOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${JSON.stringify(text)} is not an origin: write it as https://host or http://host:port`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${JSON.stringify(text)} is not an http(s) origin: write it as https://host or http://host:port`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new Error(
      `${JSON.stringify(text)} is more than an origin: drop the path, query and credentials (${url.origin})`,
    );
  }
  return url.origin;
}
