-- Early warnings (issue 6): a sender organisation (national centre, coordinator, ministry, hub) holds prior
-- agreements (事前の合意) with subscriber organisations; a warning's recipients are computed from the agreements
-- that match it plus explicit additions, resolved once at publication into recipient rows that carry the
-- tracking (opened, acknowledged, action taken, reminded, escalated). E-mails and webhooks leave through a durable
-- outbox (warning_delivery) claimed with SKIP LOCKED, each row with an idempotency key that travels with it.

create table warning_number (
    year int primary key,
    last int not null
);

create table warning_agreement (
    id                      uuid        primary key,
    sender_organisation_id  uuid        not null references organisation (id),
    subscriber_organisation_id uuid     not null references organisation (id),
    -- Scope: an empty list matches every warning on that axis.
    sectors                 text[]      not null default '{}',
    topics                  text[]      not null default '{}',
    keywords                text[]      not null default '{}',
    -- INBOX always; EMAIL, WEBHOOK and TAXII as agreed.
    channels                text[]      not null default '{INBOX}',
    -- E-mail contacts; with none, the subscriber's active users get the e-mail.
    contact_emails          text[]      not null default '{}',
    contact_language        text        not null default 'ja' check (contact_language in ('ja', 'en')),
    webhook_url             text,
    -- HMAC-SHA256 key the subscriber verifies signatures with; shown to both parties, never logged.
    webhook_secret          text,
    webhook_disabled_at     timestamptz,
    webhook_failures        int         not null default 0,
    valid_from              date        not null,
    valid_to                date,
    note                    text        not null default '',
    created_by              uuid        not null references app_user (id),
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    ended_at                timestamptz,
    constraint warning_agreement_period check (valid_to is null or valid_to >= valid_from),
    constraint warning_agreement_webhook check ('WEBHOOK' <> all (channels) or (webhook_url is not null and webhook_secret is not null))
);
create index warning_agreement_by_sender on warning_agreement (sender_organisation_id, subscriber_organisation_id);
create index warning_agreement_by_subscriber on warning_agreement (subscriber_organisation_id);

