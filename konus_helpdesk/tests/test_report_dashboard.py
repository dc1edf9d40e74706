# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tools import html2plaintext
from odoo.tools.safe_eval import safe_eval

from .common import KonusSupportDataMixin, load_russian
from .sla_common import ulan_ude
from .test_report_analysis import ReportDataMixin
from .test_russian import arch_texts, latin_words

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


@tagged("post_install", "-at_install")
class TestReportRussian(KonusSupportDataMixin, TransactionCase):
    """The head of support reads the reports and the dashboard in Russian:
    the views' labels, the fields' labels, help and values, the actions,
    their help and the menus, the shipped favourites."""

    REPORT_ACTIONS = (
        "konus_helpdesk_ticket_report_action",
        "konus_deferral_statistics_action",
        "konus_complaint_statistics_action",
        "konus_dashboard_open_by_class_action",
        "konus_dashboard_at_risk_action",
        "konus_dashboard_breached_today_action",
        "konus_dashboard_waiting_action",
        "konus_dashboard_oldest_action",
        "konus_dashboard_load_action",
        "action_report_service_act",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        load_russian(cls.env)
        cls.ru = cls.env(user=cls.head, context={"lang": "ru_RU"})
        cls.ru_admin = cls.env(context={"lang": "ru_RU"})

    def assertRussian(self, texts, where):
        english = set().union(*(latin_words(text) for text in texts))
        self.assertFalse(english, f"English in {where}: {sorted(english)}")

    def test_report_views_and_fields(self):
        Report = self.ru["konus.helpdesk.ticket.report"]
        result = Report.get_views(
            [(False, "pivot"), (False, "graph"), (False, "list"), (False, "search")]
        )
        for view_type, view in result["views"].items():
            with self.subTest(view=view_type):
                self.assertRussian(arch_texts(view["arch"]), f"the {view_type} view")
        fields = result["models"]["konus.helpdesk.ticket.report"]["fields"]
        for name, description in fields.items():
            if name in ("id", "display_name"):
                continue
            with self.subTest(field=name):
                self.assertRussian(
                    [
                        description["string"],
                        description.get("help", ""),
                        *(label for _v, label in description.get("selection", [])),
                    ],
                    f"the field {name}",
                )
        self.assertEqual(fields["breached_today"]["string"], "Нарушен сегодня")
        self.assertEqual(fields["sla_at_risk"]["string"], "SLA под угрозой")
        self.assertIn("Улан-Удэ", fields["breached_today"]["help"])

    def test_dashboard_actions_and_menus(self):
        for xmlid in self.REPORT_ACTIONS:
            action = self.ru_admin.ref(f"konus_helpdesk.{xmlid}")
            with self.subTest(action=xmlid):
                self.assertRussian([action.name], "the action's name")
                if "help" in action._fields and action.help:
                    self.assertRussian(
                        [html2plaintext(action.help)], "the action's help"
                    )
        self.assertIn(
            "Улан-Удэ",
            self.ru_admin.ref(
                "konus_helpdesk.konus_dashboard_breached_today_action"
            ).help,
        )
        dashboard = self.ru.ref("konus_helpdesk.menu_konus_dashboard")
        reporting = self.ru.ref("helpdesk_mgmt.helpdesk_ticket_reporting_menu")
        menus = self.ru["ir.ui.menu"].search(
            [("id", "child_of", (dashboard | reporting).ids)]
        )
        self.assertGreater(len(menus), 9)
        self.assertRussian(menus.mapped("name"), "the menus")
        oldest_list = self.ru_admin.ref(
            "konus_helpdesk.konus_dashboard_oldest_view_list"
        )
        self.assertRussian(
            arch_texts(oldest_list.get_combined_arch()), "the oldest requests' list"
        )
        oldest = self.ru["helpdesk.ticket"].fields_get(
            ["number", "create_date", "commercial_partner_id", "sla_deadline_local"],
            ["string"],
        )
        self.assertRussian([f["string"] for f in oldest.values()], "the oldest")

    def test_usual_views(self):
        """The head's usual views are search filters (saved favourites are
        never translated)."""
        arch = self.ru["konus.helpdesk.ticket.report"].get_views([(False, "search")])[
            "views"
        ]["search"]["arch"]
        for russian in (
            "Этот месяц по классам",
            "Последний квартал по заказчикам",
            "Нарушения по инженерам",
            "Нарушен сегодня",
        ):
            self.assertIn(russian, arch)
