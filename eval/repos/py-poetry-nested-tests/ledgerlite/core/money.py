"""Amounts of one currency, exact to the cent."""

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

CENT = Decimal("0.01")


class CurrencyMismatch(ValueError):
    pass


class Money:
    __slots__ = ("amount", "currency")

    def __init__(self, amount, currency="EUR"):
        try:
            value = Decimal(str(amount).replace(",", "").strip())
        except InvalidOperation:
            raise ValueError(f"not an amount: {amount!r}") from None
        self.amount = value.quantize(CENT, rounding=ROUND_HALF_EVEN)
        self.currency = currency.upper()

    def _same(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise CurrencyMismatch(f"{self.currency} and {other.currency}")
        return other

    def __add__(self, other):
        other = self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other):
        other = self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self):
        return Money(-self.amount, self.currency)

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return (self.amount, self.currency) == (other.amount, other.currency)

    def __hash__(self):
        return hash((self.amount, self.currency))

    def __bool__(self):
        return bool(self.amount)

    def __repr__(self):
        return f"Money('{self.amount}', '{self.currency}')"

    def format(self):
        """``Money(-1234.5)`` -> ``"-1,234.50 EUR"``."""
        return f"{self.amount:,.2f} {self.currency}"

    def split(self, parts):
        """Divide into *parts* amounts that add up exactly; the first ones take the odd cents."""
        if parts < 1:
            raise ValueError("parts must be at least 1")
        cents = int(self.amount / CENT)
        share, extra = divmod(abs(cents), parts)
        sign = -1 if cents < 0 else 1
        return [
            Money(sign * (share + (1 if i < extra else 0)) * CENT, self.currency)
            for i in range(parts)
        ]
