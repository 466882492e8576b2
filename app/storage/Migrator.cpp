#include "Migrator.h"

#include "SqlScript.h"
#include "SyncCapture.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

Migrator::Migrator(QSqlDatabase db, QString migrationsDir)
    : m_db(std::move(db))
    , m_dir(std::move(migrationsDir))
{
}

QList<Migrator::Migration> Migrator::migrations() const
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_[a-z0-9_]+\\.sql$"));
    QList<Migration> result;
    const QStringList names = QDir(m_dir).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString& name : names) {
        const QRegularExpressionMatch match = pattern.match(name);
        if (match.hasMatch())
            result.append({match.captured(1).toInt(), m_dir + u'/' + name});
    }
    return result;
}

void Migrator::addStep(int version, Step step)
{
    m_steps.insert(version, std::move(step));
}

int Migrator::currentVersion() const
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
        return query.value(0).toInt();
    return -1;
}

int Migrator::latestVersion() const
{
    const QList<Migration> all = migrations();
    return all.isEmpty() ? 0 : all.constLast().version;
}

bool Migrator::migrate(DatabaseError* error)
{
    const int current = currentVersion();
    m_versionBefore = current;
    if (current < 0) {
        *error = DatabaseError::make(
            DatabaseError::Kind::Other,
            QCoreApplication::translate("Migrator", "Cannot read the schema version: %1").arg(m_db.lastError().text()));
        return false;
    }
    const int latest = latestVersion();
    if (current > latest) {
        *error = DatabaseError::make(
            DatabaseError::Kind::NewerSchema,
            QCoreApplication::translate("Migrator",
                                        "This database was written by a newer Foyer (schema version %1; this Foyer "
                                        "knows up to %2). Install the newer Foyer to open it.")
                .arg(current)
                .arg(latest));
        return false;
    }
    for (const Migration& migration : migrations()) {
        if (migration.version <= current)
            continue;
        QFile file(migration.path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = DatabaseError::make(
                DatabaseError::Kind::MigrationFailed,
                QCoreApplication::translate("Migrator", "Cannot read migration %1").arg(migration.path));
            return false;
        }
        const QStringList statements = SqlScript::split(QString::fromUtf8(file.readAll()));
        if (!m_db.transaction()) {
            const QSqlError sqlError = m_db.lastError();
            *error = DatabaseError::make(sqlError.nativeErrorCode().toInt() % 256 == 13 ? DatabaseError::Kind::DiskFull
                                                                                        : DatabaseError::Kind::Other,
                                         QCoreApplication::translate("Migrator", "Cannot start migration %1: %2")
                                             .arg(migration.version)
                                             .arg(sqlError.text()));
            return false;
        }
        QSqlQuery query(m_db);
        QString failure;
        int failureCode = 0;
        // A migration's own data changes (a rebuilt table, a backfilled column) are not operations to push: the
        // capture triggers go first and come back, fitted to the new columns, after its SQL and step.
        if (!SyncCapture::dropTriggers(m_db, &failure))
            failureCode = m_db.lastError().nativeErrorCode().toInt();
        for (const QString& statement : statements) {
            if (!failure.isEmpty())
                break;
            if (!query.exec(statement)) {
                failure = query.lastError().text();
                failureCode = query.lastError().nativeErrorCode().toInt();
                break;
            }
        }
        query.finish();
        if (failure.isEmpty() && m_steps.contains(migration.version)) {
            QString stepError;
            if (!m_steps.value(migration.version)(m_db, &stepError)) {
                failure = stepError.isEmpty() ? m_db.lastError().text() : stepError;
                failureCode = m_db.lastError().nativeErrorCode().toInt();
            }
        }
        if (failure.isEmpty()) {
            QString captureError;
            const bool hasSync = SyncCapture::schemaHasSync(m_db, &captureError);
            if (captureError.isEmpty() && hasSync)
                SyncCapture::install(m_db, &captureError);
            if (!captureError.isEmpty()) {
                failure = captureError;
                failureCode = m_db.lastError().nativeErrorCode().toInt();
            }
        }
        if (failure.isEmpty() && !query.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version))) {
            failure = query.lastError().text();
            failureCode = query.lastError().nativeErrorCode().toInt();
        }
        query.finish();
        if (failure.isEmpty() && !m_db.commit()) {
            failure = m_db.lastError().text();
            failureCode = m_db.lastError().nativeErrorCode().toInt();
        }
        if (!failure.isEmpty()) {
            m_db.rollback();
            constexpr int SqliteFull = 13;
            *error = DatabaseError::make(
                failureCode % 256 == SqliteFull ? DatabaseError::Kind::DiskFull : DatabaseError::Kind::MigrationFailed,
                QCoreApplication::translate("Migrator", "Migration %1 failed and was rolled back: %2")
                    .arg(migration.version)
                    .arg(failure));
            return false;
        }
    }
    return ensureCaptureTriggers(error);
}

bool Migrator::ensureCaptureTriggers(DatabaseError* error)
{
    QString failure;
    bool current = false;
    const bool hasSync = SyncCapture::schemaHasSync(m_db, &failure);
    if (failure.isEmpty() && (!hasSync || (SyncCapture::upToDate(m_db, &current, &failure) && current)))
        return true;
    if (failure.isEmpty()) {
        if (!m_db.transaction()) {
            failure = m_db.lastError().text();
        } else if (!SyncCapture::install(m_db, &failure)) {
            m_db.rollback();
        } else if (!m_db.commit()) {
            failure = m_db.lastError().text();
            m_db.rollback();
        }
    }
    if (failure.isEmpty())
        return true;
    *error = DatabaseError::make(
        DatabaseError::Kind::MigrationFailed,
        QCoreApplication::translate("Migrator", "Cannot install the sync capture: %1").arg(failure));
    return false;
}

} // namespace foyer::storage
