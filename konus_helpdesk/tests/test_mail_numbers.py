# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from odoo.addons.konus_helpdesk.tools.mail_numbers import (
    extract_contract_numbers,
    extract_ticket_numbers,
    find_known_numbers,
    normalize_number,
)


@tagged("post_install", "-at_install")
class TestMailNumbers(BaseCase):
    """How customers write contract and certificate numbers (§4.4)."""

    def test_russian_wording(self):
        cases = {
            "По сертификату № СТП-2025-0042 не работает касса": ["СТП-2025-0042"],
            "договор ТП-14/2026 от 01.02.2026": ["ТП-14/2026"],
            "Сертификат №СТП-000123, договору N 77-К": ["СТП-000123", "77-К"],
            "сертификат СТП-2025-0042 (без знака номера)": ["СТП-2025-0042"],
            "Договора номер ТП-7/2025?": ["ТП-7/2025"],
            "дог. ТП-7/2025": ["ТП-7/2025"],
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(extract_contract_numbers(text), expected)

    def test_english_wording(self):
        self.assertEqual(
            extract_contract_numbers("Contract No. TP-14/2026. Certificate #C-9"),
            ["TP-14/2026", "C-9"],
        )

    def test_no_number(self):
        for text in ("договор поставки оборудования", "", None, "Сертификат: см. ниже"):
            with self.subTest(text=text):
                self.assertEqual(extract_contract_numbers(text), [])

    def test_duplicates_once(self):
        self.assertEqual(
            extract_contract_numbers("договор ТП-1/2026 … повторяю, договор ТП-1/2026"),
            ["ТП-1/2026"],
        )

    def test_normalize(self):
        # Latin C/T typed instead of Cyrillic С/Т, lower case, stray spaces.
        self.assertEqual(
            normalize_number("cтп-2025-0042"), normalize_number("СТП-2025-0042")
        )
        self.assertEqual(
            normalize_number(" тп-14 /2026 "), normalize_number("ТП-14/2026")
        )

    def test_known_numbers_whole_tokens(self):
        known = ["ТП-14/2026", "ТП-14/20", "СТП-2025-0042"]
        self.assertEqual(
            find_known_numbers("у нас тп-14/2026, срочно", known), ["ТП-14/2026"]
        )
        self.assertEqual(find_known_numbers("номер СТП-2025-00421", known), [])
        self.assertEqual(find_known_numbers("", known), [])

    def test_ticket_numbers_in_a_subject(self):
        self.assertEqual(
            extract_ticket_numbers("Re: Request HT00042: please complete it"),
            ["HT00042"],
        )
        # Typed in Cyrillic look-alikes and lower case: both spellings.
        self.assertEqual(
            extract_ticket_numbers("по обращению нт00042"), ["НТ00042", "HT00042"]
        )
        # A contract number is not a request number; nor is a bare number.
        self.assertEqual(extract_ticket_numbers("договор ДТП-001/2026, 2026"), [])
        self.assertEqual(extract_ticket_numbers(""), [])
