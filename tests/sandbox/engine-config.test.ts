// The "sandbox" section of dgm.config.json: engines over unix, TCP+TLS and SSH, their defaults, and a
// clear error (with the field and a fix) for every mistake a user can make in it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../common/index.ts";
import { parseEngineSection } from "../../sandbox/index.ts";
import { tempDir } from "../support/temp.ts";

function parse(section: unknown, baseDir = "/nonexistent") {
  return parseEngineSection(section, { source: "dgm.config.json", baseDir, localSlots: 3 });
}

function parseError(section: unknown, baseDir?: string): ConfigError {
  try {
    parse(section, baseDir);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("the sandbox section", () => {
  it("defaults to the local engine alone, bind-mounting, one slot per allowed container", () => {
    expect(parse(undefined)).toEqual([
      { name: "local", host: undefined, slots: 3, files: "bind", connection: { kind: "default" } },
    ]);
  });

  it("reads TCP+TLS, SSH and unix engines, certificate paths relative to the config file", () => {
    const dir = tempDir("engine-config");
    for (const name of ["ca.pem", "cert.pem", "key.pem", "id_ed25519"])
      writeFileSync(join(dir, name), `-----BEGIN ${name}`);
    const engines = parse(
      {
        engines: [
          { name: "local" },
          {
            name: "box2",
            host: "tcp://box2.example:2376",
            tls: { ca: "ca.pem", cert: "cert.pem", key: "key.pem" },
            slots: 16,
          },
          { name: "box3", host: "ssh://dgm@box3:2222", ssh: { privateKey: join(dir, "id_ed25519") }, slots: 8 },
          { name: "side", host: "unix:///run/other/docker.sock", files: "copy" },
        ],
      },
      dir,
    );
    expect(engines.map((engine) => [engine.name, engine.slots, engine.files])).toEqual([
      ["local", 3, "bind"],
      ["box2", 16, "copy"],
      ["box3", 8, "copy"],
      ["side", 3, "copy"],
    ]);
    const tcp = engines[1]?.connection;
    expect(tcp?.kind === "tcp" && [tcp.host, tcp.port, tcp.ca.toString(), tcp.key.toString()]).toEqual([
      "box2.example",
      2376,
      "-----BEGIN ca.pem",
      "-----BEGIN key.pem",
    ]);
    const ssh = engines[2]?.connection;
    expect(ssh?.kind === "ssh" && [ssh.host, ssh.port, ssh.username, ssh.privateKey?.toString()]).toEqual([
      "box3",
      2222,
      "dgm",
      "-----BEGIN id_ed25519",
    ]);
    expect(engines[3]?.connection).toEqual({ kind: "unix", socketPath: "/run/other/docker.sock" });
  });

  it("refuses plain TCP, bind-mounting on a remote engine, twice the same name and unknown fields", () => {
    expect(parseError({ engines: [{ name: "box2", host: "tcp://box2:2375" }] }).message).toMatch(
      /needs "tls".*anyone on the network/,
    );
    expect(
      parseError({
        engines: [{ name: "box3", host: "ssh://dgm@box3", files: "bind", ssh: { privateKey: "/etc/hostname" } }],
      }).message,
    ).toMatch(/"files": "bind" needs an engine on this machine/);
    expect(parseError({ engines: [{ name: "a" }, { name: "a" }] }).message).toMatch(/used twice/);
    expect(parseError({ engines: [{ name: "a", slot: 3 }] }).message).toMatch(/sandbox\.engines\.0.*slot/);
    expect(parseError({ engines: [] }).message).toMatch(/at least one engine/);
    expect(parseError({ engines: [{ name: "Box 2" }] }).message).toMatch(/lowercase letters/);
  });

  it("refuses a certificate or key that is not PEM, naming the field", () => {
    const dir = tempDir("engine-config-pem");
    writeFileSync(join(dir, "ca.pem"), "not a certificate");
    const error = parseError(
      { engines: [{ name: "box2", host: "tcp://box2:2376", tls: { ca: "ca.pem", cert: "ca.pem", key: "ca.pem" } }] },
      dir,
    );
    expect(error.message).toMatch(/tls\.ca .*ca\.pem is not a PEM file/);
  });

  it("names the missing certificate file and the engine it belongs to", () => {
    const error = parseError({
      engines: [{ name: "box2", host: "tcp://box2:2376", tls: { ca: "nope/ca.pem", cert: "c", key: "k" } }],
    });
    expect(error.message).toMatch(
      /sandbox\.engines\.0 \("box2"\): tls\.ca \/nonexistent\/nope\/ca\.pem cannot be read/,
    );
  });

  it("says how to log in to an SSH engine when neither a key nor an agent is given", () => {
    const agent = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK;
    try {
      expect(parseError({ engines: [{ name: "box3", host: "ssh://dgm@box3" }] }).message).toMatch(
        /no way to log in: give "ssh": \{"privateKey"/,
      );
      expect(
        parseError({ engines: [{ name: "box3", host: "ssh://box3", ssh: { privateKey: "/k" } }] }).message,
      ).toMatch(/needs a user/);
    } finally {
      if (agent !== undefined) process.env.SSH_AUTH_SOCK = agent;
    }
  });
});
