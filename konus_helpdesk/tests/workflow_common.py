# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import Form

from .common import KonusSupportDataMixin, load_russian


class WorkflowDataMixin(KonusSupportDataMixin):
    """The support data of ``common`` with the regulation's SLA on the team
    (paused in the waiting stage), Russian-speaking customers and the
    stages the workflow moves requests through."""

    @classmethod
    def _setup_workflow_data(cls):
        cls._setup_support_data()
        env = cls.env
        load_russian(env)
        (cls.contact_a | cls.contact_b).write({"lang": "ru_RU"})
        cls.stage_new = cls.stages[:1]
        cls.stage_progress = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.stage_waiting = env.ref("konus_helpdesk.stage_waiting_customer")
        cls.stage_rejected = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected")
        cls.stage_cancelled = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        cls.team.write({"use_sla": True, "resource_calendar_id": cls.calendar.id})
        for incident_class, response, resolution in (
            ("critical", 1, 8),
            ("non_critical", 4, 40),
        ):
            for sla_type, hours in (("response", response), ("resolution", resolution)):
                env["helpdesk.sla"].create(
                    {
                        "name": f"{incident_class} {sla_type} (test)",
                        "incident_class": incident_class,
                        "sla_type": sla_type,
                        "working_hours": hours,
                        "team_ids": [Command.set(cls.team.ids)],
                        "ignore_stage_ids": [Command.set(cls.stage_waiting.ids)],
                    }
                )
        cls.engineer.tz = "Asia/Irkutsk"
        cls.reason = {
            reason.code: reason for reason in env["konus.deferral.reason"].search([])
        }

    def new_ticket(self, **values):
        return self.env["helpdesk.ticket"].create(
            self._identified_ticket_values(user_id=self.engineer.id, **values)
        )

    @staticmethod
    def clock(ticket, sla_type):
        return ticket.ticket_sla_ids.filtered(lambda r: r.sla_type == sla_type)

    def open_wizard(self, action, user=None):
        """The wizard a ticket's button opens, as that user sees it."""
        model = self.env[action["res_model"]].with_user(user or self.engineer)
        return Form(model.with_context(**action["context"]))

    def customer_mails(self, ticket, partner=None):
        """Outgoing mails of the ticket to ``partner`` (its customer)."""
        partner = partner or ticket.partner_id
        return self.env["mail.mail"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("recipient_ids", "in", partner.ids),
            ]
        )
