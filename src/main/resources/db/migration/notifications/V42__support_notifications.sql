-- What support tells customers and agents: an agent's reply (which the customer may answer
-- by mail: the mail says where, and is threaded), a solved ticket with its survey, and a
-- breached service level (to the agent).
alter table mail_message add column reply_to text;
alter table mail_message add column message_key text;
alter table mail_message add column in_reply_to text;

insert into notification_rule (event, kind, template, email, in_app) values
    ('ticket.replied',  'TICKET_REPLIED', 'ticketReplied',  true, true),
    ('ticket.solved',   'TICKET_REPLIED', 'ticketSolved',   true, true),
    ('ticket.breached', 'TICKET_BREACHED', 'ticketBreached', false, true);
