#include "StaffDirectoryCache.h"

#include "SqlBinding.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "Transaction.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

namespace {

// Runs one statement with its values; false with the driver's reason.
bool exec(QSqlDatabase db, const QString& sql, const QVariantList& values, QString* error)
{
    QSqlQuery q(db);
    if (!q.prepare(sql))
        return fail(error, q.lastError().text());
    return runBound(q, values, error);
}

// The first column of the first row, or a null QVariant when there is none; false when the read failed.
bool readOne(QSqlDatabase db, const QString& sql, const QVariantList& values, QVariant* value, QString* error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql) || !runBound(q, values, error))
        return fail(error, error && !error->isEmpty() ? *error : q.lastError().text());
    *value = q.next() ? q.value(0) : QVariant();
    if (q.lastError().isValid())
        return fail(error, q.lastError().text());
    return true;
}

QString lowerUsername(const QJsonObject& entry)
{
    return entry.value(QStringLiteral("username")).toString().trimmed().toLower();
}

// Capture off for the transaction: staff_user has no triggers, but moving an id rewrites rows of synced tables
// (orders, notes...) that must not become operations of their own.
class CaptureOff
{
public:
    explicit CaptureOff(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }
    bool begin(QString* error)
    {
        return exec(m_db, QStringLiteral("INSERT OR IGNORE INTO sync_applying (id) VALUES (1)"), {}, error);
    }
    bool end(QString* error) { return exec(m_db, QStringLiteral("DELETE FROM sync_applying"), {}, error); }

private:
    QSqlDatabase m_db;
};

} // namespace

StaffDirectoryCache::StaffDirectoryCache(QSqlDatabase db)
    : m_db(std::move(db))
{
}

core::StaffMember StaffDirectoryCache::memberFrom(const QJsonObject& entry)
{
    core::StaffMember member;
    member.id = entry.value(QStringLiteral("id")).toString();
    member.username = lowerUsername(entry);
    member.displayName = entry.value(QStringLiteral("display_name")).toString();
    member.email = entry.value(QStringLiteral("email")).toString();
    member.role = core::StaffMember::roleFromCode(entry.value(QStringLiteral("role")).toString());
    return member;
}

bool StaffDirectoryCache::apply(const QJsonArray& staff, QString* error)
{
    if (staff.isEmpty())
        return true;
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    CaptureOff captureOff(m_db);
    const bool ok = captureOff.begin(error) && applyWithin(staff, error) && captureOff.end(error);
    return txn.finish(ok);
}

bool StaffDirectoryCache::applyWithin(const QJsonArray& staff, QString* error)
{
    if (staff.isEmpty())
        return true;
    bool ok = true;
    QSet<QString> listed;
    for (qsizetype i = 0; ok && i < staff.size(); ++i) {
        const QJsonObject entry = staff.at(i).toObject();
        listed.insert(entry.value(QStringLiteral("id")).toString());
        ok = upsert(entry, nullptr, error);
    }
    if (!ok)
        return false;
    // Accounts only this workstation knows cannot sign their operations on a registered workstation.
    QSqlQuery q(m_db);
    QStringList unlisted;
    ok = q.exec(QStringLiteral("SELECT id FROM staff_user WHERE active = 1"));
    while (ok && q.next())
        if (!listed.contains(q.value(0).toString()))
            unlisted << q.value(0).toString();
    if (!ok || q.lastError().isValid())
        return fail(error, q.lastError().text());
    for (const QString& id : std::as_const(unlisted))
        if (!exec(m_db, QStringLiteral("UPDATE staff_user SET active = 0, updated_at = ? WHERE id = ?"),
                  {nowUtcText(), id}, error))
            return false;
    return true;
}

bool StaffDirectoryCache::storeSignedIn(const QJsonObject& serverRecord, const QString& passwordHash, QString* error)
{
    if (!passwordHash.startsWith(QLatin1String("$argon2id$")))
        return fail(error, QStringLiteral("Refusing to store a password that is not an Argon2id hash."));
    QJsonObject entry = serverRecord;
    if (!entry.contains(QStringLiteral("active")))
        entry.insert(QStringLiteral("active"), true); // the server signs in active accounts only
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    CaptureOff captureOff(m_db);
    const bool ok = captureOff.begin(error) && upsert(entry, &passwordHash, error) && captureOff.end(error);
    return txn.finish(ok);
}

