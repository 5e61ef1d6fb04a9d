#!/usr/bin/env bash
# Adds a migration for one module on both providers.
# Usage: eng/add-migration.sh <project dir> <context base name> <MigrationName>
#   e.g. eng/add-migration.sh src/Modules/Parties/Tandem.Parties PartiesDb AddTags
set -euo pipefail
project="$1"; context="$2"; name="$3"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build "$project" >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build --project "$project" --startup-project "$project" \
    --context "${context}${provider}" --output-dir "Data/Migrations/${provider}"
done
