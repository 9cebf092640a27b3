from .expand import occurrences, occurrences_between
from .fmt import describe
from .parse import parse_rule
from .rules import Rule, RuleError

__all__ = ["Rule", "RuleError", "describe", "occurrences", "occurrences_between", "parse_rule"]