bool StaffDirectoryCache::adoptPasswordVersions(const QJsonArray& staff, const QStringList& ids, QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    bool ok = true;
    for (qsizetype i = 0; ok && i < staff.size(); ++i) {
        const QJsonObject entry = staff.at(i).toObject();
        const QString id = entry.value(QStringLiteral("id")).toString();
        const QJsonValue version = entry.value(QStringLiteral("password_version"));
        if (ids.contains(id) && version.isDouble())
            ok = exec(m_db, QStringLiteral("UPDATE staff_user SET password_version = ? WHERE id = ?"),
                      {version.toInteger(), id}, error);
    }
    return txn.finish(ok) && ok;
}

bool StaffDirectoryCache::dropVerifier(const QString& username, QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const bool ok = exec(
        m_db,
        QStringLiteral("UPDATE staff_user SET password_hash = ?, updated_at = ? WHERE username = ? AND "
                       "password_hash <> ?"),
        {QString::fromLatin1(NoVerifier), nowUtcText(), username.trimmed().toLower(), QString::fromLatin1(NoVerifier)},
        error);
    return txn.finish(ok) && ok;
}

bool StaffDirectoryCache::attributeUnsignedOperations(const QString& staffId, QString* error)
{
    if (staffId.isEmpty())
        return fail(error, QStringLiteral("No staff member to attribute the operations to."));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const bool ok = exec(m_db,
                         QStringLiteral("UPDATE sync_outbox SET staff_id = ? WHERE staff_id IS NULL AND status = "
                                        "'pending'"),
                         {staffId}, error);
    return txn.finish(ok);
}

bool StaffDirectoryCache::upsert(const QJsonObject& entry, const QString* passwordHash, QString* error)
{
    const QString id = entry.value(QStringLiteral("id")).toString();
    const QString username = lowerUsername(entry);
    const QString role = entry.value(QStringLiteral("role")).toString();
    if (id.isEmpty() || username.isEmpty() ||
        core::StaffMember::roleCode(core::StaffMember::roleFromCode(role)) != role)
        return fail(error, QStringLiteral("The server's staff directory has an entry without id, username or a known "
                                          "role (%1).")
                               .arg(username.isEmpty() ? id : username));
    QString displayName = entry.value(QStringLiteral("display_name")).toString().trimmed();
    if (displayName.isEmpty())
        displayName = username;
    const QString email = entry.value(QStringLiteral("email")).toString().trimmed();
    const int active = entry.value(QStringLiteral("active")).toBool(true) ? 1 : 0;
    const QJsonValue versionValue = entry.value(QStringLiteral("password_version"));
    const QVariant version = versionValue.isDouble() ? QVariant(versionValue.toInteger()) : QVariant();

    // A local account under this username with another id: it becomes the server's account.
    QVariant other;
    if (!readOne(m_db, QStringLiteral("SELECT id FROM staff_user WHERE username = ? AND id <> ?"), {username, id},
                 &other, error))
        return false;
    if (!other.isNull() && !moveId(other.toString(), id, error))
        return false;

    QVariant existing;
    if (!readOne(m_db, QStringLiteral("SELECT id FROM staff_user WHERE id = ?"), {id}, &existing, error))
        return false;
    const QString now = nowUtcText();
    if (existing.isNull())
        return exec(m_db,
                    QStringLiteral("INSERT INTO staff_user (id, username, display_name, email, role, password_hash, "
                                   "active, created_at, updated_at, password_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                   "?, ?)"),
                    {id, username, displayName, textOrNull(email), role,
                     passwordHash ? *passwordHash : QString::fromLatin1(NoVerifier), active, now, now, version},
                    error);
    if (!exec(m_db,
              QStringLiteral("UPDATE staff_user SET username = ?, display_name = ?, email = ?, role = ?, active = ?, "
                             "deleted_at = NULL, updated_at = ? WHERE id = ?"),
              {username, displayName, textOrNull(email), role, active, now, id}, error))
        return false;
    if (passwordHash)
        return exec(m_db, QStringLiteral("UPDATE staff_user SET password_hash = ?, password_version = ? WHERE id = ?"),
                    {*passwordHash, version, id}, error);
    // The directory: a verifier made for an older password (or before versions existed), or of an account the server
    // disabled, no longer signs anyone in offline.
    if (!active && !exec(m_db, QStringLiteral("UPDATE staff_user SET password_hash = ? WHERE id = ?"),
                         {QString::fromLatin1(NoVerifier), id}, error))
        return false;
    if (version.isNull())
        return true; // a server from before password versions: nothing to compare
    return exec(m_db,
                QStringLiteral("UPDATE staff_user SET password_hash = CASE WHEN coalesce(password_version, 0) < ? THEN "
                               "? ELSE password_hash END, password_version = max(coalesce(password_version, 0), ?) "
                               "WHERE id = ?"),
                {version, QString::fromLatin1(NoVerifier), version, id}, error);
}

