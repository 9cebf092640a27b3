from .stats import mean, median


def report(course):
    lines = []
    finals = []
    for student in course.students():
        score = course.final_score(student)
        finals.append(score)
        lines.append(f"{student:<10} {score:6.1f} {course.letter(student)}")
    if finals:
        lines.append(f"{'mean':<10} {mean(finals):6.1f}")
        lines.append(f"{'median':<10} {median(finals):6.1f}")
    return "\n".join(lines)
