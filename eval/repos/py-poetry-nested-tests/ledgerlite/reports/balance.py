"""The balance report: one line per account, sorted, amounts right-aligned."""


def balance_report(ledger, until=None):
    balances = ledger.balances(until=until)
    if not balances:
        return ""
    rows = [(name, amount.format()) for name, amount in sorted(balances.items())]
    name_w = max(len(n) for n, _ in rows)
    amount_w = max(len(a) for _, a in rows)
    return "\n".join(f"{n:<{name_w}}  {a:>{amount_w}}" for n, a in rows) + "\n"
