#!/usr/bin/env bash
# Oranje's production install on Debian 12 with PostgreSQL (docs/operations.md, "Install on
# a Debian server"). Run as root from the source checkout:  sudo deploy/install.sh
#
# Safe to run again: it is also how a new version is installed. It never overwrites the
# environment file, and keeps the virtual environment, the data and the backups.
#
#   /opt/oranje/venv            the application, its pinned dependencies (deploy/requirements.txt)
#   /etc/oranje/oranje.env      settings and secrets (0640 root:oranje), from oranje.env.example
#   /var/lib/oranje             ORANJE_DATA_DIR: uploads, collected static files
#   /var/backups/oranje         ORANJE_BACKUP_DIR
#   /usr/local/bin/oranje       the management command, run as user oranje with the settings
#                               (`oranje web`: gunicorn as oranje-web.service runs it)
#   /etc/systemd/system/        oranje-web.service, oranje-worker.service (deploy/systemd/)
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: deploy/install.sh [options]

  --prefix DIR          install every path under DIR (for tests: DIR/opt/oranje/venv, …)
  --database-url URL    the DATABASE_URL written into a new environment file (ignored when
                        the file exists; put a URL with a password into the file instead)
  --no-apt              do not install Debian packages (python3-venv, postgresql-client)
  --no-systemd          do not install, enable or restart the systemd units
  --no-user             no system user: files belong to, and commands run as, the current user
  -h, --help            this text
EOF
}

STEP="start"
say() { printf '==> [%3ds] %s\n' "$SECONDS" "$*"; }
step() {
  STEP="$*"
  say "$@"
}
fail() {
  printf 'install.sh: %s\n' "$*" >&2
  exit 1
}
# Any other command that fails stops the install (set -e) with one line naming the step.
trap 'status=$?; printf "install.sh: stap mislukt / step failed (exit %s): %s\n" "$status" "$STEP" >&2' ERR

PREFIX=""
DATABASE_URL_ARG=""
APT=1
SYSTEMD=1
SYSTEM_USER=1
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="${2:?--prefix needs a directory}"; shift 2 ;;
    --prefix=*) PREFIX="${1#*=}"; shift ;;
    --database-url) DATABASE_URL_ARG="${2:?--database-url needs a URL}"; shift 2 ;;
    --database-url=*) DATABASE_URL_ARG="${1#*=}"; shift ;;
    --no-apt) APT=0; shift ;;
    --no-systemd) SYSTEMD=0; shift ;;
    --no-user) SYSTEM_USER=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "onbekende optie / unknown option: $1" ;;
  esac
done

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$SOURCE/pyproject.toml" ] && [ -f "$SOURCE/deploy/requirements.txt" ] ||
  fail "start het vanuit een Oranje-checkout / run it from an Oranje source checkout ($SOURCE)"
if [ -n "$PREFIX" ]; then
  mkdir -p "$PREFIX"
  PREFIX="$(cd "$PREFIX" && pwd)"
fi
VENV="$PREFIX/opt/oranje/venv"
ETC_DIR="$PREFIX/etc/oranje"
ENV_FILE="$ETC_DIR/oranje.env"
DATA_DIR="$PREFIX/var/lib/oranje"
BACKUP_DIR="$PREFIX/var/backups/oranje"
UNIT_DIR="$PREFIX/etc/systemd/system"
COMMAND="$PREFIX/usr/local/bin/oranje"

if [ "$SYSTEM_USER" = 1 ]; then
  RUN_USER=oranje
  RUN_GROUP=oranje
else
  RUN_USER="$(id -un)"
  RUN_GROUP="$(id -gn)"
fi
if [ "$(id -u)" != 0 ]; then
  [ "$APT" = 0 ] && [ "$SYSTEM_USER" = 0 ] && { [ "$SYSTEMD" = 0 ] || [ -n "$PREFIX" ]; } ||
    fail "draai als root (sudo), of met --no-apt --no-user --no-systemd / run as root, or with --no-apt --no-user --no-systemd"
fi

if [ "$APT" = 1 ]; then
  step "Debian packages: python3-venv, postgresql-client"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq python3 python3-venv postgresql-client ca-certificates >/dev/null
fi
command -v python3 >/dev/null || fail "python3 ontbreekt / python3 is missing (apt-get install python3-venv)"

if [ "$SYSTEM_USER" = 1 ] && ! getent passwd oranje >/dev/null; then
  step "system user oranje (no login shell)"
  useradd --system --user-group --home-dir /var/lib/oranje --no-create-home \
    --shell /usr/sbin/nologin --comment "Oranje" oranje
