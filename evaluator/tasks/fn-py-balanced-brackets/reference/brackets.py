PAIRS = {")": "(", "]": "[", "}": "{"}


def first_error(text):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    stack = []
    i = 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            start = i
            i += 1
            while i < len(text) and text[i] != c:
                i += 2 if text[i] == "\\" else 1
            if i >= len(text):
                return start
        elif c in "([{":
            stack.append(i)
        elif c in PAIRS:
            if not stack or text[stack[-1]] != PAIRS[c]:
                return i
            stack.pop()
        i += 1
    return stack[-1] if stack else -1
