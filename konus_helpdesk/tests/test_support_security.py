# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, freeze_time, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import KonusSupportDataMixin


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestSupportAccessORM(KonusSupportDataMixin, TransactionCase):
    """A customer's people see their own organisation's contracts, products
    and requests, and nothing of another customer's (DESIGN "Security")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.ticket_a = cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values()
        )

    def test_portal_reads_own_organisation_only(self):
        env_b = self.env(user=self.portal_b)
        self.assertEqual(env_b["konus.support.contract"].search([]), self.contract_b)
        self.assertEqual(env_b["konus.supported.product"].search([]), self.product_b)
        self.assertFalse(
            env_b["helpdesk.ticket"].search([("id", "=", self.ticket_a.id)])
        )
        # A colleague of A sees A's records.
        colleague = self.portal_a.copy({"login": "portal-a2"})
        colleague.partner_id.parent_id = self.customer_a
        env_a = self.env(user=colleague)
        self.assertEqual(env_a["konus.support.contract"].search([]), self.contract_a)
        self.assertEqual(env_a["helpdesk.ticket"].search([]), self.ticket_a)

    def test_portal_cannot_read_or_change_other_customer(self):
        for record in (self.contract_a, self.product_a, self.ticket_a):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.portal_b).read(["display_name"])
        for record, vals in (
            (self.contract_a, {"third_party_allowed": False}),
            (self.product_a, {"version": "хак"}),
            (self.ticket_a, {"name": "хак"}),
        ):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.portal_b).write(vals)
        # Not even the customer's own contract can be changed from the portal.
        with self.assertRaises(AccessError):
            self.contract_b.with_user(self.portal_b).write(
                {"third_party_allowed": False}
            )
        self.assertTrue(self.contract_a.third_party_allowed)
        self.assertTrue(self.contract_b.third_party_allowed)
        self.assertEqual(self.ticket_a.name, "Не проводится документ")

    def test_engineer_reads_head_manages(self):
        contract = self.contract_a.with_user(self.engineer)
        self.assertEqual(contract.name, "ДТП-A-1")
        with self.assertRaises(AccessError):
            contract.write({"third_party_allowed": False})
        with self.assertRaises(AccessError):
            self.env["konus.supported.product"].with_user(self.engineer).create(
                {"name": "X", "partner_id": self.customer_a.id}
            )
        # Engineers work on tickets.
        self.ticket_a.with_user(self.engineer).write(
            {"doc_reference": "Руководство, п. 3"}
        )
        self.contract_a.with_user(self.head).write({"third_party_allowed": False})
        self.assertFalse(self.contract_a.third_party_allowed)
        self.env["konus.support.type"].with_user(self.head).create(
            {"name": "Обучение", "code": "training"}
        )

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Конус-Чита"})
        foreign = self.env["konus.support.contract"].create(
            {"name": "Ч-1", "partner_id": self.customer_a.id, "company_id": other.id}
        )
        product = self.env["konus.supported.product"].create(
            {"name": "Ч-П", "partner_id": self.customer_a.id, "company_id": other.id}
        )
        head = self.head.with_company(self.env.company)
        self.assertFalse(
            self.env["konus.support.contract"]
            .with_user(head)
            .search([("id", "=", foreign.id)])
        )
        self.assertFalse(
            self.env["konus.supported.product"]
            .with_user(head)
            .search([("id", "=", product.id)])
        )
        self.head.company_ids |= other
        self.assertEqual(
            self.env["konus.support.contract"]
            .with_user(self.head)
            .with_context(allowed_company_ids=[other.id])
            .search([("id", "=", foreign.id)]),
            foreign,
        )


@tagged("post_install", "-at_install")
class TestSupportAccessHttp(KonusSupportDataMixin, HttpCase):
    """The same walls through the real HTTP stack: JSON-RPC and portal URLs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.ticket_a = cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values()
        )

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_json_rpc_search_read_shows_nothing_of_other_customer(self):
        self.authenticate("portal-b", "portal-b")
        for model, own in (
            ("konus.support.contract", self.contract_b),
            ("konus.supported.product", self.product_b),
        ):
            rows = self._call_kw(
                model, "search_read", [[]], {"fields": ["name", "partner_id"]}
            )
            self.assertEqual([row["id"] for row in rows], own.ids, model)
        rows = self._call_kw(
            "helpdesk.ticket",
            "search_read",
            [[("id", "=", self.ticket_a.id)]],
            {"fields": ["name"]},
        )
        self.assertEqual(rows, [])
        with mute_logger("odoo.http"):
            for model, record in (
                ("konus.support.contract", self.contract_a),
                ("konus.supported.product", self.product_a),
                ("helpdesk.ticket", self.ticket_a),
            ):
                with self.subTest(model=model), self.assertRaises(JsonRpcException):
                    self._call_kw(model, "read", [record.ids, ["name"]])
            with self.assertRaises(JsonRpcException):
                self._call_kw(
                    "konus.support.contract",
                    "write",
                    [self.contract_a.ids, {"name": "хак"}],
                )
            with self.assertRaises(JsonRpcException):
                self._call_kw(
                    "helpdesk.ticket", "write", [self.ticket_a.ids, {"name": "хак"}]
                )
        self.assertEqual(self.contract_a.name, "ДТП-A-1")
        self.assertEqual(self.ticket_a.name, "Не проводится документ")

    def test_portal_url_of_other_customer_ticket(self):
        self.authenticate("portal-b", "portal-b")
        response = self.url_open(f"/my/ticket/{self.ticket_a.id}")
        self.assertNotIn(self.ticket_a.number, response.text)
        self.assertNotIn("Не проводится документ", response.text)
        self.assertFalse(response.url.endswith(f"/my/ticket/{self.ticket_a.id}"))
        listing = self.url_open("/my/tickets")
        self.assertNotIn("Не проводится документ", listing.text)
        # Its own customer sees it.
        self.authenticate("portal-a", "portal-a")
        response = self.url_open(f"/my/ticket/{self.ticket_a.id}")
        self.assertIn("Не проводится документ", response.text)
