# syntax=docker/dockerfile:1
# Multi-stage build of the FlagAdmin host. Run as a non-root user; data (memory store journal) under /data.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# npm brings the front-end packages (wwwroot/package.json) during the build.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /source

# Restore first, from the project files alone, so the layer is cached until dependencies change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/FlagAdmin.Core/FlagAdmin.Core.csproj src/FlagAdmin.Core/
COPY src/FlagAdmin.Storage.Memory/FlagAdmin.Storage.Memory.csproj src/FlagAdmin.Storage.Memory/
COPY src/FlagAdmin.Storage.Postgres/FlagAdmin.Storage.Postgres.csproj src/FlagAdmin.Storage.Postgres/
COPY Migrations/FlagAdmin.Migrations.csproj Migrations/
COPY src/FlagAdmin.Web/FlagAdmin.Web.csproj src/FlagAdmin.Web/
RUN dotnet restore src/FlagAdmin.Web/FlagAdmin.Web.csproj

COPY wwwroot/package.json wwwroot/package-lock.json wwwroot/
COPY wwwroot/scripts/ wwwroot/scripts/
RUN cd wwwroot && npm ci --no-audit --no-fund

COPY appsettings.json ./
COPY wwwroot/ wwwroot/
COPY src/ src/
COPY Migrations/ Migrations/
RUN dotnet publish src/FlagAdmin.Web/FlagAdmin.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
RUN groupadd --system flagadmin && useradd --system --gid flagadmin --home-dir /app --shell /usr/sbin/nologin flagadmin \
    && mkdir /data && chown flagadmin:flagadmin /data
COPY --from=build --chown=root:root /app ./
USER flagadmin
ENV ASPNETCORE_URLS=http://+:8080 \
    Store__Memory__DataFile=/data/flagadmin.journal
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "FlagAdmin.Web.dll"]
