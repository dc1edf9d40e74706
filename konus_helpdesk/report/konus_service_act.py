# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools.misc import format_date, format_datetime, formatLang


class ReportKonusServiceAct(models.AbstractModel):
    """«Отчёт об оказанных услугах технической поддержки»: what a customer
    receives for a period of its contract or certificate — the requests
    registered in the period, their working times and SLA results, totals per
    incident class. The figures are the rows of the requests analysis
    (``konus.helpdesk.ticket.report``), the times those the SLA clocks wrote.

    The period comes in the report data (``date_from``, ``date_to``, dates
    on the wall clock of the contract's calendar); the current month when
    absent."""

    _name = "report.konus_helpdesk.report_service_act"
    _description = "Service act (technical support)"

    @api.model
    def _get_period(self, data):
        today = fields.Date.context_today(self)
        date_from = (data or {}).get("date_from") or today.replace(day=1)
        date_to = (data or {}).get("date_to") or (
            fields.Date.to_date(date_from) + relativedelta(day=31)
        )
        return fields.Date.to_date(date_from), fields.Date.to_date(date_to)

    @api.model
    def _get_report_values(self, docids, data=None):
        date_from, date_to = self._get_period(data)
        contracts = self.env["konus.support.contract"].browse(docids)
        acts = {}
        for contract in contracts:
            # In the customer's language, as the template is rendered.
            act_self = self.with_context(lang=contract.partner_id.lang or self.env.lang)
            acts[contract.id] = act_self._get_act(contract, date_from, date_to)
        return {
            "doc_ids": docids,
            "doc_model": "konus.support.contract",
            "docs": contracts,
            "acts": acts,
            "date_from": format_date(self.env, date_from),
            "date_to": format_date(self.env, date_to),
        }

    @api.model
    def _get_act(self, contract, date_from, date_to):
        calendar = contract.calendar_id or self.env.company.resource_calendar_id
        tz_name = calendar.tz or self.env.user.tz or "UTC"
        tz = pytz.timezone(tz_name)

        def utc(day, moment):
            local = tz.localize(datetime.combine(day, moment))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        domain = Domain(
            [
                ("contract_id", "=", contract.id),
                ("create_date", ">=", utc(date_from, time.min)),
                ("create_date", "<", utc(date_to + relativedelta(days=1), time.min)),
            ]
        )
        rows = self.env["konus.helpdesk.ticket.report"].search(
            domain, order="create_date, id"
        )
        classes = dict(rows._fields["incident_class"]._description_selection(self.env))
        results = dict(rows._fields["response_sla"]._description_selection(self.env))
        lines, totals = [], {}
        for row in rows:
            lines.append(
                {
                    "number": row.number,
                    "date": format_datetime(
                        self.env, row.create_date, tz=tz_name, dt_format="short"
                    ),
                    "product": row.supported_product_id.name or "",
                    "incident_class": classes.get(row.incident_class, ""),
                    "support_type": row.support_type_id.name or "",
                    # Empty while a clock runs and for a declined request.
                    "response_hours": self._format_hours(row.first_response_hours)
                    if row.response_sla in ("met", "breached")
                    and (row.first_response_date or not row.is_open)
                    else "",
                    "resolution_hours": self._format_hours(row.resolution_hours)
                    if row.resolution_sla in ("met", "breached") and not row.is_open
                    else "",
                    "response_sla": results.get(row.response_sla, ""),
                    "resolution_sla": results.get(row.resolution_sla, ""),
                    "deferral": row.deferral_reason_id.display_name or "",
                }
            )
            total = totals.setdefault(
                row.incident_class or "",
                {"label": classes.get(row.incident_class, ""), "count": 0, "met": 0},
            )
            total["count"] += 1
            total["met"] += not row.sla_breached and row.met_count
        compliance = {}
        judged = [r for r in rows if r.sla_breached or r.met_count]
        if judged:
            met = sum(1 for r in judged if not r.sla_breached)
            compliance = {
                "met": met,
                "judged": len(judged),
                "percent": formatLang(self.env, 100.0 * met / len(judged), digits=1),
            }
        return {
            "date_from": format_date(self.env, date_from),
            "date_to": format_date(self.env, date_to),
            "tz": tz_name,
            "lines": lines,
            "totals": list(totals.values()),
            "count": len(rows),
            "compliance": compliance,
        }

    @api.model
    def _format_hours(self, hours):
        """Working hours as ``H:MM``."""
        minutes = round(hours * 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
