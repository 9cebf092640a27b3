from .errors import ConfigError

_MISSING = object()
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


class Config:
    def __init__(self, sections):
        self._sections = {name: dict(values) for name, values in sections.items()}

    def sections(self):
        return list(self._sections)

    def items(self, section):
        if section not in self._sections:
            raise ConfigError(f"no section {section!r}")
        return list(self._sections[section].items())

    def get(self, section, key, default=_MISSING):
        try:
            return self._sections[section][key]
        except KeyError:
            if default is _MISSING:
                raise ConfigError(f"no key {section}.{key}") from None
            return default

    def get_int(self, section, key, default=_MISSING):
        value = self.get(section, key, default)
        if value is default:
            return value
        try:
            return int(value)
        except ValueError:
            raise ConfigError(f"{section}.{key} is not an integer: {value!r}") from None

    def get_bool(self, section, key, default=_MISSING):
        value = self.get(section, key, default)
        if value is default:
            return value
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ConfigError(f"{section}.{key} is not a boolean: {value!r}")
