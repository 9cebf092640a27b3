def statement(bank, account_id):
    lines = [f"Statement for {account_id}"]
    for e in bank.history(account_id):
        other = f" ({e.counterpart})" if e.counterpart else ""
        lines.append(f"#{e.seq:<4} {e.kind:<12} {e.amount:>10} {e.balance_after:>10}{other}")
    lines.append(f"Balance: {bank.balance(account_id)}")
    return "\n".join(lines)
