import re

from .errors import ConfigError

# "$$" is an escaped dollar; ${name} or ${section.name} is a reference.
TOKEN = re.compile(r"\$\$|\$\{([^}]*)\}")


def interpolate(sections):
    """Return a new {section: {key: value}} with ${...} references replaced, recursively."""
    resolved = {}

    def resolve(section, key, chain):
        qualified = f"{section}.{key}"
        if qualified in resolved:
            return resolved[qualified]
        if qualified in chain:
            cycle = chain[chain.index(qualified):] + [qualified]
            raise ConfigError("interpolation cycle: " + " -> ".join(cycle))
        raw = sections[section][key]

        def replace(match):
            if match.group(0) == "$$":
                return "$"
            name = match.group(1)
            target_section, target_key = name.split(".", 1) if "." in name else (section, name)
            if target_key not in sections.get(target_section, {}):
                raise ConfigError(f"undefined reference ${{{name}}} in {qualified}")
            return resolve(target_section, target_key, chain + [qualified])

        value = TOKEN.sub(replace, raw)
        resolved[qualified] = value
        return value

    return {section: {key: resolve(section, key, []) for key in values} for section, values in sections.items()}
