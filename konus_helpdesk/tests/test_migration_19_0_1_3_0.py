# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from freezegun import freeze_time

from odoo.modules.module import load_script
from odoo.tests import TransactionCase, tagged

from .sla_common import SlaCase, ulan_ude


@tagged("post_install", "-at_install")
class TestMigration19013(TransactionCase):
    """19.0.1.3.0's script on a database as 19.0.1.2.0 left it: the shipped
    team gets the decline mail, the shipped regulation loses the invented
    version and date; what the head of support changed is kept, and running
    it twice changes nothing more."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.script = load_script(
            "konus_helpdesk/migrations/19.0.1.3.0/post-migrate.py",
            "konus_mig_19013_post",
        )
        cls.team = cls.env.ref("konus_helpdesk.team_konus_support")
        cls.regulation = cls.env.ref("konus_helpdesk.regulation_current")
        cls.declined = cls.env.ref("konus_helpdesk.mail_template_customer_declined")

    def migrate(self):
        self.script.migrate(self.env.cr, "19.0.1.2.0")
        self.env.invalidate_all()

    def test_shipped_team_gets_the_decline_mail(self):
        self.assertTrue(self.team.closing_template_id)
        self.team.decline_template_id = False
        self.migrate()
        self.assertEqual(self.team.decline_template_id, self.declined)
        self.migrate()
        self.assertEqual(self.team.decline_template_id, self.declined)

    def test_team_choices_kept(self):
        own = self.declined.copy({"name": "Own decline"})
        self.team.decline_template_id = own
        self.migrate()
        self.assertEqual(self.team.decline_template_id, own)
        # A team that left the customer mails to helpdesk_mgmt stays so.
        self.team.write({"closing_template_id": False, "decline_template_id": False})
        self.migrate()
        self.assertFalse(self.team.decline_template_id)

    def test_invented_regulation_version_removed(self):
        self.regulation.write(
            {"name": "1.0", "date_effective": datetime.date(2026, 1, 1)}
        )
        self.migrate()
        self.assertEqual(self.regulation.name, "без номера")
        self.assertFalse(self.regulation.date_effective)

    def test_regulation_entered_by_the_head_kept(self):
        self.regulation.write(
            {"name": "1.0", "date_effective": datetime.date(2026, 3, 1)}
        )
        self.migrate()
        self.assertEqual(self.regulation.name, "1.0")
        self.assertEqual(self.regulation.date_effective, datetime.date(2026, 3, 1))


@tagged("post_install", "-at_install")
class TestMigration19013Deadlines(SlaCase):
    """The running deadlines filled by SQL before the ORM sees the new
    columns are those the compute keeps."""

    def test_running_deadlines_filled_as_the_compute_does(self):
        script = load_script(
            "konus_helpdesk/migrations/19.0.1.3.0/pre-migrate.py",
            "konus_mig_19013_pre",
        )
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            running = self.new_ticket("critical")
            answered = self.new_ticket("non_critical")
        with freeze_time(ulan_ude(2027, 3, 1, 10, 0)):
            answered.stage_id = self.stage_done
        tickets = running | answered
        self.env.flush_all()
        fields = ("sla_response_deadline", "sla_resolution_deadline")
        expected = {(t.id, f): t[f] for t in tickets for f in fields}
        self.assertTrue(running.sla_resolution_deadline)
        self.assertFalse(answered.sla_resolution_deadline)
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET sla_response_deadline = NULL,"
            " sla_resolution_deadline = NULL WHERE id = ANY(%s)",
            [tickets.ids],
        )
        script.migrate(self.env.cr, "19.0.1.2.0")
        self.env.invalidate_all()
        self.assertEqual({(t.id, f): t[f] for t in tickets for f in fields}, expected)
