import re

from .errors import ConfigError

NAME = re.compile(r"^[A-Za-z0-9_-]+$")


def parse(text):
    """Return {section: {key: raw_value}} preserving file order."""
    sections = {}
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in ";#":
            continue
        if line.startswith("["):
            if not line.endswith("]") or not NAME.match(line[1:-1].strip()):
                raise ConfigError(f"line {number}: bad section header {line!r}")
            current = sections.setdefault(line[1:-1].strip(), {})
            continue
        if "=" not in line:
            raise ConfigError(f"line {number}: expected 'key = value'")
        key, value = (part.strip() for part in line.split("=", 1))
        if not NAME.match(key):
            raise ConfigError(f"line {number}: bad key {key!r}")
        if current is None:
            raise ConfigError(f"line {number}: key {key!r} outside of any section")
        current[key] = value
    return sections
