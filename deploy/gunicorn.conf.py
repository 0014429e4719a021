"""gunicorn's settings for gongkai, from the environment (`make serve`, the systemd unit and the container).

GONGKAI_WORKERS   worker processes (default 2 × CPUs + 1)
GONGKAI_BIND      address to listen on (default 127.0.0.1:8000; in a container 0.0.0.0:8000)
GONGKAI_TIMEOUT   seconds before a silent worker is restarted (default 60: PDFs render in the request)
"""

import os

wsgi_app = "gongkai_site.wsgi:application"
workers = int(os.environ.get("GONGKAI_WORKERS") or 2 * len(os.sched_getaffinity(0)) + 1)
bind = os.environ.get("GONGKAI_BIND", "127.0.0.1:8000").split(",")
timeout = int(os.environ.get("GONGKAI_TIMEOUT", "60"))
# Each worker loads the site itself: a code change reaches every worker on `systemctl reload` (HUP).
preload_app = False
accesslog = "-"
# The response's X-Request-ID, as in the application's own log lines.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms [%({x-request-id}o)s] "%(a)s"'
