ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand")]
LIMIT = 999_999_999_999


def _below_thousand(n):
    words = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words.append(f"{ONES[hundreds]} hundred")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(TENS[tens] + (f"-{ONES[ones]}" if ones else ""))
    elif rest:
        words.append(ONES[rest])
    return " ".join(words)


def number_to_words(n):
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("n must be an int")
    if abs(n) > LIMIT:
        raise ValueError("n is outside the supported range")
    if n == 0:
        return "zero"
    if n < 0:
        return "minus " + number_to_words(-n)
    words = []
    for size, name in SCALES:
        group, n = divmod(n, size)
        if group:
            words.append(f"{_below_thousand(group)} {name}")
    if n:
        words.append(_below_thousand(n))
    return " ".join(words)
