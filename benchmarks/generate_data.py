# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Five years of a support service: the data the scale benchmarks run on.

500 customer organisations (each with an authorised contact), 3 000 supported
products (6 per customer), 1 000 contracts and certificates (one of each per
customer, 3 products each), 20 engineers, and N requests (default 200 000)
spread over five years up to now, on the Ulan-Ude calendar of the regulation.
Each request has a history: created in (mostly) working hours, the first
response of an engineer after a log-normal share of the target, for a third of
the requests a request for information that pauses the clock (§4.5) until the
customer answers, the resolution, or a refusal (§4.6, 3 %). The most recent
tenth (``--open``) is still open: new, in progress, or waiting for the
customer. Messages: the customer's mail, the engineer's reply, the customer's
answer after a pause, the closing note (3–4 per request).

How it is made (minutes on a 2-core machine, not hours):

* customers, contacts, products, contracts, engineers and one portal user
  (``scale-portal``/``scale-portal``, a contact of the customer with the most
  requests) through the ORM, in batched ``create`` calls;
* requests, their SLA clocks and messages by SQL (``INSERT … SELECT FROM
  unnest(%s, …)`` with arrays as query parameters, 20 000 requests a
  statement), ids taken from the tables' sequences;
* the clocks' state is the SLA engine's own state machine
  (``helpdesk.ticket.sla._konus_sync_state``) replayed in Python on the
  request's events, counting working time with the engine's own
  :class:`konus_helpdesk.tools.working_time.WorkingTime` over the calendar's
  effective intervals (``resource.calendar._konus_working_time``: attendances,
  special days, leaves), fetched once for the five years; a clock past its
  deadline is breached and announced (as the alert cron leaves it);
* then the addon's own recomputes through the ORM, in batches: on the
  requests ``identification_state`` and the SLA figures of the reports
  (``sla_response_result``/``_hours``, ``sla_resolution_result``/``_hours``,
  ``_compute_sla_figures``), and ``ANALYZE``.

Not generated: tracking values of stage changes, activities, followers,
attachments, complaints and re-registrations.

