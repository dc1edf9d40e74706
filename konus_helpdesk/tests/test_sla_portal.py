# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .sla_common import ulan_ude


@tagged("post_install", "-at_install")
class TestSlaPortal(HttpCase):
    """The customer sees the SLA deadlines of the ticket in the portal."""

    def test_portal_shows_deadlines(self):
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Buryatia (portal test)",
                "tz": "Asia/Irkutsk",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": str(d),
                            "dayofweek": str(d),
                            "hour_from": 8.5,
                            "hour_to": 17.5,
                        }
                    )
                    for d in range(5)
                ],
            }
        )
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Portal SLA", "use_sla": True, "resource_calendar_id": calendar.id}
        )
        self.env["helpdesk.sla"].create(
            {
                "name": "Critical response",
                "incident_class": "critical",
                "sla_type": "response",
                "working_hours": 1,
                "team_ids": [Command.set(team.ids)],
            }
        )
        portal_user = new_test_user(
            self.env, login="sla-portal", groups="base.group_portal", tz="Asia/Irkutsk"
        )
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": "Касса не пробивает чек",
                    "description": "<p>Ошибка ФН</p>",
                    "team_id": team.id,
                    "partner_id": portal_user.partner_id.id,
                    "incident_class": "critical",
                }
            )
        self.assertEqual(ticket.sla_deadline, ulan_ude(2027, 3, 1, 10, 0))
        self.authenticate("sla-portal", "sla-portal")
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('id="konus_sla_deadlines"', page.text)
        self.assertIn("(Ulan-Ude 01.03.2027 10:00)", " ".join(page.text.split()))
