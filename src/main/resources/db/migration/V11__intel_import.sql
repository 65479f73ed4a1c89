-- Bulk import of STIX 2.1 bundles and MISP events into intel collections (module `intel`). An upload is spooled
-- to a file and loaded by a job that any node may claim (select ... for update skip locked, then a lease), one
-- transaction per batch. Each batch commits together with the progress row, so after a crash the job resumes at
-- objects_read and nothing is stored twice or lost.

create table intel_import (
    id              uuid        primary key,
    user_id         uuid        not null references app_user (id) on delete cascade,
    organisation_id uuid        not null references organisation (id) on delete cascade,
    collection_id   uuid        not null references intel_collection (id) on delete cascade,
    format          text        not null check (format in ('stix-bundle', 'misp')),
    file_name       text        not null,
    file_size       bigint      not null,
    status          text        not null check (status in ('queued', 'running', 'completed', 'failed')),
    created_at      timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    -- Who holds the job: a token per claim, valid until lease_until. A batch commits only while its claim holds,
    -- so a node that lost its lease (paused, partitioned) cannot commit behind the node that took over.
    claim_token     uuid,
    lease_until     timestamptz,
    attempts        int         not null default 0,
    -- Counted by the upload's structural check; null until known.
    objects_total   bigint,
    -- Objects consumed in committed batches: where a resumed job starts reading.
    objects_read    bigint      not null default 0,
    objects_stored  bigint      not null default 0,
    duplicates      bigint      not null default 0,
    rejected        bigint      not null default 0,
    batches_done    int         not null default 0,
    -- Problems beyond the listed ones are counted in rejected only (an import of a million broken objects must
    -- not write a million error rows).
    errors_listed   int         not null default 0,
    failure         text
);
create index intel_import_by_user on intel_import (user_id, created_at desc);
create index intel_import_open on intel_import (created_at) where status in ('queued', 'running');

-- The per-object error report of an import.
create table intel_import_error (
    seq        bigint      generated always as identity primary key,
    import_id  uuid        not null references intel_import (id) on delete cascade,
    -- 0-based position of the object in the bundle's objects (or in the converted MISP event).
    position   bigint      not null,
    object_id  text,
    property   text        not null,
    message    text        not null
);
create index intel_import_error_by_import on intel_import_error (import_id, seq);
