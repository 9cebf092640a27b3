import re

from .errors import ConfigError

REF = re.compile(r"\$\{([^}]*)\}")


def interpolate(sections):
    """Return a new {section: {key: value}} with ${...} references replaced."""
    result = {}
    for section, values in sections.items():
        result[section] = {}
        for key, raw in values.items():

            def replace(match, section=section, key=key, values=values):
                name = match.group(1)
                if name not in values:
                    raise ConfigError(f"undefined reference ${{{name}}} in {section}.{key}")
                return values[name]

            result[section][key] = REF.sub(replace, raw)
    return result
