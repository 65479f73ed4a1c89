-- Foundation schema: infrastructure tables the frameworks expect (sessions, event outbox, WebAuthn),
-- the identity directory and the hash-chained audit log. Later modules add their own migrations.

-- Spring Session JDBC: sessions live in PostgreSQL so any node can serve any user.
create table spring_session (
    primary_id            char(36)     not null primary key,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null references spring_session (primary_id) on delete cascade,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    primary key (session_primary_id, attribute_name)
);

-- Spring Modulith's event publication registry: our transactional outbox between modules.
create table event_publication (
    id                     uuid        not null primary key,
    listener_id            text        not null,
    event_type             text        not null,
    serialized_event       text        not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- The 14 critical-infrastructure sectors and their supervising ministries (data, not code).
create table sector (
    code        text primary key,
    position    int  not null unique,
    name_ja     text not null,
    name_en     text not null,
    ministry_ja text not null,
    ministry_en text not null
);

insert into sector (code, position, name_ja, name_en, ministry_ja, ministry_en) values
  ('ICT',         1, '情報通信',           'Information and communication',       '総務省',             'Ministry of Internal Affairs and Communications'),
  ('FINANCE',     2, '金融',               'Finance',                             '金融庁',             'Financial Services Agency'),
  ('AVIATION',    3, '航空',               'Aviation',                            '国土交通省',         'Ministry of Land, Infrastructure, Transport and Tourism'),
  ('AIRPORT',     4, '空港',               'Airports',                            '国土交通省',         'Ministry of Land, Infrastructure, Transport and Tourism'),
  ('RAILWAY',     5, '鉄道',               'Railways',                            '国土交通省',         'Ministry of Land, Infrastructure, Transport and Tourism'),
  ('ELECTRICITY', 6, '電力',               'Electricity',                         '経済産業省',         'Ministry of Economy, Trade and Industry'),
  ('GAS',         7, 'ガス',               'Gas',                                 '経済産業省',         'Ministry of Economy, Trade and Industry'),
  ('GOVERNMENT',  8, '政府・行政サービス', 'Government and administrative services', '内閣官房・総務省・各府省庁', 'Cabinet Secretariat, Ministry of Internal Affairs and Communications and all ministries'),
  ('MEDICAL',     9, '医療',               'Medical services',                    '厚生労働省',         'Ministry of Health, Labour and Welfare'),
  ('WATER',      10, '水道',               'Water supply',                        '国土交通省',         'Ministry of Land, Infrastructure, Transport and Tourism'),
  ('LOGISTICS',  11, '物流',               'Logistics',                           '国土交通省',         'Ministry of Land, Infrastructure, Transport and Tourism'),
  ('CHEMICAL',   12, '化学',               'Chemicals',                           '経済産業省',         'Ministry of Economy, Trade and Industry'),
  ('CREDIT',     13, 'クレジット',         'Credit cards',                        '経済産業省',         'Ministry of Economy, Trade and Industry'),
  ('PETROLEUM',  14, '石油',               'Petroleum',                           '経済産業省',         'Ministry of Economy, Trade and Industry');

create table organisation (
    id          uuid        primary key,
    name        text        not null,
    name_en     text,
    type        text        not null check (type in ('OPERATOR', 'SECTOR_MINISTRY', 'CEPTOAR', 'NATIONAL_CENTRE',
                                'INFORMATION_HUB', 'COORDINATOR', 'VENDOR', 'LOCAL_GOVERNMENT', 'REGULATOR',
                                'SECURITY_ORGANISATION', 'OTHER')),
    size_class  text        check (size_class in ('SMALL', 'MEDIUM', 'LARGE')),
    prefecture  text,
    require_mfa boolean     not null default false,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
-- Names identify organisations to people: no two may look the same.
create unique index organisation_name_uq on organisation (lower(name));

create table organisation_sector (
    organisation_id uuid not null references organisation (id) on delete cascade,
    sector_code     text not null references sector (code),
    primary key (organisation_id, sector_code)
);
create index organisation_sector_by_sector on organisation_sector (sector_code);

create table member_group (
    id           uuid        primary key,
    name         text        not null,
    kind         text        not null check (kind in ('CEPTOAR', 'SIG', 'SHARING_GROUP')),
    sector_code  text        references sector (code),
    description  text,
    requires_nda boolean     not null default false,
    created_at   timestamptz not null
);
create unique index member_group_name_uq on member_group (lower(name));

create table group_membership (
    group_id        uuid        not null references member_group (id) on delete cascade,
    organisation_id uuid        not null references organisation (id) on delete cascade,
    nda_accepted_on date,
    joined_at       timestamptz not null,
    primary key (group_id, organisation_id)
);
create index group_membership_by_org on group_membership (organisation_id);

create table app_user (
    id               uuid        primary key,
    organisation_id  uuid        not null references organisation (id),
    email            text        not null,
    display_name     text        not null,
    password_hash    text,
    active           boolean     not null default true,
    locale           text        check (locale in ('ja', 'en')),
    failed_attempts  int         not null default 0,
    locked_until     timestamptz,
    totp_secret      text,
    totp_enabled_at  timestamptz,
    totp_last_step   bigint,
    created_at       timestamptz not null,
    last_sign_in_at  timestamptz,
    deactivated_at   timestamptz
);
create unique index app_user_email_uq on app_user (lower(email));
create index app_user_by_org on app_user (organisation_id);

create table user_role (
    user_id uuid not null references app_user (id) on delete cascade,
    role    text not null check (role in ('PLATFORM_ADMIN', 'ORG_ADMIN', 'ANALYST', 'COORDINATOR', 'REPORTER', 'VIEWER')),
    primary key (user_id, role)
);

create table recovery_code (
    user_id   uuid        not null references app_user (id) on delete cascade,
    code_hash text        not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

-- One-time links (first-admin set-up, invitations, password resets) keep only a hash of the token.
create table setup_token (
    token_hash text        primary key,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

create table invitation (
    id              uuid        primary key,
    token_hash      text        not null unique,
    organisation_id uuid        not null references organisation (id),
    email           text        not null,
    display_name    text        not null,
    roles           text[]      not null,
    invited_by      uuid        references app_user (id),
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    accepted_at     timestamptz,
    revoked_at      timestamptz
);
create index invitation_by_org on invitation (organisation_id, created_at desc);

create table password_reset (
    token_hash text        primary key,
    user_id    uuid        not null references app_user (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

create table api_token (
    id           uuid        primary key,
    user_id      uuid        not null references app_user (id) on delete cascade,
    name         text        not null,
    token_prefix text        not null,
    token_hash   text        not null unique,
    scopes       text[]      not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_by_user on api_token (user_id);

-- An organisation's own identity provider; users it signs in are mapped to that organisation only.
create table oidc_provider (
    id              uuid        primary key,
    organisation_id uuid        not null references organisation (id) on delete cascade,
    registration_id text        not null unique,
    display_name    text        not null,
    issuer_uri      text        not null,
    client_id       text        not null,
    client_secret   text        not null,
    scopes          text        not null default 'openid profile email',
    email_domain    text,
    jit_provisioning boolean    not null default false,
    enabled         boolean     not null default true,
    created_at      timestamptz not null
);

create table user_oidc_link (
    provider_id uuid not null references oidc_provider (id) on delete cascade,
    subject     text not null,
    user_id     uuid not null references app_user (id) on delete cascade,
    primary key (provider_id, subject)
);

-- Spring Security WebAuthn (passkeys): layout required by its JDBC repositories.
create table user_entities (
    id           varchar(1000) not null primary key,
    name         varchar(100)  not null,
    display_name varchar(200)
);

create table user_credentials (
    credential_id                varchar(1000) not null primary key,
    user_entity_user_id          varchar(1000) not null,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null
);
create index user_credentials_by_user on user_credentials (user_entity_user_id);

-- Append-only, hash-chained audit log. Each row's hash covers its content and the previous row's
-- hash, so changing or deleting any row breaks every link after it. The trigger stops ordinary
-- updates; the chain catches whoever disables it.
create table audit_log (
    seq             bigint      primary key,
    id              uuid        not null unique,
    occurred_at     timestamptz not null,
    actor_id        uuid,
    actor_name      text,
    organisation_id uuid,
    action          text        not null,
    target_type     text,
    target_id       text,
    details         text        not null default '{}',
    ip_address      text,
    prev_hash       text        not null,
    hash            text        not null
);
create index audit_log_by_time on audit_log (occurred_at desc);
create index audit_log_by_actor on audit_log (actor_id, seq desc);
create index audit_log_by_org on audit_log (organisation_id, seq desc);
create index audit_log_by_action on audit_log (action, seq desc);

-- The chain head: one row, locked by every append so sequence numbers and hashes never fork.
create table audit_head (
    singleton boolean primary key default true check (singleton),
    seq       bigint  not null,
    hash      text    not null
);
insert into audit_head (seq, hash) values (0, repeat('0', 64));

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only();
