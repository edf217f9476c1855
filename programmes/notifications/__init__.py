"""Who is told what (DESIGN.md, Notifications): services of the document apps call `notify()`;
this app decides the recipients from the same rules that decide who may read the object, keeps
one row per recipient, shows them under the bell and e-mails them at once or in a daily digest."""
