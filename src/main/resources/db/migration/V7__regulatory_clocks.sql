-- Regulatory clocks (module `reporting`). Regimes are data, not code: a law that changes gets a new version row
-- with its effective date, and a report follows the version in force when its organisation became aware of the
-- event, so past reports keep the deadlines that applied to them.

create table regime (
    code     text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name_ja  text not null,
    name_en  text not null,
    -- Calendar offsets (P1M) are counted in this zone, so "one month" and DST follow the regime's own law.
    zone     text not null,
    position int  not null
);

create table regime_version (
    regime_code    text not null references regime (code),
    -- A local date in the regime's zone; the version applies to reports whose aware time is on or after it.
    effective_from date not null,
    basis_ja       text not null,
    basis_en       text not null,
    primary key (regime_code, effective_from)
);

create table regime_rule (
    regime_code    text    not null,
    effective_from date    not null,
    milestone      text    not null check (milestone ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    position       int     not null,
    name_ja        text    not null,
    name_en        text    not null,
    -- What the deadline runs from: the aware time, the ransom payment, or an earlier milestone of the same
    -- version (its submission when met, its due time while not).
    anchor         text    not null check (anchor in ('AWARE', 'RANSOM_PAID') or anchor ~ '^MILESTONE:[A-Z][A-Z0-9_]*$'),
    -- PT<n>H / PT<n>M are exact durations; P<n>D / P<n>M / P<n>Y are calendar periods in the regime's zone.
    -- Null: an obligation without a deadline (shown on the regimes page, never a clock).
    due_offset     text    check (due_offset ~ '^(PT[0-9]+[HM]|P[0-9]+[DMY])$'),
    -- A target the regime asks for without a legal deadline (the Japanese "promptly").
    soft           boolean not null,
    -- SUBMISSION:<n> the n-th submission; FINAL the final report; RANSOM_REPORT the first submission saying the
    -- ransom was paid. A final report also meets any SUBMISSION:<n> not yet met: nothing can follow it.
    satisfied_by   text    not null check (satisfied_by in ('FINAL', 'RANSOM_REPORT') or satisfied_by ~ '^SUBMISSION:[1-9][0-9]*$'),
    -- How the deadline reads where a bare offset would mislead, e.g. 速やかに（目安 24 時間）.
    due_text_ja    text,
    due_text_en    text,
    primary key (regime_code, effective_from, milestone),
    unique (regime_code, effective_from, position),
    foreign key (regime_code, effective_from) references regime_version (regime_code, effective_from)
);

-- Which regimes an organisation reports under. No rows: the Japanese default alone.
create table organisation_regime (
    organisation_id uuid not null references organisation (id) on delete cascade,
    regime_code     text not null references regime (code),
    primary key (organisation_id, regime_code)
);

-- The clocks of every submitted report, derived from its versions and its organisation's regimes and rewritten
-- on each submission and regime change. Only an index for the dashboard and the escalation job: the report
-- page recomputes clocks from the source. A migration adding a regime version must delete the rows it affects.
create table report_clock (
    report_id     uuid        not null references report (id) on delete cascade,
    regime_code   text        not null references regime (code),
    milestone     text        not null,
    due_at        timestamptz not null,
    nearly_due_at timestamptz not null,
    met_at        timestamptz,
    primary key (report_id, regime_code, milestone)
);
create index report_clock_open on report_clock (nearly_due_at) where met_at is null;

-- One row per escalation sent; the primary key makes each (clock, level) escalate once, whichever node claims it.
create table report_clock_escalation (
    report_id    uuid        not null references report (id) on delete cascade,
    regime_code  text        not null,
    milestone    text        not null,
    level        text        not null check (level in ('NEARLY_DUE', 'OVERDUE')),
    due_at       timestamptz not null,
    escalated_at timestamptz not null,
    primary key (report_id, regime_code, milestone, level)
);

insert into regime (code, name_ja, name_en, zone, position) values
    ('JP', '日本（重要インフラ行動計画の情報連絡）', 'Japan (Action Plan information liaison)', 'Asia/Tokyo', 1),
    ('EU_NIS2', 'EU NIS2 指令 第23条', 'EU NIS2 Directive, Article 23', 'Europe/Brussels', 2),
    ('US_CIRCIA', '米国 CIRCIA', 'US CIRCIA', 'America/New_York', 3);

-- JP: the Action Plan on critical-infrastructure cybersecurity (decided 2022-06-17) asks operators to liaise
-- "promptly" (速やかに) and to keep the ministry informed; it sets no legal deadline. The targets are soft:
-- 24 hours for the initial report, the horizon NIS2 and most sector rules use for a first notice, and one
-- month for the final report, the ceiling of the telecom detailed accident report (30 days) and of NIS2's
-- final report, so operators under several regimes plan for one date. Updates have no deadline.
insert into regime_version (regime_code, effective_from, basis_ja, basis_en) values
    ('JP', '2022-06-17', '重要インフラのサイバーセキュリティに係る行動計画（2022年6月17日）。法定期限ではなく目安。',
     'Action Plan on the Cybersecurity of Critical Infrastructure (17 June 2022). Targets, not legal deadlines.');
insert into regime_rule (regime_code, effective_from, milestone, position, name_ja, name_en, anchor, due_offset, soft,
                         satisfied_by, due_text_ja, due_text_en) values
    ('JP', '2022-06-17', 'INITIAL', 1, '初報', 'Initial report', 'AWARE', 'PT24H', true, 'SUBMISSION:1',
     '速やかに（目安 24 時間）', 'Promptly (target 24 h)'),
    ('JP', '2022-06-17', 'UPDATE', 2, '続報', 'Updates', 'MILESTONE:INITIAL', null, true, 'SUBMISSION:2',
     '状況の進展に応じて', 'As the situation develops'),
    ('JP', '2022-06-17', 'FINAL', 3, '最終報', 'Final report', 'AWARE', 'P1M', true, 'FINAL',
     '解決後（目安 1 か月）', 'When resolved (target 1 month)');

-- EU NIS2 Article 23(4): early warning within 24 hours of becoming aware, incident notification within 72 hours,
-- final report within one month after the incident notification was submitted. Applies from 18 October 2024,
-- the date Member States had to apply their transposition.
insert into regime_version (regime_code, effective_from, basis_ja, basis_en) values
    ('EU_NIS2', '2024-10-18', 'Directive (EU) 2022/2555 第23条第4項', 'Directive (EU) 2022/2555, Article 23(4)');
insert into regime_rule (regime_code, effective_from, milestone, position, name_ja, name_en, anchor, due_offset, soft,
                         satisfied_by, due_text_ja, due_text_en) values
    ('EU_NIS2', '2024-10-18', 'EARLY_WARNING', 1, '早期警告', 'Early warning', 'AWARE', 'PT24H', false, 'SUBMISSION:1', null, null),
    ('EU_NIS2', '2024-10-18', 'NOTIFICATION', 2, 'インシデント通知', 'Incident notification', 'AWARE', 'PT72H', false,
     'SUBMISSION:2', null, null),
    ('EU_NIS2', '2024-10-18', 'FINAL', 3, '最終報告', 'Final report', 'MILESTONE:NOTIFICATION', 'P1M', false, 'FINAL', null, null);

-- US CIRCIA (6 U.S.C. 681b): a covered cyber incident within 72 hours of reasonably believing it occurred; a
-- ransom payment within 24 hours of paying. The timings are in the statute; CISA's implementing rule sets when
-- they bind, so this version starts with the proposed rule (4 April 2024) and a new version will carry the
-- final rule's date.
insert into regime_version (regime_code, effective_from, basis_ja, basis_en) values
    ('US_CIRCIA', '2024-04-04', '6 U.S.C. 681b（CISA 規則案 2024年4月4日）', '6 U.S.C. 681b (CISA proposed rule, 4 April 2024)');
insert into regime_rule (regime_code, effective_from, milestone, position, name_ja, name_en, anchor, due_offset, soft,
                         satisfied_by, due_text_ja, due_text_en) values
    ('US_CIRCIA', '2024-04-04', 'INCIDENT_REPORT', 1, '対象サイバーインシデント報告', 'Covered cyber incident report',
     'AWARE', 'PT72H', false, 'SUBMISSION:1', null, null),
    ('US_CIRCIA', '2024-04-04', 'RANSOM_PAYMENT', 2, '身代金支払い報告', 'Ransom payment report', 'RANSOM_PAID', 'PT24H',
     false, 'RANSOM_REPORT', null, null);
