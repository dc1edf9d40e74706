# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import float_repr

from .helpdesk_sla import INCIDENT_CLASSES
from .konus_support_contract import EXPIRY_WARNING_DAYS


class KonusSupportContract(models.Model):
    """What the customer reads of a contract in the portal: how long it is
    still valid and the SLA targets (§3.1) in plain words."""

    _inherit = "konus.support.contract"

    def _portal_days_left(self):
        """Days left before the end of an active contract when it ends within
        the warning period (§2.2), else ``None``."""
        self.ensure_one()
        if self.state != "active" or not self.date_end:
            return None
        days = (self.date_end - fields.Date.context_today(self)).days
        return days if days <= EXPIRY_WARNING_DAYS else None

    def _portal_working_hours(self):
        """The calendar's working hours as ``[(days, hours)]``, consecutive
        days with the same hours merged: ``[("Monday – Friday",
        "08:30–12:00, 13:00–17:30")]``."""
        self.ensure_one()
        Attendance = self.env["resource.calendar.attendance"]
        day_names = dict(
            Attendance._fields["dayofweek"]._description_selection(self.env)
        )
        by_day = {}
        for attendance in self.calendar_id.sudo().attendance_ids.sorted("hour_from"):
            if attendance.display_type or attendance.day_period == "lunch":
                continue
            if attendance.week_type == "1":
                continue  # two-week calendars: the first week stands for both
            by_day.setdefault(attendance.dayofweek, []).append(
                f"{_clock(attendance.hour_from)}–{_clock(attendance.hour_to)}"
            )
        groups = []
        for day in sorted(by_day, key=int):
            hours = ", ".join(by_day[day])
            if groups and groups[-1][2] == hours and int(groups[-1][1]) == int(day) - 1:
                groups[-1][1] = day
            else:
                groups.append([day, day, hours])
        return [
            (
                day_names[first]
                if first == last
                else f"{day_names[first]} – {day_names[last]}",
                hours,
            )
            for first, last, hours in groups
        ]

    def _portal_sla_targets(self):
        """Per incident class, the first response and resolution targets in
        working hours: the contract's own target, else the one of the support
        service's SLA (§3.1 «если иное не оговорено … договора»).

        :return: list of ``(class label, response hours, resolution hours)``;
            a missing target is ``None``; classes without any target are left
            out.
        """
        self.ensure_one()
        own = {
            (target.incident_class, target.sla_type): target.working_hours
            for target in self.sla_target_ids
        }
        team = self.env.ref(
            "konus_helpdesk.team_konus_support", raise_if_not_found=False
        )
        team_slas = self.env["helpdesk.sla"]
        if team:
            team_slas = (
                self.env["helpdesk.sla"]
                .sudo()
                .search(
                    [
                        ("team_ids", "in", team.ids),
                        ("company_id", "in", [False, self.company_id.id]),
                    ],
                    order="id",
                )
            )
        labels = dict(
            self.env["helpdesk.sla"]
            ._fields["incident_class"]
            ._description_selection(self.env)
        )
        lines = []
        for incident_class, _label in INCIDENT_CLASSES:
            hours = {}
            for sla_type in ("response", "resolution"):
                if (incident_class, sla_type) in own:
                    hours[sla_type] = own[incident_class, sla_type]
                    continue
                sla = team_slas.filtered(
                    lambda s, c=incident_class, t=sla_type: (
                        s.sla_type == t and s.incident_class in (c, False)
                    )
                ).sorted(lambda s: not s.incident_class)[:1]
                hours[sla_type] = sla._get_target_hours() if sla else None
            if hours["response"] or hours["resolution"]:
                lines.append(
                    (labels[incident_class], hours["response"], hours["resolution"])
                )
        return lines

    def _portal_sla_sentences(self):
        """The targets as the regulation words them: «критический инцидент:
        ответ в течение 1 рабочего часа, решение в течение 8 рабочих часов»."""
        env = self.env
        sentences = []
        for label, response, resolution in self._portal_sla_targets():
            parts = []
            if response:
                parts.append(
                    env._(
                        "response within %(hours)s", hours=self._hours_phrase(response)
                    )
                )
            if resolution:
                parts.append(
                    env._(
                        "resolution within %(hours)s",
                        hours=self._hours_phrase(resolution),
                    )
                )
            sentences.append(f"{label}: {', '.join(parts)}")
        return sentences

    def _hours_phrase(self, hours):
        """«1 рабочего часа», «8 рабочих часов», «1,5 рабочего часа»: the
        Russian genitive after «в течение» is singular for numbers ending in
        1 (not 11) and for fractions."""
        env = self.env
        whole = float(hours).is_integer()
        number = str(int(hours)) if whole else float_repr(hours, 2).rstrip("0")
        if (env.lang or "").startswith("ru"):
            number = number.replace(".", ",")
            singular = not whole or (int(hours) % 10 == 1 and int(hours) % 100 != 11)
        else:
            singular = hours == 1
        if singular:
            return env._("%(number)s working hour", number=number)
        return env._("%(number)s working hours", number=number)


def _clock(hours):
    minutes = round(hours * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
