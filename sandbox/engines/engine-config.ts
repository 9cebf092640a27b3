// The "sandbox" section of dgm.config.json: which Docker engines sessions may run on. Validated with
// zod, every mistake named with its fix. No section means one engine: the local one (DOCKER_HOST or
// the default socket), with one slot per core, exactly as before engines existed.
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "../../common/index.ts";

/** How a session's per-session files and gateway socket reach its container. */
export type FileDelivery = "bind" | "copy";

/** One engine as the pool uses it: its connection settled, its TLS material read. */
export interface EngineSpec {
  name: string;
  /** As configured ("unix:///var/run/docker.sock", "tcp://box2:2376", "ssh://dgm@box3"); undefined = DOCKER_HOST or the default socket. */
  host: string | undefined;
  /** Containers this engine runs at once. */
  slots: number;
  /**
   * "bind": the bundle and the gateway socket are bind mounts of host paths (only an engine on this
   * machine can see them). "copy": the bundle is copied in and the gateway is tunnelled over the Docker
   * API, which works over any transport.
   */
  files: FileDelivery;
  /** What dockerode is constructed with (no secrets are logged from here: key contents stay inside). */
  connection: EngineConnection;
}

export type EngineConnection =
  | { kind: "default" }
  | { kind: "unix"; socketPath: string }
  | { kind: "tcp"; host: string; port: number; ca: Buffer; cert: Buffer; key: Buffer }
  | {
      kind: "ssh";
      host: string;
      port: number;
      username: string;
      privateKey?: Buffer;
      agent?: string;
      /** The server's host key fingerprint ("SHA256:…"); any other key is refused. Unpinned: any is accepted. */
      hostKey?: string;
    };

const NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

const engineSchema = z.strictObject({
  name: z.string().regex(NAME, 'an engine name is 1–32 lowercase letters, digits or dashes, e.g. "box2"'),
  host: z.string().min(1).optional(),
  slots: z.number().int().positive().max(1024).optional(),
  files: z.enum(["bind", "copy"]).optional(),
  tls: z.strictObject({ ca: z.string().min(1), cert: z.string().min(1), key: z.string().min(1) }).optional(),
  ssh: z
    .strictObject({
      privateKey: z.string().min(1).optional(),
      port: z.number().int().positive().optional(),
      hostKey: z
        .string()
        .regex(
          /^SHA256:[A-Za-z0-9+/]{43}$/,
          'hostKey is the server key\'s fingerprint as `ssh-keygen -lf` prints it, "SHA256:…"',
        )
        .optional(),
    })
    .optional(),
});

const sectionSchema = z.strictObject({
  engines: z.array(engineSchema).min(1, 'sandbox.engines needs at least one engine, e.g. [{"name": "local"}]'),
});

export type EngineEntry = z.infer<typeof engineSchema>;

/** The engines when nothing is configured: the local engine, one slot per container the process allows. */
export function defaultEngineSpecs(localSlots: number): EngineSpec[] {
  return [{ name: "local", host: undefined, slots: localSlots, files: "bind", connection: { kind: "default" } }];
}

/**
 * Parses the "sandbox" section (undefined: the default). `baseDir` resolves relative certificate and
 * key paths (the config file's directory); `localSlots` is the default slot count of a local engine.
 */
export function parseEngineSection(
  section: unknown,
  options: { source: string; baseDir: string; localSlots: number },
): EngineSpec[] {
  if (section === undefined) return defaultEngineSpecs(options.localSlots);
  const parsed = sectionSchema.safeParse(section);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `sandbox.${issue.path.join(".")}` : "sandbox";
    throw new ConfigError(`${options.source}: ${where}: ${issue?.message ?? "invalid"}`, {
      fix: 'e.g. "sandbox": {"engines": [{"name": "local"}, {"name": "box2", "host": "tcp://box2:2376", "tls": {"ca": "ca.pem", "cert": "cert.pem", "key": "key.pem"}, "slots": 8}]}',
    });
  }
  const seen = new Set<string>();
  return parsed.data.engines.map((entry, index) => {
    const where = `${options.source}: sandbox.engines.${index} ("${entry.name}")`;
    if (seen.has(entry.name)) throw new ConfigError(`${where}: the name is used twice; engine names must differ`);
    seen.add(entry.name);
    return engineSpec(entry, where, options);
  });
}

