const TABLE = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

export function toRoman(n) {
  if (typeof n !== "number") throw new TypeError("toRoman expects a number");
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`cannot write ${n} in Roman numerals`);
  let rest = n;
  let out = "";
  for (const [value, symbol] of TABLE) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

const VALUES = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

export function fromRoman(text) {
  if (typeof text !== "string") throw new TypeError("fromRoman expects a string");
  if (text === "" || !/^[IVXLCDM]+$/.test(text)) throw new RangeError(`not a Roman numeral: ${JSON.stringify(text)}`);
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = VALUES[text[i]];
    const next = VALUES[text[i + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  if (total < 1 || total > 3999 || toRoman(total) !== text) {
    throw new RangeError(`not a canonical Roman numeral: ${JSON.stringify(text)}`);
  }
  return total;
}
