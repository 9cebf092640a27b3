const DECIMAL = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
const BINARY = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

export function formatBytes(bytes, options = {}) {
  const { binary = false, decimals = 1 } = options;
  if (typeof bytes !== "number") throw new TypeError("bytes must be a number");
  if (!Number.isFinite(bytes) || !Number.isInteger(bytes)) throw new RangeError("bytes must be a finite integer");
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) throw new RangeError("decimals must be an integer in 0..10");
  if (bytes < 0) return `-${formatBytes(-bytes, options)}`;
  const base = binary ? 1024 : 1000;
  const units = binary ? BINARY : DECIMAL;
  if (bytes < base) return `${bytes} B`;
  let k = 1;
  while (k < units.length - 1 && bytes >= base ** (k + 1)) k++;
  let text = (bytes / base ** k).toFixed(decimals);
  if (Number(text) >= base && k < units.length - 1) {
    k++;
    text = (bytes / base ** k).toFixed(decimals);
  }
  if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  return `${text} ${units[k]}`;
}
