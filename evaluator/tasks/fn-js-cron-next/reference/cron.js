const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: "day of week", min: 0, max: 7, names: DAYS, nameBase: 0 },
];

function bad(message) {
  return new SyntaxError(`invalid cron expression: ${message}`);
}

function value(text, field) {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < field.min || n > field.max) throw bad(`${field.name} ${n} is outside ${field.min}-${field.max}`);
    return n;
  }
  const index = field.names ? field.names.indexOf(text.toUpperCase()) : -1;
  if (index === -1) throw bad(`unknown ${field.name} ${JSON.stringify(text)}`);
  return index + field.nameBase;
}

function parseField(text, field) {
  const allowed = new Set();
  for (const item of text.split(",")) {
    const [range, stepText, ...extra] = item.split("/");
    if (extra.length > 0 || range === "") throw bad(`bad item ${JSON.stringify(item)} in ${field.name}`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) throw bad(`bad step in ${JSON.stringify(item)}`);
      step = Number(stepText);
    }
    let low;
    let high;
    if (range === "*") {
      low = field.min;
      high = field.max;
    } else if (range.includes("-")) {
      const parts = range.split("-");
      if (parts.length !== 2 || parts[0] === "" || parts[1] === "") throw bad(`bad range ${JSON.stringify(range)}`);
      low = value(parts[0], field);
      high = value(parts[1], field);
      if (low > high) throw bad(`range ${range} runs backwards`);
    } else {
      low = value(range, field);
      high = stepText === undefined ? low : field.max;
    }
    for (let v = low; v <= high; v += step) allowed.add(v);
  }
  return allowed;
}

function parse(expression) {
  if (typeof expression !== "string") throw bad("expression must be a string");
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw bad(`expected 5 fields, got ${parts[0] === "" ? 0 : parts.length}`);
  const [minutes, hours, dom, months, dow] = parts.map((p, i) => parseField(p, FIELDS[i]));
  if (dow.has(7)) dow.add(0);
  return { minutes, hours, dom, months, dow, domAny: parts[2] === "*", dowAny: parts[4] === "*" };
}

function dayMatches(spec, date) {
  const domOk = spec.dom.has(date.getUTCDate());
  const dowOk = spec.dow.has(date.getUTCDay());
  if (spec.domAny && spec.dowAny) return true;
  if (spec.domAny) return dowOk;
  if (spec.dowAny) return domOk;
  return domOk || dowOk;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

export function nextRun(expression, after) {
  const spec = parse(expression);
  if (!(after instanceof Date) || Number.isNaN(after.getTime())) throw new TypeError("after must be a valid Date");
  const start = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  const limit = after.getTime() + 8 * 366 * DAY;
  let dayStart = Math.floor(start / DAY) * DAY;
  for (; dayStart <= limit; dayStart += DAY) {
    const day = new Date(dayStart);
    if (!spec.months.has(day.getUTCMonth() + 1) || !dayMatches(spec, day)) continue;
    for (let hour = 0; hour < 24; hour++) {
      if (!spec.hours.has(hour)) continue;
      const hourStart = dayStart + hour * 3_600_000;
      if (hourStart + 59 * MINUTE < start) continue;
      for (let minute = 0; minute < 60; minute++) {
        const t = hourStart + minute * MINUTE;
        if (t >= start && t <= limit && spec.minutes.has(minute)) return new Date(t);
      }
    }
  }
  return null;
}
