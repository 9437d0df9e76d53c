// Builds better-sqlite3 for Electron's runtime into .electron-native/, apart from the copy
// in node_modules that Node (the CLI, `npm test`) uses: the two runtimes need different
// native builds, and rebuilding node_modules in place would break the tests. The desktop
// app points better-sqlite3 at this build through its `nativeBinding` option.
// Run by `npm start`; does nothing when the build for this Electron version is already there.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;

// First, is there an Electron to start? The electron package fetches its runtime from
// Electron's release site (not the npm registry) the first time it is needed; without it there
// is nothing to build for, and minutes of compiling would end in a confusing stack trace.
const electronDir = dirname(require.resolve('electron/package.json'));
if (!electronRuntimePresent() && !fetchElectronRuntime()) {
  console.error(
    [
      `The Electron ${electronVersion} runtime could not be fetched. npm installs the electron package, but the`,
      "package fetches the runtime itself from Electron's release site the first time, and that needs",
      'internet access to that site (or ELECTRON_MIRROR set to a mirror you can reach). Try `npm start` again there.',
      'Meanwhile browser mode works without it: `npm run serve`, then open the address it prints.',
    ].join('\n'),
  );
  process.exit(1);
}

const source = dirname(require.resolve('better-sqlite3/package.json'));
const target = resolve('.electron-native/better-sqlite3');
const binary = join(target, 'build', 'Release', 'better_sqlite3.node');
const stamp = join(target, '.electron-version');

if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${electronVersion} (once) …`);
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
cpSync(source, target, { recursive: true, filter: (p) => !p.includes(`${source}/build`) });

// A `nodedir` in the npm config (set on some machines to build against the system's Node
// headers) would override the Electron target below and build for the wrong runtime.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'));
const run = (cmd, args) =>
  spawnSync(cmd, args, { cwd: target, env, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
const prebuilt = run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]);
const built =
  prebuilt ||
  run(process.execPath, [nodeGyp(), 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers']);
if (!built || !existsSync(binary)) {
  console.error('Could not build better-sqlite3 for Electron. The CLI and browser mode (`npm run serve`) still work.');
  process.exit(1);
}
if (loadsInThisNode(binary)) {
  // Electron's ABI is not plain Node's: a build that loads here was made for Node, and the
  // desktop app would fail to open its workspace. Better to stop now than to stamp it.
  console.error(`The better-sqlite3 built in ${target} is for Node ${process.version}, not Electron ${electronVersion}; it was not kept.`);
  rmSync(target, { recursive: true, force: true });
  process.exit(1);
}
writeFileSync(stamp, electronVersion);

/** The runtime the electron package records in path.txt once it has fetched it. */
function electronRuntimePresent() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true; // a runtime of the user's own, as `electron` itself allows
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

/** The electron package's own fetch, quietly: its stack trace says less than the message above. */
function fetchElectronRuntime() {
  console.log(`Fetching the Electron ${electronVersion} runtime (once) …`);
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status === 0 && electronRuntimePresent()) return true;
  const why = `${r.stderr ?? ''}`.split('\n').find((line) => line.trim()) ?? `exit ${r.status}`;
  console.error(`Electron's own download failed: ${why.trim()}`);
  return false;
}

/** npm's own node-gyp (run by `npm start`), else one from node_modules; never fetched with npx. */
function nodeGyp() {
  const npm = process.env.npm_execpath;
  const bundled = npm ? join(dirname(npm), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : null;
  if (bundled && existsSync(bundled)) return bundled;
  return require.resolve('node-gyp/bin/node-gyp.js');
}

function loadsInThisNode(file) {
  try {
    process.dlopen({ exports: {} }, file);
    return true;
  } catch {
    return false;
  }
}
