# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from odoo.addons.konus_helpdesk.tools.mail_identification import (
    Contract,
    Product,
    guess_product,
    identify,
)

CASH_DESK = Product(1, "Касса ККТ-100", "SN-AB-0001")
WAREHOUSE = Product(2, "Склад Про", "SN-CD-0002")
PORTAL = Product(3, "Портал поставщиков")


@tagged("post_install", "-at_install")
class TestMailIdentification(BaseCase):
    """Which contract and product a customer's mail identifies (§4.1, §4.4),
    among the contracts of the sender's own organisation."""

    def setUp(self):
        super().setUp()
        self.certificate = Contract(10, "СТП-2025-0042", True, (CASH_DESK,))
        self.contract = Contract(11, "ТП-14/2026", True, (CASH_DESK, WAREHOUSE))
        self.expired = Contract(12, "ТП-3/2024", False, (PORTAL,))

    def test_own_number_is_linked_with_its_only_product(self):
        found = identify(
            "По сертификату № СТП-2025-0042 не печатается чек",
            [self.certificate, self.contract],
        )
        self.assertEqual(found.contract, self.certificate)
        self.assertEqual(found.product, CASH_DESK)
        self.assertEqual(
            (found.unknown_numbers, found.invalid, found.several), ((), (), ())
        )

    def test_own_number_without_keyword_and_in_latin_lookalikes(self):
        # Typed with Latin C, T, П stays Cyrillic: the same number.
        found = identify("Re: CTП-2025-0042 касса", [self.certificate, self.contract])
        self.assertEqual(found.contract, self.certificate)

    def test_number_of_someone_else_is_unknown_and_never_linked(self):
        found = identify("Договор № ТП-99/2026: не работает Склад Про", [self.contract])
        self.assertIsNone(found.contract)
        self.assertEqual(found.unknown_numbers, ("ТП-99/2026",))
        # The sender's only valid contract is proposed by the ticket anyway:
        # the product the text names is guessed from it.
        self.assertEqual(found.product, WAREHOUSE)

    def test_unknown_sender_identifies_nothing(self):
        found = identify("Сертификат № СТП-2025-0042, Касса ККТ-100", [])
        self.assertIsNone(found.contract)
        self.assertIsNone(found.product)
        self.assertEqual(found.unknown_numbers, ("СТП-2025-0042",))

    def test_expired_contract_is_reported_not_linked(self):
        found = identify(
            "по договору ТП-3/2024 портал не открывается",
            [self.expired, self.certificate],
        )
        self.assertIsNone(found.contract)
        self.assertEqual(found.invalid, (self.expired,))
        self.assertEqual(found.unknown_numbers, ())
        # Not the expired contract's product: the only valid contract's.
        self.assertEqual(found.product, CASH_DESK)

    def test_several_valid_contracts_named_are_not_chosen(self):
        found = identify(
            "Сертификат СТП-2025-0042 и договор ТП-14/2026",
            [self.certificate, self.contract],
        )
        self.assertIsNone(found.contract)
        self.assertIsNone(found.product)
        self.assertEqual(found.several, (self.certificate, self.contract))

    def test_no_number_and_several_valid_contracts_proposes_nothing(self):
        found = identify("Касса не печатает чек", [self.certificate, self.contract])
        self.assertIsNone(found.contract)
        self.assertIsNone(found.product)

    def test_same_number_twice_is_one_contract(self):
        found = identify(
            "Договор ТП-14/2026. Повторяю: договор ТП-14/2026, Склад Про",
            [self.contract, self.certificate],
        )
        self.assertEqual(found.contract, self.contract)
        self.assertEqual(found.product, WAREHOUSE)
        self.assertEqual(found.several, ())


@tagged("post_install", "-at_install")
class TestGuessProduct(BaseCase):
    """The product is proposed only when there is no doubt which one."""

    def test_the_only_product(self):
        self.assertEqual(guess_product("что угодно", (PORTAL,)), PORTAL)

    def test_no_product(self):
        self.assertIsNone(guess_product("Касса ККТ-100", ()))

    def test_named_by_name_or_serial_whatever_the_case(self):
        products = (CASH_DESK, WAREHOUSE, PORTAL)
        self.assertEqual(guess_product("КАССА ККТ-100 зависла", products), CASH_DESK)
        self.assertEqual(guess_product("серийный sn-cd-0002", products), WAREHOUSE)

    def test_two_named_or_none_named_is_doubt(self):
        products = (CASH_DESK, WAREHOUSE)
        self.assertIsNone(guess_product("Касса ККТ-100 и Склад Про", products))
        self.assertIsNone(guess_product("всё сломалось", products))
