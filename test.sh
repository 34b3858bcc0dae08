#!/usr/bin/env bash
# The one test command. Installs what this machine lacks (.ci/install-prerequisites), builds, checks that every
# model change has its migration, then runs every test project. Arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")"

.ci/install-prerequisites
dotnet tool restore >/dev/null
dotnet build FlagAdmin.sln -v q -nologo
# Fails, naming the change, when the model differs from the latest migration's snapshot.
dotnet ef migrations has-pending-model-changes --project Migrations --startup-project src/FlagAdmin.Web --no-build
dotnet test FlagAdmin.sln --no-build "$@"