``check(env, data, sample)`` replays the events of ``sample`` random requests
through the real engine (ORM ``create``/``write`` under ``freeze_time``, the
alert cron's ``_konus_sync_state`` at the end for the open ones) and compares
every clock and the request's SLA figures with what was inserted; the CLI runs
it on 50 requests before it commits.

Other scripts import it::

    from generate_data import generate   # benchmarks/ on sys.path
    data = generate(env, tickets=1000)

CLI, from the repository root, into a fresh database with konus_helpdesk
(without demo data); it commits::

    export VENV=/work/main/.venv PGPORT=55432
    tools/konus.sh install-db konus_scale_200k konus_helpdesk ""
    $VENV/bin/python benchmarks/generate_data.py -c .state/odoo.conf \\
        -d konus_scale_200k -n 200000

Options: -n N requests (200000), --customers (500), --open share of open
requests (0.1), --seed (1), --check K requests replayed through the engine (50).
"""

import argparse
import math
import random
import time
from collections import namedtuple
from datetime import timedelta

QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}
PRODUCT_NAMES = ("1С:Бухгалтерия", "1С:ЗУП", "Контур", "АРМ", "Сервер")
Person = namedtuple("Person", "id company_id company_name name email phone")
CHUNK = 20000
YEARS = 5
PRODUCTS_PER_CUSTOMER = 6
ENGINEERS = 20
PORTAL_LOGIN = "scale-portal"
# How often each class occurs, and the clocks' states for the reports.
CLASSES = [("critical", 0.1), ("non_critical", 0.6), ("consultation", 0.3)]
# ----------------------------------------------------------------- masters


def make_masters(env, customers, rng):
    """Engineers, customers with a contact, products, contracts and
    certificates, a portal user, through the ORM in batches."""
    from odoo import fields

    Command = fields.Command
    env = env(context=dict(env.context, **QUIET))
    now = fields.Datetime.now()
    start = now - timedelta(days=365 * YEARS + 2)
    calendar = env.ref("konus_helpdesk.calendar_ulan_ude")
    engineer_group = env.ref("konus_helpdesk.group_support_engineer")
    engineers = env["res.users"].create(
        [
            {
                "name": f"Инженер {i:02d}",
                "login": f"scale-engineer-{i:02d}",
                "email": f"engineer{i:02d}@konus.example",
                "group_ids": [Command.link(engineer_group.id)],
                "tz": "Asia/Irkutsk",
            }
            for i in range(ENGINEERS)
        ]
    )
    companies = env["res.partner"].create(
        [
            {"name": f"ООО «Заказчик {i:03d}»", "is_company": True}
            for i in range(customers)
        ]
    )
    contacts = env["res.partner"].create(
        [
            {
                "name": f"Ответственный {i:03d}",
                "parent_id": company.id,
                "email": f"it@customer{i:03d}.example",
                "phone": f"+7 3012 {i:06d}",
            }
            for i, company in enumerate(companies)
        ]
    )
    kinds = ["software", "software", "hw_sw_complex", "hardware", "automated_system"]
    products = env["konus.supported.product"].create(
        [
            {
                "name": f"{rng.choice(PRODUCT_NAMES)} {i:03d}-{k}",
                "kind": rng.choice(kinds),
                "partner_id": company.id,
                "version": f"{rng.randint(1, 9)}.{rng.randint(0, 20)}",
                "serial_number": f"SN{i:03d}{k}{rng.randint(1000, 9999)}",
            }
            for i, company in enumerate(companies)
            for k in range(PRODUCTS_PER_CUSTOMER)
        ]
    )
    types = env["konus.support.type"].search([])
    half = PRODUCTS_PER_CUSTOMER // 2
    vals_list = []
    for i, (company, contact) in enumerate(zip(companies, contacts, strict=True)):
        own = products[i * PRODUCTS_PER_CUSTOMER : (i + 1) * PRODUCTS_PER_CUSTOMER]
        for kind, name, covered in (
            ("contract", f"ДТП-{i:03d}/{start.year}", own[:half]),
            ("certificate", f"СЕРТ-{i:03d}", own[half:]),
        ):
            vals_list.append(
                {
                    "name": name,
                    "kind": kind,
                    "partner_id": company.id,
                    "contact_ids": [Command.set(contact.ids)],
                    "date_start": (start - timedelta(days=30)).date(),
                    "date_end": (now + timedelta(days=rng.randint(30, 700))).date(),
                    "product_ids": [Command.set(covered.ids)],
                    "support_type_ids": [Command.set(types.ids)],
                    "calendar_id": calendar.id,
                }
            )
    contracts = env["konus.support.contract"].create(vals_list)
    portal = env["res.users"].create(
        {
            "name": contacts[0].name,
            "login": PORTAL_LOGIN,
            "password": PORTAL_LOGIN,
            "partner_id": contacts[0].id,
            "group_ids": [Command.set(env.ref("base.group_portal").ids)],
        }
    )
    env.flush_all()
    return {
        "start": start,
        "now": now,
        "calendar": calendar,
        "engineers": engineers,
        "companies": companies,
        "contacts": contacts,
        "contracts": contracts,
        "portal_user": portal,
    }


# ------------------------------------------------------------- the clocks


def phase_of(sla_type, stage, responded):
    """``_get_sla_phase`` of a clock of ``sla_type`` for the stage kind."""
    done = responded or stage in ("closed", "declined")
    if sla_type == "resolution":
        done = stage in ("closed", "declined")
    if stage == "declined" and not (sla_type == "response" and responded):
        return "cancelled"
    if done:
        return "done"
    return "paused" if stage == "paused" else "running"


def simulate_clock(sla_type, target, share, created, situations, wt):
    """The engine's state machine (``_konus_sync_state``) on the events of one
    request: ``situations`` is ``[(moment, stage, responded)]`` in order, the
    stage one of ``running``, ``paused``, ``closed``, ``declined``. Returns
    the clock's written fields."""
    # The engine's own states and rounding: the replay differs from the
    # engine only in doing without the ORM.
    from odoo.addons.konus_helpdesk.models.helpdesk_ticket_sla import (
        STATE_OF_PHASE,
        _round_to_second,
    )
    from odoo.addons.konus_helpdesk.tools.working_time import hours

    def plan(since, todo):
        return _round_to_second(wt.plan(since, timedelta(hours=max(todo, 0.0))))

    state, since, consumed, worked = "in_progress", created, 0.0, 0.0
    done_date, last, risk_notified = False, created, False
    for moment, stage, responded in situations:
        phase = phase_of(sla_type, stage, responded)
        if state == "expired":
            if not worked and phase in ("done", "cancelled"):
                worked = consumed + hours(wt.duration(since, moment))
            continue
        if state == "in_progress":
            deadline = plan(since, target - consumed)
            if plan(since, target * share - consumed) <= moment:
                risk_notified = True
            if deadline <= moment:
                state, last = "expired", moment
                if phase in ("done", "cancelled"):
                    worked = consumed + hours(wt.duration(since, moment))
            elif phase != "running":
                consumed += hours(wt.duration(since, moment))
                state, since, last = STATE_OF_PHASE[phase], False, moment
                done_date = moment if phase == "done" else False
                if state in ("accomplished", "cancelled"):
                    worked = consumed
        elif phase == "running":
            state, since, done_date, worked, last = (
                "in_progress",
                moment,
                False,
                0.0,
                moment,
            )
        elif state != STATE_OF_PHASE[phase]:
            state, last = STATE_OF_PHASE[phase], moment
            done_date = moment if phase == "done" else False
            if state in ("accomplished", "cancelled"):
                worked = consumed
    deadline = risk_date = False
    if state in ("in_progress", "expired"):
        deadline = plan(since, target - consumed)
        risk_date = plan(since, target * share - consumed)
    return {
        "state": state,
        "running_since": since,
        "consumed_time": consumed,
        "worked_hours": worked,
        "done_date": done_date,
        "deadline": deadline,
        "risk_date": risk_date,
        "last_state_date": last,
        "risk_notified": risk_notified,
        "breach_notified": state == "expired",
    }


def make_history(rng, index, count, open_from, start, now, wt, targets):
    """One request's events: ``(created, events, fields)`` where events are
    ``[(moment, stage, responded)]`` after creation, as the engine sees them."""
    span = (now - start).total_seconds()
    created = start + timedelta(seconds=span * (index + rng.random()) / count)
    if rng.random() < 0.85:
        # Most requests arrive in working hours (the next working moment).
        planned = wt.plan(created, timedelta(0))
        if planned and planned < now:
            created = planned
    created = created.replace(microsecond=0)
    incident_class = rng.choices(
        [c for c, _w in CLASSES], weights=[w for _c, w in CLASSES]
    )[0]
    response_target, resolution_target = targets[incident_class]

    def plan(since, work_hours):
        return wt.plan(since, timedelta(hours=work_hours)).replace(microsecond=0)

    keep_open = index >= open_from
    declined = rng.random() < 0.03
    first_response = plan(
        created, max(response_target * math.exp(rng.gauss(-1.0, 0.7)), 0.02)
    )
    events, info = [], {"first_response": False, "closed": False, "pause": None}
    if declined:
        decided = plan(created, rng.uniform(0.1, 1.5))
        if decided < now and not keep_open:
            events.append((decided, "declined", False))
            info.update(stage="declined", closed=decided)
            return created, incident_class, events, info
        declined = False
    if first_response >= now:
        info["stage"] = "new"
        return created, incident_class, events, info
    resolution = max(
        resolution_target * math.exp(rng.gauss(-1.0, 0.8)),
        (first_response - created).total_seconds() / 3600 * 0.5 + 0.1,
    )
    paused = incident_class != "critical" and rng.random() < 0.33
    info["first_response"] = first_response
    if not paused:
        events.append((first_response, "running", True))
        closing = plan(created, resolution)
    else:
        # The engineer's reply is the request for information (§4.5).
        events.append((first_response, "paused", True))
        answer = first_response + timedelta(minutes=rng.randint(20, 5 * 24 * 60))
        info["pause"] = (first_response, answer)
        if answer >= now:
            info["stage"] = "paused"
            return created, incident_class, events, info
        events.append((answer, "running", True))
        before = hours_between(wt, created, first_response)
        closing = plan(answer, max(resolution - before, 0.05))
    if keep_open or closing >= now:
        info["stage"] = "running"
        return created, incident_class, events, info
    events.append((closing, "closed", True))
    info.update(stage="closed", closed=closing)
    return created, incident_class, events, info


def hours_between(wt, start, stop):
    return wt.duration(start, stop).total_seconds() / 3600


# ----------------------------------------------------------------- inserts


def _insert(cr, table, columns, rows, types):
    """``INSERT INTO table (columns) SELECT * FROM unnest(arrays)``: one
    statement for many rows, the values passed as array parameters."""
    from odoo.tools import SQL

    if not rows:
        return
    arrays = [list(column) for column in zip(*rows, strict=True)]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT * FROM unnest(%s)",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(c) for c in columns),
            SQL(", ").join(
                SQL("%s::" + kind + "[]", array)
                for array, kind in zip(arrays, types, strict=True)
            ),
        )
    )


