from .config import Config
from .errors import ConfigError
from .interpolate import interpolate
from .loader import load
from .parser import parse

__all__ = ["Config", "ConfigError", "interpolate", "load", "parse"]