fi

step "directories"
install -d -m 0755 "$PREFIX/opt/oranje" "$(dirname "$COMMAND")"
install -d -m 0750 -o "$RUN_USER" -g "$RUN_GROUP" "$DATA_DIR" "$BACKUP_DIR"
install -d -m 0750 -o "$(id -un)" -g "$RUN_GROUP" "$ETC_DIR"

step "virtual environment $VENV (pinned dependencies from deploy/requirements.txt)"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
PIP=("$VENV/bin/pip" --disable-pip-version-check --no-input --quiet install)
[ "$(id -u)" = 0 ] && PIP+=(--root-user-action=ignore)
"${PIP[@]}" --require-hashes -r "$SOURCE/deploy/requirements.txt"
# The application itself, without dependencies: they are exactly the hashed ones above.
"${PIP[@]}" --no-deps --force-reinstall "$SOURCE"
"$VENV/bin/pip" --disable-pip-version-check check >/dev/null ||
  fail "afhankelijkheden kloppen niet / dependencies do not fit: $VENV/bin/pip check"

# A .new left by an interrupted run would make the next write fail: it was never in use.
rm -f "$ENV_FILE.new"
if [ -e "$ENV_FILE" ]; then
  step "environment file $ENV_FILE exists: kept as it is"
  [ -z "$DATABASE_URL_ARG" ] || grep -qxF "DATABASE_URL=$DATABASE_URL_ARG" "$ENV_FILE" ||
    say "let op / note: --database-url ignored, the file's DATABASE_URL stays (edit the file to change it)"
else
  step "environment file $ENV_FILE (new secret key)"
  # Written by Python so the secret appears in no command line; 0640, readable by the service.
  (
    umask 077
    ORANJE_INSTALL_DATABASE_URL="$DATABASE_URL_ARG" ORANJE_INSTALL_DATA_DIR="$DATA_DIR" \
      ORANJE_INSTALL_BACKUP_DIR="$BACKUP_DIR" "$VENV/bin/python" -I - \
      "$SOURCE/deploy/oranje.env.example" "$ENV_FILE.new" <<'PY'
import os
import secrets
import sys

source, target = sys.argv[1], sys.argv[2]
values = {
    "ORANJE_SECRET_KEY": secrets.token_urlsafe(50),
    "ORANJE_DATA_DIR": os.environ["ORANJE_INSTALL_DATA_DIR"],
    "ORANJE_BACKUP_DIR": os.environ["ORANJE_INSTALL_BACKUP_DIR"],
}
if os.environ["ORANJE_INSTALL_DATABASE_URL"]:
    values["DATABASE_URL"] = os.environ["ORANJE_INSTALL_DATABASE_URL"]
lines = []
with open(source, encoding="utf-8") as example:
    for line in example:
        key = line.split("=", 1)[0]
        if not line.startswith("#") and key in values:
            line = f"{key}={values.pop(key)}\n"
        lines.append(line)
if values:
    raise SystemExit(f"{source} lacks {', '.join(values)}")
with open(target, "x", encoding="utf-8") as out:
    out.writelines(lines)
PY
  )
  chown "$(id -un):$RUN_GROUP" "$ENV_FILE.new"
  chmod 0640 "$ENV_FILE.new"
  mv "$ENV_FILE.new" "$ENV_FILE"
fi
# On every run: the file holds the secret key and the database password.
if [ "$SYSTEM_USER" = 1 ]; then chown "root:$RUN_GROUP" "$ENV_FILE"; fi
chmod 0640 "$ENV_FILE"

step "command $COMMAND"
# Reads the environment file literally, as systemd does (no shell expansion of $ or `), and
# runs the management command as the service's user.
cat >"$COMMAND.new" <<EOF
#!/usr/bin/env bash
# Oranje's management command with the production settings (installed by deploy/install.sh).
set -euo pipefail
if [ ! -r "$ENV_FILE" ]; then
  echo "oranje: $ENV_FILE is niet leesbaar: gebruik sudo / is not readable: use sudo" >&2
  exit 1
fi
while IFS= read -r line || [ -n "\$line" ]; do
  case "\$line" in '' | '#'* | ';'*) continue ;; esac
  value="\${line#*=}"
  if [[ \$value == \\"*\\" || \$value == \\'*\\' ]]; then value="\${value:1:\${#value}-2}"; fi
  export "\${line%%=*}=\$value"