def _next_ids(cr, table, count):
    from odoo.tools import SQL

    cr.execute(
        SQL(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            f"{table}_id_seq",
            count,
        )
    )
    return [row[0] for row in cr.fetchall()]


TICKET_COLUMNS = [
    ("id", "int"),
    ("number", "varchar"),
    ("name", "varchar"),
    ("description", "text"),
    ("steps_to_reproduce", "text"),
    ("company_id", "int"),
    ("team_id", "int"),
    ("stage_id", "int"),
    ("partner_id", "int"),
    ("commercial_partner_id", "int"),
    ("partner_name", "varchar"),
    ("partner_email", "varchar"),
    ("contract_id", "int"),
    ("supported_product_id", "int"),
    ("incident_class", "varchar"),
    ("support_type_id", "int"),
    ("channel_id", "int"),
    ("user_id", "int"),
    ("sla_calendar_id", "int"),
    ("priority", "varchar"),
    ("kanban_state", "varchar"),
    ("unattended", "bool"),
    ("active", "bool"),
    ("reregistration_count", "int"),
    ("identification_request_sent", "bool"),
    ("create_date", "timestamp"),
    ("write_date", "timestamp"),
    ("assigned_date", "timestamp"),
    ("last_stage_update", "timestamp"),
    ("first_response_date", "timestamp"),
    ("closed_date", "timestamp"),
    ("deferral_reason_id", "int"),
    ("waiting_for", "varchar"),
    ("waiting_since", "timestamp"),
    ("resume_stage_id", "int"),
    ("create_uid", "int"),
    ("write_uid", "int"),
]
CLOCK_COLUMNS = [
    ("ticket_id", "int"),
    ("sla_id", "int"),
    ("sla_type", "varchar"),
    ("calendar_id", "int"),
    ("hours", "float8"),
    ("state", "varchar"),
    ("running_since", "timestamp"),
    ("consumed_time", "float8"),
    ("worked_hours", "float8"),
    ("done_date", "timestamp"),
    ("deadline", "timestamp"),
    ("risk_date", "timestamp"),
    ("last_state_date", "timestamp"),
    ("risk_notified", "bool"),
    ("breach_notified", "bool"),
    ("create_date", "timestamp"),
    ("write_date", "timestamp"),
    ("create_uid", "int"),
    ("write_uid", "int"),
]
MESSAGE_COLUMNS = [
    ("model", "varchar"),
    ("res_id", "int"),
    ("record_company_id", "int"),
    ("message_type", "varchar"),
    ("subtype_id", "int"),
    ("author_id", "int"),
    ("email_from", "varchar"),
    ("subject", "varchar"),
    ("body", "text"),
    ("message_id", "varchar"),
    ("is_internal", "bool"),
    ("date", "timestamp"),
    ("create_date", "timestamp"),
    ("write_date", "timestamp"),
    ("create_uid", "int"),
    ("write_uid", "int"),
]
STEPS = "1. Открыть документ.\n2. Нажать «Провести».\n3. Сообщение об ошибке."
SUBJECTS = [
    "Не проводится документ",
    "Ошибка при обновлении конфигурации",
    "Не печатается счёт-фактура",
    "Вопрос по отчётности",
    "Не запускается клиент",
    "Медленно работает база",
    "Сбой обмена с банком",
    "Консультация по настройке прав",
]


