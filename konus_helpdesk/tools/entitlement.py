# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which contract and product a request is proposed under without asking
(§2.2, §4.4), kept out of the ORM.

Nothing is proposed in doubt: a request falls under its customer's only
contract valid today, and concerns the only product that contract covers, or
the only one of its products the request names. The ticket, the phone form and
the mail gateway all ask these functions (records go through
``konus.support.contract._konus_proposed_for`` and
``_konus_proposed_product``).
"""

from typing import NamedTuple


class Product(NamedTuple):
    id: int
    name: str
    serial_number: str = ""


class Contract(NamedTuple):
    id: int
    number: str
    active: bool  # valid today (§2.2)
    products: tuple = ()  # the :class:`Product` it covers


def proposed_contract(contracts):
    """The contract a request of the customer holding ``contracts`` falls
    under when it names none: the only one valid today, else ``None``."""
    valid = [contract for contract in contracts if contract.active]
    return valid[0] if len(valid) == 1 else None


def guess_product(text, products):
    """The product a request concerns, only without doubt: the contract covers
    exactly one, or the text names exactly one of those it covers (by name
    or serial number, whatever the case)."""
    if len(products) <= 1:
        return products[0] if products else None
    folded = (text or "").casefold()
    named = [
        p
        for p in products
        if p.name.casefold() in folded
        or (p.serial_number and p.serial_number.casefold() in folded)
    ]
    return named[0] if len(named) == 1 else None
