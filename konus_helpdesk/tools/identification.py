# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The §4.4 checklist of identifying information, kept out of the ORM.

§4.4 lists what a request must carry so that the support service can process
it (§5.1): the contract or certificate, the organisation and the contact of the
person writing, the product concerned, the steps that lead to the problem, a
screenshot "if possible" and a clearly worded question. §1 calls the first two
"identifying information": without either of them nobody can tell who asks.

The model gathers plain facts about a ticket and asks :func:`check`; the answer
says which items are missing and what the ticket's identification state is.
"""

from typing import NamedTuple

IDENTIFIED = "identified"
INCOMPLETE = "incomplete"
UNIDENTIFIED = "unidentified"

# The §4.4 items in the regulation's order. "screenshot" is optional
# ("при возможности"): it is reported, never required.
CONTRACT = "contract"
ORGANISATION = "organisation"
PRODUCT = "product"
STEPS = "steps"
SCREENSHOT = "screenshot"
QUESTION = "question"
ITEMS = (CONTRACT, ORGANISATION, PRODUCT, STEPS, SCREENSHOT, QUESTION)
OPTIONAL_ITEMS = frozenset({SCREENSHOT})

# A question shorter than this (in letters of plain text) cannot be "clearly
# worded"; it is a mechanical floor, the engineer still judges the content.
MIN_QUESTION_LENGTH = 10


class Checklist(NamedTuple):
    state: str
    missing: tuple  # required §4.4 items not given, in the regulation's order
    suggested: tuple  # optional items not given ("if possible")


def is_clear_question(text):
    """A question is taken as stated when its plain text has enough letters."""
    return len("".join((text or "").split())) >= MIN_QUESTION_LENGTH


def check(
    *,
    contract,
    organisation,
    product,
    steps,
    question,
    screenshot=False,
    steps_required=True,
):
    """Return the :class:`Checklist` of a request from the facts it carries.

    Every argument is a truth value: whether the request names a valid
    contract/certificate, its organisation and contact person, the supported
    product, the steps to reproduce, a clear question and a screenshot.
    ``steps_required`` is false for a consultation, which has nothing to
    reproduce.

    - unidentified: neither the contract nor the organisation is known (§1);
    - incomplete: the customer is known but a required item is missing;
    - identified: every required item is present.
    """
    given = {
        CONTRACT: contract,
        ORGANISATION: organisation,
        PRODUCT: product,
        STEPS: steps or not steps_required,
        SCREENSHOT: screenshot,
        QUESTION: question,
    }
    missing = tuple(
        item for item in ITEMS if item not in OPTIONAL_ITEMS and not given[item]
    )
    suggested = tuple(
        item for item in ITEMS if item in OPTIONAL_ITEMS and not given[item]
    )
    if not contract and not organisation:
        state = UNIDENTIFIED
    elif missing:
        state = INCOMPLETE
    else:
        state = IDENTIFIED
    return Checklist(state, missing, suggested)