done <"$ENV_FILE"
cd "$DATA_DIR"
program=("$VENV/bin/oranje")
# \`oranje web\`: gunicorn as oranje-web.service starts it, for an install without systemd.
if [ "\${1:-}" = web ]; then
  shift
  program=("$VENV/bin/gunicorn" -c python:oranje.gunicorn_config --bind 127.0.0.1:8000
    --access-logfile - oranje.wsgi)
fi
if [ "\$(id -un)" != "$RUN_USER" ]; then
  exec runuser -u "$RUN_USER" -- "\${program[@]}" "\$@"
fi
exec "\${program[@]}" "\$@"
EOF
chmod 0755 "$COMMAND.new"
mv "$COMMAND.new" "$COMMAND"

step "database connection (DATABASE_URL in $ENV_FILE)"
# One clear line instead of two tracebacks (migrate, collectstatic) when the database is not
# reachable, e.g. on the first run, before the password is in the file. Exit status 3: the
# probe ran and the connection failed; anything else: the settings did not load.
probe='import sys
from django.db import connection
try:
    connection.ensure_connection()
except Exception as exc:
    reason = " ".join(str(exc).split()).rstrip(".") or type(exc).__name__
    password = connection.settings_dict.get("PASSWORD") or ""
    print(reason.replace(password, "***") if password else reason)
    sys.exit(3)'
if ! probed="$("$COMMAND" shell -v 0 -c "$probe" 2>&1)"; then
  reason="$(printf '%s\n' "$probed" | grep -E '^[A-Za-z_][A-Za-z0-9_.]*(Error|Exception|Configured): ' | tail -n 1 || true)"
  [ -n "$reason" ] || reason="$(printf '%s\n' "$probed" | grep -v '^[[:space:]]*$' | tail -n 1)"
  # Never a password: user:password@ in a URL that an error repeats becomes user:***@.
  reason="$(printf '%s' "$reason" | sed -E 's#(://[^:/@]*:)[^@]*@#\1***@#g')"
  reason="${reason%.}"
  fail "De database is niet bereikbaar: $reason. Zet DATABASE_URL in $ENV_FILE (of geef --database-url) en draai install.sh opnieuw. / The database is not reachable: $reason. Set DATABASE_URL in $ENV_FILE (or give --database-url) and run install.sh again."
fi

step "database migrations"
"$COMMAND" migrate --noinput
step "static files into $DATA_DIR/static"
"$COMMAND" collectstatic --noinput -v0

if [ "$SYSTEMD" = 1 ]; then
  step "systemd units in $UNIT_DIR"
  install -d -m 0755 "$UNIT_DIR"
  for unit in "$SOURCE"/deploy/systemd/*.service "$SOURCE"/deploy/systemd/*.timer \
    "$SOURCE"/deploy/*.service "$SOURCE"/deploy/*.timer; do
    [ -e "$unit" ] || continue
    sed -e "s#/opt/oranje/venv#$VENV#g" -e "s#/etc/oranje#$ETC_DIR#g" \
      -e "s#/var/lib/oranje#$DATA_DIR#g" -e "s#/var/backups/oranje#$BACKUP_DIR#g" \
      -e "s#/usr/local/bin/oranje#$COMMAND#g" \
      -e "s#^User=oranje\$#User=$RUN_USER#" -e "s#^Group=oranje\$#Group=$RUN_GROUP#" \
      "$unit" >"$UNIT_DIR/$(basename "$unit").new"
    chmod 0644 "$UNIT_DIR/$(basename "$unit").new"
    mv "$UNIT_DIR/$(basename "$unit").new" "$UNIT_DIR/$(basename "$unit")"
  done
  if [ -z "$PREFIX" ]; then
    systemctl daemon-reload
    timers=()
    for timer in "$UNIT_DIR"/oranje-*.timer; do
      if [ -e "$timer" ]; then timers+=("$(basename "$timer")"); fi
    done
    systemctl enable oranje-web.service oranje-worker.service "${timers[@]}"
    # A new version takes over now; on the first install this starts them.
    systemctl restart oranje-web.service oranje-worker.service
    [ ${#timers[@]} -eq 0 ] || systemctl restart "${timers[@]}"
  fi
fi

# Last, so that the worker started above counts: with Type=notify, `systemctl restart`
# returns once the worker's first heartbeat is in the database.
step "deployment checks (oranje check --deploy)"
if ! "$COMMAND" check --deploy; then
  say "let op / note: the checks above found problems: fix them in $ENV_FILE, then run 'oranje check --deploy' again"
fi

say "klaar / done. Next: '$COMMAND createadmin --username NAME --email ADDRESS' (first install),"
say "the reverse proxy (deploy/nginx/oranje.conf), and $ENV_FILE's mail and SMS settings."
