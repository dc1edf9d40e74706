# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.modules.module import load_script
from odoo.tests import tagged

from .sla_common import SlaCase, ulan_ude

FOLDER = "konus_helpdesk/migrations/19.0.1.2.0"


@tagged("post_install", "-at_install")
class TestMigration19012(SlaCase):
    """19.0.1.2.0's scripts on a database as 19.0.1.1.0 left it: they keep
    every request, clock, message and calendar, fill in what the new version
    reads, and running them twice changes nothing more. The full upgrade of a
    populated database (install the previous release, ``-u``, compare the
    counts of every table) is ``tools/test_upgrade.sh``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pre = load_script(f"{FOLDER}/pre-migrate.py", "konus_mig_19012_pre")
        cls.post = load_script(f"{FOLDER}/post-migrate.py", "konus_mig_19012_post")
        cls.mails = load_script(
            f"{FOLDER}/post-customer-mails.py", "konus_mig_19012_mails"
        )

    def counts(self):
        self.env.flush_all()
        result = {}
        for table in (
            "helpdesk_ticket",
            "helpdesk_ticket_sla",
            "mail_message",
            "resource_calendar",
            "konus_calendar_special_day",
            "konus_support_type",
        ):
            self.env.cr.execute(f"SELECT count(*) FROM {table}")
            result[table] = self.env.cr.fetchone()[0]
        return result

    def migrate(self):
        self.pre.migrate(self.env.cr, "19.0.1.1.0")
        self.post.migrate(self.env.cr, "19.0.1.1.0")
        self.mails.migrate(self.env.cr, "19.0.1.1.0")
        self.env.invalidate_all()

    def test_records_kept_and_stopped_clocks_get_worked_hours(self):
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            running = self.new_ticket("non_critical")
            closed = self.new_ticket("critical")
        with freeze_time(ulan_ude(2027, 3, 1, 11, 0)):
            closed.stage_id = self.stage_done
            closed.message_post(body="Готово")
        resolution = self.clock(closed, "resolution")
        self.assertEqual(resolution.state, "accomplished")
        deadlines = running.ticket_sla_ids.mapped("deadline")
        # As 19.0.1.1.0 left a stopped clock: no worked hours yet.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket_sla SET worked_hours = NULL WHERE id = %s",
            [resolution.id],
        )
        resolution.invalidate_recordset()
        before = self.counts()
        with freeze_time(ulan_ude(2027, 3, 1, 12, 0)):
            self.migrate()
        self.assertEqual(self.counts(), before)
        self.assertAlmostEqual(resolution.worked_hours, 2.0, places=3)
        self.assertEqual(running.ticket_sla_ids.mapped("deadline"), deadlines)
        with freeze_time(ulan_ude(2027, 3, 1, 12, 0)):
            self.migrate()
        self.assertEqual(self.counts(), before)
        self.assertAlmostEqual(resolution.worked_hours, 2.0, places=3)

    def test_renamed_local_deadline_in_views(self):
        view = self.env.ref("konus_helpdesk.helpdesk_ticket_sla_view_list")
        self.assertIn("deadline_local", view.arch_db)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ir_ui_view SET arch_db = replace(arch_db::text, "
            "'deadline_local', 'deadline_ulan_ude')::jsonb WHERE id = %s",
            [view.id],
        )
        view.invalidate_recordset()
        self.assertIn("deadline_ulan_ude", view.arch_db)
        self.migrate()
        self.assertNotIn("deadline_ulan_ude", view.arch_db)
        self.assertIn("deadline_local", view.arch_db)
