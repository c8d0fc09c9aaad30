-- A partner can be bound to a single sign-on provider (a client registration id) and an email
-- domain, as a company can: people with a verified address at the domain join it at their first
-- sign-in there, and its members sign in only there. One provider and domain has one partner.
alter table partner add column sso_provider text;
alter table partner add column sso_domain text;
alter table partner add constraint partner_sso_bound_check
    check ((sso_provider is null) = (sso_domain is null));
create unique index partner_sso_idx on partner (sso_provider, sso_domain);
