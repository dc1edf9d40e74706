# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .sla_common import ulan_ude
from .test_report_analysis import ReportDataMixin

DASHBOARD = {
    "konus_dashboard_open_by_class_action": "ticket_d",
    "konus_dashboard_at_risk_action": None,
    "konus_dashboard_breached_today_action": None,
    "konus_dashboard_waiting_action": None,
    "konus_dashboard_oldest_action": "ticket_d",
    "konus_dashboard_load_action": "ticket_d",
}


@tagged("post_install", "-at_install")
@freeze_time(ulan_ude(2026, 3, 12, 10, 0))
class TestReportDashboard(ReportDataMixin, TransactionCase):
    """The head of support's dashboard: each action opens on what it names,
    for the head of support only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_data()

    def _records(self, xmlid, user):
        action = self.env.ref(f"konus_helpdesk.{xmlid}")
        domain = safe_eval(
            action.domain or "[]",
            {"context_today": lambda: date(2026, 3, 12), "uid": user.id},
        )
        return self.env[action.res_model].with_user(user).search(domain)

    def test_dashboard_actions(self):
        for xmlid, expected in DASHBOARD.items():
            with self.subTest(action=xmlid):
                records = self._records(xmlid, self.head)
                if expected:
                    ids = records.mapped(
                        "ticket_id" if records._name.endswith("report") else "id"
                    )
                    ids = ids.ids if hasattr(ids, "ids") else ids
                    self.assertIn(getattr(self, expected).id, ids)
                    self.assertNotIn(self.ticket_a.id, ids)  # resolved
        # A's wait for the customer is over; a new wait shows.
        self.assertFalse(self._records("konus_dashboard_waiting_action", self.head))
        self.ticket_d.stage_id = self.stage_waiting
        self.assertEqual(
            self._records("konus_dashboard_waiting_action", self.head), self.ticket_d
        )

    def test_breached_today(self):
        with freeze_time(ulan_ude(2026, 3, 12, 13, 59)):
            self.assertFalse(
                self._records("konus_dashboard_breached_today_action", self.head)
            )
        with freeze_time(ulan_ude(2026, 3, 12, 17, 0)):
            # D's 4-hour first response was due at 14:00: breached at once,
            # before the alert cron marks the clock.
            breached = self._records("konus_dashboard_breached_today_action", self.head)
            self.assertEqual(self.clock(self.ticket_d, "response").state, "in_progress")
        self.assertEqual(breached.ticket_id, self.ticket_d)
        # B's breach of 10 March is not today's.
        self.assertTrue(self.row(self.ticket_b).sla_breached)

    def test_for_heads_only(self):
        menu = self.env.ref("konus_helpdesk.menu_konus_dashboard")
        self.assertEqual(
            menu.group_ids, self.env.ref("konus_helpdesk.group_support_head")
        )
        with self.assertRaises(AccessError):
            self._records("konus_dashboard_load_action", self.engineer)
