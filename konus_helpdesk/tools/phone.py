# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Phone numbers as callers say them.

«8 (3012) 43-72-33», «+7 301 243 72 33» and «3012437233» are one number: in
Russia the trunk prefix 8 and the country code +7 are interchangeable, so the
last ten digits identify a subscriber. Finding the partners whose stored number
it is, in whatever format it was stored, is phone_validation's
``phone_mobile_search``.
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


def dialled_forms(digits):
    """The ways a full number of ``digits`` is written (without separators):
    alone, after the trunk prefix 8, after the country code +7; a shorter
    number (a local one, without its area code) only as it is."""
    if len(digits) < SIGNIFICANT_DIGITS:
        return [digits]
    return [digits, "8" + digits, "+7" + digits]
