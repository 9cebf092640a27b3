from decimal import Decimal


def valuation(inv):
    return sum((item.value for item in inv.items()), Decimal("0"))


def low_stock(inv, threshold):
    return [item for item in inv.items() if item.quantity <= threshold]


def stock_table(inv):
    rows = [f"{'SKU':<8} {'QTY':>5} {'VALUE':>10}"]
    for item in inv.items():
        rows.append(f"{item.sku:<8} {item.quantity:>5} {item.value:>10.2f}")
    return "\n".join(rows)
