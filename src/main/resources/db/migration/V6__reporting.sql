-- Incident, failure and near-miss reports (module `reporting`). The report row holds the current state so
-- lists and visibility checks read one row; every submitted version is also kept whole in report_version,
-- so any two versions can be compared and nothing a reporter once sent is ever lost.

-- Human report numbers (INC-2026-000123) count per calendar year of creation, across all kinds.
create table report_number (
    year int primary key,
    last int not null
);

create table report (
    id                   uuid        primary key,
    number               text        not null unique,
    organisation_id      uuid        not null references organisation (id),
    created_by           uuid        not null references app_user (id),
    kind                 text        not null check (kind in ('INCIDENT', 'FAILURE', 'NEAR_MISS')),
    status               text        not null check (status in ('DRAFT', 'SUBMITTED', 'UPDATED', 'FINAL')),
    -- 0 while a draft; 1 for the initial report; +1 for every update and for the final report.
    version              int         not null default 0,
    title                text,
    description_ja       text,
    description_en       text,
    sectors              text[]      not null default '{}',
    services_affected    text,
    event_types          text[]      not null default '{}',
    causes               text[]      not null default '{}',
    severity_continuity  int         check (severity_continuity between 0 and 4),
    severity_safety      int         check (severity_safety between 0 and 4),
    -- The overall level is the highest viewpoint (greatest() skips nulls).
    severity             int         generated always as (greatest(severity_continuity, severity_safety)) stored,
    occurred_at          timestamptz,
    aware_at             timestamptz,
    contained_at         timestamptz,
    recovered_at         timestamptz,
    users_affected       bigint      check (users_affected >= 0),
    outage_minutes       int         check (outage_minutes >= 0),
    regions              text,
    ransom_demanded      boolean     not null default false,
    ransom_paid          boolean     not null default false,
    ransom_paid_at       timestamptz,
    contact_name         text,
    contact_email        text,
    contact_phone        text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    submitted_at         timestamptz,
    final_at             timestamptz,
    -- Relay (情報連絡): the ministry's note and forwarding; when the centre received the report.
    ministry_note        text,
    forwarded_at         timestamptz,
    forwarded_by         uuid        references app_user (id),
    centre_received_at   timestamptz,
    -- A submitted report always has what the form requires; drafts may be incomplete.
    constraint report_submitted_complete check (status = 'DRAFT' or (title is not null and cardinality(sectors) > 0
        and aware_at is not null and submitted_at is not null))
);
create index report_by_organisation on report (organisation_id, created_at desc);
create index report_by_sectors on report using gin (sectors);
create index report_by_submitted on report (submitted_at desc) where status <> 'DRAFT';
create index report_centre_received on report (centre_received_at desc) where centre_received_at is not null;

-- Observables of the current state, typed and normalised so correlation can look them up by value.
create table report_observable (
    report_id  uuid not null references report (id) on delete cascade,
    position   int  not null,
    type       text not null check (type in ('IPV4', 'IPV6', 'DOMAIN', 'URL', 'MD5', 'SHA1', 'SHA256', 'EMAIL')),
    value      text not null,
    primary key (report_id, position)
);
create index report_observable_by_value on report_observable (type, value);

-- Files are stored under the data directory, never under the web root; only metadata lives here.
create table report_attachment (
    id           uuid        primary key,
    report_id    uuid        not null references report (id) on delete cascade,
    file_name    text        not null,
    content_type text        not null,
    size_bytes   bigint      not null,
    sha256       text        not null,
    storage_key  text        not null unique,
    uploaded_by  uuid        not null references app_user (id),
    uploaded_at  timestamptz not null
);
create index report_attachment_by_report on report_attachment (report_id);

-- One row per submission: the whole report as JSON at that moment.
create table report_version (
    report_id  uuid        not null references report (id) on delete cascade,
    version    int         not null,
    status     text        not null,
    snapshot   jsonb       not null,
    changed_by uuid        not null references app_user (id),
    changed_at timestamptz not null,
    primary key (report_id, version)
);

-- Organisations other than the reporter, its ministries and the centre that may read a report: coordinators
-- assigned to a case on it. Visibility is checked in SQL against this table.
create table report_access (
    report_id       uuid        not null references report (id) on delete cascade,
    organisation_id uuid        not null references organisation (id) on delete cascade,
    reason          text        not null,
    granted_by      uuid        not null references app_user (id),
    granted_at      timestamptz not null,
    primary key (report_id, organisation_id)
);
create index report_access_by_organisation on report_access (organisation_id);
