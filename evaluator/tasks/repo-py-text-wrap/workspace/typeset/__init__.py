from .justify import justify
from .layout import center, fill
from .wrap import wrap

__all__ = ["center", "fill", "justify", "wrap"]
