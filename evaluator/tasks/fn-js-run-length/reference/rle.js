export function encode(text) {
  if (typeof text !== "string") throw new TypeError("encode expects a string");
  if (/[0-9]/.test(text)) throw new RangeError("text must not contain digits");
  const chars = Array.from(text);
  let out = "";
  for (let i = 0; i < chars.length; ) {
    let j = i;
    while (j < chars.length && chars[j] === chars[i]) j++;
    const run = j - i;
    out += (run > 1 ? String(run) : "") + chars[i];
    i = j;
  }
  return out;
}

export function decode(text) {
  if (typeof text !== "string") throw new TypeError("decode expects a string");
  const chars = Array.from(text);
  let out = "";
  for (let i = 0; i < chars.length; ) {
    let digits = "";
    while (i < chars.length && /[0-9]/.test(chars[i])) digits += chars[i++];
    if (digits !== "" && (digits[0] === "0" || i >= chars.length)) {
      throw new RangeError(`bad count ${JSON.stringify(digits)}`);
    }
    const count = digits === "" ? 1 : Number(digits);
    out += chars[i].repeat(count);
    i++;
  }
  return out;
}
