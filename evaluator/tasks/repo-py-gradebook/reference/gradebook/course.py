import math

from .grading import letter_grade


class GradeError(ValueError):
    pass


class Course:
    def __init__(self, weights):
        if not weights or any(w <= 0 for w in weights.values()):
            raise GradeError("weights must be positive")
        if not math.isclose(sum(weights.values()), 1.0):
            raise GradeError("weights must sum to 1")
        self.weights = dict(weights)
        self._scores = {}

    def record(self, student, assignment, score):
        if assignment not in self.weights:
            raise GradeError(f"unknown assignment {assignment!r}")
        if not 0 <= score <= 100:
            raise GradeError(f"score out of range: {score}")
        self._scores.setdefault(student, {})[assignment] = score

    def students(self):
        return sorted(self._scores)

    def final_score(self, student):
        if student not in self._scores:
            raise GradeError(f"unknown student {student!r}")
        scores = self._scores[student]
        # A missing assignment counts as 0; the weights already sum to 1.
        return sum(weight * scores.get(assignment, 0) for assignment, weight in self.weights.items())

    def letter(self, student):
        return letter_grade(self.final_score(student))