function engineSpec(entry: EngineEntry, where: string, options: { baseDir: string; localSlots: number }): EngineSpec {
  const onThisMachine = entry.host === undefined || entry.host.startsWith("unix:");
  if (entry.files === "bind" && !onThisMachine) {
    throw new ConfigError(`${where}: "files": "bind" needs an engine on this machine (a unix socket)`, {
      fix: 'remove "files" (a remote engine gets files copied in and the gateway tunnelled)',
    });
  }
  const connection = connectionOf(entry, where, options.baseDir);
  return {
    name: entry.name,
    host: entry.host,
    slots: entry.slots ?? (onThisMachine ? options.localSlots : 4),
    files: entry.files ?? (onThisMachine ? "bind" : "copy"),
    connection,
  };
}

function connectionOf(entry: EngineEntry, where: string, baseDir: string): EngineConnection {
  if (entry.host === undefined) {
    if (entry.tls || entry.ssh) throw new ConfigError(`${where}: "tls" and "ssh" need a "host"`);
    return { kind: "default" };
  }
  let url: URL;
  try {
    url = new URL(entry.host);
  } catch {
    throw new ConfigError(`${where}: host "${entry.host}" is not a URL`, {
      fix: 'use "unix:///var/run/docker.sock", "tcp://box2.example:2376" or "ssh://user@box3"',
    });
  }
  switch (url.protocol) {
    case "unix:": {
      if (entry.tls || entry.ssh) throw new ConfigError(`${where}: a unix socket takes neither "tls" nor "ssh"`);
      return { kind: "unix", socketPath: url.pathname };
    }
    case "tcp:": {
      if (entry.ssh) throw new ConfigError(`${where}: "ssh" settings on a tcp:// engine`);
      if (!entry.tls) {
        // A Docker API on plain TCP is root on that machine for anyone who can reach the port.
        throw new ConfigError(
          `${where}: a tcp:// engine needs "tls" (ca, cert, key): plain TCP would hand the engine to anyone on the network`,
          {
            fix: 'add "tls": {"ca": "ca.pem", "cert": "cert.pem", "key": "key.pem"} (dockerd --tlsverify), or use ssh://',
          },
        );
      }
      if (!url.hostname || !url.port)
        throw new ConfigError(`${where}: host "${entry.host}" needs a host and a port, e.g. tcp://box2:2376`);
      return {
        kind: "tcp",
        host: url.hostname,
        port: Number(url.port),
        ca: readPem(entry.tls.ca, "tls.ca", where, baseDir),
        cert: readPem(entry.tls.cert, "tls.cert", where, baseDir),
        key: readPem(entry.tls.key, "tls.key", where, baseDir),
      };
    }
    case "ssh:": {
      if (entry.tls) throw new ConfigError(`${where}: "tls" settings on an ssh:// engine`);
      if (!url.username) throw new ConfigError(`${where}: host "${entry.host}" needs a user, e.g. ssh://dgm@box3`);
      const privateKey = entry.ssh?.privateKey;
      const agent = process.env.SSH_AUTH_SOCK;
      if (!privateKey && !agent) {
        throw new ConfigError(
          `${where}: no way to log in: give "ssh": {"privateKey": "<file>"} or run an ssh-agent (SSH_AUTH_SOCK)`,
        );
      }
      return {
        kind: "ssh",
        host: url.hostname,
        port: entry.ssh?.port ?? (url.port ? Number(url.port) : 22),
        username: decodeURIComponent(url.username),
        ...(entry.ssh?.hostKey ? { hostKey: entry.ssh.hostKey } : {}),
        ...(privateKey ? { privateKey: readPem(privateKey, "ssh.privateKey", where, baseDir) } : { agent }),
      };
    }
    default:
      throw new ConfigError(`${where}: host "${entry.host}" has an unknown scheme ${url.protocol}`, {
        fix: "use unix://, tcp:// (with tls) or ssh://",
      });
  }
}

function readPem(path: string, field: string, where: string, baseDir: string): Buffer {
  const full = isAbsolute(path) ? path : resolve(baseDir, path);
  let content: Buffer;
  try {
    content = readFileSync(full);
  } catch (error) {
    throw new ConfigError(`${where}: ${field} ${full} cannot be read: ${(error as Error).message}`);
  }
  // Certificates and keys (OpenSSH's too) are PEM text; anything else fails later with a riddle.
  if (!content.includes("-----BEGIN ")) {
    throw new ConfigError(`${where}: ${field} ${full} is not a PEM file (no "-----BEGIN" line)`, {
      fix: "give the path of the PEM file itself (ca.pem, cert.pem, key.pem, or an OpenSSH private key)",
    });
  }
  return content;
}
