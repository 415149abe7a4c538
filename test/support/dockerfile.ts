import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** One instruction of a Dockerfile, with its arguments as written (continuation lines joined). */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** A build stage: its name and instructions. */
export interface Stage {
  readonly name: string;
  readonly image: string;
  readonly instructions: readonly Instruction[];
}

/** Parses the Dockerfile syntax the project uses: one instruction a line, `\` continues a line, `#` comments. */
export function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const stages: { name: string; image: string; instructions: Instruction[] }[] = [];
  for (const line of lines.map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', , name] = args.split(/\s+/);
      stages.push({ image, name: name ?? String(stages.length), instructions: [] });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) throw new Error(`instruction before FROM: ${line}`);
    stage.instructions.push({ keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') });
  }
  return stages;
}

/** Where a stage's container file system lives in the sandbox, and what it has set so far. */
export interface StageResult {
  readonly root: string;
  readonly workdir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cmd?: readonly string[];
  readonly healthcheck?: readonly string[];
  readonly user?: string;
  readonly volumes: readonly string[];
}

export interface RunOptions {
  /** The build context (the repository). */
  readonly context: string;
  /** An empty folder: every stage gets `<sandbox>/<stage name>` as its root. */
  readonly sandbox: string;
  /** Environment for RUN steps on top of the stage's ENV (for example to keep npm offline). */
  readonly runEnv?: Readonly<Record<string, string>>;
}

/**
 * Runs the stages of a Dockerfile without Docker: each stage's file system is a folder, WORKDIR and COPY paths are
 * mapped into it, ENV values that are absolute paths likewise, and RUN lines run with `sh -c` in the WORKDIR (they
 * must not contain absolute paths). The image itself (FROM) is this machine: its Node and npm.
 */
export function runDockerfile(stages: readonly Stage[], options: RunOptions): Map<string, StageResult> {
  const results = new Map<string, StageResult>();
  const ignored = dockerignore(options.context);
  for (const stage of stages) {
    const root = join(options.sandbox, stage.name);
    mkdirSync(root, { recursive: true });
    const inStage = (path: string, workdir: string) => join(root, path.startsWith('/') ? path : join(workdir, path));
    let workdir = '/';
    const env: Record<string, string> = {};
    let cmd: string[] | undefined;
    let healthcheck: string[] | undefined;
    let user: string | undefined;
    const volumes: string[] = [];
    for (const { keyword, args } of stage.instructions) {
      switch (keyword) {
        case 'WORKDIR':
          workdir = args;
          mkdirSync(inStage(workdir, '/'), { recursive: true });
          break;
        case 'ENV':
          for (const [, key = '', value = ''] of args.matchAll(/(\w+)=(\S+)/g)) env[key] = value.startsWith('/') ? join(root, value) : value;
          break;
        case 'COPY': {
          const words = args.split(' ');
          const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
          const paths = words.filter((w) => !w.startsWith('--'));
          const target = paths.pop() ?? '';
          const sourceRoot = from ? results.get(from)?.root : options.context;
          if (!sourceRoot) throw new Error(`COPY --from=${from}: no such earlier stage`);
          for (const source of paths)
            copyInto(
              from ? join(sourceRoot, source) : join(sourceRoot, source),
              inStage(target, workdir),
              target.endsWith('/') || paths.length > 1,
              from ? [] : ignored,
              options.context,
            );
          break;
        }
        case 'RUN':
          if (/(^|\s)\/\w/.test(args)) throw new Error(`RUN lines must not use absolute paths (they are not mapped into the sandbox): ${args}`);
          execFileSync('sh', ['-c', args], { cwd: inStage(workdir, '/'), env: { ...process.env, ...env, ...options.runEnv }, stdio: 'pipe' });
          break;
        case 'CMD':
          cmd = JSON.parse(args) as string[];
          break;
        case 'HEALTHCHECK':
          healthcheck = JSON.parse(args.replace(/^.*?\bCMD\s+/, '')) as string[];
          break;
        case 'USER':
          user = args;
          break;
        case 'VOLUME':
          volumes.push(...(JSON.parse(args) as string[]));
          break;
        case 'EXPOSE':
          break;
        default:
          throw new Error(`the sandbox does not know the instruction ${keyword}; teach test/support/dockerfile.ts what it means`);
      }
    }
    results.set(stage.name, {
      root,
      workdir: inStage(workdir, '/'),
      env,
      volumes,
      ...(cmd ? { cmd } : {}),
      ...(healthcheck ? { healthcheck } : {}),
      ...(user ? { user } : {}),
    });
  }
  return results;
}

/** The .dockerignore entries of the context: top-level names and `*.ext` patterns are all the project uses. */
function dockerignore(context: string): ((relativePath: string) => boolean)[] {
  const file = join(context, '.dockerignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((pattern) => {
      if (pattern.startsWith('*.')) return (path: string) => path.endsWith(pattern.slice(1));
      if (!/^[\w.-]+$/.test(pattern)) throw new Error(`.dockerignore pattern the sandbox does not understand: ${pattern}`);
      return (path: string) => path === pattern || path.startsWith(`${pattern}/`);
    });
}

function copyInto(source: string, target: string, intoFolder: boolean, ignored: readonly ((path: string) => boolean)[], context: string): void {
  const isFolder = readdirSafe(source) !== null;
  const destination = isFolder || !intoFolder ? target : join(target, source.split('/').pop() ?? '');
  mkdirSync(isFolder ? destination : dirname(destination), { recursive: true });
  cpSync(source, destination, {
    recursive: true,
    filter: (path) => !ignored.some((isIgnored) => relative(context, path) !== '' && isIgnored(relative(context, path))),
  });
}

function readdirSafe(path: string): string[] | null {
  try {
    return readdirSync(path);
  } catch {
    return null;
  }
}
