-- What billing tells customers: invoices and credit notes issued, payments and refunds
-- settled (the receipt), reminders before and after an invoice's due date, and an invoice
-- mailed again on request.
insert into notification_rule (event, kind, template, email, in_app) values
    ('invoice.issued',             'INVOICE_ISSUED',   'invoiceIssued',    true,  true),
    ('invoice.credit_note_issued', 'INVOICE_ISSUED',   'creditNoteIssued', true,  true),
    ('invoice.resent',             'INVOICE_ISSUED',   'invoiceResent',    true,  false),
    ('payment.settled',            'PAYMENT_RECEIVED', 'paymentReceived',  true,  true),
    ('refund.paid',                'REFUND_SENT',      'refundPaid',       true,  true),
    ('invoice.due_soon',           'INVOICE_REMINDER', 'invoiceDueSoon',   true,  true),
    ('invoice.overdue',            'INVOICE_REMINDER', 'invoiceOverdue',   true,  true);
