# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import KonusSupportDataMixin, load_russian


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestSupportContract(KonusSupportDataMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.Contract = cls.env["konus.support.contract"]

    def test_state_follows_dates_and_cancellation(self):
        future = self._make_contract(
            "F-1",
            self.customer_a,
            self.product_a,
            self.type_remote,
            date_start=date(2026, 12, 1),
            date_end=date(2027, 11, 30),
        )
        past = self._make_contract(
            "P-1",
            self.customer_a,
            self.product_a,
            self.type_remote,
            date_start=date(2025, 1, 1),
            date_end=date(2026, 11, 24),
        )
        open_ended = self._make_contract(
            "O-1", self.customer_a, self.product_a, self.type_remote, date_end=False
        )
        self.assertEqual(future.state, "draft")
        self.assertEqual(past.state, "expired")
        self.assertEqual(open_ended.state, "active")
        # The last day of validity still counts.
        past.date_end = date(2026, 11, 25)
        self.assertEqual(past.state, "active")
        self.assertEqual(self.contract_a.state, "active")
        self.contract_a.action_cancel()
        self.assertEqual(self.contract_a.state, "cancelled")
        self.contract_a.action_reopen()
        self.assertEqual(self.contract_a.state, "active")

    def test_cancellation_is_tracked_in_chatter(self):
        self.contract_a.action_cancel()
        # Tracking values are written when the transaction is about to commit.
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.contract_a.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(
            (tracked.old_value_char, tracked.new_value_char), ("Active", "Cancelled")
        )

    def test_cron_keeps_state_true_as_days_pass(self):
        ending = self._make_contract(
            "E-1",
            self.customer_a,
            self.product_a,
            self.type_remote,
            date_end=date(2026, 11, 30),
        )
        starting = self._make_contract(
            "S-1",
            self.customer_a,
            self.product_a,
            self.type_remote,
            date_start=date(2026, 12, 1),
            date_end=date(2027, 11, 30),
        )
        self.assertEqual((ending.state, starting.state), ("active", "draft"))
        with freeze_time("2026-12-01 03:00:00"):
            self.Contract._cron_update_state()
        self.assertEqual((ending.state, starting.state), ("expired", "active"))
        # Stored: searchable by state.
        self.assertIn(ending, self.Contract.search([("state", "=", "expired")]))

    def test_expiry_activity_in_the_heads_language(self):
        load_russian(self.env)
        self.head.lang = "ru_RU"
        ending = self._make_contract(
            "E-3",
            self.customer_a,
            self.product_a,
            self.type_remote,
            date_end=date(2026, 12, 24),
        )
        self.Contract.with_context(lang="en_US")._cron_update_state()
        activity = ending.activity_ids.filtered(lambda a: a.user_id == self.head)
        self.assertEqual(activity.summary, "E-3 истекает 24.12.2026")

    def test_expiry_activity_for_head_of_support_once(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")

        def warnings(contract):
            return contract.activity_ids.filtered(
                lambda a: a.user_id == self.head and a.activity_type_id == activity_type
            )

        ending = self._make_contract(
            "E-2",
            self.customer_a,
            self.product_a,
            self.type_remote,
            date_end=date(2026, 12, 24),
        )
        later = self._make_contract(
            "L-2",
            self.customer_a,
            self.product_a,
            self.type_remote,
            date_end=date(2026, 12, 26),
        )
        self.Contract._cron_update_state()
        self.assertEqual(len(warnings(ending)), 1)
        self.assertEqual(warnings(ending).date_deadline, date(2026, 12, 24))
        self.assertEqual(warnings(ending).summary, "E-2 expires on 12/24/2026")
        self.assertFalse(warnings(later), "31 days ahead: not yet")
        # Once: the next runs do not pile up activities.
        warnings(ending).action_done()
        self.Contract._cron_update_state()
        self.assertFalse(warnings(ending))
        with freeze_time("2026-11-26 03:00:00"):
            self.Contract._cron_update_state()
        self.assertEqual(len(warnings(later)), 1)
        # A renewal warns again before the new end.
        ending.date_end = date(2026, 12, 20)
        self.Contract._cron_update_state()
        self.assertEqual(len(warnings(ending)), 1)

    def test_number_unique_per_company(self):
        other_company = self.env["res.company"].create({"name": "Конус-Иркутск"})
        self.Contract.create(
            {
                "name": "ДТП-A-1",
                "partner_id": self.customer_a.id,
                "company_id": other_company.id,
            }
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Contract.create({"name": "ДТП-A-1", "partner_id": self.customer_b.id})

    def test_customer_is_the_commercial_entity(self):
        with self.assertRaisesRegex(ValidationError, "not one of its contacts"):
            self.Contract.create({"name": "X-1", "partner_id": self.contact_a.id})
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            self._make_contract(
                "X-2",
                self.customer_a,
                self.product_a,
                self.type_remote,
                contact_ids=[(6, 0, self.contact_b.ids)],
            )
        with self.assertRaisesRegex(ValidationError, "another customer"):
            self._make_contract(
                "X-3", self.customer_a, self.product_b, self.type_remote
            )
        with self.assertRaisesRegex(ValidationError, "another customer"):
            self.product_b.contract_ids = self.contract_a
        with self.assertRaisesRegex(ValidationError, "cannot end before"):
            self._make_contract(
                "X-4",
                self.customer_a,
                self.product_a,
                self.type_remote,
                date_start=date(2026, 1, 1),
                date_end=date(2025, 12, 31),
            )

    def test_defaults(self):
        contract = self.Contract.create(
            {"name": "D-1", "partner_id": self.customer_a.id}
        )
        self.assertTrue(contract.third_party_allowed)
        self.assertEqual(contract.kind, "contract")
        self.assertEqual(contract.date_start, date(2026, 11, 25))
        self.assertEqual(
            contract.calendar_id,
            self.env.ref("konus_helpdesk.calendar_ulan_ude", raise_if_not_found=False)
            or self.env["resource.calendar"],
        )

    def test_support_types_are_the_regulation_four(self):
        codes = self.env["konus.support.type"].search([]).mapped("code")
        self.assertEqual(codes, ["consultation", "remote", "onsite", "replacement"])

    def test_smart_button_counts(self):
        self.env["helpdesk.ticket"].create(self._identified_ticket_values())
        self.assertEqual(self.contract_a.ticket_count, 1)
        self.assertEqual(self.contract_a.product_count, 1)
        self.assertEqual(self.product_a.ticket_count, 1)
        self.assertEqual(self.customer_a.konus_contract_count, 1)
        # A contact counts its organisation's records.
        self.assertEqual(self.contact_a.konus_supported_product_count, 2)
        action = self.contract_a.action_view_tickets()
        self.assertEqual(
            self.env["helpdesk.ticket"].search(action["domain"]).contract_id,
            self.contract_a,
        )
        action = self.contact_a.action_view_konus_contracts()
        self.assertEqual(self.Contract.search(action["domain"]), self.contract_a)
