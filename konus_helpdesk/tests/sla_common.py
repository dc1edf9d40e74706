# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

import pytz

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

IRKUTSK = pytz.timezone("Asia/Irkutsk")


def ulan_ude(*args):
    """A naive UTC datetime from a wall-clock time in Ulan-Ude (UTC+8)."""
    return IRKUTSK.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


def local(tz_name, *args):
    """A naive UTC datetime from a wall-clock time in ``tz_name``."""
    moment = pytz.timezone(tz_name).localize(datetime(*args))
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


class SlaCase(TransactionCase):
    """Own calendars mimicking the Buryatia one (§3.1: Mon–Fri 08:30–12:00 and
    13:00–17:30, Ulan-Ude time), an own team, stages and the regulation's
    targets — no demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.make_calendar(
            "Buryatia (test)",
            [(day, 8.5, 12.0) for day in range(5)]
            + [(day, 13.0, 17.5) for day in range(5)],
        )
        cls.calendar_24_7 = cls.make_calendar(
            "24/7 (test)", [(day, 0.0, 24.0) for day in range(7)]
        )
        Stage = cls.env["helpdesk.ticket.stage"]
        cls.stage_new = Stage.create({"name": "T New", "sequence": 101})
        cls.stage_progress = Stage.create({"name": "T In progress", "sequence": 102})
        cls.stage_waiting = Stage.create({"name": "T Waiting", "sequence": 103})
        cls.stage_done = Stage.create(
            {"name": "T Done", "sequence": 104, "closed": True}
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "SLA test team",
                "use_sla": True,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        (cls.stage_new | cls.stage_progress | cls.stage_waiting | cls.stage_done).write(
            {"team_ids": [Command.set(cls.team.ids)]}
        )
        cls.slas = cls.env["helpdesk.sla"]
        for incident_class, response, resolution in (
            ("critical", 1, 8),
            ("non_critical", 4, 40),
            ("consultation", 8, 24),
        ):
            for sla_type, target in (
                ("response", response),
                ("resolution", resolution),
            ):
                cls.slas |= cls.env["helpdesk.sla"].create(
                    {
                        "name": f"{incident_class} {sla_type}",
                        "incident_class": incident_class,
                        "sla_type": sla_type,
                        "working_hours": target,
                        "team_ids": [Command.set(cls.team.ids)],
                        "ignore_stage_ids": [Command.set(cls.stage_waiting.ids)],
                    }
                )
        cls.engineer = new_test_user(
            cls.env,
            login="sla-engineer",
            name="Дашиев Баир",
            groups="konus_helpdesk.group_support_engineer",
            tz="Asia/Irkutsk",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "ООО «Селенга»", "email": "it@selenga.example"}
        )

    @classmethod
    def make_calendar(cls, name, attendances):
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": "Asia/Irkutsk",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {start}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                        }
                    )
                    for day, start, stop in attendances
                ],
            }
        )

    def holiday(self, start, stop, calendar=None, name="Holiday"):
        """A global leave between two Ulan-Ude wall-clock times."""
        return self.env["resource.calendar.leaves"].create(
            {
                "name": name,
                "calendar_id": (calendar or self.calendar).id,
                "date_from": ulan_ude(*start),
                "date_to": ulan_ude(*stop),
            }
        )

    def new_ticket(self, incident_class="critical", **vals):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Не проходит синхронизация с ЕГАИС",
                "description": "<p>Ошибка 500</p>",
                "team_id": self.team.id,
                "stage_id": self.stage_new.id,
                "partner_id": self.customer.id,
                "user_id": self.engineer.id,
                "incident_class": incident_class,
                **vals,
            }
        )

    @staticmethod
    def clock(ticket, sla_type):
        return ticket.ticket_sla_ids.filtered(lambda r: r.sla_type == sla_type)
