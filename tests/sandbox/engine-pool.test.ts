// The pool's bookkeeping with engines that do not answer (real sockets that are not there, no
// Docker needed): the error names every engine and why, engines are marked down, asked again after
// 10 s and then after longer and longer pauses while they stay down.
import { createServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { Engine, EnginePool, parseEngineSection, SandboxError } from "../../sandbox/index.ts";

function unreachablePool(): EnginePool {
  const specs = parseEngineSection(
    {
      engines: [
        { name: "gone-a", host: "unix:///nonexistent/dgm-a.sock", slots: 3 },
        { name: "gone-b", host: "unix:///nonexistent/dgm-b.sock", slots: 5 },
      ],
    },
    { source: "test", baseDir: "/", localSlots: 1 },
  );
  return new EnginePool(specs.map((spec) => new Engine(spec)));
}

describe("an engine pool whose engines do not answer", () => {
  it("has every engine's slots as its container limit", () => {
    expect(unreachablePool().totalSlots).toBe(8);
  });

  it("fails to place a session with each engine's name and reason, and marks them down", async () => {
    const pool = unreachablePool();
    const error = await pool.acquire().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as Error).message).toMatch(/no Docker engine answers \(gone-a: .*ENOENT.*; gone-b: .*ENOENT/);
    expect((error as Error).message).toMatch(/dgm doctor/);
    expect(pool.engines.map((engine) => engine.health)).toEqual(["down", "down"]);
    expect(pool.engines.map((engine) => engine.active)).toEqual([0, 0]);
  });

  it("asks a down engine again after 10 s, then after twice as long while it stays down", async () => {
    const pool = unreachablePool();
    const [engine] = pool.engines;
    if (!engine) throw new Error("no engine");
    expect(await engine.probe()).toBe(false);
    const firstDown = Date.now();
    expect(engine.placeable(firstDown)).toBe(false);
    expect(engine.placeable(firstDown + 10_500)).toBe(true);
    expect(await engine.probe()).toBe(false);
    const secondDown = Date.now();
    expect(engine.placeable(secondDown + 10_500)).toBe(false);
    expect(engine.placeable(secondDown + 20_500)).toBe(true);
    // An engine that is down and not yet due is not even asked: excluded engines and down ones alike.
    await expect(pool.acquire({ exclude: new Set(["gone-b"]) })).rejects.toThrow(/gone-a/);
  });

  it("says so when every engine is excluded", async () => {
    await expect(unreachablePool().acquire({ exclude: new Set(["gone-a", "gone-b"]) })).rejects.toThrow(
      /every engine was excluded/,
    );
  });

  it("tells how to check an SSH engine that accepts the connection but never answers", async () => {
    // A server that takes the connection and says nothing: what a login shell stuck in ~/.bashrc looks like.
    const held: Socket[] = [];
    const mute = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => mute.listen(0, "127.0.0.1", resolve));
    const address = mute.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    try {
      const engine = new Engine({
        name: "mute",
        host: `ssh://dgm@127.0.0.1:${address.port}`,
        slots: 1,
        files: "copy",
        connection: { kind: "ssh", host: "127.0.0.1", port: address.port, username: "dgm", agent: "/nonexistent" },
      });
      expect(await engine.probe(300)).toBe(false);
      expect(engine.lastError).toMatch(/mute did not answer within 300 ms/);
      expect(engine.lastError).toMatch(/ssh <user>@<host> docker version.*~\/\.bashrc/);
    } finally {
      for (const socket of held) socket.destroy();
      mute.close();
    }
  });
});
