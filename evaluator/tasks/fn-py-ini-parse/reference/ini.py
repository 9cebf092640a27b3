import re


class IniError(ValueError):
    def __init__(self, message, line):
        super().__init__(f"line {line}: {message}")
        self.line = line


_INLINE_COMMENT = re.compile(r"\s[;#].*$", re.S)


def _clean_value(raw):
    value = raw.strip()
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return value[1:-1]
    return _INLINE_COMMENT.sub("", value).strip()


def parse_ini(text):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    result = {}
    section = ""
    last_key = None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.endswith("\r"):
            line = line[:-1]
        stripped = line.strip()
        if stripped == "":
            last_key = None
            continue
        if stripped[0] in ";#":
            continue
        if line[0].isspace() and last_key is not None:
            result[section][last_key] += "\n" + _clean_value(stripped)
            continue
        if stripped.startswith("["):
            match = re.fullmatch(r"\[([^\]]*)\]", stripped)
            if not match or match.group(1).strip() == "":
                raise IniError(f"bad section header {stripped!r}", number)
            section = match.group(1).strip()
            result.setdefault(section, {})
            last_key = None
            continue
        positions = [p for p in (stripped.find("="), stripped.find(":")) if p != -1]
        if not positions:
            raise IniError(f"cannot parse {stripped!r}", number)
        split = min(positions)
        key = stripped[:split].strip().lower()
        if key == "":
            raise IniError("empty key", number)
        entries = result.setdefault(section, {})
        if key in entries:
            raise IniError(f"duplicate key {key!r} in section {section!r}", number)
        entries[key] = _clean_value(stripped[split + 1:])
        last_key = key
    return result
