from .hunks import Hunk, group_hunks
from .lcs import diff_ops
from .patch import PatchError, apply_patch
from .unified import format_range, unified_diff

__all__ = ["Hunk", "PatchError", "apply_patch", "diff_ops", "format_range", "group_hunks", "unified_diff"]
