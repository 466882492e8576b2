#pragma once

#include "DatabaseError.h"

#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <functional>

namespace foyer::storage {

// Applies db/local/NNNN_name.sql in order, each in one transaction, and records the version in PRAGMA user_version.
// Works on any Qt Sql SQLite-family connection (QSQLCIPHER, and QSQLITE for the benchmark's baseline).
class Migrator
{
public:
    // migrationsDir holds NNNN_name.sql files; the default is the set compiled into the binary.
    explicit Migrator(QSqlDatabase db, QString migrationsDir = QStringLiteral(":/db/local"));

    // Work a migration needs done in C++ (derived data such as search keys), run inside that migration's
    // transaction after its SQL and before its user_version: if the step fails, the whole migration rolls back and
    // runs again, step included, on the next open. A step sees the schema as of its version.
    using Step = std::function<bool(QSqlDatabase db, QString* error)>;
    void addStep(int version, Step step);

    int currentVersion() const;
    int latestVersion() const;
    bool migrate(DatabaseError* error);
    // The version the database had before migrate() ran (-1 before it ran).
    int versionBefore() const { return m_versionBefore; }

private:
    struct Migration
    {
        int version;
        QString path;
    };
    QList<Migration> migrations() const;
    // The capture triggers (SyncCapture) match the schema: reinstalled, in one transaction, when they do not.
    bool ensureCaptureTriggers(DatabaseError* error);

    QSqlDatabase m_db;
    QString m_dir;
    QMap<int, Step> m_steps;
    int m_versionBefore = -1;
};

} // namespace foyer::storage