create table warning (
    id                      uuid        primary key,
    number                  text        not null unique,
    sender_organisation_id  uuid        not null references organisation (id),
    created_by              uuid        not null references app_user (id),
    -- A review must come from someone other than the last editor.
    updated_by              uuid        not null references app_user (id),
    status                  text        not null check (status in ('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'WITHDRAWN')),
    urgency                 text        not null check (urgency in ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
    tlp                     text        not null check (tlp in ('AMBER_STRICT', 'AMBER', 'GREEN', 'CLEAR')),
    title_ja                text        not null default '',
    title_en                text        not null default '',
    summary_ja              text        not null default '',
    summary_en              text        not null default '',
    threat_ja               text        not null default '',
    threat_en               text        not null default '',
    countermeasures_ja      text        not null default '',
    countermeasures_en      text        not null default '',
    affected_products       text        not null default '',
    cve_ids                 text[]      not null default '{}',
    reference_urls          text[]      not null default '{}',
    -- What the warning is about, matched against agreements' scope.
    sectors                 text[]      not null default '{}',
    topics                  text[]      not null default '{}',
    keywords                text[]      not null default '{}',
    -- Every content change bumps the revision; a review approves one revision.
    revision                int         not null default 1,
    reviewed_revision       int,
    reviewed_by             uuid        references app_user (id),
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    published_at            timestamptz,
    published_by            uuid        references app_user (id),
    withdrawn_at            timestamptz,
    withdrawn_reason        text,
    constraint warning_published check (status not in ('PUBLISHED', 'WITHDRAWN') or published_at is not null)
);
create index warning_by_sender on warning (sender_organisation_id, updated_at desc);

-- Indicators travel with the warning: observables (type, value) and, when linked, the STIX object's id.
create table warning_indicator (
    warning_id uuid not null references warning (id) on delete cascade,
    position   int  not null,
    type       text not null,
    value      text not null,
    stix_id    text,
    primary key (warning_id, position)
);

-- Recipients the sender adds by hand beside those the agreements give.
create table warning_addition (
    warning_id      uuid not null references warning (id) on delete cascade,
    organisation_id uuid not null references organisation (id) on delete cascade,
    primary key (warning_id, organisation_id)
);

-- Each published revision as recipients saw it, with what changed from the one before.
create table warning_revision (
    warning_id     uuid        not null references warning (id) on delete cascade,
    revision       int         not null,
    content        jsonb       not null,
    changed_fields text[]      not null default '{}',
    change_note    text        not null default '',
    published_at   timestamptz not null,
    published_by   uuid        not null references app_user (id),
    primary key (warning_id, revision)
);

create table warning_recipient (
    warning_id        uuid        not null references warning (id) on delete cascade,
    organisation_id   uuid        not null references organisation (id) on delete cascade,
    agreement_id      uuid        references warning_agreement (id),
    explicit          boolean     not null default false,
    delivered_at      timestamptz not null,
    first_opened_at   timestamptz,
    acknowledged_at   timestamptz,
    acknowledged_by   uuid        references app_user (id),
    ack_comment       text,
    action_status     text        check (action_status in ('NOT_AFFECTED', 'MITIGATED', 'IN_PROGRESS', 'CANNOT_MITIGATE')),
    action_note       text,
    action_at         timestamptz,
    action_by         uuid        references app_user (id),
    reminded_at       timestamptz,
    escalated_at      timestamptz,
    primary key (warning_id, organisation_id)
);
create index warning_recipient_by_org on warning_recipient (organisation_id, warning_id);
-- The escalation job looks only at recipients still silent.
create index warning_recipient_unacknowledged on warning_recipient (delivered_at) where acknowledged_at is null;

create table warning_read (
    warning_id      uuid        not null references warning (id) on delete cascade,
    user_id         uuid        not null references app_user (id) on delete cascade,
    organisation_id uuid        not null references organisation (id) on delete cascade,
    first_read_at   timestamptz not null,
    primary key (warning_id, user_id)
);
create index warning_read_by_org on warning_read (organisation_id, warning_id);

-- The outbox. One row per message: an e-mail to one contact or one webhook call, for one revision (or the
-- withdrawal). The idempotency key is the e-mail's Message-ID and the webhook's Idempotency-Key, so a message
-- sent again after a crash between sending and marking is recognisably the same message.
create table warning_delivery (
    id               uuid        primary key,
    warning_id       uuid        not null references warning (id) on delete cascade,
    organisation_id  uuid        not null references organisation (id) on delete cascade,
    agreement_id     uuid        references warning_agreement (id),
    event            text        not null check (event in ('PUBLISHED', 'UPDATED', 'WITHDRAWN', 'REMINDER')),
    revision         int         not null,
    channel          text        not null check (channel in ('EMAIL', 'WEBHOOK')),
    target           text        not null,
    language         text        not null default 'ja' check (language in ('ja', 'en')),
    idempotency_key  text        not null unique,
    status           text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'DEAD')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    -- A worker's lease: another node takes the row over once it has passed (the worker died mid-send).
    claimed_until    timestamptz,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz
);
create index warning_delivery_due on warning_delivery (next_attempt_at) where status = 'PENDING';
create index warning_delivery_by_warning on warning_delivery (warning_id, organisation_id);

-- Per sender and urgency: remind silent recipients after some hours, then escalate to their sector ministry or
-- CEPTOAR. Without a row the defaults in kakehashi.warnings.* apply.
create table warning_escalation_rule (
    sender_organisation_id uuid not null references organisation (id) on delete cascade,
    urgency                text not null check (urgency in ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
    remind_after_hours     int  not null check (remind_after_hours > 0),
    escalate_after_hours   int  not null check (escalate_after_hours > 0),
    primary key (sender_organisation_id, urgency),
    constraint warning_escalation_order check (escalate_after_hours >= remind_after_hours)
);

create table warning_escalation (
    id                  uuid        primary key,
    warning_id          uuid        not null references warning (id) on delete cascade,
    organisation_id     uuid        not null references organisation (id) on delete cascade,
    kind                text        not null check (kind in ('REMINDER', 'ESCALATION')),
    -- Whom an escalation went to (a ministry or CEPTOAR organisation); null for reminders.
    target_organisation_id uuid     references organisation (id),
    target_group_id     uuid        references member_group (id),
    created_at          timestamptz not null
);
create index warning_escalation_by_warning on warning_escalation (warning_id, created_at);
