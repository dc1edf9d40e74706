# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time
from lxml import html

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .sla_common import ulan_ude


@tagged("post_install", "-at_install")
class TestSlaPortal(HttpCase):
    """The customer sees the SLA deadlines of the ticket in the portal."""

    def test_portal_shows_deadlines(self):
        deadlines = self._portal_deadlines("Asia/Irkutsk")
        # the calendar's wall clock beside the reader's
        self.assertIn("(03/01/2027 10:00 AM Asia/Irkutsk)", deadlines)

    def test_portal_deadline_in_the_calendar_zone(self):
        # Filed at 09:00 in Ulan-Ude, 04:00 in Moscow: opens at 08:30 there.
        deadlines = self._portal_deadlines("Europe/Moscow", (2027, 3, 1, 14, 30))
        self.assertIn("(03/01/2027 09:30 AM Europe/Moscow)", deadlines)

    def _portal_deadlines(self, tz, deadline=(2027, 3, 1, 10, 0)):
        """The text of the SLA block on the portal page of a critical ticket
        filed on Monday 1 March 2027 at 09:00 in Ulan-Ude, on a calendar in
        ``tz`` (Mon-Fri 08:30-17:30), seen by its customer (in Ulan-Ude
        time)."""
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Buryatia (portal test)",
                "tz": tz,
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
        self.assertEqual(ticket.sla_deadline, ulan_ude(*deadline))
        self.authenticate("sla-portal", "sla-portal")
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        block = html.fromstring(page.text).get_element_by_id("konus_sla_deadlines")
        return " ".join(block.text_content().split())
