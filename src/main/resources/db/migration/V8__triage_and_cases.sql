-- Triage by the national centre and coordination cases (module `reporting`, DESIGN P-K/P-N). Triage is kept
-- apart from the report row because it is the centre's view, never the reporter's: the reporter's own
-- severity stays untouched beside the centre's re-rating. A report the centre received but never touched has
-- no triage row and counts as NEW.

create table report_triage (
    report_id        uuid        primary key references report (id) on delete cascade,
    status           text        not null check (status in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'CLOSED')),
    assignee_id      uuid        references app_user (id),
    centre_severity  int         check (centre_severity between 0 and 4),
    severity_reason  text,
    duplicate_of     uuid        references report (id) on delete set null,
    -- ATT&CK technique (T1566, T1566.001) and tactic (TA0001) ids, upper case, no repeats.
    techniques       text[]      not null default '{}',
    updated_at       timestamptz not null,
    updated_by       uuid        not null references app_user (id),
    constraint triage_not_own_duplicate check (duplicate_of is null or duplicate_of <> report_id),
    -- A duplicate needs no further work: marking one closes its triage.
    constraint triage_duplicate_closed check (duplicate_of is null or status = 'CLOSED'),
    constraint triage_work_has_assignee check (status not in ('ASSIGNED', 'IN_PROGRESS') or assignee_id is not null),
    constraint triage_rerating_has_reason check ((centre_severity is null) = (severity_reason is null))
);
create index report_triage_by_assignee on report_triage (assignee_id) where status <> 'CLOSED';
create index report_triage_by_duplicate on report_triage (duplicate_of) where duplicate_of is not null;

-- Related reports. A link is symmetric, so it is stored once with the smaller id first.
create table report_link (
    report_a   uuid        not null references report (id) on delete cascade,
    report_b   uuid        not null references report (id) on delete cascade,
    note       text,
    created_by uuid        not null references app_user (id),
    created_at timestamptz not null,
    primary key (report_a, report_b),
    constraint report_link_ordered check (report_a < report_b)
);
create index report_link_by_b on report_link (report_b);

create table report_triage_note (
    id         uuid        primary key,
    report_id  uuid        not null references report (id) on delete cascade,
    author_id  uuid        not null references app_user (id),
    body       text        not null,
    created_at timestamptz not null
);
create index report_triage_note_by_report on report_triage_note (report_id, created_at);

-- Coordination cases (JPCERT/CC-like incident-response support). Human numbers CASE-2026-0001 count per
-- calendar year, like report numbers.
create table case_number (
    year int primary key,
    last int not null
);

-- "case" is an SQL keyword, hence the longer name.
create table coordination_case (
    id               uuid        primary key,
    number           text        not null unique,
    title            text        not null,
    owner_org_id     uuid        not null references organisation (id),
    status           text        not null check (status in ('OPEN', 'CLOSED')),
    closure_summary  text,
    opened_by        uuid        not null references app_user (id),
    opened_at        timestamptz not null,
    closed_by        uuid        references app_user (id),
    closed_at        timestamptz,
    updated_at       timestamptz not null,
    -- Nobody closes a case without saying how it ended; reopening keeps the last summary for the record.
    constraint case_closed_with_summary check (status = 'OPEN' or (closure_summary is not null and closed_at is not null))
);
create index coordination_case_by_owner on coordination_case (owner_org_id, status);

-- Who may see a case follows from its reports (see CaseAccess): every case has at least one.
create table case_report (
    case_id    uuid        not null references coordination_case (id) on delete cascade,
    report_id  uuid        not null references report (id) on delete cascade,
    linked_by  uuid        not null references app_user (id),
    linked_at  timestamptz not null,
    primary key (case_id, report_id)
);
create index case_report_by_report on case_report (report_id);

create table case_task (
    id          uuid        primary key,
    case_id     uuid        not null references coordination_case (id) on delete cascade,
    title       text        not null,
    owner_id    uuid        references app_user (id),
    due_on      date,
    done_at     timestamptz,
    done_by     uuid        references app_user (id),
    created_by  uuid        not null references app_user (id),
    created_at  timestamptz not null
);
create index case_task_by_case on case_task (case_id, created_at);

create table case_contact (
    id             uuid        primary key,
    case_id        uuid        not null references coordination_case (id) on delete cascade,
    name           text        not null,
    organisation   text,
    -- ISO 3166-1 alpha-2, upper case.
    country        text        check (country ~ '^[A-Z]{2}$'),
    channel        text        not null check (channel in ('EMAIL', 'PHONE', 'ENCRYPTED_EMAIL', 'OTHER')),
    address        text,
    foreign_csirt  boolean     not null default false,
    created_by     uuid        not null references app_user (id),
    created_at     timestamptz not null
);
create index case_contact_by_case on case_contact (case_id);

create table case_log (
    id         uuid        primary key,
    case_id    uuid        not null references coordination_case (id) on delete cascade,
    author_id  uuid        not null references app_user (id),
    body       text        not null,
    created_at timestamptz not null
);
create index case_log_by_case on case_log (case_id, created_at);

-- Evidence files live under the data directory (evidence/<year>/<id>), never the web root; only metadata here.
create table case_evidence (
    id           uuid        primary key,
    case_id      uuid        not null references coordination_case (id) on delete cascade,
    file_name    text        not null,
    description  text,
    content_type text        not null,
    size_bytes   bigint      not null,
    sha256       text        not null,
    storage_key  text        not null unique,
    uploaded_by  uuid        not null references app_user (id),
    uploaded_at  timestamptz not null
);
create index case_evidence_by_case on case_evidence (case_id);
