from .course import Course, GradeError
from .grading import letter_grade
from .report import report
from .stats import mean, median

__all__ = ["Course", "GradeError", "letter_grade", "mean", "median", "report"]
