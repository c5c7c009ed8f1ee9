"""Notifications (issue 17): an outbox written with the change, a dispatcher on the scheduler,
the in-app bell, e-mail over SMTP and LINE Official Account push messages."""
