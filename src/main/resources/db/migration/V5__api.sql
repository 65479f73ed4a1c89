-- Why: a client that retries a POST after a timeout must get the first answer back, not a second
-- organisation or a second invitation e-mail. The key is the client's, scoped to the user and the
-- endpoint; the row is written in the same transaction as the change, so a failed request frees it.
create table idempotency_key (
    user_id        uuid        not null references app_user (id) on delete cascade,
    endpoint       text        not null,
    idem_key       text        not null,
    request_hash   text        not null,
    response_status int,
    response_body  text,
    created_at     timestamptz not null,
    primary key (user_id, endpoint, idem_key)
);
create index idempotency_key_by_age on idempotency_key (created_at);

