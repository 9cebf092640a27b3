class ConfigError(Exception):
    """Anything wrong with a configuration file or a lookup."""