def generate(
    env,
    tickets=200000,
    customers=500,
    open_share=0.1,
    seed=1,
    log=print,
):
    """Generate the data in ``env``'s database (not committed). Returns a
    dict: the masters (``companies``, ``contacts``, ``contracts``,
    ``engineers``, ``portal_user``, ``big_customer``), ``ticket_ids``, the
    replayable ``histories`` ``{ticket id: (created, class, events, info,
    clocks)}`` and ``timings``."""
    from odoo.tools import SQL

    rng = random.Random(seed)
    cr = env.cr
    timings = {}
    started = time.perf_counter()
    masters = make_masters(env, customers, rng)
    timings["masters"] = time.perf_counter() - started
    log(f"masters through the ORM: {timings['masters']:.1f} s")

    now, start, calendar = masters["now"], masters["start"], masters["calendar"]
    stage = {
        "new": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new"),
        "running": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
        "paused": env.ref("konus_helpdesk.stage_waiting_customer"),
        "closed": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done"),
        "declined": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected"),
    }
    team = env.ref("konus_helpdesk.team_konus_support")
    slas = {
        (sla.incident_class, sla.sla_type): sla
        for sla in env["helpdesk.sla"].search(
            [("incident_class", "!=", False), ("team_ids", "in", team.ids)]
        )
    }
    targets = {
        incident_class: (
            slas[incident_class, "response"]._get_target_hours(),
            slas[incident_class, "resolution"]._get_target_hours(),
        )
        for incident_class, _weight in CLASSES
    }
    share = env["helpdesk.ticket.sla"]._get_risk_share()
    types = env["konus.support.type"].search([], order="sequence, id").ids
    channels = {c.name: c.id for c in env["helpdesk.ticket.channel"].search([])}
    channel_weights = [
        (channels.get("Email", channels and min(channels.values())), 0.45),
        (channels.get("Web", channels and min(channels.values())), 0.4),
        (channels.get("Phone", channels and min(channels.values())), 0.15),
    ]
    reasons = (
        env["konus.deferral.reason"]
        .search([("code", "in", ("misuse", "out_of_scope"))])
        .ids
    )
    comment = env.ref("mail.mt_comment").id
    note = env.ref("mail.mt_note").id
    engineers = masters["engineers"]
    engineer_partners = dict(zip(engineers.ids, engineers.partner_id.ids, strict=True))
    contacts = masters["contacts"]
    people = [
        Person(c.id, c.parent_id.id, c.parent_id.name, c.name, c.email, c.phone)
        for c in contacts
    ]
    contract_rows = []  # per customer: [(contract id, [product ids])]
    by_partner = {}
    for contract in masters["contracts"]:
        by_partner.setdefault(contract.partner_id.id, []).append(
            (contract.id, contract.product_ids.ids)
        )
    for company in masters["companies"]:
        contract_rows.append(by_partner[company.id])

    started = time.perf_counter()
    wt = calendar._konus_working_time(
        start - timedelta(days=2), now + timedelta(days=1500)
    )
    timings["calendar"] = time.perf_counter() - started
    log(f"working time of {YEARS} years fetched once: {timings['calendar']:.1f} s")

    # The customer with the most requests (the portal benchmark's): up to
    # 2 000, 1 % of them at 200 000.
    big_count = min(2000, tickets // 2)
    big_indices = set(rng.sample(range(tickets), big_count))
    open_from = tickets - int(tickets * open_share)
    ticket_ids, histories = [], {}
    started = time.perf_counter()
    counts = {"tickets": 0, "clocks": 0, "messages": 0}
    for chunk_start in range(0, tickets, CHUNK):
        chunk = range(chunk_start, min(chunk_start + CHUNK, tickets))
        ids = _next_ids(cr, "helpdesk_ticket", len(chunk))
        ticket_rows, clock_rows, message_rows = [], [], []
        for index, ticket_id in zip(chunk, ids, strict=True):
            if index in big_indices:
                customer = 0
            else:
                # Some customers write far more often than others.
                customer = 1 + int((customers - 1) * rng.random() ** 2)
            contract_id, product_ids = rng.choice(contract_rows[customer])
            contact = people[customer]
            user_id = rng.choice(engineers.ids)
            created, incident_class, events, info = make_history(
                rng, index, tickets, open_from, start, now, wt, targets
            )
            last = events[-1][0] if events else created
            subject = f"{rng.choice(SUBJECTS)} (№{index + 1})"
            waiting = info["stage"] == "paused"
            ticket_rows.append(
                (
                    ticket_id,
                    f"G{index + 1:07d}",
                    subject,
                    (
                        f"<p>{subject}. Организация {contact.company_name}, "
                        f"контакт {contact.name}, {contact.phone}.</p>"
                    ),
                    STEPS,
                    env.company.id,
                    team.id,
                    stage[info["stage"]].id,
                    contact.id,
                    contact.company_id,
                    contact.name,
                    contact.email,
                    contract_id,
                    rng.choice(product_ids),
                    incident_class,
                    rng.choices(types, weights=[6, 3, 1, 1][: len(types)])[0],
                    rng.choices(
                        [c for c, _w in channel_weights],
                        weights=[w for _c, w in channel_weights],
                    )[0],
                    user_id,
                    calendar.id,
                    "1",
                    "normal",
                    stage[info["stage"]].unattended,
                    True,
                    0,
                    False,
                    created,
                    last,
                    created,
                    last,
                    info["first_response"] or None,
                    info["closed"] or None,
                    rng.choice(reasons) if info["stage"] == "declined" else None,
                    "information" if waiting else None,
                    info["pause"][0] if waiting else None,
                    stage["running"].id if waiting else None,
                    1,
                    1,
                )
            )
            situations = events
            if not info["closed"]:
                # The alert cron at the time of generation.
                situations = events + [
                    (
                        now,
                        "paused" if info["stage"] == "paused" else "running",
                        bool(info["first_response"]),
                    )
                ]
            clocks = {}
            for sla_type, target in zip(
                ("response", "resolution"), targets[incident_class], strict=True
            ):
                clock = simulate_clock(sla_type, target, share, created, situations, wt)
                clocks[sla_type] = clock
                clock_rows.append(
                    (
                        ticket_id,
                        slas[incident_class, sla_type].id,
                        sla_type,
                        calendar.id,
                        target,
                        clock["state"],
                        clock["running_since"] or None,
                        clock["consumed_time"],
                        clock["worked_hours"],
                        clock["done_date"] or None,
                        clock["deadline"] or None,
                        clock["risk_date"] or None,
                        clock["last_state_date"],
                        clock["risk_notified"],
                        clock["breach_notified"],
                        created,
                        clock["last_state_date"],
                        1,
                        1,
                    )
                )
            histories[ticket_id] = (created, incident_class, events, info, clocks)
            author = engineer_partners[user_id]
            messages = [(created, "email", comment, contact.id, contact.email, subject)]
            if info["first_response"]:
                messages.append(
                    (info["first_response"], "comment", comment, author, None, None)
                )
            if info["pause"] and info["stage"] != "paused":
                messages.append(
                    (
                        info["pause"][1],
                        "email",
                        comment,
                        contact.id,
                        contact.email,
                        None,
                    )
                )
            if info["closed"]:
                messages.append((info["closed"], "comment", note, author, None, None))
            for k, (moment, kind, subtype, author_id, email, subj) in enumerate(
                messages
            ):
                message_rows.append(
                    (
                        "helpdesk.ticket",
                        ticket_id,
                        env.company.id,
                        kind,
                        subtype,
                        author_id,
                        email,
                        subj,
                        "<p>Добрый день! Подробности во вложении.</p>"
                        if kind == "email"
                        else "<p>Выполнено, проверьте, пожалуйста.</p>",
                        f"<scale-{ticket_id}-{k}@konus.example>",
                        subtype == note,
                        moment,
                        moment,
                        moment,
                        1,
                        1,
                    )
                )
        inserting = time.perf_counter()
        for table, columns, rows in (
            ("helpdesk_ticket", TICKET_COLUMNS, ticket_rows),
            ("helpdesk_ticket_sla", CLOCK_COLUMNS, clock_rows),
            ("mail_message", MESSAGE_COLUMNS, message_rows),
        ):
            _insert(cr, table, [c for c, _t in columns], rows, [t for _c, t in columns])
        ticket_ids.extend(ids)
        counts["tickets"] += len(ticket_rows)
        counts["clocks"] += len(clock_rows)
        counts["messages"] += len(message_rows)
        log(
            f"  {counts['tickets']} requests ({time.perf_counter() - inserting:.1f} s "
            "in INSERTs)"
        )
    timings["inserts"] = time.perf_counter() - started
    log(
        f"requests, clocks and messages by SQL: {timings['inserts']:.1f} s "
        f"({counts['tickets']} / {counts['clocks']} / {counts['messages']})"
    )

    started = time.perf_counter()
    cr.execute(
        SQL(
            "ANALYZE helpdesk_ticket; ANALYZE helpdesk_ticket_sla; ANALYZE mail_message"
        )
    )
    recompute_tickets(env, ticket_ids)
    timings["recompute"] = time.perf_counter() - started
    log(f"the addon's recomputes through the ORM: {timings['recompute']:.1f} s")
    masters.update(
        ticket_ids=ticket_ids,
        histories=histories,
        timings=timings,
        counts=counts,
        big_customer=masters["companies"][0],
        big_count=big_count,
    )
    return masters


RECOMPUTED = (
    "identification_state",
    "sla_response_result",
    "sla_resolution_result",
    "sla_response_hours",
    "sla_resolution_hours",
)


def recompute_tickets(env, ticket_ids, batch=5000):
    """The addon's stored computes of the inserted requests, by the ORM."""
    Ticket = env["helpdesk.ticket"]
    fields_to_compute = [Ticket._fields[name] for name in RECOMPUTED]
    for first in range(0, len(ticket_ids), batch):
        records = Ticket.browse(ticket_ids[first : first + batch])
        for field in fields_to_compute:
            env.add_to_compute(field, records)
        records.flush_recordset(list(RECOMPUTED))
        env.invalidate_all()


# ------------------------------------------------------------------- check


def check(env, data, sample=50, seed=2):
    """Replay ``sample`` random requests' events through the real engine and
    compare with the generated clocks and figures. Returns the list of
    differences (empty when consistent); leaves nothing behind."""
    from freezegun import freeze_time

    rng = random.Random(seed)
    env = env(context=dict(env.context, **QUIET))
    Ticket = env["helpdesk.ticket"]
    stage = {
        "running": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
        "paused": env.ref("konus_helpdesk.stage_waiting_customer"),
        "closed": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done"),
        "declined": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected"),
    }
    now = data["now"]
    differences = []
    ids = rng.sample(data["ticket_ids"], min(sample, len(data["ticket_ids"])))
    with env.cr.savepoint(flush=False) as savepoint:
        for ticket_id in ids:
            created, incident_class, events, info, clocks = data["histories"][ticket_id]
            original = Ticket.browse(ticket_id)
            with freeze_time(created):
                replay = Ticket.create(
                    {
                        "name": original.name,
                        "description": original.description,
                        "steps_to_reproduce": original.steps_to_reproduce,
                        "partner_id": original.partner_id.id,
                        "contract_id": original.contract_id.id,
                        "supported_product_id": original.supported_product_id.id,
                        "incident_class": incident_class,
                        "support_type_id": original.support_type_id.id,
                        "team_id": original.team_id.id,
                        "user_id": original.user_id.id,
                    }
                )
                env.flush_all()
            for moment, situation, responded in events:
                vals = {"stage_id": stage[situation].id}
                if responded and not replay.first_response_date:
                    vals["first_response_date"] = moment
                if situation == "declined":
                    vals["deferral_reason_id"] = original.deferral_reason_id.id
                with freeze_time(moment):
                    replay.write(vals)
                    env.flush_all()
            if not info["closed"]:
                # The alert cron at the time of generation.
                with freeze_time(now):
                    replay.ticket_sla_ids._konus_sync_state(now)
                    env.flush_all()
            for clock in replay.ticket_sla_ids:
                expected = clocks[clock.sla_type]
                for name in (
                    "state",
                    "running_since",
                    "done_date",
                    "deadline",
                    "risk_date",
                ):
                    if (clock[name] or False) != (expected[name] or False):
                        differences.append(
                            (
                                ticket_id,
                                clock.sla_type,
                                name,
                                clock[name],
                                expected[name],
                            )
                        )
                for name in ("consumed_time", "worked_hours"):
                    if abs(clock[name] - expected[name]) > 1e-6:
                        differences.append(
                            (
                                ticket_id,
                                clock.sla_type,
                                name,
                                clock[name],
                                expected[name],
                            )
                        )
            for name in RECOMPUTED[1:]:
                if (replay[name] or False) != (original[name] or False):
                    differences.append(
                        (ticket_id, "ticket", name, replay[name], original[name])
                    )
        savepoint.rollback()
    env.invalidate_all()
    return differences


# --------------------------------------------------------------------- CLI


def open_registry(config_file, database):
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", config_file])
    return Registry(database)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", type=int, default=200000)
    parser.add_argument("--customers", type=int, default=500)
    parser.add_argument("--open", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", type=int, default=50)
    args = parser.parse_args()

    from odoo.api import SUPERUSER_ID, Environment
    from odoo.tools import SQL

    registry = open_registry(args.config, args.database)
    started = time.perf_counter()
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        data = generate(
            env,
            tickets=args.n,
            customers=args.customers,
            open_share=args.open,
            seed=args.seed,
        )
        if args.check:
            checked = time.perf_counter()
            differences = check(env, data, args.check)
            for difference in differences[:20]:
                print("DIFFERENT:", *difference)
            checked = time.perf_counter() - checked
            print(
                f"check: {args.check} requests replayed through the SLA engine, "
                f"{len(differences)} differences ({checked:.1f} s)"
            )
            if differences:
                cr.rollback()
                raise SystemExit(1)
        cr.commit()
    with registry.cursor() as cr:
        # The recomputes rewrote every request: VACUUM (outside a
        # transaction) so that the first reads do not wade through the dead
        # rows, and fresh statistics for the planner.
        cr._cnx.autocommit = True
        for table in ("helpdesk_ticket", "helpdesk_ticket_sla", "mail_message"):
            cr.execute(SQL("VACUUM ANALYZE %s", SQL.identifier(table)))
    print(
        f"{args.n} requests generated and committed in "
        f"{time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
