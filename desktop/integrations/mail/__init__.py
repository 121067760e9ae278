"""Channel "email": candidate notices out through the institution's SMTP relay (smtp), and the
candidates' answers back from a mailbox polled over IMAP (replies)."""
