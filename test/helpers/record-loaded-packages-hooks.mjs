// Module hooks for record-loaded-packages.mjs (they run on the loader thread): reports each URL loaded.
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  port?.postMessage(url);
  return nextLoad(url, context);
}
