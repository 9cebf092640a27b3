from .config import Config
from .errors import ConfigError
from .interpolate import interpolate
from .parser import parse


def load(text, overrides=None):
    sections = parse(text)
    for dotted, value in (overrides or {}).items():
        if dotted.count(".") != 1:
            raise ConfigError(f"override name must be 'section.key', got {dotted!r}")
        section, key = dotted.split(".")
        sections.setdefault(section, {})[key] = str(value)
    return Config(interpolate(sections))
