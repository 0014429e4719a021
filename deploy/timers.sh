#!/bin/sh
# The scheduled jobs of the README in a container without cron: workflow_timers and publish_scheduled every
# minute, the others once a day at their hour (Asia/Shanghai). Each command is idempotent, so a restart may run one again.
set -u
export TZ=Asia/Shanghai
while true; do
  python manage.py workflow_timers
  python manage.py publish_scheduled
  case "$(date +%H:%M)" in
    07:30)
      python manage.py request_reminders
      [ "$(date +%u)" -le 5 ] && python manage.py check_breaches ;;
    08:00)
      python manage.py calendar_reminder ;;
    03:00)
      python manage.py purge_intake_uploads ;;
  esac
  sleep $((60 - $(date +%S)))
done
