// Preloaded (`node --import`) by the start-up tests: records every package the process imports
// (through the ES module loader, which also sees a CommonJS package's entry when it is imported)
// and writes their names, one a line, to file descriptor 3 at exit.
import { writeSync } from 'node:fs';
import { register } from 'node:module';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const packages = new Set();
const record = (url) => {
  const name = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(String(url))?.[1];
  if (name) packages.add(name);
};
port1.on('message', record);
port1.unref();
register('./record-loaded-packages-hooks.mjs', import.meta.url, {
  data: { port: port2 },
  transferList: [port2],
});
process.on('exit', () => {
  // What the loader thread posted but the event loop has not delivered yet.
  for (let message; (message = receiveMessageOnPort(port1));) record(message.message);
  try {
    writeSync(3, [...packages].map((name) => `${name}\n`).join(''));
  } catch {
    // No fd 3: nobody is listening.
  }
});
