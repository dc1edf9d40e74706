# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io
from datetime import datetime
from pathlib import Path

import pytz
from lxml import etree

from odoo.modules.module import Manifest, get_module_path
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import file_open

MODULE = "konus_helpdesk"
# Folders whose files the addon loads at install (demo/ only with demo data).
DATA_FOLDERS = ("data", "security", "views", "wizards", "report")


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """The harness is honest: the addon is installed in the database the tests
    run on, at the version of the code under test, with every record its data
    files define; the shipped configuration is the regulation's; its groups
    form the ladder the regulation's roles need."""

    def test_module_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", MODULE)])
        self.assertEqual(module.state, "installed")
        for dependency in ("helpdesk_mgmt", "helpdesk_mgmt_sla"):
            dep = self.env["ir.module.module"].search([("name", "=", dependency)])
            self.assertEqual(dep.state, "installed", dependency)
        # A database installed from older code would test stale data.
        self.assertEqual(
            module.latest_version,
            Manifest.for_addon(MODULE)["version"],
            "the database is not up to date with the code (-u konus_helpdesk)",
        )

    def test_every_data_file_loaded(self):
        manifest = Manifest.for_addon(MODULE)
        root = Path(get_module_path(MODULE))
        shipped = {
            str(path.relative_to(root))
            for folder in DATA_FOLDERS
            for path in (root / folder).glob("*")
            if path.suffix in (".xml", ".csv")
        }
        self.assertEqual(shipped - set(manifest["data"]), set(), "data files left out")
        xmlids = []
        for name in manifest["data"]:
            with file_open(f"{MODULE}/{name}", "rb") as file:
                content = file.read()
            if name.endswith(".csv"):
                rows = csv.DictReader(io.StringIO(content.decode()))
                xmlids += [(name, row["id"]) for row in rows]
            else:
                tree = etree.fromstring(content)
                xmlids += [
                    (name, node.get("id"))
                    for node in tree.iter("record", "template", "menuitem")
                ]
        self.assertGreater(len(xmlids), 50)
        for name, xmlid in xmlids:
            full = xmlid if "." in xmlid else f"{MODULE}.{xmlid}"
            with self.subTest(file=name, xmlid=full):
                self.assertTrue(self.env.ref(full, raise_if_not_found=False))

    def test_shipped_calendar_is_the_regulations(self):
        """§3.1: 08:30-12:00 and 13:00-17:30 Ulan-Ude time on working days of
        the production calendar, synced at install."""
        calendar = self.env.ref("konus_helpdesk.calendar_ulan_ude")
        self.assertEqual(calendar.tz, "Asia/Irkutsk")
        self.assertFalse(calendar.company_id)
        self.assertEqual(calendar.konus_holiday_policy, "ru_buryatia")
        self.assertEqual(
            sorted(
                (a.dayofweek, a.hour_from, a.hour_to)
                for a in calendar.attendance_ids
                if a.day_period != "lunch"
            ),
            sorted(
                (str(day), start, stop)
                for day in range(5)
                for start, stop in ((8.5, 12.0), (13.0, 17.5))
            ),
        )
        self.assertEqual(calendar.hours_per_day, 8.0)
        years = set(calendar.konus_special_day_ids.mapped("year"))
        self.assertTrue(years, "the production calendar was not synced")
        irkutsk = pytz.timezone("Asia/Irkutsk")
        for year in years:
            new_year = calendar.konus_special_day_ids.filtered(
                lambda d, y=year: d.date == datetime(y, 1, 1).date()
            )
            self.assertEqual(new_year.kind, "holiday", year)
            # 1-8 January are days off every year (Labour Code, art. 112).
            self.assertEqual(
                calendar.get_work_hours_count(
                    irkutsk.localize(datetime(year, 1, 1)),
                    irkutsk.localize(datetime(year, 1, 9)),
                ),
                0,
                year,
            )
        round_the_clock = self.env.ref("konus_helpdesk.calendar_24_7")
        self.assertEqual(round_the_clock.tz, "Asia/Irkutsk")
        self.assertFalse(round_the_clock.konus_holiday_policy)
        self.assertFalse(round_the_clock.konus_special_day_ids)
        self.assertEqual(
            sum(
                a.hour_to - a.hour_from
                for a in round_the_clock.attendance_ids
                if a.day_period != "lunch"
            ),
            24 * 7,
        )

    def test_shipped_team_stage_and_sla_targets(self):
        team = self.env.ref("konus_helpdesk.team_konus_support")
        waiting = self.env.ref("konus_helpdesk.stage_waiting_customer")
        self.assertEqual(team.alias_name, "support")
        self.assertEqual(
            (team.use_sla, team.identification_required, team.show_in_portal),
            (True, True, True),
        )
        self.assertEqual(
            team.resource_calendar_id, self.env.ref("konus_helpdesk.calendar_ulan_ude")
        )
        self.assertEqual(team.company_id, self.env.ref("base.main_company"))
        self.assertFalse(waiting.closed)
        # The targets of readme/CONFIGURE.md, in working hours.
        expected = {
            "sla_critical_response": ("critical", "response", 1),
            "sla_critical_resolution": ("critical", "resolution", 8),
            "sla_non_critical_response": ("non_critical", "response", 4),
            "sla_non_critical_resolution": ("non_critical", "resolution", 40),
            "sla_consultation_response": ("consultation", "response", 8),
            "sla_consultation_resolution": ("consultation", "resolution", 24),
        }
        for xmlid, values in expected.items():
            sla = self.env.ref(f"konus_helpdesk.{xmlid}")
            with self.subTest(sla=xmlid):
                self.assertEqual(
                    (sla.incident_class, sla.sla_type, sla.working_hours), values
                )
                self.assertEqual(sla.team_ids, team)
                self.assertEqual(sla.ignore_stage_ids, waiting)

    def test_shipped_support_types_and_jobs(self):
        codes = ["consultation", "remote", "onsite", "replacement"]
        types = (
            self.env["konus.support.type"]
            .browse(self.env.ref(f"konus_helpdesk.support_type_{c}").id for c in codes)
            .sorted()
        )
        # §5.2, in the regulation's order, offered in every company.
        self.assertEqual(types.mapped("code"), codes)
        self.assertFalse(types.company_id)
        jobs = {
            "ir_cron_support_contract_state": (
                "model._cron_update_state()",
                1,
                "days",
            ),
            "cron_konus_sync_special_days": (
                "model._cron_konus_sync_special_days()",
                12,
                "months",
            ),
            "ir_cron_sla_alerts": ("model._cron_sla_alerts()", 15, "minutes"),
        }
        for xmlid, values in jobs.items():
            cron = self.env.ref(f"konus_helpdesk.{xmlid}")
            with self.subTest(cron=xmlid):
                self.assertTrue(cron.active)
                self.assertEqual(
                    (cron.code, cron.interval_number, cron.interval_type), values
                )
        template = self.env.ref("konus_helpdesk.mail_template_identification_request")
        self.assertEqual(template.model, "helpdesk.ticket")
        self.assertIn("object.missing_info_html", template.body_html)

    def test_group_ladder(self):
        engineer = self.env.ref("konus_helpdesk.group_support_engineer")
        head = self.env.ref("konus_helpdesk.group_support_head")
        self.assertIn(engineer, head.all_implied_ids)
        self.assertIn(
            self.env.ref("helpdesk_mgmt.group_helpdesk_user"), engineer.all_implied_ids
        )
        self.assertIn(
            self.env.ref("helpdesk_mgmt.group_helpdesk_manager"), head.all_implied_ids
        )
        self.assertNotIn(
            self.env.ref("helpdesk_mgmt.group_helpdesk_manager"),
            engineer.all_implied_ids,
        )
        self.assertNotIn(head, engineer.all_implied_ids)
        self.assertEqual(engineer.privilege_id, head.privilege_id)
        self.assertEqual(
            engineer.privilege_id,
            self.env.ref("konus_helpdesk.privilege_konus_support"),
        )
        # The administrator heads the support service out of the box.
        self.assertIn(self.env.ref("base.user_admin"), head.all_user_ids)

    def test_engineer_creates_ticket(self):
        user = new_test_user(
            self.env, login="eng-smoke", groups="konus_helpdesk.group_support_engineer"
        )
        team = self.env.ref("konus_helpdesk.team_konus_support")
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .create(
                {
                    "name": "Не печатает ККТ",
                    "description": "<p>Ошибка связи</p>",
                    "team_id": team.id,
                }
            )
        )
        # helpdesk_mgmt's sequence: HT and five digits.
        self.assertRegex(ticket.number, r"^HT\d{5,}$")
        self.assertEqual(ticket.stage_id, team._get_applicable_stages()[:1])
        self.assertEqual(ticket.create_uid, user)
