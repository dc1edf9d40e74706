# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which contract and product a mail identifies (§4.1, §4.4), kept out of the ORM.

A customer's mail may name the contract or certificate it falls under
(«по сертификату № СТП-2025-0042») and the product concerned. Only the
contracts of the sender's own organisation count: any other number a mail
gives is reported as unknown, never linked, and never said to whom it belongs
(the ``From:`` of a mail can be forged).

The model gathers the sender's contracts as plain :class:`Contract` facts and
asks :func:`identify`; the answer says which contract to link, which product
to propose, and what the engineer should be told.
"""

from typing import NamedTuple

from .entitlement import Contract, Product, guess_product, proposed_contract
from .mail_numbers import extract_contract_numbers, find_known_numbers, normalize_number

__all__ = ["Contract", "Identification", "Product", "guess_product", "identify"]


class Identification(NamedTuple):
    contract: Contract | None  # to link: the only valid contract the mail names
    product: Product | None  # to propose, when there is no doubt which one
    unknown_numbers: tuple  # numbers given that are none of the sender's
    invalid: tuple  # sender's contracts the mail names that are not valid
    several: tuple  # sender's valid contracts the mail names, when more than one


def identify(text, contracts):
    """Return the :class:`Identification` of a mail's ``text`` (subject and
    plain body) written by a sender whose organisation holds ``contracts``
    (none for an unknown sender).

    A number written after a keyword («договор», «certificate» …) counts;
    without one, any of the sender's own numbers found in the text does. The
    product is guessed from the contract the mail names, or else from the
    sender's only valid contract (the one the ticket proposes anyway).
    """
    by_number = {normalize_number(c.number): c for c in contracts}
    given = extract_contract_numbers(text)
    unknown = tuple(n for n in given if normalize_number(n) not in by_number)
    named = given or find_known_numbers(text, [c.number for c in contracts])
    matched = []
    for number in named:
        contract = by_number.get(normalize_number(number))
        if contract and contract not in matched:
            matched.append(contract)
    active = [c for c in matched if c.active]
    linked = active[0] if len(active) == 1 else None
    proposed = linked
    if not active:
        proposed = proposed_contract(contracts)
    return Identification(
        contract=linked,
        product=guess_product(text, proposed.products) if proposed else None,
        unknown_numbers=unknown,
        invalid=tuple(c for c in matched if not c.active),
        several=tuple(active) if len(active) > 1 else (),
    )
