# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Phone numbers as callers say them and as partners store them.

«8 (3012) 43-72-33», «+7 301 243 72 33» and «3012437233» are one number: in
Russia the trunk prefix 8 and the country code +7 are interchangeable, so the
last ten digits identify a subscriber.
"""

import re

SIGNIFICANT_DIGITS = 10
MIN_DIGITS = 5  # fewer digits say nothing about who is calling


def phone_digits(number):
    """The subscriber's significant digits (the last ten), or '' when the
    text holds too few digits to be a phone number."""
    digits = re.sub(r"\D", "", number or "")
    if len(digits) < MIN_DIGITS:
        return ""
    return digits[-SIGNIFICANT_DIGITS:]


def phone_ilike_pattern(number):
    """An ``ilike`` pattern that finds the number whatever separators the
    stored value uses («%3%0%1%2%4%3%7%2%3%3%»); matches are then confirmed
    with :func:`same_phone`."""
    digits = phone_digits(number)
    return "%" + "%".join(digits) + "%" if digits else ""


def same_phone(left, right):
    a, b = phone_digits(left), phone_digits(right)
    if not a or not b:
        return False
    # A short internal number (an extension) matches the end of a full one.
    shorter, longer = sorted((a, b), key=len)
    return longer.endswith(shorter)
