-- Sanitised sharing (issue 4): a hub (national centre or information hub) turns reports into shared items,
-- the source organisation approves the sanitised text, and the item is published under TLP 2.0 to an audience.
-- The audience is stored as the analyst chose it (sectors, groups, organisations, local governments, users) and
-- resolved into recipient rows once, at publication: inbox queries, unread counts and the visibility predicate
-- then read one indexed table instead of re-resolving sectors and groups for every request.

create table shared_item_number (
    year int primary key,
    last int not null
);

create table shared_item (
    id                       uuid        primary key,
    number                   text        not null unique,
    hub_organisation_id      uuid        not null references organisation (id),
    created_by               uuid        not null references app_user (id),
    status                   text        not null check (status in ('DRAFT', 'AWAITING_APPROVAL', 'CHANGES_REQUESTED',
                                             'APPROVED', 'PUBLISHED', 'WITHDRAWN')),
    tlp                      text        not null check (tlp in ('RED', 'AMBER_STRICT', 'AMBER', 'GREEN', 'CLEAR')),
    language                 text        not null default 'ja' check (language in ('ja', 'en')),
    title                    text        not null,
    body                     text        not null default '',
    analysis                 text        not null default '',
    countermeasures          text        not null default '',
    -- What the item still discloses about its source; the re-identification guard counts the audience's
    -- organisations that share all of it.
    disclosed_sectors        text[]      not null default '{}',
    disclosed_prefecture     text,
    disclosed_size_class     text        check (disclosed_size_class in ('SMALL', 'MEDIUM', 'LARGE')),
    -- Every edit bumps the revision; an approval holds for the revision it was given for.
    revision                 int         not null default 1,
    approved_revision        int,
    approval_override_reason text,
    guard_override_reason    text,
    created_at               timestamptz not null,
    updated_at               timestamptz not null,
    published_at             timestamptz,
    published_by             uuid        references app_user (id),
    withdrawn_at             timestamptz,
    withdrawn_reason         text,
    constraint shared_item_published check (status not in ('PUBLISHED', 'WITHDRAWN') or published_at is not null)
);
create index shared_item_by_hub on shared_item (hub_organisation_id, updated_at desc);
create index shared_item_public on shared_item (published_at desc) where tlp = 'CLEAR' and status = 'PUBLISHED';

-- The reports an item was made from, and their organisations: the sources who must approve.
create table shared_item_source (
    item_id         uuid not null references shared_item (id) on delete cascade,
    report_id       uuid not null references report (id),
    organisation_id uuid not null references organisation (id),
    primary key (item_id, report_id)
);
create index shared_item_source_by_org on shared_item_source (organisation_id, item_id);

-- Observables carried by the item; only attacker infrastructure is shown to recipients.
create table shared_item_observable (
    item_id  uuid not null references shared_item (id) on delete cascade,
    position int  not null,
    type     text not null,
    value    text not null,
    role     text not null check (role in ('ATTACKER', 'SOURCE')),
    primary key (item_id, position)
);

-- The analyst's decisions on suggested redactions, kept for review; original text stays with the hub.
create table shared_item_redaction (
    item_id       uuid        not null references shared_item (id) on delete cascade,
    field         text        not null,
    suggestion_id text        not null,
    category      text        not null,
    original      text        not null,
    replacement   text        not null,
    decision      text        not null check (decision in ('ACCEPTED', 'REJECTED')),
    decided_by    uuid        not null references app_user (id),
    decided_at    timestamptz not null,
    primary key (item_id, field, suggestion_id)
);

create table shared_item_audience (
    item_id uuid not null references shared_item (id) on delete cascade,
    kind    text not null check (kind in ('SECTOR', 'GROUP', 'ORGANISATION', 'LOCAL_GOVERNMENTS', 'USER')),
    ref     text not null default '',
    primary key (item_id, kind, ref)
);

create table shared_item_recipient (
    item_id         uuid not null references shared_item (id) on delete cascade,
    organisation_id uuid not null references organisation (id) on delete cascade,
    primary key (item_id, organisation_id)
);
create index shared_item_recipient_by_org on shared_item_recipient (organisation_id, item_id);

-- TLP:RED goes to named individuals only.
create table shared_item_recipient_user (
    item_id uuid not null references shared_item (id) on delete cascade,
    user_id uuid not null references app_user (id) on delete cascade,
    primary key (item_id, user_id)
);
create index shared_item_recipient_user_by_user on shared_item_recipient_user (user_id, item_id);

create table shared_item_read (
    item_id         uuid        not null references shared_item (id) on delete cascade,
    user_id         uuid        not null references app_user (id) on delete cascade,
    organisation_id uuid        not null references organisation (id) on delete cascade,
    first_read_at   timestamptz not null,
    primary key (item_id, user_id)
);
create index shared_item_read_by_org on shared_item_read (organisation_id, item_id);

create table shared_item_approval (
    id              uuid        primary key,
    item_id         uuid        not null references shared_item (id) on delete cascade,
    revision        int         not null,
    decision        text        not null check (decision in ('REQUESTED', 'APPROVED', 'CHANGES_REQUESTED', 'OVERRIDDEN')),
    comment         text,
    user_id         uuid        not null references app_user (id),
    organisation_id uuid        not null references organisation (id),
    decided_at      timestamptz not null
);
create index shared_item_approval_by_item on shared_item_approval (item_id, decided_at);

-- Recipients' comments go back to the hub only.
create table shared_item_feedback (
    id              uuid        primary key,
    item_id         uuid        not null references shared_item (id) on delete cascade,
    organisation_id uuid        not null references organisation (id),
    user_id         uuid        not null references app_user (id),
    body            text        not null,
    created_at      timestamptz not null
);
create index shared_item_feedback_by_item on shared_item_feedback (item_id, created_at);