bool StaffDirectoryCache::moveId(const QString& from, const QString& to, QString* error)
{
    QVariant target;
    if (!readOne(m_db, QStringLiteral("SELECT password_hash FROM staff_user WHERE id = ?"), {to}, &target, error))
        return false;
    if (target.isNull()) {
        // The server's id gets a copy of the local row (its verifier too) under a placeholder username, which the
        // caller then sets to the server's once the old row is gone.
        if (!exec(m_db,
                  QStringLiteral("INSERT INTO staff_user (id, username, display_name, email, role, password_hash, "
                                 "active, created_at, updated_at, deleted_at) SELECT ?, '~moving~' || ?, "
                                 "display_name, email, role, password_hash, active, created_at, updated_at, deleted_at "
                                 "FROM staff_user WHERE id = ?"),
                  {to, to, from}, error))
            return false;
    } else if (target.toString() == QLatin1String(NoVerifier)) {
        if (!exec(m_db,
                  QStringLiteral("UPDATE staff_user SET password_hash = (SELECT password_hash FROM staff_user WHERE "
                                 "id = ?), password_version = (SELECT password_version FROM staff_user WHERE id = ?) "
                                 "WHERE id = ?"),
                  {from, from, to}, error))
            return false;
    }
    // Every column that references staff_user(id), from the schema itself, so a later migration's column is moved
    // too.
    QSqlQuery tables(m_db);
    if (!tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                    "'sqlite_%'")))
        return fail(error, tables.lastError().text());
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    if (tables.lastError().isValid())
        return fail(error, tables.lastError().text());
    QList<std::pair<QString, QString>> columns;
    for (const QString& name : std::as_const(names)) {
        QSqlQuery keys(m_db);
        // PRAGMA foreign_key_list: id, seq, table, from, to, ...
        if (!keys.exec(QStringLiteral("PRAGMA foreign_key_list(\"%1\")")
                           .arg(QString(name).replace(u'"', QStringLiteral("\"\"")))))
            return fail(error, keys.lastError().text());
        while (keys.next())
            if (keys.value(2).toString() == QLatin1String("staff_user"))
                columns.append({name, keys.value(3).toString()});
        if (keys.lastError().isValid())
            return fail(error, keys.lastError().text());
    }
    for (const auto& [table, column] : std::as_const(columns)) {
        const QString quotedTable =
            QLatin1Char('"') + QString(table).replace(u'"', QStringLiteral("\"\"")) + QLatin1Char('"');
        const QString quotedColumn =
            QLatin1Char('"') + QString(column).replace(u'"', QStringLiteral("\"\"")) + QLatin1Char('"');
        if (!exec(m_db, QStringLiteral("UPDATE %1 SET %2 = ? WHERE %2 = ?").arg(quotedTable, quotedColumn), {to, from},
                  error))
            return false;
    }
    // Operations not pushed yet carry the old id as their staff and inside their rows (ids are UUIDs: the quoted
    // text occurs nowhere else).
    const QString quotedFrom = QLatin1Char('"') + from + QLatin1Char('"');
    const QString quotedTo = QLatin1Char('"') + to + QLatin1Char('"');
    if (!exec(m_db,
              QStringLiteral("UPDATE sync_outbox SET staff_id = CASE WHEN staff_id = ? THEN ? ELSE staff_id END, "
                             "changes = replace(changes, ?, ?) WHERE status <> 'sent' AND (staff_id = ? OR "
                             "instr(changes, ?) > 0)"),
              {from, to, quotedFrom, quotedTo, from, quotedFrom}, error))
        return false;
    return exec(m_db, QStringLiteral("DELETE FROM staff_user WHERE id = ?"), {from}, error);
}

} // namespace foyer::storage
