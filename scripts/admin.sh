#!/usr/bin/env bash
# `npm run admin -- <command>`: manage the three system accounts (三员) from the server's command line.
#   npm run admin -- list
#   npm run admin -- reset-password <username>      prints a one-time password, changed at next login
#   npm run admin -- unlock <username>              clears the login throttles
#   npm run admin -- disable <username> | enable <username>
#   npm run admin -- create <system_admin|security_admin|audit_admin> <username> [display name]
# Reads the server's configuration: DATABASE_URL (PostgreSQL) or ZX_DATA_DIR (SQLite, ./data),
# ZX_DB_SCHEMA, ZX_FIELD_KEY / ZX_FIELD_KEY_FILE. Every command writes an audit row.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh

command -v node >/dev/null 2>&1 || zx_die "Node.js 20.19+ is required (node not found)"
zx_ensure_npm_deps >&2

exec node --import tsx packages/server/src/accounts/admin-cli.ts "$@"
