export class PatchError extends Error {}

export function applyPatch(document, operations) {
  throw new Error("not implemented");
}
