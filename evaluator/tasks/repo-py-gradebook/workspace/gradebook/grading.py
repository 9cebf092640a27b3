THRESHOLDS = [(90, "A"), (80, "B"), (70, "C"), (60, "D")]


def letter_grade(score):
    for threshold, letter in THRESHOLDS:
        if score > threshold:
            return letter
    return "F"
