#!/usr/bin/env bash
# Makes sure a PostgreSQL 15 server runs on 127.0.0.1:5432 for the tests:
# installs Debian's package when missing, starts the cluster, sets the
# password of the postgres user. Prints the connection string.
set -euo pipefail

port="${K8S_OPS_POSTGRES_PORT:-5432}"
password="${K8S_OPS_POSTGRES_PASSWORD:-postgres}"
sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd="sudo"

if ! command -v pg_ctlcluster >/dev/null || [ ! -d /usr/lib/postgresql/15 ]; then
  echo "installing PostgreSQL 15 from Debian's packages" >&2
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql-15 >&2
fi
if [ ! -d /etc/postgresql/15/main ]; then
  $sudo_cmd pg_createcluster 15 main >&2
fi
if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main" { print $4 }' | grep -q online; then
  $sudo_cmd pg_ctlcluster 15 main start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "PostgreSQL did not start on 127.0.0.1:$port" >&2; exit 1; }
$sudo_cmd su postgres -c "psql -q -p $port -c \"ALTER USER postgres PASSWORD '$password'\"" >/dev/null
echo "postgresql://postgres:$password@127.0.0.1:$port"
