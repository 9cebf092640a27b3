// Seeded, stateless randomness: a uniform number in [0, 1) from a hash of its inputs, so that every
// decision of the simulator is a pure function of (seed, session identity, what is being decided).
import { createHash } from "node:crypto";

export function uniform(...parts: (string | number | null | undefined)[]): number {
  const digest = createHash("sha256")
    .update(parts.map((part) => String(part ?? "")).join("\u0000"))
    .digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

export function pickIndex(length: number, ...parts: (string | number | null | undefined)[]): number {
  return Math.min(length - 1, Math.floor(uniform(...parts) * length));
}
