/**
 * The page's side of the fake Electron: what a sandboxed preload may load (contextBridge,
 * ipcRenderer, webUtils), recording what the preload exposes and sends, and a runner that
 * loads a preload bundle the way Electron loads one into a sandboxed page.
 */
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import vm from 'node:vm';
import { cloned, strict } from './fakeIpc';

/** The page's side of Electron that a sandboxed preload may use, recording what it does. */
export class FakeRenderer {
  readonly exposed = new Map<string, unknown>();
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly sentToMain: { channel: string; args: unknown[] }[] = [];
  readonly ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: (channel: string, ...args: unknown[]) => {
      this.invoked.push({ channel, args: cloned(args) });
      return Promise.resolve(this.main.invoke(channel, cloned(args)));
    },
    send: (channel: string, ...args: unknown[]) => {
      this.sentToMain.push({ channel, args: cloned(args) });
      this.main.send?.(channel, cloned(args));
    },
  });

  /** `main` is the other end of IPC: what answers invoke, and what receives send (a running shell, or a stub). */
  constructor(
    private readonly main: {
      invoke: (channel: string, args: unknown[]) => unknown;
      send?: (channel: string, args: unknown[]) => void;
    },
  ) {}

  module(): object {
    return strict(
      {
        contextBridge: {
          exposeInMainWorld: (key: string, api: unknown) => {
            if (this.exposed.has(key))
              throw new Error(`Cannot bind an API on top of an existing property "${key}"`);
            this.exposed.set(key, api);
          },
        },
        ipcRenderer: this.ipcRenderer,
        webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
      },
      'electron module (sandboxed preload)',
    );
  }

  /** Main sends a message to the page (webContents.send). */
  fromMain(channel: string, ...args: unknown[]): void {
    this.ipcRenderer.emit(channel, { sender: this.ipcRenderer }, ...cloned(args));
  }
}

/** What `require` gives a sandboxed preload in Electron: these modules and nothing else. */
const SANDBOXED_PRELOAD_MODULES = ['electron', 'events', 'timers', 'url'];

/**
 * Runs a preload bundle as Electron runs it in a sandboxed page: in its own context with no
 * Node globals, and a `require` that knows only the few modules a sandboxed preload may load.
 */
export function runPreloadBundle(code: string, filename: string, renderer: FakeRenderer): void {
  const require = (name: string): unknown => {
    if (!SANDBOXED_PRELOAD_MODULES.includes(name))
      throw new Error(
        `module not found: ${name} (a sandboxed preload may load only ${SANDBOXED_PRELOAD_MODULES.join(', ')})`,
      );
    if (name === 'electron') return renderer.module();
    return Module.createRequire(import.meta.url)(name);
  };
  const module = { exports: {} };
  const wrapped = `(function (exports, require, module) {${code}\n})`;
  const run = vm.runInNewContext(wrapped, {}, { filename }) as (...a: unknown[]) => void;
  run(module.exports, require, module);
}
