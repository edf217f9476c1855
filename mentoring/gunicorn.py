"""gunicorn's configuration in the image, read from the environment like the settings.

WEB_BIND (default 0.0.0.0:8000) is where a web container listens. WEB_REUSE_PORT=true lets
several web containers that share one network namespace (host networking, as in CI) listen on
the same address: the kernel spreads connections between them. WEB_CONCURRENCY is gunicorn's own
worker count (default 3). Access lines go to stdout, one per request, like every other log line.
"""

import os

bind = [os.environ.get("WEB_BIND", "0.0.0.0:8000")]
reuse_port = os.environ.get("WEB_REUSE_PORT", "false").lower() in {"1", "true", "yes"}
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
accesslog = "-"
errorlog = "-"
# The forwarded-for address (set by the proxy) rather than the proxy's own.
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# The proxy in front is the only client; it sets X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
# gunicorn 27's control socket (for `gunicornc`) is not used, and /app is not writable by the
# unprivileged user: it only logged "Permission denied" at every start.
control_socket_disable = True
