#!/usr/bin/env bash
# The README's screenshots, from a fresh demo (`make run`, or DB_NAME/HTTP_PORT
# of your own), with what they show that the demo does not contain: a mail from
# an unknown sender and one from a customer through the gateway, a request for
# information, a complaint. Headless Chromium via tools/screenshots.py.
#
#   make reset && make run        # in another shell, until Odoo listens
#   tools/readme_screenshots.sh   # BASE=http://127.0.0.1:8069 DB=konus by default
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BASE=${BASE:-http://127.0.0.1:8069}
DB=${DB:-konus}
PY=${VENV:-.venv}/bin/python
OUT=konus_helpdesk/static/description/screenshots
STATE=${STATE:-.state}

"$PY" -m odoo shell -c "$STATE/odoo.conf" -d "$DB" --no-http --log-level=warn >/tmp/konus-shots-prep.log <<'PY'
import json
team = env.ref("konus_helpdesk.team_konus_support")
alias = team.alias_id.display_name
def mail(sender, subject, message_id, body):
    return (
        f"From: {sender}\nTo: {alias}\nSubject: {subject}\nMessage-Id: <{message_id}>\n"
        "Date: Fri, 27 Nov 2026 10:15:00 +0800\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + body
    )
from email.header import Header
unknown = env["mail.thread"].message_process(None, mail(
    f"{Header('Иван Сидоров', 'utf-8').encode()} <i.sidorov@unknown-firm.example>",
    Header("Не печатает принтер", "utf-8").encode(), "shot-unknown@unknown-firm.example",
    "Здравствуйте! После обновления не печатает принтер в бухгалтерии. Помогите, пожалуйста.\n",
).encode())
known = env["mail.thread"].message_process(None, mail(
    f"{Header('Туяна Аюшеева', 'utf-8').encode()} <t.ayusheeva@selenga-log.example>",
    Header("Договор ДТП-2026/014: ошибка при проведении документа", "utf-8").encode(),
    "shot-known@selenga-log.example",
    "Добрый день! Договор ДТП-2026/014, продукт «1С:Управление торговлей 11».\n"
    "При проведении документа «Реализация товаров» появляется ошибка «Нет прав на изменение».\n"
    "Шаги: открыть документ, нажать «Провести». Некритичный инцидент.\n"
    "Туяна Аюшеева, ООО «Селенга-Логистик», +7 (3012) 21-00-00\n",
).encode())
engineer = env.ref("konus_helpdesk.demo_user_engineer")
waiting = env.ref("konus_helpdesk.demo_ticket_selenga_kkt").with_user(engineer)
action = waiting.action_request_information()
env[action["res_model"]].with_user(engineer).with_context(action.get("context", {})).create(
    {"ticket_id": waiting.id}
).action_send()
milk = env.ref("konus_helpdesk.demo_ticket_milk_scada")
complaint = env["konus.complaint"].create({
    "kind": "complaint", "ticket_id": milk.id,
    "partner_id": env.ref("konus_helpdesk.demo_contact_milk").id,
    "description": "Специалист дважды не перезвонил в обещанное время, "
    "вопрос по журналу температур не решён третий день.",
})
ids = {
    "unknown": unknown, "known": known, "waiting": waiting.id, "milk": milk.id,
    "unidentified": env.ref("konus_helpdesk.demo_ticket_hospital_unidentified").id,
    "complaint": complaint.id, "regulation": env.ref("konus_helpdesk.regulation_current").id,
    "certificate": env.ref("konus_helpdesk.demo_certificate_milk").id,
    "contract": env.ref("konus_helpdesk.demo_contract_selenga").id,
    "product": env.ref("konus_helpdesk.demo_product_selenga_1c").id,
}
env.cr.commit()
print("IDS " + json.dumps(ids))
PY
ids=$(grep '^IDS ' /tmp/konus-shots-prep.log | cut -c5-)
id() { "$PY" -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$ids" "$1"; }

E=engineer:engineer; H=head:head; P='t.ayusheeva@selenga-log.example:portal-selenga'
click() { echo "document.querySelector('$1').click()"; }
sla_tab="[...document.querySelectorAll('.o_notebook .nav-link')].find(a=>a.textContent.includes('SLA')).click()"
form_mistake="(async()=>{const p=document.querySelector('#konus_supported_product_id'); p.value='$(id product)'; p.dispatchEvent(new Event('change',{bubbles:true})); await new Promise(r=>setTimeout(r,1500)); const d=document.querySelector('textarea[name=description]'); d.focus(); d.value='Ошибка'; d.dispatchEvent(new Event('input',{bubbles:true})); d.blur(); d.dispatchEvent(new Event('focusout',{bubbles:true})); d.dispatchEvent(new Event('change',{bubbles:true})); await new Promise(r=>setTimeout(r,1000)); document.querySelector('#konus_supported_product_id').scrollIntoView();})()"
T=/odoo/helpdesk-tickets
"$PY" tools/screenshots.py "$BASE" "$DB" "$OUT" \
  "$H:/odoo:warmup" "$P:/my:warmup" \
  "$H:$T:tickets" \
  "$E:$T/$(id unidentified):ticket_checklist" \
  "$H:/odoo/support-contracts/$(id certificate):contract" \
  "$H:/odoo/action-konus_helpdesk.konus_calendar_special_day_action:special_days" \
  "$E:/odoo/action-konus_helpdesk.konus_phone_request_action:phone_call" \
  "$E:$T/$(id unknown):ticket_email" \
  "$E:$T/$(id milk):ticket_sla:$sla_tab" \
  "$E:$T/$(id known):ticket_ack" \
  "$E:$T/$(id known):request_information_wizard:$(click 'button[name=action_request_information]')" \
  "$E:$T/$(id unidentified):deferral_wizard:$(click 'button[name=action_defer]')" \
  "$E:$T/$(id milk):third_party_wizard:$(click 'button[name=action_involve_third_party]')" \
  "$H:/odoo/action-konus_helpdesk.konus_regulation_action/$(id regulation):regulation_form" \
  "$H:/odoo/action-konus_helpdesk.konus_complaint_action/$(id complaint):complaint_form" \
  "$H:/odoo/konus-requests-analysis:report_pivot" \
  "$H:/odoo/action-konus_helpdesk.konus_dashboard_open_by_class_action:dashboard_open_by_class" \
  "$H:/odoo/action-konus_helpdesk.konus_dashboard_load_action:dashboard_load" \
  "$P:/my:portal_home" \
  "$P:/my/tickets:portal_tickets" \
  "$P:/my/contracts:portal_contracts" \
  "$P:/my/contracts/$(id contract):portal_contract" \
  "$P:/my/products/$(id product):portal_product_documents" \
  "$P:/new/ticket:portal_new_request" \
  "$P:/new/ticket:portal_new_request_error:$form_mistake" \
  "$P:/my/ticket/$(id waiting):portal_ticket_waiting" \
  "$P:/my/regulation:portal_regulation"
rm -f "$OUT/warmup.png"
# A page of the service act, printed by the head of support (wkhtmltopdf), as PNG.
"$PY" - "$BASE" "$DB" "$(id contract)" <<'PY'
import sys
sys.path.insert(0, "tools")
import requests
from screenshots import session_for
base, db, contract = sys.argv[1:4]
cookies = {"session_id": session_for(base, db, "head", "head")}
pdf = requests.get(f"{base}/report/pdf/konus_helpdesk.report_service_act/{contract}", cookies=cookies, timeout=300)
pdf.raise_for_status()
open("/tmp/konus-service-act.pdf", "wb").write(pdf.content)
PY
pdftoppm -png -r 100 -f 1 -l 1 -singlefile /tmp/konus-service-act.pdf "$OUT/service_act"
echo "screenshots in $OUT"
