# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, JsonRpcException, freeze_time, tagged

from .sla_common import ulan_ude
from .workflow_common import WorkflowDataMixin


@tagged("post_install", "-at_install")
class TestWorkflowPortal(WorkflowDataMixin, HttpCase):
    """The customer's side, by real HTTP as the portal users: an answer in
    the portal brings the request back to work; another customer cannot
    answer it; a declined request's SLA reads «not applicable»."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The data on a day the contracts are valid; the requests then
        # live on in real time (the HTTP server's clock).
        with freeze_time(ulan_ude(2026, 11, 25, 10, 0)):
            cls._setup_workflow_data()

    def _waiting_ticket(self):
        with freeze_time(ulan_ude(2026, 11, 25, 10, 0)):
            ticket = self.new_ticket()
            ticket.stage_id = self.stage_progress
            action = ticket.with_user(self.engineer).action_request_information()
            self.open_wizard(action).save().action_send()
        self.assertEqual(ticket.stage_id, self.stage_waiting)
        self.assertEqual(self.clock(ticket, "resolution").state, "on_hold")
        return ticket

    def _post(self, ticket, body):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "helpdesk.ticket",
                "thread_id": ticket.id,
                "post_data": {
                    "body": body,
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )

    def test_portal_answer_resumes_the_request(self):
        ticket = self._waiting_ticket()
        self.authenticate("portal-b", "portal-b")
        with self.assertRaises(JsonRpcException):
            self._post(ticket, "Чужой ответ")
        self.assertEqual(ticket.stage_id, self.stage_waiting)

        self.authenticate("portal-a", "portal-a")
        result = self._post(ticket, "Версия платформы 8.3.25")
        message = self.env["mail.message"].browse(result["message_id"])
        self.assertEqual(message.author_id, self.contact_a)
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertFalse(ticket.waiting_for)
        resolution = self.clock(ticket, "resolution")
        self.assertEqual(resolution.state, "in_progress")
        self.assertTrue(resolution.deadline)

    def test_declined_request_sla_not_applicable_in_portal(self):
        with freeze_time(ulan_ude(2026, 11, 25, 10, 0)):
            ticket = self.new_ticket(incident_class="critical")
            form = self.open_wizard(ticket.with_user(self.engineer).action_defer())
            form.reason_id = self.reason["misuse"]
            form.save().action_apply()
        self.authenticate("portal-a", "portal-a")
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        text = " ".join(page.text.split())
        self.assertIn("не применяется: в обращении отказано", text)
        self.assertNotIn("выполнен", text)
