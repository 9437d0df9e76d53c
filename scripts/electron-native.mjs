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
const source = dirname(require.resolve('better-sqlite3/package.json'));
const target = resolve('.electron-native/better-sqlite3');
const binary = join(target, 'build', 'Release', 'better_sqlite3.node');
const stamp = join(target, '.electron-version');

if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${electronVersion} (once) …`);
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
cpSync(source, target, { recursive: true, filter: (p) => !p.includes(`${source}/build`) });

const run = (cmd, args) => spawnSync(cmd, args, { cwd: target, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
const prebuilt = run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]);
const built =
  prebuilt ||
  run('npx', ['--yes', 'node-gyp', 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers']);
if (!built || !existsSync(binary)) {
  console.error('Could not build better-sqlite3 for Electron. The CLI and browser mode (`npm run serve`) still work.');
  process.exit(1);
}
writeFileSync(stamp, electronVersion);
