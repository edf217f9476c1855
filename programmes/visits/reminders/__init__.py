"""Reminders of visits and milestones, by e-mail, each sent once.

- `offsets`: a rule's durations, as coordinators type them and as e-mails say them;
- `sweeping`: beat's sweep, network by network inside each one's scope: what is due, recorded as
  deliveries, then claimed across networks (the one unscoped step) and queued;
- `sending`: one delivery sent by the one task copy that claims it; `emails`: its message;
- `tasks`: the Celery entry points (registered under their old `programmes.visits.tasks` names);
- `views`, `forms`, `selectors`: the coordinators' page of rules and failed reminders, and the
  reads it and the visit page share.

The rules themselves are saved by `visits.services` (save_rule, delete_rule, ensure_default_rules).
"""
