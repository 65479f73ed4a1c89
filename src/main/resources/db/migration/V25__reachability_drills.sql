-- Reachability drills (疎通確認訓練): the national centre sends a drill message down the chains it relies on for
-- real warnings, centre → sector ministry → CEPTOAR → operator. Each organisation reached confirms receipt and, if
-- it relays, forwards to the next level; every hop keeps its own timestamps, so the report shows who was reached,
-- along which path, and how long each hop took.

create table drill_number (
    year int primary key,
    last int not null
);

create table drill (
    id                      uuid        primary key,
    number                  text        not null unique,
    sender_organisation_id  uuid        not null references organisation (id),
    created_by              uuid        not null references app_user (id),
    title                   text        not null,
    message_ja              text        not null default '',
    message_en              text        not null default '',
    -- PLANNED is kept for drills prepared ahead of their start; starting a drill today sends it at once.
    status                  text        not null check (status in ('PLANNED', 'RUNNING', 'CLOSED')),
    created_at              timestamptz not null,
    started_at              timestamptz,
    closed_at               timestamptz,
    closed_by               uuid        references app_user (id),
    -- Confirmations after the deadline still count, marked late.
    deadline                timestamptz not null,
    constraint drill_running check (status = 'PLANNED' or started_at is not null),
    constraint drill_closed check (status <> 'CLOSED' or closed_at is not null)
);
create index drill_by_sender on drill (sender_organisation_id, created_at desc);

-- One hop per organisation reached: the first path that reaches it wins, so a drill never asks an organisation
-- twice (an operator in two CEPTOARs confirms once).
create table drill_hop (
    drill_id             uuid        not null references drill (id) on delete cascade,
    to_organisation_id   uuid        not null references organisation (id) on delete cascade,
    from_organisation_id uuid        not null references organisation (id) on delete cascade,
    -- 0 centre → ministry, 1 ministry → CEPTOAR, 2 CEPTOAR → operator (or ministry → operator directly).
    level                int         not null check (level between 0 and 2),
    -- Organisation ids from the centre down to this one.
    path                 uuid[]      not null,
    sent_at              timestamptz not null,
    confirmed_at         timestamptz,
    confirmed_by         uuid        references app_user (id),
    forwarded_at         timestamptz,
    forwarded_by         uuid        references app_user (id),
    -- How many organisations the forwarding reached (0 when nobody was left to reach).
    forwarded_count      int,
    primary key (drill_id, to_organisation_id),
    constraint drill_hop_forward check (forwarded_at is null or confirmed_at is not null)
);
create index drill_hop_by_recipient on drill_hop (to_organisation_id, drill_id);
