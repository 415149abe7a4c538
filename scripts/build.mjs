// `npm run build` (also run by `npm install` as the prepare script): compiles the TypeScript into dist/ and copies
// beside it everything the bot reads at run time, so that dist/ plus the production dependencies is the whole bot.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(join(root, 'package.json'));
const started = Date.now();

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

// Data the bot loads at start-up, beside the modules that load it.
cpSync(join(root, 'curriculum', 'content'), join(dist, 'curriculum', 'content'), { recursive: true });
cpSync(join(root, 'organisations'), join(dist, 'organisations'), { recursive: true });
cpSync(join(root, 'adapters', 'webchat', 'browser'), join(dist, 'adapters', 'webchat', 'browser'), { recursive: true });
cpSync(join(root, 'adapters', 'teams', 'icons'), join(dist, 'adapters', 'teams', 'icons'), { recursive: true });
cpSync(join(root, 'adapters', 'advisor', 'browser'), join(dist, 'adapters', 'advisor', 'browser'), { recursive: true });
cpSync(join(root, 'adapters', 'ai', 'prompts'), join(dist, 'adapters', 'ai', 'prompts'), { recursive: true });

// The stock Web Chat widget: one file out of a development dependency of some 500 MB.
const { installedWebChat } = require(join(dist, 'adapters', 'webchat', 'webChatBundle.js'));
const installed = installedWebChat();
const widget = readFileSync(installed.file);
const widgetDir = join(dist, 'adapters', 'webchat');
mkdirSync(widgetDir, { recursive: true });
writeFileSync(join(widgetDir, 'webchat.js'), widget);
writeFileSync(join(widgetDir, 'webchat.js.gz'), gzipSync(widget, { level: 9 }));
writeFileSync(join(widgetDir, 'webchat.version'), `${installed.version}\n`);

// The Teams JavaScript library for the advisor tab: its browser bundle out of a development dependency, served by the bot.
const { installedTeamsJs, TEAMS_JS_FILE } = require(join(dist, 'adapters', 'advisor', 'dashboardAssets.js'));
cpSync(installedTeamsJs(), join(dist, 'adapters', 'advisor', TEAMS_JS_FILE));

console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
