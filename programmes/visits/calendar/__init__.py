"""Visits and milestones in people's calendars.

- `ics`: iCalendar (RFC 5545) events of visits and milestones, for a visit's .ics download, the
  reminder e-mails' attachment and the feed;
- `views`, `selectors`: each person's secret feed address, listing their visits and milestones in
  every network, and the page that renews or switches it off.

The feed's address is kept by `visits.services` (regenerate_feed, revoke_feed).
"""
