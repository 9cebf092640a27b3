// Approach: expand braces into plain patterns, turn each into tokens and run them as an NFA
// (a backtracking RegExp would take exponential time on patterns like *a*a*a*b).

function findBraceEnd(pattern, open) {
  // Returns [closeIndex, commaIndexes] for the brace at `open`, or null when it is literal.
  let depth = 0;
  const commas = [];
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return commas.length > 0 ? [i, commas] : null;
    } else if (c === "," && depth === 1) commas.push(i);
  }
  return null;
}

function expandBraces(pattern) {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c !== "{") continue;
    const found = findBraceEnd(pattern, i);
    if (!found) continue;
    const [close, commas] = found;
    const bounds = [i, ...commas, close];
    const prefix = pattern.slice(0, i);
    const suffix = pattern.slice(close + 1);
    const out = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const alternative = pattern.slice(bounds[k] + 1, bounds[k + 1]);
      for (const expanded of expandBraces(prefix + alternative + suffix)) out.push(expanded);
    }
    return out;
  }
  return [pattern];
}

function splitSegments(pattern) {
  const segments = [""];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" && i + 1 < pattern.length) {
      segments[segments.length - 1] += c + pattern[++i];
    } else if (c === "/") segments.push("");
    else segments[segments.length - 1] += c;
  }
  return segments;
}

function compileClass(segment, start) {
  // Returns [test, endIndex] or null when the class is unclosed (then "[" is literal).
  let i = start + 1;
  let negate = false;
  if (segment[i] === "!" || segment[i] === "^") {
    negate = true;
    i++;
  }
  const ranges = [];
  let first = true;
  for (; i < segment.length; i++) {
    let c = segment[i];
    if (c === "]" && !first) {
      const inClass = (ch) => ranges.some(([lo, hi]) => ch >= lo && ch <= hi);
      return [(ch) => ch !== "/" && inClass(ch) !== negate, i];
    }
    first = false;
    if (c === "\\" && i + 1 < segment.length) c = segment[++i];
    if (segment[i + 1] === "-" && segment[i + 2] !== undefined && segment[i + 2] !== "]") {
      let end = segment[i + 2];
      i += 2;
      if (end === "\\" && i + 1 < segment.length) end = segment[++i];
      ranges.push([c, end]);
    } else ranges.push([c, c]);
  }
  return null;
}

function segmentTokens(segment) {
  const tokens = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "\\") {
      const literal = i + 1 < segment.length ? segment[++i] : "\\";
      tokens.push({ type: "char", test: (ch) => ch === literal });
    } else if (c === "*") {
      while (segment[i + 1] === "*") i++;
      tokens.push({ type: "star" });
    } else if (c === "?") {
      tokens.push({ type: "char", test: (ch) => ch !== "/" });
    } else if (c === "[") {
      const cls = compileClass(segment, i);
      if (cls) {
        tokens.push({ type: "char", test: cls[0] });
        i = cls[1];
      } else tokens.push({ type: "char", test: (ch) => ch === "[" });
    } else tokens.push({ type: "char", test: (ch) => ch === c });
  }
  return tokens;
}

const SLASH = { type: "char", test: (ch) => ch === "/" };

// Token kinds: char (one character), star ([^/]*), anything (.*), dirs ("" or ".*/", a "**/"),
// tail ("" or "/.*", a trailing "/**").
function tokenize(pattern) {
  const segments = splitSegments(pattern);
  if (segments.length === 1 && segments[0] === "**") return [{ type: "anything" }];
  const tokens = [];
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === "**") {
      if (!last) tokens.push({ type: "dirs" });
      else {
        tokens.pop(); // the "/" before a trailing "**" belongs to it
        tokens.push({ type: "tail" });
      }
      return;
    }
    tokens.push(...segmentTokens(segment));
    if (!last) tokens.push(SLASH);
  });
  return tokens;
}

// NFA simulation over states (token index, inside flag): linear in |path| * |tokens|.
function matches(tokens, path) {
  const n = tokens.length;
  const key = (i, inside) => i * 2 + (inside ? 1 : 0);
  const close = (states) => {
    const stack = [...states];
    while (stack.length > 0) {
      const s = stack.pop();
      const i = s >> 1;
      const inside = s & 1;
      const t = tokens[i];
      const epsilon = i < n && (inside ? t.type === "tail" : t.type !== "char");
      if (epsilon && !states.has(key(i + 1, false))) {
        states.add(key(i + 1, false));
        stack.push(key(i + 1, false));
      }
    }
    return states;
  };
  let current = close(new Set([key(0, false)]));
  for (const ch of path) {
    const next = new Set();
    for (const s of current) {
      const i = s >> 1;
      const inside = s & 1;
      if (i >= n) continue;
      const t = tokens[i];
      if (t.type === "char") {
        if (t.test(ch)) next.add(key(i + 1, false));
      } else if (t.type === "star") {
        if (ch !== "/") next.add(key(i, false));
      } else if (t.type === "anything") {
        next.add(key(i, false));
      } else if (t.type === "dirs") {
        next.add(key(i, true));
        if (ch === "/") next.add(key(i + 1, false));
      } else if (t.type === "tail") {
        if (inside || ch === "/") next.add(key(i, true));
      }
    }
    current = close(next);
    if (current.size === 0) return false;
  }
  return current.has(key(n, false));
}

export function globMatch(pattern, path) {
  if (typeof pattern !== "string" || typeof path !== "string") throw new TypeError("pattern and path must be strings");
  return expandBraces(pattern).some((p) => matches(tokenize(p), path));
}
