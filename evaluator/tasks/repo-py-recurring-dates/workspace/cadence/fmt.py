NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
UNIT = {"daily": "day", "weekly": "week", "monthly": "month"}


def describe(rule):
    unit = UNIT[rule.freq]
    text = f"every {unit}" if rule.interval == 1 else f"every {rule.interval} {unit}s"
    if rule.weekdays:
        text += " on " + ", ".join(NAMES[d] for d in rule.weekdays)
    text += f" from {rule.start.isoformat()}"
    if rule.until:
        text += f" until {rule.until.isoformat()}"
    if rule.count:
        text += f", {rule.count} time" + ("s" if rule.count > 1 else "")
    return text
